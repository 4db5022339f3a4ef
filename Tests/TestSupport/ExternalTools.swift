import Foundation

/// The programs some tests use to make or check files the way users' programs do.
/// Shared by the test targets (OfficeXML's and GoalIO's). Tests that need one are skipped, with the reason in their name, when it is missing.
public enum ExternalTools {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Python 3 itself, for fixtures built with its standard library alone.
    public static let hasPython: Bool = (try? run(["/usr/bin/env", "python3", "-c", "import zipfile"]).status) == 0

    /// Python with openpyxl (`pip install openpyxl`).
    public static let hasOpenpyxl: Bool = (try? run(["/usr/bin/env", "python3", "-c", "import openpyxl"]).status) == 0

    /// Python with xlwt (`pip install xlwt`), a second writer of .xls files besides LibreOffice.
    public static let hasXlwt: Bool = (try? run(["/usr/bin/env", "python3", "-c", "import xlwt"]).status) == 0

    /// Python with xlrd (`pip install xlrd`), an independent reader of .xls files to compare with.
    public static let hasXlrd: Bool = (try? run(["/usr/bin/env", "python3", "-c", "import xlrd"]).status) == 0

    /// LibreOffice (`apt-get install libreoffice-calc libreoffice-writer`).
    public static let sofficePath: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    public static var hasSoffice: Bool { sofficePath != nil }

    /// Runs a program with its output sent to files, so large outputs cannot block on a pipe.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Writes the script into `directory` and runs it with the arguments; fails on a non-zero exit.
    public static func python(_ script: String, arguments: [String] = [], in directory: URL) throws -> String {
        let file = directory.appendingPathComponent("script-\(UUID().uuidString).py")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let output = try run(["/usr/bin/env", "python3", file.path] + arguments, in: directory)
        guard output.status == 0 else { throw ToolFailure(message: "python3 failed: \(output.stderr)") }
        return output.stdout
    }

    /// Converts with LibreOffice into `directory`, with a private profile so that parallel or
    /// earlier runs cannot lock each other out.
    /// `importFilter` picks how LibreOffice opens the input, e.g. `HTML (StarCalc)` to open a
    /// web page in Calc rather than Writer.
    public static func soffice(convert input: URL, to format: String, importFilter: String? = nil, in directory: URL) throws
        -> URL
    {
        guard let soffice = sofficePath else { throw ToolFailure(message: "soffice missing") }
        let profile = directory.appendingPathComponent("lo-profile")
        let filter = importFilter.map { ["--infilter=\($0)"] } ?? []
        let output = try run(
            [soffice, "-env:UserInstallation=file://\(profile.path)", "--headless"] + filter
                + ["--convert-to", format, "--outdir", directory.path, input.path])
        let name =
            input.deletingPathExtension().lastPathComponent + "."
            + (format.split(separator: ":").first.map(String.init) ?? format)
        let result = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: result.path) else {
            throw ToolFailure(message: "soffice did not convert: \(output.stdout) \(output.stderr)")
        }
        return result
    }

    /// Keeps a copy of a rendered file (a PDF LibreOffice printed) in `$JIXIAO_RENDER_DIR` when it is set, for
    /// `scripts/render-pack.sh` to turn into pictures a person looks at; does nothing otherwise.
    public static func keepRender(_ file: URL, as name: String) {
        guard let dir = ProcessInfo.processInfo.environment["JIXIAO_RENDER_DIR"], !dir.isEmpty else { return }
        let target = URL(fileURLWithPath: dir).appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: file, to: target)
    }

    public struct ToolFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }
}

/// A fresh temporary directory for one test, removed by the caller's `defer`.
public func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("officexml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
