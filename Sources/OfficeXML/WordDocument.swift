import Foundation

/// The text of a .docx body: paragraphs and tables in document order.
public struct WordDocument: Sendable, Equatable {
    public var blocks: [WordBlock]

    public init(blocks: [WordBlock]) {
        self.blocks = blocks
    }

    public var tables: [WordTable] {
        blocks.compactMap { if case .table(let table) = $0 { return table } else { return nil } }
    }
}

public enum WordBlock: Sendable, Equatable {
    /// A non-empty paragraph outside tables: a title, a header line, a note.
    case paragraph(String)
    case table(WordTable)
}

public struct WordTable: Sendable, Equatable {
    public var rows: [WordRow]

    public init(rows: [WordRow]) {
        self.rows = rows
    }

    /// The table as a rectangle of texts on Word's column grid: a cell spanning three grid
    /// columns (`gridSpan`) or continuing a vertical merge (`vMerge`) occupies several places.
    /// With `.fill`, every place of a merged cell gets the cell's text; with `.topLeftOnly`,
    /// only the first place does.
    public func grid(merged mode: Sheet.MergedCells = .topLeftOnly) -> [[String]] {
        var grid: [[String]] = []
        // For each grid column, the text of the vertical merge that started above, if any.
        var mergeOrigin: [Int: String] = [:]
        for row in rows {
            var line = Array(repeating: "", count: row.skippedColumns)
            for cell in row.cells {
                let start = line.count
                var text = cell.text
                switch cell.verticalMerge {
                case .restart:
                    mergeOrigin[start] = text
                case .continue:
                    text = mode == .fill ? (mergeOrigin[start] ?? "") : ""
                case .none:
                    mergeOrigin[start] = nil
                }
                for offset in 0..<max(cell.gridSpan, 1) {
                    line.append(offset == 0 || mode == .fill ? text : "")
                }
            }
            grid.append(line)
        }
        let width = grid.map(\.count).max() ?? 0
        return grid.map { $0 + Array(repeating: "", count: width - $0.count) }
    }
}

public struct WordRow: Sendable, Equatable {
    public var cells: [WordCell]
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    public var skippedColumns: Int

    public init(cells: [WordCell], skippedColumns: Int = 0) {
        self.cells = cells
        self.skippedColumns = skippedColumns
    }
}

public struct WordCell: Sendable, Equatable {
    public enum VerticalMerge: Sendable, Equatable {
        case none
        /// The first cell of a vertically merged block; it holds the text.
        case restart
        /// A cell covered by the block above; Word shows nothing of its own text.
        case `continue`
    }

    /// The cell's paragraphs, runs joined.
    public var paragraphs: [String]
    public var gridSpan: Int
    public var verticalMerge: VerticalMerge
    /// Tables nested inside the cell.
    public var tables: [WordTable]

    public init(paragraphs: [String], gridSpan: Int = 1, verticalMerge: VerticalMerge = .none, tables: [WordTable] = []) {
        self.paragraphs = paragraphs
        self.gridSpan = gridSpan
        self.verticalMerge = verticalMerge
        self.tables = tables
    }

    /// Paragraphs joined with newlines, without the empty paragraph Word keeps at a cell's end.
    public var text: String {
        var lines = paragraphs
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
