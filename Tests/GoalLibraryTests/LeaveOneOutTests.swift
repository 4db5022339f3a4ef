import Foundation
import GoalCore
import GoalLibrary
import Testing
import TestSupport

/// The measured quality of suggestions: every indicator of the seed tables and of the real tables
/// (their hand transcriptions) hidden in turn, its name given, the first suggestion compared.
@Suite("指标库：留一法")
struct LeaveOneOutTests {
    static func corpus() throws -> [(String, GoalTable)] {
        let folders = [SharedFiles.seedFixtures, SharedFiles.shared.appendingPathComponent("fixtures/real")]
        var out: [(String, GoalTable)] = []
        for folder in folders {
            for url in SharedFiles.files(in: folder, ending: ".expected.json") {
                // some transcriptions record an execution row with empty figures: not what the library reads
                var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
                json["tables"] = (json["tables"] as? [[String: Any]] ?? []).map { t in t.filter { $0.key != "execution" } }
                let doc = try GoalDocument.decode(JSONSerialization.data(withJSONObject: json))
                for (i, t) in doc.tables.enumerated() { out.append(("\(url.lastPathComponent)#\(i + 1)", t)) }
            }
        }
        return out
    }

    @Test("first choice 二级, type and unit over every indicator of the seed and real tables")
    func figures() throws {
        let tables = try Self.corpus()
        #expect(tables.count > 20)
        let one = LeaveOneOut.evaluate(tables, hiding: .indicator)
        let whole = LeaveOneOut.evaluate(tables, hiding: .table)
        say("LeaveOneOut 隐去一个指标: \(one)")
        say("LeaveOneOut 隐去整张表: \(whole)")
        if ProcessInfo.processInfo.environment["JIXIAO_LOO_MISSES"] != nil { for m in one.misses { say("    \(m)") } }
        #expect(one.indicators > 200)
        // floors: the figures as measured, so a change that makes suggestions worse fails here
        #expect(Double(one.level2) / Double(one.indicators) >= 0.5)
        #expect(Double(one.type) / Double(one.indicators) >= 0.5)
        #expect(Double(one.unit) / Double(one.indicators) >= 0.5)
    }
}

/// Printed at once (standard output is a pipe under `swift test`, and buffered).
func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
