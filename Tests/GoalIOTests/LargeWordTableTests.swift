import Foundation
import GoalCore
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// A Word table far past a goal table's size (issue #23): read, not refused, every row looked at.
@Suite("大型 Word 表格")
struct LargeWordTableTests {
    @Test("a .docx whose one table has 400,000 rows is read: each row is looked at and reported by its place in Word")
    func fourHundredThousandRows() throws {
        let data = try ZipWriter.data(LargeWordTable.parts(rows: 400_000))
        let result = try DocumentReader.read(data: data, name: "大表.docx")
        // the rows hold no goal table: no table, and why, naming the rows as Word shows them
        #expect(result.tables.isEmpty)
        #expect(result.notes.first?.message.contains("（Word 文档中为第1个表格第") == true)
        #expect(result.notes.contains { $0.message.contains("另有 399980 行不属于表头或指标") })
    }
}
