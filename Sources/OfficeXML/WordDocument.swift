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

/// A Word table, held packed: the text of all its paragraphs in one UTF-8 buffer, and a few bytes
/// a paragraph, a cell and a row to find them. A table of 400,000 rows took about 250 bytes a row as
/// rows of cells of paragraph arrays, and now takes the text and about 30 (issue #23). `rows` gives
/// the rows and cells as values, for callers that want them.
public struct WordTable: Sendable, Equatable {
    /// The cells' paragraphs, one after another.
    private var text: [UInt8] = []
    /// Where each paragraph ends in `text`.
    private var paragraphEnds: [UInt32] = []
    private var cells: [PackedCell] = []
    private var packedRows: [PackedRow] = []
    /// Tables nested in cells, by the cell's index in `cells` (rare: kept aside).
    private var nested: [Int: [WordTable]] = [:]

    private struct PackedCell: Sendable, Equatable {
        /// The index in `paragraphEnds` past the cell's last paragraph.
        var paragraphEnd: UInt32
        var gridSpan: UInt16
        var verticalMerge: WordCell.VerticalMerge
    }

    private struct PackedRow: Sendable, Equatable {
        /// The index in `cells` past the row's last cell.
        var cellEnd: UInt32
        var skippedColumns: UInt32
    }

    public init() {}

    public init(rows: [WordRow]) {
        for row in rows {
            for cell in row.cells {
                for p in cell.paragraphs { add(paragraph: p) }
                endCell(gridSpan: cell.gridSpan, verticalMerge: cell.verticalMerge, tables: cell.tables)
            }
            endRow(skippedColumns: row.skippedColumns)
        }
    }

    /// Appends a paragraph to the cell being read.
    mutating func add(paragraph: String) {
        var p = paragraph
        p.withUTF8 { text.append(contentsOf: $0) }
        paragraphEnds.append(UInt32(text.count))
    }

    /// Closes the cell being read: its paragraphs are those added since the last cell.
    mutating func endCell(gridSpan: Int, verticalMerge: WordCell.VerticalMerge, tables: [WordTable]) {
        if !tables.isEmpty { nested[cells.count] = tables }
        cells.append(
            PackedCell(
                paragraphEnd: UInt32(paragraphEnds.count), gridSpan: UInt16(clamping: gridSpan), verticalMerge: verticalMerge))
    }

    /// Closes the row being read: its cells are those closed since the last row.
    mutating func endRow(skippedColumns: Int) {
        packedRows.append(PackedRow(cellEnd: UInt32(cells.count), skippedColumns: UInt32(clamping: max(0, skippedColumns))))
    }

    public var rowCount: Int { packedRows.count }

    /// The rows and their cells as values.
    public var rows: [WordRow] {
        packedRows.indices.map { r in
            WordRow(
                cells: cellRange(row: r).map { c in
                    WordCell(
                        paragraphs: paragraphRange(cell: c).map(paragraph), gridSpan: Int(cells[c].gridSpan),
                        verticalMerge: cells[c].verticalMerge, tables: nested[c] ?? [])
                }, skippedColumns: Int(packedRows[r].skippedColumns))
        }
    }

    private func cellRange(row r: Int) -> Range<Int> {
        (r == 0 ? 0 : Int(packedRows[r - 1].cellEnd))..<Int(packedRows[r].cellEnd)
    }

    private func paragraphRange(cell c: Int) -> Range<Int> {
        (c == 0 ? 0 : Int(cells[c - 1].paragraphEnd))..<Int(cells[c].paragraphEnd)
    }

    private func paragraph(_ i: Int) -> String {
        String(decoding: text[(i == 0 ? 0 : Int(paragraphEnds[i - 1]))..<Int(paragraphEnds[i])], as: UTF8.self)
    }

    /// `WordCell.text` of cell `c`.
    private func cellText(_ c: Int) -> String {
        let range = paragraphRange(cell: c)
        // the common cell, of one paragraph, without an array of its paragraphs
        if range.count == 1 { return paragraph(range.lowerBound) }
        return WordCell(paragraphs: range.map(paragraph)).text
    }

    /// The table as a rectangle of texts on Word's column grid: a cell spanning three grid
    /// columns (`gridSpan`) or continuing a vertical merge (`vMerge`) occupies several places.
    /// With `.fill`, every place of a merged cell gets the cell's text; with `.topLeftOnly`,
    /// only the first place does.
    public func grid(merged mode: Sheet.MergedCells = .topLeftOnly) -> [[String]] {
        var grid: [[String]] = []
        grid.reserveCapacity(packedRows.count)
        // For each grid column, the text of the vertical merge that started above, if any.
        var mergeOrigin: [Int: String] = [:]
        for r in packedRows.indices {
            var line = Array(repeating: "", count: Int(packedRows[r].skippedColumns))
            for c in cellRange(row: r) {
                let start = line.count
                var text = cellText(c)
                switch cells[c].verticalMerge {
                case .restart:
                    mergeOrigin[start] = text
                case .continue:
                    text = mode == .fill ? (mergeOrigin[start] ?? "") : ""
                case .none:
                    mergeOrigin[start] = nil
                }
                for offset in 0..<max(Int(cells[c].gridSpan), 1) {
                    line.append(offset == 0 || mode == .fill ? text : "")
                }
            }
            grid.append(line)
        }
        let width = grid.map(\.count).max() ?? 0
        for r in grid.indices where grid[r].count < width {
            grid[r] += Array(repeating: "", count: width - grid[r].count)
        }
        return grid
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
    public enum VerticalMerge: UInt8, Sendable, Equatable {
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
