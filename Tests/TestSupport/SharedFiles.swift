import Foundation

/// Paths of the files every test reads from `../shared` beside the package (never copied in).
public enum SharedFiles {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, or `$JIXIAO_SHARED` when set.
    public static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["JIXIAO_SHARED"] { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static let seeds = shared.appendingPathComponent("seeds")
    public static let seedFixtures = shared.appendingPathComponent("fixtures/seeds")
    public static let scoringFixtures = shared.appendingPathComponent("fixtures/scoring")

    /// The seed names, e.g. `000_b3337543220addae`.
    public static var seedNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    public static func files(in dir: URL, ending suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { dir.appendingPathComponent($0) }
    }

    public static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}
