import Foundation

/// Runs the built `jixiao` binary as a user would, capturing its output and exit code.
public enum JixiaoCLI {
    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "jixiao binary not found next to the tests (.build/debug/jixiao)" }
    }

    /// `jixiao` beside the test bundle, or in `.build/debug`.
    public static let binary: URL? = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("jixiao"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("jixiao"),
            SharedFiles.packageRoot.appendingPathComponent(".build/debug/jixiao"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Output goes to temporary files, not pipes, so a command that writes a lot to both streams
    /// cannot block on a full pipe.
    public static func run(_ args: [String], input: Data? = nil) throws -> Result {
        guard let exe = binary else { throw NotBuilt() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err"),
            inURL = dir.appendingPathComponent("in")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: inURL.path, contents: input ?? Data())
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        try p.run()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus,
            out: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A file with `contents` in a fresh temporary folder; returns its path.
    public static func temp(_ name: String, _ contents: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }
}
