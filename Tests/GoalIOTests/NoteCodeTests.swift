import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO

/// Import notes carry codes (issue #14): which repair happened is matched by its code, the Chinese
/// message is rendered from it, and JSON carries both.
@Suite("导入处理记录的代码")
struct NoteCodeTests {
    @Test("seed 004, the messiest of the four: its repairs and losses come out as these codes")
    func messySeedCodes() throws {
        let result = try DocumentReader.read(contentsOf: SharedFiles.seeds.appendingPathComponent("004_bc3c6be27c973c90.txt"))
        let counts = Dictionary(result.notes.map { ($0.rawCode, 1) }, uniquingKeysWith: +)
        #expect(counts["cells-realigned"] == 14, "\(counts)")
        #expect(counts["level1-inferred-not-carried"] == 4)
        #expect(counts["common-indicator-level2"] == 6)
        #expect(counts["task-content-moved"] == 3)
        #expect(counts["row-without-name"] == 2)
        #expect(counts["vertical-row-joined"] == 1)
        #expect(counts["other"] == nil, "every importer note has a code of its own")
        // the row that lost its name: the code carries what was left of it
        #expect(result.notes.contains { $0.code == .rowWithoutName(line: 27, text: "20 %") }, "\(result.notes.map(\.code))")
    }

    @Test("the message users read is rendered from the code, in the wording they know")
    func wording() {
        let note = ImportNote(.level1Inferred(line: 16, level2: "社会效益指标", inferred: "效益指标"), at: SourceLocation(line: 16))
        #expect(note.kind == .repaired)
        #expect(note.rawCode == "level1-inferred")
        #expect(note.message == "第16行一级指标为空，按二级指标“社会效益指标”推定为“效益指标”。")
        #expect(
            ImportNote.Code.hiddenRows(sheet: "项目支出", rows: Array(1...12)).message
                == "工作表“项目支出”的第1行、第2行、第3行、第4行、第5行、第6行、第7行、第8行、第9行、第10行等12行是隐藏行，未读取（打印的表上也看不到）；如需导入，请取消隐藏。")
        #expect(ImportNote.Code.monitoringPeriodMissing.kind == .unreadable)
    }

    @Test("JSON: the code beside the message; a note written before codes still reads, as code other")
    func codable() throws {
        let note = ImportNote(.cellsRealigned(line: 18, moves: ["“时效指标”→二级指标"]), at: SourceLocation(line: 18, table: 0))
        let data = try JSONEncoder().encode(note)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["code"] as? String == "cells-realigned")
        #expect(object["kind"] as? String == "repaired")
        #expect(object["message"] as? String == note.message)
        let back = try JSONDecoder().decode(ImportNote.self, from: data)
        #expect(back.rawCode == "cells-realigned" && back.kind == .repaired && back.message == note.message)
        #expect(back.location == note.location)

        let old = Data(#"{"kind":"unreadable","message":"第3行无法读取。","location":{"line":3}}"#.utf8)
        let read = try JSONDecoder().decode(ImportNote.self, from: old)
        #expect(read.code == .other(code: "other", kind: .unreadable, message: "第3行无法读取。"))
        #expect(read.message == "第3行无法读取。" && read.location.line == 3)
    }
}
