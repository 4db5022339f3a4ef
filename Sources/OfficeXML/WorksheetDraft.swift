import Foundation

/// A sheet being written: cells with styles, merges, sizes, frozen panes, print setup and
/// dropdown lists. Rows and columns are 1-based, as in Excel's addresses.
public struct WorksheetDraft: Sendable {
    public var name: String
    public var visibility: SheetVisibility
    /// Cells by row, appended in any order; the writer sorts and keeps the last value per cell.
    var rows: [Int: [DraftCell]] = [:]
    public var merged: [CellRange] = []
    /// Widths in Excel's character units (the number Excel shows in 列宽).
    public var columnWidths: [Int: Double] = [:]
    /// Heights in points (the number Excel shows in 行高).
    public var rowHeights: [Int: Double] = [:]
    public var hiddenRows: Set<Int> = []
    public var hiddenColumns: Set<Int> = []
    /// Rows and columns that stay in view while scrolling, e.g. a two-row table header.
    public var frozenRows = 0
    public var frozenColumns = 0
    public var pageSetup: PageSetup?
    /// Rows printed again at the top of every page (`_xlnm.Print_Titles`).
    public var printTitleRows: ClosedRange<Int>?
    public var validations: [DataValidation] = []

    public init(name: String, visibility: SheetVisibility = .visible) {
        self.name = name
        self.visibility = visibility
    }

    struct DraftCell: Sendable {
        var column: Int
        var value: CellValue
        var style: StyleID
    }

    public mutating func set(_ value: CellValue, row: Int, column: Int, style: StyleID = .default) {
        rows[row, default: []].append(DraftCell(column: column, value: value, style: style))
    }

    public mutating func set(_ text: String, row: Int, column: Int, style: StyleID = .default) {
        set(.string(text), row: row, column: column, style: style)
    }

    public mutating func set(_ number: Double, row: Int, column: Int, style: StyleID = .default) {
        set(.number(number), row: row, column: column, style: style)
    }

    /// Merges a range, puts the value in its top-left cell and gives every cell of the range the
    /// style, so that borders show all around the merged block.
    public mutating func merge(_ range: CellRange, value: CellValue = .empty, style: StyleID = .default) {
        merged.append(range)
        for row in range.rows {
            for column in range.columns {
                let isTopLeft = row == range.start.row && column == range.start.column
                set(isTopLeft ? value : .empty, row: row, column: column, style: style)
            }
        }
    }

    /// The last row and column used by cells or merges.
    var usedSize: (rows: Int, columns: Int) {
        var lastRow = rows.keys.max() ?? 0
        var lastColumn = 0
        for cells in rows.values {
            for cell in cells where cell.column > lastColumn { lastColumn = cell.column }
        }
        for range in merged {
            lastRow = max(lastRow, range.end.row)
            lastColumn = max(lastColumn, range.end.column)
        }
        return (lastRow, lastColumn)
    }
}

/// Paper, orientation and scaling for printing.
public struct PageSetup: Sendable, Equatable {
    public enum Orientation: String, Sendable { case portrait, landscape }

    public enum Paper: Int, Sendable {
        case a4 = 9
        case a3 = 8
        case letter = 1
    }

    public var orientation: Orientation
    public var paper: Paper
    /// Shrinks the sheet to one page wide, as many pages tall as needed.
    public var fitToWidth: Bool
    public var centerHorizontally: Bool
    /// Margins in inches, as Excel stores them.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double)

    public init(
        orientation: Orientation = .portrait, paper: Paper = .a4, fitToWidth: Bool = false,
        centerHorizontally: Bool = false,
        margins: (left: Double, right: Double, top: Double, bottom: Double) = (0.5, 0.5, 0.75, 0.75)
    ) {
        self.orientation = orientation
        self.paper = paper
        self.fitToWidth = fitToWidth
        self.centerHorizontally = centerHorizontally
        self.margins = margins
    }

    /// A4 landscape, one page wide: how wide goal tables are printed.
    public static let a4LandscapeFitToWidth = PageSetup(
        orientation: .landscape, paper: .a4, fitToWidth: true,
        centerHorizontally: true)

    public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
        lhs.orientation == rhs.orientation && lhs.paper == rhs.paper && lhs.fitToWidth == rhs.fitToWidth
            && lhs.centerHorizontally == rhs.centerHorizontally && lhs.margins == rhs.margins
    }
}

/// A dropdown list on a range of cells (数据验证 → 序列).
public struct DataValidation: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The choices themselves, e.g. `["是", "否"]`; Excel allows 255 characters in all.
        case list([String])
        /// A range holding the choices, e.g. `'选项'!$A$1:$A$20`.
        case range(String)
    }

    public var range: CellRange
    public var source: Source
    public var allowBlank: Bool
    /// Shown when a typed value is not in the list; nil lets any value through with no message.
    public var errorMessage: String?
    public var prompt: String?

    public init(range: CellRange, source: Source, allowBlank: Bool = true, errorMessage: String? = nil, prompt: String? = nil) {
        self.range = range
        self.source = source
        self.allowBlank = allowBlank
        self.errorMessage = errorMessage
        self.prompt = prompt
    }
}
