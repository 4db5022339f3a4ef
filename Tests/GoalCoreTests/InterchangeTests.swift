import Foundation
import Testing
import TestSupport
@testable import GoalCore

@Suite("交换格式 JSON")
struct InterchangeTests {
    @Test("every seed fixture reads, and JSON → model → JSON → model loses nothing")
    func roundTrip() throws {
        let files = SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".expected.json")
        #expect(files.count == 4)
        for url in files {
            let doc = try GoalDocument.decode(try SharedFiles.data(url))
            #expect(!doc.tables.isEmpty)
            let again = try GoalDocument.decode(doc.encoded())
            #expect(again == doc, "\(url.lastPathComponent)")
        }
    }

    @Test("null keys are written, not left out")
    func nullsWritten() throws {
        let t = GoalTable(kind: .project, year: 2023, unit: "某单位",
                          indicators: [Indicator(level1: "产出指标", level2: "数量指标", name: "x", type: .atLeast, value: "1", unit: "人")])
        let text = String(decoding: GoalDocument(tables: [t]).encoded(), as: UTF8.self)
        #expect(text.contains("\"explanation\": null"))
        #expect(text.contains("\"signoff\": null"))
        #expect(text.contains("\"format\": \"goal-tables/1\""))
        #expect(!text.contains("\\u"), "Chinese is written as is")
        let keys = ["\"kind\"", "\"title\"", "\"year\"", "\"unit\"", "\"indicators\"", "\"signoff\""].map { text.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted(), "keys in the order interchange.md gives them")
    }

    @Test("bad JSON gets a Chinese message naming the path")
    func badJSON() {
        #expect(throws: InterchangeError.self) { try GoalDocument.decode(Data("{\"tables\": [".utf8)) }
        do {
            _ = try GoalDocument.decode(Data(#"{"format":"goal-tables/1","tables":[{"kind":"project","indicators":[{"type":"约等于"}]}]}"#.utf8))
            Issue.record("accepted a bad type")
        } catch {
            #expect(error.path == "tables[0].indicators[0].type")
            #expect(error.message.contains("指标值类型"))
        }
    }
}
