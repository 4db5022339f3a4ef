import Foundation

/// A workbook as read from an .xlsx file: its sheets in tab order.
public struct Workbook: Sendable {
    public var sheets: [Sheet]
    public var dateSystem: DateSystem

    public init(sheets: [Sheet], dateSystem: DateSystem = .from1900) {
        self.sheets = sheets
        self.dateSystem = dateSystem
    }

    public subscript(name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// The sheets a user sees as tabs; hidden ones often hold dropdown lists or old versions.
    public var visibleSheets: [Sheet] { sheets.filter { $0.visibility == .visible } }
}

/// Whether a sheet's tab shows. `veryHidden` sheets can only be shown again from VBA.
public enum SheetVisibility: String, Sendable, Equatable {
    case visible
    case hidden
    case veryHidden
}

/// One cell that holds something.
public struct Cell: Sendable, Equatable {
    public var column: Int
    public var value: CellValue
    /// The formula, when the cell has one; `value` is then its cached result.
    public var formula: String?

    public init(column: Int, value: CellValue, formula: String? = nil) {
        self.column = column
        self.value = value
        self.formula = formula
    }
}

/// One row with its non-empty cells in column order.
public struct Row: Sendable, Equatable {
    public var index: Int
    public var cells: [Cell]
    public var height: Double?
    public var isHidden: Bool

    public init(index: Int, cells: [Cell] = [], height: Double? = nil, isHidden: Bool = false) {
        self.index = index
        self.cells = cells
        self.height = height
        self.isHidden = isHidden
    }
}

/// A worksheet: rows are sparse and sorted; addresses are 1-based (`E7` is row 7, column 5).
public struct Sheet: Sendable {
    public var name: String
    public var visibility: SheetVisibility
    /// Rows that have cells, a height or are hidden, in row order.
    public var rows: [Row]
    public var merged: [CellRange]
    /// Column widths in Excel's character units, by 1-based column.
    public var columnWidths: [Int: Double]
    public var hiddenColumns: Set<Int>
    /// Rows and columns kept in view while scrolling (a frozen pane).
    public var frozenRows: Int
    public var frozenColumns: Int

    public init(
        name: String, visibility: SheetVisibility = .visible, rows: [Row] = [], merged: [CellRange] = [],
        columnWidths: [Int: Double] = [:], hiddenColumns: Set<Int> = [], frozenRows: Int = 0,
        frozenColumns: Int = 0
    ) {
        self.name = name
        self.visibility = visibility
        self.rows = rows
        self.merged = merged
        self.columnWidths = columnWidths
        self.hiddenColumns = hiddenColumns
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
    }

    public var hiddenRows: Set<Int> { Set(rows.filter(\.isHidden).map(\.index)) }

    /// The row with this 1-based index, found by binary search.
    public func row(_ index: Int) -> Row? {
        var low = 0
        var high = rows.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if rows[middle].index == index { return rows[middle] }
            if rows[middle].index < index { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// The cell at a 1-based row and column; `.empty` when nothing is there.
    public subscript(row: Int, column: Int) -> CellValue {
        guard let found = self.row(row) else { return .empty }
        var low = 0
        var high = found.cells.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let cell = found.cells[middle]
            if cell.column == column { return cell.value }
            if cell.column < column { low = middle + 1 } else { high = middle - 1 }
        }
        return .empty
    }

    /// The merged range covering a cell, if any: a reader uses it to find a label's extent.
    public func mergedRange(containing address: CellAddress) -> CellRange? {
        merged.first { $0.contains(address) }
    }

    public subscript(address: String) -> CellValue {
        guard let parsed = try? CellAddress(address) else { return .empty }
        return self[parsed.row, parsed.column]
    }

    /// The last row and column holding a value or covered by a merge.
    public var usedSize: (rows: Int, columns: Int) {
        var lastRow = 0
        var lastColumn = 0
        for row in rows {
            if let cell = row.cells.last(where: { !$0.value.isEmpty }) {
                lastRow = max(lastRow, row.index)
                lastColumn = max(lastColumn, cell.column)
            }
        }
        for range in merged {
            lastRow = max(lastRow, range.end.row)
            lastColumn = max(lastColumn, range.end.column)
        }
        return (lastRow, lastColumn)
    }

    /// How merged cells appear in `grid`.
    public enum MergedCells: Sendable {
        /// Every cell of a merged range gets the top-left cell's text, as a reader would take it.
        case fill
        /// Only the top-left cell has the text; the rest are empty, as stored in the file.
        case topLeftOnly
    }

    /// The sheet as rows of display texts, `grid[0][0]` being `A1`.
    /// Throws when a stray far-away cell would make the grid unreasonably large.
    public func grid(merged mode: MergedCells = .topLeftOnly, maxCells: Int = 4_000_000) throws -> [[String]] {
        let size = usedSize
        guard size.rows * size.columns <= maxCells else {
            throw OfficeError.gridTooLarge(sheet: name, rows: size.rows, columns: size.columns)
        }
        var grid = Array(repeating: Array(repeating: "", count: size.columns), count: size.rows)
        for row in rows where row.index <= size.rows {
            for cell in row.cells where cell.column <= size.columns {
                grid[row.index - 1][cell.column - 1] = cell.value.displayText
            }
        }
        if mode == .fill {
            for range in merged {
                let text = grid[range.start.row - 1][range.start.column - 1]
                for row in range.rows {
                    for column in range.columns { grid[row - 1][column - 1] = text }
                }
            }
        }
        return grid
    }
}
