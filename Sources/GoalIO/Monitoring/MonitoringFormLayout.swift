import Foundation
import GoalCore
import GoalMonitoring

/// The official 执行监控表 as placed blocks on a column grid, in the layout of the real form
/// (`../shared/realfiles`, sheet 项目支出绩效目标执行监控): title and 年度 merged across, the header
/// block, 项目资金（万元） with its lines, 年度总体目标 and 执行情况, and the indicator grid under a
/// two-row heading (偏差原因分析 over 经费保障 … 原因说明, 完成目标可能性 over 确定能 / 有可能 / 完全不可能),
/// ticks written "✔" as real files have them. Two columns the real form lacks and the spec asks for
/// are added: 全年预算数 (调整后) in the budget block and 纠偏措施 before 备注. A department table gets
/// the 部门整体绩效运行监控表 of the same shape, with its three text fields under the grid.
/// The .xlsx writer and the print view both draw this one layout, so they print alike.
struct MonitoringFormLayout: PlacedForm {
    typealias Role = PlacedBlock.Role
    typealias Content = PlacedBlock.Content
    typealias Block = PlacedBlock

    /// Columns: A 绩效指标 | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 1-N月执行数 | G 全年预计执行数 |
    /// H–L the five causes | M 原因说明 | N–P 完成目标可能性 | Q 纠偏措施 | R 备注.
    static let lastColumn = 18
    /// Widths in Excel's character units, as the real form (~7; 三级, 原因说明 and the texts wider).
    static let widths: [Int: Double] = {
        var w: [Int: Double] = [1: 3, 5: 10]
        for c in 2...lastColumn where w[c] == nil { w[c] = 7 }
        for c in [4, 13, 17, 18] { w[c] = 16 }
        return w
    }()

    var blocks: [Block] = []
    /// The first of the grid's two heading rows (printed again on every page).
    var headingRow = 0
    var lastRow = 0
    var headingRows: ClosedRange<Int> { headingRow...(headingRow + 1) }
    var lastColumn: Int { Self.lastColumn }
    var widths: [Int: Double] { Self.widths }

