import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML

/// Writes the official 项目支出绩效目标执行监控表 (.xlsx; for a department table the 部门整体绩效运行监控表
/// of the same shape, with its three text fields under the grid) in the layout of the real form
/// (`../shared/realfiles`, sheet 项目支出绩效目标执行监控): title and 年度 merged across, the header
/// block, 项目资金（万元） with its four lines, 年度总体目标, and the indicator grid under a two-row
/// heading (偏差原因分析 over 经费保障 … 原因说明, 完成目标可能性 over 确定能 / 有可能 / 完全不可能),
/// ticks written "✔" as real files have them. Two columns the real form lacks and the spec asks
/// for are added: 全年预算数 (调整后) in the budget block and 纠偏措施 before 备注.
/// The file reads back through `MonitoringReader` to the same values.
public enum MonitoringFormXLSX {
    /// One sheet per table. `department` is 主管部门及代码, which a goal table does not hold.
    public static func data(_ tables: [MonitoredTable], department: String? = nil) throws(ImportError) -> Data {
        do {
            var writer = XLSXWriter()
            let styles = FormStyles(&writer)
            var used = Set<String>()
            for t in tables {
                var name = String(Monitor.name(of: t.table).filter { !"[]:*?/\\".contains($0) }.prefix(28))
                if name.isEmpty { name = "执行监控表" }
                var unique = name
                var n = 2
                while !used.insert(unique).inserted { unique = "\(name)(\(n))"; n += 1 }
                try writer.addSheet(sheet(t, name: unique, department: department, styles: styles))
            }
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成执行监控表：\(error)")
        }
    }

    /// Columns: A 绩效指标 | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 1-N月执行数 | G 全年预计执行数 |
    /// H–L the five causes | M 原因说明 | N–P 完成目标可能性 | Q 纠偏措施 | R 备注.
    static let lastColumn = 18

