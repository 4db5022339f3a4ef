import Foundation
import GoalCore
import OfficeXML

/// A form laid out as merged blocks on a column grid, the way the 执行监控表 and the 自评表 print: title
/// and 年度 merged across, a header block of labels and values, a budget block of figures, and an
/// indicator grid whose heading rows repeat on every printed page. One writer turns such a layout into a
/// worksheet and one into an HTML section, so every form drawn this way prints alike in Excel and the browser.
protocol PlacedForm {
    var blocks: [PlacedBlock] { get }
    /// The grid's heading rows, printed again on every page.
    var headingRows: ClosedRange<Int> { get }
    var lastRow: Int { get }
    /// Columns 1...lastColumn and their widths in Excel's character units.
    var lastColumn: Int { get }
    var widths: [Int: Double] { get }
}

/// One cell or merged block of a `PlacedForm`. 1-based rows and columns.
struct PlacedBlock {
    enum Role: String { case title, year, label, text, center, money, percent, score }
    enum Content: Equatable {
        case empty, text(String), number(Double), money(Double), percent(Double)
    }
    var rows: ClosedRange<Int>
    var columns: ClosedRange<Int>
    var content: Content
    var role: Role

    /// The text the print view shows (the workbook keeps the number).
    var text: String {
        switch content {
        case .empty: return ""
        case .text(let s): return s
        // a score prints as the forms print it, with two decimals (the workbook formats it so too)
        case .number(let x): return role == .score ? String(format: "%.2f", x) : TextNormalizer.format(x, decimals: 6)
        case .money(let x): return String(format: "%.2f", x)
        case .percent(let x): return String(format: "%.2f%%", x * 100)
        }
    }
}

/// A `PlacedForm` as a worksheet: A4 landscape, fitted to the width, heading rows as print titles.
enum PlacedFormSheet {
    static func sheet(_ layout: some PlacedForm, name: String, styles: [PlacedBlock.Role: StyleID]) -> WorksheetDraft {
        var w = WorksheetDraft(name: name)
        for b in layout.blocks {
            let value: CellValue
            switch b.content {
            case .empty: value = .empty
            case .text(let s): value = .string(s)
            case .number(let x), .money(let x), .percent(let x): value = .number(x)
            }
            let style = styles[b.role] ?? .default
            if b.rows.count > 1 || b.columns.count > 1 {
                w.merge(CellRange(rows: b.rows, columns: b.columns), value: value, style: style)
            } else {
                w.set(value, row: b.rows.lowerBound, column: b.columns.lowerBound, style: style)
            }
        }
        w.columnWidths = layout.widths
        w.rowHeights[2] = 30
        w.pageSetup = .a4LandscapeFitToWidth
        w.printTitleRows = layout.headingRows
        return w
    }

    static func styleIDs(_ w: inout XLSXWriter) -> [PlacedBlock.Role: StyleID] {
        func bordered(_ h: HorizontalAlignment, bold: Bool = false, format: String? = nil) -> CellStyle {
            CellStyle(
                font: FontStyle(name: "宋体", size: 10, bold: bold), border: .thin, horizontalAlignment: h,
                verticalAlignment: .center, wrapText: true, numberFormat: format)
        }
        return [
            .title: w.addStyle(
                CellStyle(
                    font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center, verticalAlignment: .center)),
            .year: w.addStyle(
                CellStyle(font: FontStyle(name: "宋体", size: 10), horizontalAlignment: .center, verticalAlignment: .center)),
            .label: w.addStyle(bordered(.center, bold: true)),
            .text: w.addStyle(bordered(.left)),
            .center: w.addStyle(bordered(.center)),
            .money: w.addStyle(bordered(.right, format: "0.00")),
            .percent: w.addStyle(bordered(.right, format: "0.00%")),
            // scores as the forms print them: two decimals, centred under 分值 / 得分
            .score: w.addStyle(bordered(.center, format: "0.00")),
        ]
    }

    /// A sheet name Excel accepts, unique among `used`.
    static func uniqueName(_ base: String, fallback: String, used: inout Set<String>) -> String {
        var name = String(base.filter { !"[]:*?/\\".contains($0) && !$0.isNewline }.prefix(28))
        if name.isEmpty { name = fallback }
        var unique = name
        var n = 2
        while !used.insert(unique.lowercased()).inserted { unique = "\(name)(\(n))"; n += 1 }
        return unique
    }
}

/// A `PlacedForm` as an HTML section of a print page.
enum PlacedFormHTML {
    /// The page around the sections: A4 landscape, one form per page, 宋体 as printed.
    static func page(title: String, sections: [String], fontSize: String = "9pt") -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLPrintView.escape(title))</title>
            <link rel="icon" href="data:,">
            <style>
            @page { size: A4 landscape; margin: 12mm 10mm; }
            body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Songti SC", serif; font-size: \(fontSize); margin: 0; }
            section.form { page-break-after: always; break-after: page; }
            section.form:last-child { page-break-after: auto; break-after: auto; }
            table { border-collapse: collapse; width: 100%; table-layout: fixed; }
            td, th { padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; }
            .title { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: bold; text-align: center; }
            .year { text-align: center; }
            .label, .text, .center, .money, .percent, .score { border: 0.5pt solid #000; }
            .label { font-weight: bold; text-align: center; }
            .center, .score { text-align: center; }
            .money, .percent { text-align: right; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            </style>
            </head>
            <body>

            """
        for s in sections { out += s }
        out += "</body>\n</html>\n"
        return out
    }

    static func section(_ layout: some PlacedForm) -> String {
        let widths = layout.widths
        let total = (1...layout.lastColumn).reduce(0) { $0 + (widths[$1] ?? 7) }
        var colgroup = "<colgroup>"
        for c in 1...layout.lastColumn {
            let percent = TextNormalizer.format((widths[c] ?? 7) / total * 100, decimals: 1)
            colgroup += "<col style=\"width:\(percent)%\">"
        }
        colgroup += "</colgroup>\n"
        let heading = layout.headingRows
        var byRow: [Int: [PlacedBlock]] = [:]
        for var b in layout.blocks {
            // a rowspan cannot cross from <thead> into <tbody>: a label down the grid (绩效指标) keeps to the
            // heading rows and an empty cell runs down beside the indicators
            if heading.contains(b.rows.lowerBound), b.rows.upperBound > heading.upperBound {
                let below = (heading.upperBound + 1)...b.rows.upperBound
                byRow[below.lowerBound, default: []].append(
                    .init(rows: below, columns: b.columns, content: .empty, role: .center))
                b.rows = b.rows.lowerBound...heading.upperBound
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
                    s += "<td\(attrs)>\(HTMLPrintView.escape(b.text).replacingOccurrences(of: "\n", with: "<br>"))</td>"
                }
                s += "</tr>\n"
            }
            return s
        }
        var s = "<section class=\"form\">\n<table>\n" + colgroup + rows(1...(heading.lowerBound - 1)) + "</table>\n"
        s += "<table>\n" + colgroup + "<thead>" + rows(heading) + "</thead>\n<tbody>\n"
        s +=
            (layout.lastRow > heading.upperBound ? rows((heading.upperBound + 1)...layout.lastRow) : "")
            + "</tbody>\n</table>\n</section>\n"
        return s
    }
}