    init(_ t: MonitoredTable, department: String?) {
        let table = t.table, entry = t.entry
        let period = entry.periodLabel
        let last = Self.lastColumn
        let isProject = table.kind == .project
        func put(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, _ content: Content, _ role: Role) {
            blocks.append(Block(rows: rows, columns: columns, content: content, role: role))
        }
        func text(_ s: String?) -> Content { s.map { .text($0) } ?? .empty }
        func money(_ x: Double?) -> Content { x.map { .money($0) } ?? .empty }
        put(2...2, 1...last, .text(isProject ? "项目支出绩效目标执行监控表" : "部门整体绩效运行监控表"), .title)
        put(3...3, 1...last, .text("（\(table.year.map(String.init) ?? "    ")年度）"), .year)
        // header block
        put(5...5, 1...3, .text(isProject ? "项目名称" : "部门（单位）名称"), .label)
        put(5...5, 4...last, .text(isProject ? table.project?.name ?? "" : table.unit), .text)
        put(6...6, 1...3, .text("主管部门及代码"), .label)
        put(6...6, 4...7, text(department), .text)
        put(6...6, 8...9, .text("实施单位"), .label)
        put(6...6, 10...last, .text(isProject ? table.unit : ""), .text)
        // budget block: line D:F, 年初预算数 G:H, 全年预算数 I:J, 执行数 K:M, 执行率 N:O, 全年预计执行数 P:R
        let spans: [(String, ClosedRange<Int>)] = [
            ("", 4...6), ("年初预算数", 7...8), ("全年预算数", 9...10), ("\(period)执行数", 11...13),
            ("\(period)执行率", 14...15), ("全年预计执行数", 16...last),
        ]
        let items: [BudgetItem] = isProject ? [.total, .fiscal, .carriedOver, .other] : [.total, .basic, .project]
        put(7...(7 + items.count), 1...3, .text(isProject ? "项目资金（万元）" : "部门资金（万元）"), .label)
        for (heading, columns) in spans { put(7...7, columns, .text(heading), .label) }
        for (i, item) in items.enumerated() {
            let r = 8 + i
            let row = entry.budget.first { $0.item == item } ?? BudgetRow(item: item)
            let contents: [Content] = [
                .text(item == .total ? "年度资金总额：" : item.formLabel), money(row.initial), money(row.adjusted), money(row.spent),
                row.rate.map { .percent($0 / 100) } ?? .empty, money(row.expected),
            ]
            for (k, (_, columns)) in spans.enumerated() {
                put(r...r, columns, contents[k], k == 0 ? .text : (k == 4 ? .percent : .money))
            }
        }
        var r = 8 + items.count
        // 年度总体目标 and its 执行情况
        for (label, value) in [(isProject ? "年度总体目标" : "年度履职目标", table.goal), ("执行情况", entry.goalProgress)] {
            put(r...(r + 1), 1...3, .text(label), .label)
            put(r...(r + 1), 4...last, text(value ?? ""), .text)
            r += 2
        }
        // the indicator grid under two heading rows
        headingRow = r
        for (c, heading) in [
            (2, "一级指标"), (3, "二级指标"), (4, "三级指标"), (5, "年度指标值"), (6, "\(period)执行数"),
            (7, "全年预计执行数"), (17, "纠偏措施"), (18, "备注"),
        ] {
            put(r...(r + 1), c...c, .text(heading), .label)
        }
        put(r...r, 8...13, .text("偏差原因分析"), .label)
        put(r...r, 14...16, .text("完成目标可能性"), .label)
        let subs = DeviationCause.allCases.map(\.rawValue) + ["原因说明"] + Likelihood.allCases.map(\.rawValue)
        for (k, heading) in subs.enumerated() { put((r + 1)...(r + 1), (8 + k)...(8 + k), .text(heading), .label) }
        let first = r + 2
        var byID: [String: IndicatorProgress] = [:]
        for p in entry.indicators where byID[p.id] == nil { byID[p.id] = p }
        for (i, indicator) in table.indicators.enumerated() {
            let row = first + i
            let p = indicator.id.flatMap { byID[$0] }
            func cell(_ c: Int, _ content: Content, _ role: Role) { put(row...row, c...c, content, role) }
            cell(2, .text(indicator.level1), .text)
            cell(3, .text(indicator.level2), .text)
            cell(4, .text(indicator.name), .text)
            cell(5, .text(indicator.targetText), .center)
            cell(6, Self.figure(p?.completed), .center)
            cell(7, Self.figure(p?.expected), .center)
            for (k, cause) in DeviationCause.allCases.enumerated() {
                cell(8 + k, p?.causes.contains(cause) == true ? .text("✔") : .empty, .center)
            }
            cell(13, text(p?.causeText), .text)
            for (k, l) in Likelihood.allCases.enumerated() { cell(14 + k, p?.likelihood == l ? .text("✔") : .empty, .center) }
            cell(17, text(p?.correction), .text)
            cell(18, text(p?.note), .text)
        }
        let end = max(first, first + table.indicators.count - 1)
        put(r...end, 1...1, .text("绩效指标"), .label)
        lastRow = end
        if !isProject {
            for (label, value) in [
                ("绩效目标执行出现的偏差", entry.deviationSummary), ("存在的问题", entry.problems), ("纠偏整改措施", entry.measures),
            ] {
                lastRow += 1
                put(lastRow...lastRow, 1...4, .text(label), .label)
                put(lastRow...lastRow, 5...last, text(value ?? ""), .text)
            }
        }
    }

    /// A value as typed: a plain number is a number, anything else ("一般", "100%") the text.
    static func figure(_ text: String?) -> Content {
        guard let t = text.map(TextNormalizer.trim), !t.isEmpty else { return .empty }
        if t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let n = Double(t) { return .number(n) }
        return .text(t)
    }
}
