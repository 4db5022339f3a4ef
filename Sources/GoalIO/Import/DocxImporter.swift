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
        for block in document.blocks {
            switch block {
            case .paragraph(let text):
                grid.append([text])
            case .table(let table):
                grid += table.grid(merged: .topLeftOnly)
            }
        }
        SignoffCells.join(in: &grid)
        return TextTableReader.read(grid: grid)
    }
}
