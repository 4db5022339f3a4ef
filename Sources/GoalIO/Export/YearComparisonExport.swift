import CSVKit
import Foundation
import GoalCore
import OfficeXML

/// 与上年对比 as a file: one row per indicator of either year (.xlsx with a title and frozen headings, or CSV),
/// the header changes below the indicators.
public enum YearComparisonExport {
    public static func headings(previousYear: String, year: String) -> [String] {
        [
            "序号", "二级指标", "三级指标", "\(previousYear)行", "\(year)行", "\(previousYear)指标值", "\(previousYear)实际完成值",
            "\(year)指标值", "\(previousYear)分值", "\(year)分值", "变化", "\(previousYear)指标解释", "\(year)指标解释",
        ]
    }

    static func cells(_ l: YearComparison.Line, serial: Int) -> [String] {
        func num(_ d: Double?) -> String { d.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "" }
        return [
            String(serial), l.level2, l.name, l.previousRow.map { "第\($0 + 1)行" } ?? "", l.row.map { "第\($0 + 1)行" } ?? "",
            l.before?.targetText ?? "", l.lastActual ?? "", l.after?.targetText ?? "", num(l.before?.weight),
            num(l.after?.weight), l.changes.isEmpty ? "无变化" : l.described.joined(separator: "；"),
            l.before?.explanation ?? "", l.after?.explanation ?? "",
        ]
    }

    static func years(_ previous: GoalTable, _ current: GoalTable) -> (String, String) {
        (previous.year.map { "\($0)年" } ?? "上年", current.year.map { "\($0)年" } ?? "本年")
    }

    /// UTF-8 with a byte-order mark and CRLF, as every CSV of the project (`CSVWriter`).
    public static func csv(_ r: YearComparison.Result, previous: GoalTable, current: GoalTable) -> Data {
        let (py, y) = years(previous, current)
        var records = [headings(previousYear: py, year: y)]
        for (i, l) in r.lines.enumerated() { records.append(cells(l, serial: i + 1)) }
        if !r.header.isEmpty {
            records.append([])
            records.append(["表头变化", "位置", "项目", py, y])
            for c in r.header { records.append(["", c.place, c.field, c.before, c.after]) }
        }
        return Data(CSVWriter.document(records).utf8)
    }

    public static func xlsx(_ r: YearComparison.Result, previous: GoalTable, current: GoalTable, title: String)
        throws(ImportError) -> Data
    {
        let (py, y) = years(previous, current)
        let heads = headings(previousYear: py, year: y)
        do {
            var writer = XLSXWriter()
            let label = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10, bold: true), border: .thin, horizontalAlignment: .center,
                    verticalAlignment: .center, wrapText: true))
            let text = writer.addStyle(
                CellStyle(font: FontStyle(name: "宋体", size: 10), border: .thin, verticalAlignment: .center, wrapText: true))
            let changed = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10, bold: true), fillColor: "FFE699", border: .thin,
                    verticalAlignment: .center, wrapText: true))
            var w = WorksheetDraft(name: "与上年对比")
            w.merge(
                CellRange(rows: 1...1, columns: 1...heads.count), value: .string(title),
                style: writer.addStyle(
                    CellStyle(
                        font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center,
                        verticalAlignment: .center)))
            for (c, h) in heads.enumerated() { w.set(h, row: 2, column: c + 1, style: label) }
            var row = 3
            for (i, l) in r.lines.enumerated() {
                for (c, v) in cells(l, serial: i + 1).enumerated() {
                    w.set(v, row: row, column: c + 1, style: c == 10 && !l.changes.isEmpty ? changed : text)
                }
                row += 1
            }
            if !r.header.isEmpty {
                row += 1
                for (c, h) in ["表头变化", "项目", py, y].enumerated() { w.set(h, row: row, column: c + 2, style: label) }
                row += 1
                for ch in r.header {
                    for (c, v) in [ch.place, ch.field, ch.before, ch.after].enumerated() {
                        w.set(v, row: row, column: c + 2, style: text)
                    }
                    row += 1
                }
            }
            w.columnWidths = [1: 5, 2: 14, 3: 22, 4: 8, 5: 8, 6: 12, 7: 12, 8: 12, 9: 7, 10: 7, 11: 30, 12: 30, 13: 30]
            w.rowHeights[1] = 30
            w.frozenRows = 2
            w.pageSetup = .a4LandscapeFitToWidth
            w.printTitleRows = 2...2
            try writer.addSheet(w)
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成与上年对比表：\(error)")
        }
    }
}
