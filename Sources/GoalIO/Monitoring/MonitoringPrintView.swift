import Foundation
import GoalCore
import GoalMonitoring

/// A printable HTML page of filled 执行监控表: A4 landscape, one table per page, drawn from the same
/// `MonitoringFormLayout` as the .xlsx so both print alike. Every text is escaped.
public enum MonitoringPrintView {
    public static func html(_ tables: [MonitoredTable], department: String? = nil) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLPrintView.escape(tables.first.map { Monitor.name(of: $0.table) } ?? "执行监控表"))</title>
            <link rel="icon" href="data:,">
            <style>
            @page { size: A4 landscape; margin: 12mm 10mm; }
            body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Songti SC", serif; font-size: 9pt; margin: 0; }
            section.form { page-break-after: always; break-after: page; }
            section.form:last-child { page-break-after: auto; break-after: auto; }
            table { border-collapse: collapse; width: 100%; table-layout: fixed; }
            td, th { padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; }
            .title { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: bold; text-align: center; }
            .year { text-align: center; }
            .label, .text, .center, .money, .percent { border: 0.5pt solid #000; }
            .label { font-weight: bold; text-align: center; }
            .center { text-align: center; }
            .money, .percent { text-align: right; }
            thead { display: table-header-group; }
            </style>
            </head>
            <body>

            """
        for t in tables { out += section(MonitoringFormLayout(t, department: department)) }
        out += "</body>\n</html>\n"
        return out
    }

    public static func data(_ tables: [MonitoredTable], department: String? = nil) -> Data {
        Data(html(tables, department: department).utf8)
    }

    static func section(_ layout: MonitoringFormLayout) -> String {
        let widths = MonitoringFormLayout.widths
        let total = widths.values.reduce(0, +)
        var colgroup = "<colgroup>"
        for c in 1...MonitoringFormLayout.lastColumn {
            let percent = TextNormalizer.format((widths[c] ?? 7) / total * 100, decimals: 1)
            colgroup += "<col style=\"width:\(percent)%\">"
        }
        colgroup += "</colgroup>\n"
        var byRow: [Int: [MonitoringFormLayout.Block]] = [:]
        for var b in layout.blocks {
            // a rowspan cannot cross from <thead> into <tbody>: 绩效指标 keeps to the heading rows and an
            // empty cell runs down beside the indicators
            if b.rows.lowerBound == layout.headingRow, b.rows.upperBound > layout.headingRow + 1 {
                byRow[layout.headingRow + 2, default: []].append(
                    .init(
                        rows: (layout.headingRow + 2)...b.rows.upperBound,
                        columns: b.columns, content: .empty, role: .center))
                b.rows = layout.headingRow...(layout.headingRow + 1)
            }
            byRow[b.rows.lowerBound, default: []].append(b)
        }
        func rows(_ range: ClosedRange<Int>) -> String {
            var s = ""
            for r in range {
                s += "<tr>"
                for b in (byRow[r] ?? []).sorted(by: { $0.columns.lowerBound < $1.columns.lowerBound }) {
                    var attrs = " class=\"\(b.role.rawValue)\""
                    if b.rows.count > 1 { attrs += " rowspan=\"\(b.rows.count)\"" }
                    if b.columns.count > 1 { attrs += " colspan=\"\(b.columns.count)\"" }
                    s += "<td\(attrs)>\(HTMLPrintView.escape(text(b.content)).replacingOccurrences(of: "\n", with: "<br>"))</td>"
                }
                s += "</tr>\n"
            }
            return s
        }
        let h = layout.headingRow
        var s = "<section class=\"form\">\n<table>\n" + colgroup + rows(1...(h - 1)) + "</table>\n"
        s += "<table>\n" + colgroup + "<thead>" + rows(h...(h + 1)) + "</thead>\n<tbody>\n"
        s += (layout.lastRow >= h + 2 ? rows((h + 2)...layout.lastRow) : "") + "</tbody>\n</table>\n</section>\n"
        return s
    }

    static func text(_ content: MonitoringFormLayout.Content) -> String {
        switch content {
        case .empty: return ""
        case .text(let s): return s
        case .number(let x): return TextNormalizer.format(x, decimals: 6)
        case .money(let x): return String(format: "%.2f", x)
        case .percent(let x): return String(format: "%.2f%%", x * 100)
        }
    }
}