    static func sheet(_ t: MonitoredTable, name: String, department: String?, styles s: FormStyles) -> WorksheetDraft {
        var w = WorksheetDraft(name: name)
        let table = t.table, entry = t.entry
        let period = entry.periodLabel
        let last = lastColumn
        let isProject = table.kind == .project
        w.merge(CellRange(rows: 2...2, columns: 1...last), value: .string(isProject ? "项目支出绩效目标执行监控表" : "部门整体绩效运行监控表"), style: s.title)
        w.merge(CellRange(rows: 3...3, columns: 1...last), value: .string("（\(table.year.map(String.init) ?? "    ")年度）"), style: s.plain)
        // header block
        w.merge(CellRange(rows: 5...5, columns: 1...3), value: .string(isProject ? "项目名称" : "部门（单位）名称"), style: s.label)
        w.merge(CellRange(rows: 5...5, columns: 4...last), value: .string(isProject ? table.project?.name ?? "" : table.unit), style: s.text)
        w.merge(CellRange(rows: 6...6, columns: 1...3), value: .string("主管部门及代码"), style: s.label)
        w.merge(CellRange(rows: 6...6, columns: 4...7), value: .string(department ?? ""), style: s.text)
        w.merge(CellRange(rows: 6...6, columns: 8...9), value: .string("实施单位"), style: s.label)
        w.merge(CellRange(rows: 6...6, columns: 10...last), value: .string(table.unit), style: s.text)
        // budget block: item label D:F, 年初预算数 G:H, 全年预算数 I:J, 执行数 K:M, 执行率 N:O, 全年预计执行数 P:R
        let spans: [(String, ClosedRange<Int>)] = [("", 4...6), ("年初预算数", 7...8), ("全年预算数", 9...10), ("\(period)执行数", 11...13),
                                                    ("\(period)执行率", 14...15), ("全年预计执行数", 16...last)]
        let fundsLabel = isProject ? "项目资金（万元）" : "部门资金（万元）"
        w.merge(CellRange(rows: 7...11, columns: 1...3), value: .string(fundsLabel), style: s.label)
        for (heading, columns) in spans { w.merge(CellRange(rows: 7...7, columns: columns), value: .string(heading), style: s.label) }
        let items: [BudgetItem] = table.kind == .department ? [.total, .basic, .project] : [.total, .fiscal, .carriedOver, .other]
        for (i, item) in items.enumerated() {
            let r = 8 + i
            let row = entry.budget.first { $0.item == item } ?? BudgetRow(item: item)
            let label = item == .total ? "年度资金总额：" : item.formLabel
            let values: [CellValue] = [
                .string(label), number(row.initial), number(row.adjusted), number(row.spent),
                row.rate.map { .number($0 / 100) } ?? .empty, number(row.expected),
            ]
            for (k, (_, columns)) in spans.enumerated() {
                let style = k == 0 ? s.text : (k == 4 ? s.percent : s.money)
                w.merge(CellRange(rows: r...r, columns: columns), value: values[k], style: style)
            }
        }
        var r = 8 + items.count
        if items.count < 4 { w.merged.removeAll { $0 == CellRange(rows: 7...11, columns: 1...3) }
            w.merge(CellRange(rows: 7...(r - 1), columns: 1...3), value: .string(fundsLabel), style: s.label) }
        // 年度总体目标 and its 执行情况
        for (label, text) in [(isProject ? "年度总体目标" : "年度履职目标", table.goal), ("执行情况", entry.goalProgress)] {
            w.merge(CellRange(rows: r...(r + 1), columns: 1...3), value: .string(label), style: s.label)
            w.merge(CellRange(rows: r...(r + 1), columns: 4...last), value: .string(text ?? ""), style: s.text)
            r += 2
        }
        // indicator grid: two heading rows
        let heading = r
        let single: [(Int, String)] = [(2, "一级指标"), (3, "二级指标"), (4, "三级指标"), (5, "年度指标值"), (6, "\(period)执行数"),
                                       (7, "全年预计执行数"), (17, "纠偏措施"), (18, "备注")]
        for (c, text) in single { w.merge(CellRange(rows: heading...(heading + 1), columns: c...c), value: .string(text), style: s.label) }
        w.merge(CellRange(rows: heading...heading, columns: 8...13), value: .string("偏差原因分析"), style: s.label)
        w.merge(CellRange(rows: heading...heading, columns: 14...16), value: .string("完成目标可能性"), style: s.label)
        let subs = DeviationCause.allCases.map(\.rawValue) + ["原因说明"] + Likelihood.allCases.map(\.rawValue)
        for (k, text) in subs.enumerated() { w.set(text, row: heading + 1, column: 8 + k, style: s.label) }
        let first = heading + 2
        var byID: [String: IndicatorProgress] = [:]
        for p in entry.indicators where byID[p.id] == nil { byID[p.id] = p }
        for (i, indicator) in table.indicators.enumerated() {
            let row = first + i
            let p = indicator.id.flatMap { byID[$0] }
            w.set(indicator.level1, row: row, column: 2, style: s.text)
            w.set(indicator.level2, row: row, column: 3, style: s.text)
            w.set(indicator.name, row: row, column: 4, style: s.text)
            w.set(indicator.targetText, row: row, column: 5, style: s.center)
            w.set(figure(p?.completed), row: row, column: 6, style: s.center)
            w.set(figure(p?.expected), row: row, column: 7, style: s.center)
            for (k, cause) in DeviationCause.allCases.enumerated() {
                w.set(p?.causes.contains(cause) == true ? "✔" : "", row: row, column: 8 + k, style: s.center)
            }
            w.set(p?.causeText ?? "", row: row, column: 13, style: s.text)
            for (k, l) in Likelihood.allCases.enumerated() {
                w.set(p?.likelihood == l ? "✔" : "", row: row, column: 14 + k, style: s.center)
            }
            w.set(p?.correction ?? "", row: row, column: 17, style: s.text)
            w.set(p?.note ?? "", row: row, column: 18, style: s.text)
        }
        let end = max(first, first + table.indicators.count - 1)
        w.merge(CellRange(rows: heading...end, columns: 1...1), value: .string("绩效指标"), style: s.label)
        // the department form's text fields under the grid
        if !isProject {
            for (k, (label, text)) in [("绩效目标执行出现的偏差", entry.deviationSummary), ("存在的问题", entry.problems),
                                       ("纠偏整改措施", entry.measures)].enumerated() {
                let row = end + 1 + k
                w.merge(CellRange(rows: row...row, columns: 1...4), value: .string(label), style: s.label)
                w.merge(CellRange(rows: row...row, columns: 5...last), value: .string(text ?? ""), style: s.text)
            }
        }
        // sizes as the real form (columns ~7 characters, 三级 and 原因说明 wider), A4 landscape
        w.columnWidths[1] = 3
        for c in 2...last { w.columnWidths[c] = 7 }
        for c in [4, 13, 17, 18] { w.columnWidths[c] = 16 }
        w.columnWidths[5] = 10
        w.rowHeights[2] = 30
        w.pageSetup = .a4LandscapeFitToWidth
        w.printTitleRows = heading...(heading + 1)
        return w
    }

    static func number(_ x: Double?) -> CellValue { x.map { .number($0) } ?? .empty }

    /// A value as typed: a plain number is written as a number, anything else ("一般", "100%") as the text.
    static func figure(_ text: String?) -> CellValue {
        guard let t = text.map(TextNormalizer.trim), !t.isEmpty else { return .empty }
        if t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let n = Double(t) { return .number(n) }
        return .string(t)
    }

    struct FormStyles {
        var title, plain, label, text, center, money, percent: StyleID
        init(_ w: inout XLSXWriter) {
            func bordered(_ h: HorizontalAlignment, bold: Bool = false, format: String? = nil) -> CellStyle {
                CellStyle(font: FontStyle(name: "宋体", size: 10, bold: bold), border: .thin, horizontalAlignment: h,
                          verticalAlignment: .center, wrapText: true, numberFormat: format)
            }
            title = w.addStyle(CellStyle(font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center, verticalAlignment: .center))
            plain = w.addStyle(CellStyle(font: FontStyle(name: "宋体", size: 10), horizontalAlignment: .center, verticalAlignment: .center))
            label = w.addStyle(bordered(.center, bold: true))
            text = w.addStyle(bordered(.left))
            center = w.addStyle(bordered(.center))
            money = w.addStyle(bordered(.right, format: "0.00"))
            percent = w.addStyle(bordered(.right, format: "0.00%"))
        }
    }
}
