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

    @Test("a document of thousands of tables, written on all cores, is byte for byte the one-core document")
    func largeDocumentSameBytes() throws {
        let seeds = try SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".expected.json")
            .flatMap { try GoalDocument.decode(try SharedFiles.data($0)).tables }
        let doc = GoalDocument(
            tables: (0..<(GoalDocument.parallelEncodingThreshold * 3 + 7)).map { i in
                var t = seeds[i % seeds.count]
                t.unit = "单位\(i)"
                return t
            })
        let parallel = doc.encoded()
        #expect(parallel == Data(doc.json.serializedUTF8()))
        #expect(try GoalDocument.decode(parallel) == doc)
    }

    @Test("a document written a run of tables at a time is byte for byte the document written whole")
    func runsSameBytes() throws {
        let seeds = try SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".expected.json")
            .flatMap { try GoalDocument.decode(try SharedFiles.data($0)).tables }
        let tables = (0..<(GoalDocument.parallelEncodingThreshold + 9)).map { seeds[$0 % seeds.count] }
        // runs of one table, of a few, and one past the size written on all cores
        let cuts = [0, 1, 4, 5 + GoalDocument.parallelEncodingThreshold, tables.count]
        var bytes = GoalDocument.encodedHead()
        for k in 0..<(cuts.count - 1) {
            for part in GoalDocument.encoded(Array(tables[cuts[k]..<cuts[k + 1]]), first: k == 0) { bytes += part }
        }
        bytes += GoalDocument.encodedTail
        #expect(Data(bytes) == GoalDocument(tables: tables).encoded())
        #expect(Data(bytes) == Data(GoalDocument(tables: tables).json.serializedUTF8()))
    }

    @Test("null keys are written, not left out")
    func nullsWritten() throws {
        let t = GoalTable(
            kind: .project, year: 2023, unit: "某单位",
            indicators: [Indicator(level1: "产出指标", level2: "数量指标", name: "x", type: .atLeast, value: "1", unit: "人")])
        let text = String(decoding: GoalDocument(tables: [t]).encoded(), as: UTF8.self)
        #expect(text.contains("\"explanation\": null"))
        #expect(text.contains("\"signoff\": null"))
        #expect(text.contains("\"format\": \"goal-tables/1\""))
        #expect(!text.contains("\\u"), "Chinese is written as is")
        let keys = ["\"kind\"", "\"title\"", "\"year\"", "\"unit\"", "\"indicators\"", "\"signoff\""].map {
            text.range(of: $0)!.lowerBound
        }
        #expect(keys == keys.sorted(), "keys in the order interchange.md gives them")
    }

    @Test("hostile text is escaped where JSON requires it and reads back exactly")
    func hostileTextEscaped() throws {
        let hostile = "引号\"反斜杠\\ 换行\n回车\r制表\t\u{01}\u{1F}\u{7F} 行分隔\u{2028}段分隔\u{2029} 😀 ≥95% <script>"
        var t = GoalTable(
            kind: .project, year: 2023, unit: hostile,
            indicators: [Indicator(level1: "产出指标", level2: "数量指标", name: hostile, type: .atLeast, value: "1", unit: "人")])
        t.goal = hostile
        let data = GoalDocument(tables: [t]).encoded()
        let text = String(decoding: data, as: UTF8.self)
        let escaped = #"引号\"反斜杠\\ 换行\n回车\r制表\t\u0001\u001f"# + "\u{7F}" + #" 行分隔\u2028段分隔\u2029 😀 ≥95% <script>"#
        #expect(text.contains("\"unit\": \"\(escaped)\""))
        let again = try GoalDocument.decode(data)
        #expect(again.tables[0].unit == hostile)
        #expect(again.tables[0].goal == hostile)
        #expect(again.tables[0].indicators[0].name == hostile)
        // Foundation's own parser agrees
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        #expect(tables.first?["unit"] as? String == hostile)
    }

    @Test("bad JSON gets a Chinese message naming the path")
    func badJSON() {
        #expect(throws: InterchangeError.self) { try GoalDocument.decode(Data("{\"tables\": [".utf8)) }
        do {
            _ = try GoalDocument.decode(
                Data(#"{"format":"goal-tables/1","tables":[{"kind":"project","indicators":[{"type":"约等于"}]}]}"#.utf8))
            Issue.record("accepted a bad type")
        } catch {
            #expect(error.path == "tables[0].indicators[0].type")
            #expect(error.message.contains("指标值类型"))
        }
    }
}
