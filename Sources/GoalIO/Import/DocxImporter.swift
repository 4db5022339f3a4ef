import Foundation
import GoalCore
import OfficeXML

/// Reads goal tables from a .docx through the same structure recovery as pasted text. The body is
/// laid out in document order as the rows a person sees: a paragraph (title, 年度 line, sign-off
/// line) is a row of one cell; a Word table gives its rows on its column grid, a cell spanning
/// columns (`gridSpan`) or continuing a vertical merge as its top-left cell with the rest empty.
enum DocxImporter {
    static func read(_ document: WordDocument) -> ImportResult {
        var grid: [[String]] = []
        // Where each row came from, in the words a Word user can find: 第3段, 第1个表格第5行.
        var origins: [String] = []
        var paragraphs = 0, tables = 0
        for block in document.blocks {
            switch block {
            case .paragraph(let text):
                paragraphs += 1
                grid.append([text])
                origins.append("第\(paragraphs)段")
            case .table(let table):
                tables += 1
                let rows = table.grid(merged: .topLeftOnly)
                grid += rows
                origins += rows.indices.map { "第\(tables)个表格第\($0 + 1)行" }
            }
        }
        SignoffCells.join(in: &grid)
        var result = TextTableReader.read(grid: grid)
        // The reader numbers the rows it was given; a Word document has no row numbers of its own.
        for i in result.notes.indices {
            guard let line = result.notes[i].location.line, line >= 1, line <= origins.count else { continue }
            result.notes[i].message += "（Word 文档中为\(origins[line - 1])）"
        }
        return result
    }
}
