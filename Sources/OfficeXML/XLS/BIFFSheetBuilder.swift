import Foundation

/// Collects one worksheet's cells as the records give them, in any order, into the sorted sparse
/// rows of a `Sheet`. A cell written twice keeps its last value, as Excel shows it.
struct BIFFSheetBuilder {
    let name: String
    let limits: ReadLimits
    private var cells: [(row: Int, column: Int, cell: Cell)] = []
    private var inOrder = true
    private var rowInfo: [Int: (height: Double?, hidden: Bool)] = [:]
    var merged: [CellRange] = []
    var columnWidths: [Int: Double] = [:]
    var hiddenColumns: Set<Int> = []

    init(name: String, limits: ReadLimits) {
        self.name = name
        self.limits = limits
    }

    /// A cell at a 0-based row and column, as BIFF numbers them. Empty values are not kept,
    /// as in the .xlsx reader: a blank formatted cell holds nothing a reader needs.
    mutating func add(row: Int, column: Int, _ value: CellValue) throws(OfficeError) {
        guard !value.isEmpty else { return }
        guard cells.count < limits.maxCellsPerSheet else { throw .tooManyCells(sheet: name, limit: limits.maxCellsPerSheet) }
        if let last = cells.last, (last.row, last.column) >= (row + 1, column + 1) { inOrder = false }
        cells.append((row + 1, column + 1, Cell(column: column + 1, value: value)))
    }

    mutating func setRow(_ row: Int, height: Double?, hidden: Bool) {
        guard height != nil || hidden else { return }
        rowInfo[row + 1] = (height, hidden)
    }

    /// Columns `first...last` (0-based). A range reaching the last column is common for hidden
    /// or styled columns, so the span is capped rather than trusted.
    mutating func setColumns(_ first: Int, _ last: Int, width: Double, hidden: Bool) {
        guard first <= last else { return }
        for column in (first + 1)...(min(last, first + 1024) + 1) {
            columnWidths[column] = width
            if hidden { hiddenColumns.insert(column) }
        }
    }

    func sheet(visibility: SheetVisibility) throws(OfficeError) -> Sheet {
        var ordered = cells
        if !inOrder {
            // Stable on (row, column): of two cells at one place the later record wins below.
            ordered = cells.enumerated().sorted { a, b in
                (a.element.row, a.element.column, a.offset) < (b.element.row, b.element.column, b.offset)
            }.map(\.element)
        }
        var rows: [Row] = []
        var info = rowInfo
        for entry in ordered {
            if let last = rows.last, last.index == entry.row {
                if let previous = last.cells.last, previous.column == entry.column {
                    rows[rows.count - 1].cells[last.cells.count - 1] = entry.cell
                } else {
                    rows[rows.count - 1].cells.append(entry.cell)
                }
            } else {
                let extra = info.removeValue(forKey: entry.row)
                rows.append(Row(index: entry.row, cells: [entry.cell], height: extra?.height, isHidden: extra?.hidden ?? false))
            }
        }
        // Rows with a height or hidden but no cells, as the .xlsx reader keeps them.
        if !info.isEmpty {
            rows += info.map { Row(index: $0.key, height: $0.value.height, isHidden: $0.value.hidden) }
            rows.sort { $0.index < $1.index }
        }
        guard rows.count <= limits.maxRowsPerSheet else { throw .tooManyRows(sheet: name, limit: limits.maxRowsPerSheet) }
        return Sheet(
            name: name, visibility: visibility, rows: rows, merged: merged,
            columnWidths: columnWidths, hiddenColumns: hiddenColumns)
    }
}
