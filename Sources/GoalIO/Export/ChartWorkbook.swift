import Foundation
import GoalCharts
import OfficeXML

/// The 总览's tables as one .xlsx workbook, one sheet per table: what each chart draws, with its
/// numbers as numbers (so a finance officer sums and sorts them in Excel) and its caption on top.
public enum ChartWorkbook {
    public static func write(_ tables: [ChartTable], title: String) throws -> Data {
        var w = XLSXWriter()
        let bold = w.addStyle(CellStyle(font: FontStyle(bold: true)))
        var used = Set<String>()
        for (i, table) in tables.enumerated() {
            var s = WorksheetDraft(name: sheetName(table.caption, index: i + 1, taken: &used))
            s.set(table.caption, row: 1, column: 1, style: bold)
            s.set(title, row: 2, column: 1)
            for (c, h) in table.headers.enumerated() where !h.isEmpty { s.set(h, row: 4, column: c + 1, style: bold) }
            for (r, row) in table.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    if let n = cell.number, n.isFinite {
                        s.set(n, row: r + 5, column: c + 1)
                    } else if !cell.text.isEmpty {
                        s.set(cell.text, row: r + 5, column: c + 1)
                    }
                }
            }
            s.frozenRows = 4
            s.columnWidths[1] = 28
            for c in 2...max(2, table.headers.count) { s.columnWidths[c] = 14 }
            try w.addSheet(s)
        }
        return try w.data()
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook
    /// (the index goes in front, so two captions alike at the start stay apart).
    static func sheetName(_ caption: String, index: Int, taken: inout Set<String>) -> String {
        let cleaned = caption.map { "[]:*?/\\".contains($0) ? "_" : $0 }.filter { $0 != "'" }
        var name = String((String(index) + " " + String(cleaned)).prefix(31))
        var n = 2
        while taken.contains(name.lowercased()) {
            name = String((String(index) + "-" + String(n) + " " + String(cleaned)).prefix(31)); n += 1
        }
        taken.insert(name.lowercased())
        return name
    }
}
