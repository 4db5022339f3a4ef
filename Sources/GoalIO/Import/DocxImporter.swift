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
        // Where each block's rows start, to say where a row came from in the words a Word user can
        // find (第3段, 第1个表格第5行): one entry a block, not a text a row (a table of 400,000 rows).
        var origins = Origins()
        for block in document.blocks {
            switch block {
            case .paragraph(let text):
                origins.start(.paragraph, at: grid.count)
                grid.append([text])
            case .table(let table):
                origins.start(.table, at: grid.count)
                grid += table.grid(merged: .topLeftOnly)
            }
        }
        SignoffCells.join(in: &grid)
        var result = TextTableReader.read(grid: grid)
        // The reader numbers the rows it was given; a Word document has no row numbers of its own.
        for i in result.notes.indices {
            guard let line = result.notes[i].location.line, line >= 1, line <= grid.count else { continue }
            result.notes[i].message += "（Word 文档中为\(origins.name(ofRow: line - 1))）"
        }
        return result
    }

    /// The blocks of a document in order, each with its kind, its number among blocks of its kind, and
    /// the grid row it starts on.
    struct Origins {
        enum Kind { case paragraph, table }
        private var starts: [(row: Int, kind: Kind, number: Int)] = []
        private var paragraphs = 0, tables = 0

        mutating func start(_ kind: Kind, at row: Int) {
            switch kind {
            case .paragraph: paragraphs += 1
            case .table: tables += 1
            }
            starts.append((row, kind, kind == .paragraph ? paragraphs : tables))
        }

        /// 第3段, 第1个表格第5行: the block that holds grid row `row` (0-based), found by bisection.
        func name(ofRow row: Int) -> String {
            var low = 0, high = starts.count
            while high - low > 1 {
                let mid = (low + high) / 2
                if starts[mid].row <= row { low = mid } else { high = mid }
            }
            let block = starts[low]
            switch block.kind {
            case .paragraph: return "第\(block.number)段"
            case .table: return "第\(block.number)个表格第\(row - block.row + 1)行"
            }
        }
    }
}
