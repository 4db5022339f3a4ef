import Foundation
import TestSupport
import Testing

/// A merge's conflict markers left in a template are rendered to every user as text (a round page of
/// 运行监控 showed `<<<<<<< HEAD` for a while): no file the server, its pages or its docs read may hold one.
@Suite("合并遗留：模板、代码、文档里没有冲突标记")
struct MergeLeftoversTests {
    static let folders = ["Resources", "Public", "Sources", "Tests", "docs", "scripts"]
    static let endings = [".leaf", ".css", ".js", ".json", ".swift", ".md", ".sh", ".py"]

    @Test("没有以 <<<<<<< 或 >>>>>>> 开头的行")
    func noConflictMarkers() throws {
        let root = SharedFiles.packageRoot
        var found: [String] = []
        for folder in Self.folders {
            let base = root.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where Self.endings.contains(where: { url.lastPathComponent.hasSuffix($0) }) {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.hasPrefix("<<<<<<< ") || line.hasPrefix(">>>>>>> ") {
                    found.append("\(url.path.dropFirst(root.path.count + 1)):\(n + 1)")
                }
            }
        }
        #expect(found.isEmpty, "冲突标记：\(found.joined(separator: "、"))")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Resources/Views/base.leaf").path))
    }
}
