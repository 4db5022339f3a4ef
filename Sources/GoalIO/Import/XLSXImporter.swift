import Foundation
import GoalCore
import OfficeXML

/// Reads goal tables from an .xlsx workbook through the same structure recovery as pasted text:
/// each visible sheet becomes a grid of display texts (merged cells as their top-left cell) and
/// goes through `TextTableReader.read(grid:sheet:)`, so titles, header blocks, several tables per
/// sheet and every repair behave exactly as they do for text.
enum XLSXImporter {
    static func read(_ book: Workbook) throws(ImportError) -> ImportResult {
        var result = ImportResult()
        let visible = book.visibleSheets
        let hiddenSheets = book.sheets.filter { $0.visibility != .visible }
        for sheet in hiddenSheets where !sheet.rows.isEmpty {
            result.notes.append(
                ImportNote(.hiddenSheet(sheet: sheet.name), at: SourceLocation(sheet: sheet.name)))
        }
        for sheet in visible {
            var grid: [[String]]
            do {
                grid = try sheet.grid(merged: .topLeftOnly)
            } catch let e as OfficeError {
                throw ImportError(e.message)
            } catch {
                throw ImportError("工作表“\(sheet.name)”无法读取：\(error)")
            }
            var notes = blankHidden(sheet, in: &grid)
            // A filled 执行监控表 has two heading rows and ✔ columns the goal-table reader would take for
            // an indicator row and targets; its own reader knows the form (its values: `MonitoringReader`).
            if MonitoringGridReader.isMonitoringForm(grid) {
                result.tables += monitoringFormGoals(grid, sheet: sheet.name, notes: &notes, tableOffset: result.tables.count)
                result.notes += notes
                continue
            }
            SignoffCells.join(in: &grid)
            let part = TextTableReader.read(grid: grid, sheet: sheet.name)
            let headings = HeadingRows(grid)
            notes += part.notes.map { note in
                var n = note
                n.location.sheet = sheet.name
                if let line = n.location.line, let f = n.location.field, let column = headings.column(of: f, above: line) {
                    n.location.cell = CellAddress(row: line, column: column).description
                }
                if n.location.table != nil { n.location.table! += result.tables.count }
                // With several sheets a row number alone is ambiguous; a note with a cell names the sheet there.
                if visible.count > 1 && n.location.cell == nil { n.message = "工作表“\(sheet.name)”：" + n.message }
                return n
            }
            result.tables += part.tables
            result.notes += notes
        }
        return result
    }

    /// The goals (header and indicators with their targets) of a monitoring form, without ids (the
    /// reader's answer stays a function of the file), and the notes about its targets.
    static func monitoringFormGoals(_ grid: [[String]], sheet: String, notes: inout [ImportNote], tableOffset: Int) -> [GoalTable]
    {
        var reader = MonitoringGridReader(grid: grid) { r, c in
            SourceLocation(line: r + 1, sheet: sheet, cell: CellAddress(row: r + 1, column: c + 1).description)
        }
        let tables = reader.read().map { monitored in
            var t = monitored.table
            for i in t.indicators.indices { t.indicators[i].id = nil }
            return t
        }
        notes += reader.notes.filter { $0.location.field == .value }.map { n in
            var n = n
            n.location.table = (n.location.table ?? 0) + tableOffset
            return n
        }
        notes.append(
            ImportNote(
                .monitoringFormGoalsOnly(sheet: sheet),
                at: SourceLocation(sheet: sheet)))
        return tables
    }

    /// Hidden rows and columns are blanked, not removed, so row numbers in notes stay the sheet's.
    /// They are left out because what a hidden row holds is not on the printed form the unit signs
    /// (a deleted indicator kept out of sight, a helper column); each is reported so nothing
    /// vanishes silently.
    static func blankHidden(_ sheet: Sheet, in grid: inout [[String]]) -> [ImportNote] {
        var notes: [ImportNote] = []
        var rows: [Int] = []
        for r in sheet.hiddenRows.sorted() where r <= grid.count {
            if grid[r - 1].contains(where: { !$0.isEmpty }) { rows.append(r) }
            grid[r - 1] = Array(repeating: "", count: grid[r - 1].count)
        }
        if !rows.isEmpty {
            notes.append(
                ImportNote(
                    .hiddenRows(sheet: sheet.name, rows: rows),
                    at: SourceLocation(line: rows[0], sheet: sheet.name)))
        }
        var columns: [Int] = []
        for c in sheet.hiddenColumns.sorted() {
            guard let width = grid.first?.count, c <= width else { continue }
            if grid.contains(where: { !$0[c - 1].isEmpty }) { columns.append(c) }
            for r in grid.indices { grid[r][c - 1] = "" }
        }
        if !columns.isEmpty {
            let names = columns.map { CellAddress.columnName($0) + "列" }
            notes.append(ImportNote(.hiddenColumns(sheet: sheet.name, columns: names), at: SourceLocation(sheet: sheet.name)))
        }
        return notes
    }

    /// Where each field's column is, from the heading rows of the grid, so a note about a field on
    /// row 7 can name its cell (`项目支出!E7`).
    struct HeadingRows {
        /// Heading rows in order, each with the column (1-based) of every field it names.
        var rows: [(row: Int, columns: [IndicatorField: Int])] = []

        init(_ grid: [[String]]) {
            for (i, cells) in grid.enumerated() {
                var found: [IndicatorField: Int] = [:]
                for (c, text) in cells.enumerated() where !text.isEmpty {
                    if case .field(let f)? = FormVocabulary.column(forHeading: text), found[f] == nil { found[f] = c + 1 }
                }
                if found.count >= 3 { rows.append((i + 1, found)) }
            }
        }

        func column(of field: IndicatorField, above line: Int) -> Int? {
            rows.last { $0.row < line }?.columns[field]
        }
    }
}

/// Sign-off rows of a worksheet or Word table often put the label and its value in two cells
/// (`填表日期： | 2025-12-12`, the date a real date cell). The text reader reads a sign-off cell by
/// cell, as pasted text prints `填表日期：2025.12.12` in one; so the value is joined to its label
/// here, before reading. Only rows that start with a sign-off label are touched.
enum SignoffCells {
    static func join(in grid: inout [[String]]) {
        for r in grid.indices {
            guard let first = grid[r].firstIndex(where: { !$0.isEmpty }), isLabelOnly(grid[r][first]) else { continue }
            var c = first
            while c < grid[r].count {
                if isLabelOnly(grid[r][c]), let next = grid[r][(c + 1)...].firstIndex(where: { !$0.isEmpty }),
                    !startsWithLabel(grid[r][next])
                {
                    grid[r][c] = TextNormalizer.trim(grid[r][c]) + grid[r][next]
                    grid[r][next] = ""
                    c = next
                }
                c += 1
            }
        }
    }

    /// `填表日期：`, `单位负责人` — a label with nothing after it.
    static func isLabelOnly(_ text: String) -> Bool {
        let k = TextNormalizer.labelKey(text)
        return !k.isEmpty && FormVocabulary.signoffLabels.contains { $0.0 == k }
    }

    static func startsWithLabel(_ text: String) -> Bool {
        let k = TextNormalizer.labelKey(text)
        return FormVocabulary.signoffLabels.contains { k.hasPrefix($0.0) }
    }
}
