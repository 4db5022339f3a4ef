import Foundation
import GoalCore

/// A printable HTML page of goal tables in their official layouts: A4 landscape, one table per
/// page, drawn from the same `OfficialLayout` as the .xlsx so both print alike. Every text is
/// escaped: an indicator named `<script>` shows as text.
public enum HTMLPrintView {
    public static func html(_ tables: [GoalTable]) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(escape(tables.first?.title ?? "绩效目标表"))</title>
            <link rel="icon" href="data:,">
            <style>
            @page { size: A4 landscape; margin: 12mm 10mm; }
            body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Songti SC", serif; font-size: 10pt; margin: 0; }
            section.form { page-break-after: always; break-after: page; }
            section.form:last-child { page-break-after: auto; break-after: auto; }
            table { border-collapse: collapse; width: 100%; table-layout: fixed; }
            td, th { padding: 2pt 3pt; vertical-align: middle; word-wrap: break-word; overflow-wrap: anywhere; }
            .title { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: bold; text-align: center; padding: 4pt; }
            .year { text-align: center; }
            .label, .value, .money, .heading, .indicatorText, .indicatorShort { border: 0.5pt solid #000; }
            .money { text-align: right; }
            .label, .heading { font-weight: bold; text-align: center; }
            .heading { background: #f2f2f2; }
            .indicatorShort { text-align: center; }
            .signoff { padding-top: 4pt; }
            .guidanceHeading { font-weight: bold; padding-top: 8pt; }
            .guidance { font-size: 9pt; }
            thead { display: table-header-group; }
            /* a row is never cut across two pages; the 签署 lines and the 填表说明 heading stay with what follows */
            tr { break-inside: avoid; page-break-inside: avoid; }
            tr.keep-with-next { break-after: avoid; page-break-after: avoid; }
            table.after { break-before: avoid; }
            </style>
            </head>
            <body>

            """
        for table in tables { out += section(OfficialLayout(table: table)) }
        out += "</body>\n</html>\n"
        return out
    }

    public static func data(_ tables: [GoalTable]) -> Data { Data(html(tables).utf8) }

    static func section(_ layout: OfficialLayout) -> String {
        let total = layout.columns.reduce(0) { $0 + $1.width }
        var colgroup = "<colgroup>"
        // Width as attributes as well as CSS: LibreOffice and Word, opening the page, read only those.
        for c in layout.columns {
            let percent = String(format: "%.1f", c.width / total * 100)
            colgroup += "<col width=\"\(percent)%\" style=\"width:\(percent)%\">"
        }
        colgroup += "</colgroup>\n"
        // Blocks by row; cells covered by a merge are left out, as HTML's rowspan/colspan expect.
        var byRow: [Int: [OfficialLayout.Block]] = [:]
        for var b in layout.blocks {
            // A rowspan cannot cross from <thead> into <tbody>: the 绩效指标 label keeps to its
            // heading cell and an empty cell runs down beside the indicators instead.
            if b.row == layout.headingRow && b.rowSpan > 1 {
                byRow[b.row + 1, default: []].append(
                    OfficialLayout.Block(
                        row: b.row + 1, column: b.column, rowSpan: b.rowSpan - 1, content: .text(""), role: .indicatorShort))
                b.rowSpan = 1
            }
            byRow[b.row, default: []].append(b)
        }
        func rows(_ range: ClosedRange<Int>) -> String {
            var s = ""
            for r in range {
                let keep = (byRow[r] ?? []).contains { $0.role == .signoff || $0.role == .guidanceHeading }
                s += keep ? "<tr class=\"keep-with-next\">" : "<tr>"
                for b in (byRow[r] ?? []).sorted(by: { $0.column < $1.column }) {
                    let tag = b.role == .heading ? "th" : "td"
                    var attrs = " class=\"\(b.role)\""
                    if let align = Self.alignment[b.role] { attrs += " align=\"\(align)\"" }
                    if b.rowSpan > 1 { attrs += " rowspan=\"\(b.rowSpan)\"" }
                    if b.columnSpan > 1 { attrs += " colspan=\"\(b.columnSpan)\"" }
                    s += "<\(tag)\(attrs)>\(escape(b.content.text).replacingOccurrences(of: "\n", with: "<br>"))</\(tag)>"
                }
                s += "</tr>\n"
            }
            return s
        }
        // Three tables on one column grid: the title and header block; the indicator grid, whose heading
        // row (a <thead>) repeats on every printed page, as the .xlsx's print titles do; then the 签署
        // lines and 填表说明, outside the grid so that a page of them does not start with its heading.
        var s = "<section class=\"form\">\n<table width=\"100%\">\n" + colgroup + rows(1...(layout.headingRow - 1)) + "</table>\n"
        let lastGridRow = max(layout.lastIndicatorRow, layout.headingRow + 1)
        s +=
            "<table width=\"100%\" class=\"grid\">\n" + colgroup + "<thead>" + rows(layout.headingRow...layout.headingRow)
            + "</thead>\n<tbody>\n"
        s += rows((layout.headingRow + 1)...lastGridRow) + "</tbody>\n</table>\n"
        if layout.rowCount > lastGridRow {
            s += "<table width=\"100%\" class=\"after\">\n" + colgroup + rows((lastGridRow + 1)...layout.rowCount) + "</table>\n"
        }
        return s + "</section>\n"
    }

    /// Alignment by role, as an attribute that Word and LibreOffice honour where they ignore the CSS.
    static let alignment: [OfficialLayout.Role: String] = [
        .title: "center", .year: "center", .label: "center", .heading: "center", .indicatorShort: "center", .money: "right",
    ]

    static func escape(_ text: String) -> String { HTMLEscape.escaped(text) }
}
