import Foundation
import GoalCore
import GoalScoring
import OfficeXML

/// A table with its score (`GoalScoring.Scorer`) and, when the unit has written it, how the 年度总体目标
/// was reached (实际完成情况, a free text of the 自评报告): what a 自评表 prints.
public struct ScoredTable: Sendable {
    public var table: GoalTable
    public var score: TableScore
    public var achieved: String?
    /// 主管部门, which a goal table does not hold.
    public var department: String?

    public init(table: GoalTable, score: TableScore, achieved: String? = nil, department: String? = nil) {
        self.table = table; self.score = score; self.achieved = achieved; self.department = department
    }
}

/// The 项目支出绩效自评表 and 部门整体支出绩效自评表 as the forms print them, as placed blocks: title and
/// 年度, the header block, the budget block (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), 年度总体目标
/// (预期目标 / 实际完成情况), the indicator grid (年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施), 总分
/// and 自评等级. Every figure comes from the `TableScore` as computed, never recomputed here, so the
/// form says what the 自评 page says. The .xlsx and the print view both draw this one layout.
struct SelfEvaluationForm: PlacedForm {
    /// Columns: A 绩效指标 | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 |
    /// I 偏差原因分析及改进措施. The budget block uses A:B for its label, C for the line, D–I for the six figures.
    let lastColumn = 9
    let widths: [Int: Double] = [1: 4, 2: 9, 3: 10, 4: 22, 5: 11, 6: 11, 7: 8, 8: 8, 9: 22]

    /// The grid's columns, each declared once: heading, the field it shows (for the heading words
    /// `IndicatorField` knows), and where it sits.
    static let gridHeadings: [(column: Int, heading: String)] = [
        (2, IndicatorField.level1.label), (3, IndicatorField.level2.label), (4, IndicatorField.name.label),
        (5, "年度指标值"), (6, IndicatorField.actual.label), (7, IndicatorField.weight.label),
        (8, IndicatorField.score.label), (9, IndicatorField.deviation.label),
    ]

    var blocks: [PlacedBlock] = []
    var headingRow = 0
    /// Row of the 总分 line.
    var totalRow = 0
    var lastRow = 0
    var headingRows: ClosedRange<Int> { headingRow...headingRow }

    static func title(of kind: TableKind) -> String { kind == .project ? "项目支出绩效自评表" : "部门整体支出绩效自评表" }

    init(_ scored: ScoredTable) {
        let t = scored.table, score = scored.score
        let isProject = t.kind == .project
        let last = lastColumn
        func put(_ rows: ClosedRange<Int>, _ columns: ClosedRange<Int>, _ content: PlacedBlock.Content, _ role: PlacedBlock.Role)
        {
            blocks.append(PlacedBlock(rows: rows, columns: columns, content: content, role: role))
        }
        func text(_ s: String?) -> PlacedBlock.Content { (s ?? "").isEmpty ? .empty : .text(s ?? "") }
        func money(_ x: Double?) -> PlacedBlock.Content { x.map { .money($0) } ?? .empty }
        put(1...1, 1...last, .text(Self.title(of: t.kind)), .title)
        put(2...2, 1...last, .text("（\(t.year.map(String.init) ?? "    ")年度）"), .year)
        var r = 3
        // header block
        if isProject {
            put(r...r, 1...2, .text("项目名称"), .label)
            put(r...r, 3...last, text(t.project?.name), .text)
            r += 1
            put(r...r, 1...2, .text("主管部门"), .label)
            put(r...r, 3...5, text(scored.department), .text)
            put(r...r, 6...7, .text("实施单位"), .label)
            put(r...r, 8...last, text(t.unit), .text)
        } else {
            put(r...r, 1...2, .text("部门（单位）名称"), .label)
            put(r...r, 3...last, text(t.unit), .text)
        }
        r += 1
        // budget block: the execution rate and its score are the scorer's; 年初预算数 is the plan's funds
        let figures = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
        let lines: [(String, Double?)] = [
            ("年度资金总额", t.funds?.total), ("其中：财政拨款", t.funds?.fiscal), ("其他资金", t.funds?.other),
        ]
        put(r...(r + lines.count), 1...2, .text(isProject ? "项目资金（万元）" : "年度预算（万元）"), .label)
        put(r...r, 3...3, .empty, .label)
        for (k, heading) in figures.enumerated() { put(r...r, (4 + k)...(4 + k), .text(heading), .label) }
        for (i, line) in lines.enumerated() {
            let row = r + 1 + i
            put(row...row, 3...3, .text(line.0), .text)
            put(row...row, 4...4, money(line.1), .money)
            // the execution figures are for the whole year's money; its parts are not scored separately
            let ex = i == 0 ? score.execution : nil
            put(row...row, 5...5, money(ex?.budget), .money)
            put(row...row, 6...6, money(ex?.spent), .money)
            put(row...row, 7...7, ex.map { .number($0.weight) } ?? .empty, .score)
            put(row...row, 8...8, ex?.rate.map { .percent($0) } ?? .empty, .percent)
            put(row...row, 9...9, ex.map { .number($0.score) } ?? .empty, .score)
        }
        r += lines.count + 1
        // 年度总体目标: what was planned beside what was reached
        put(r...(r + 1), 1...2, .text("年度总体目标"), .label)
        put(r...r, 3...5, .text("预期目标"), .label)
        put(r...r, 6...last, .text("实际完成情况"), .label)
        put((r + 1)...(r + 1), 3...5, text(t.goal), .text)
        put((r + 1)...(r + 1), 6...last, text(scored.achieved), .text)
        r += 2
        // the indicator grid
        headingRow = r
        for (column, heading) in Self.gridHeadings { put(r...r, column...column, .text(heading), .label) }
        let first = r + 1
        let byIndex = Dictionary(score.indicators.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, row) in t.rows.enumerated() {
            let at = first + i
            let s = byIndex[i]
            func cell(_ c: Int, _ content: PlacedBlock.Content, _ role: PlacedBlock.Role) { put(at...at, c...c, content, role) }
            cell(2, text(row.indicator.level1), .center)
            cell(3, text(row.indicator.level2), .center)
            cell(4, text(row.indicator.name), .text)
            cell(5, text(row.indicator.targetText), .center)
            cell(6, text(row.evaluation.actual), .center)
            cell(7, (s?.weight ?? row.indicator.weight).map { .number($0) } ?? .empty, .score)
            // a row 不适用 is dropped from total and 分值 alike, and says so; a row without its 实际完成值 has no
            // 得分 yet (the scorer's 0 would print as a failure the unit never reported)
            let unreported = s?.flags.contains { $0.kind == .missingActual } ?? true
            cell(8, unreported ? .empty : s.map { $0.score.map { .number($0) } ?? .text("不适用") } ?? .empty, .score)
            cell(9, text(row.evaluation.deviation), .text)
        }
        let end = max(first, first + t.indicators.count - 1)
        put(r...end, 1...1, .text("绩效指标"), .label)
        // 总分 over the 分值 and 得分 columns; the grade beside it
        totalRow = end + 1
        put(totalRow...totalRow, 1...6, .text("总分"), .label)
        put(totalRow...totalRow, 7...7, .number(score.max), .score)
        // nothing scored yet: no total and no grade, rather than 0 and 差
        put(totalRow...totalRow, 8...8, score.hasScores ? .number(score.total) : .empty, .score)
        put(totalRow...totalRow, 9...9, .text("自评等级：\(score.hasScores ? score.grade.rawValue : "未填报")"), .center)
        lastRow = totalRow
        if let cap = score.appliedCap {
            lastRow += 1
            put(
                lastRow...lastRow, 1...last,
                .text(
                    "说明：预算执行率低于\(ArithmeticText.number(cap.cap.below))%，总分限于满分的\(ArithmeticText.number(cap.cap.atMost))%（\(ArithmeticText.number(cap.uncapped)) → \(ArithmeticText.number(cap.limit))）。"
                ), .text)
        }
        let s = t.signoff ?? Signoff()
        lastRow += 1
        put(
            lastRow...lastRow, 1...last,
            .text("填表人：\(s.filledBy ?? "")　　　　联系电话：\(s.phone ?? "")　　　　填表日期：\(s.filledOn ?? "")　　　　单位负责人：\(s.head ?? "")"),
            .year)
    }
}

/// The 自评表 as a workbook (one sheet per table, A4 landscape) and as a print page, both from
/// `SelfEvaluationForm`.
public enum SelfEvaluationXLSX {
    public static func data(_ tables: [ScoredTable]) throws(ImportError) -> Data {
        do {
            var writer = XLSXWriter()
            let styles = PlacedFormSheet.styleIDs(&writer)
            var used = Set<String>()
            for t in tables {
                let name = PlacedFormSheet.uniqueName(
                    SheetNames.base(for: t.table), fallback: SelfEvaluationForm.title(of: t.table.kind), used: &used)
                try writer.addSheet(PlacedFormSheet.sheet(SelfEvaluationForm(t), name: name, styles: styles))
            }
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成自评表：\(error)")
        }
    }

    public static func html(_ tables: [ScoredTable]) -> String {
        PlacedFormHTML.page(
            title: tables.first.map { SelfEvaluationForm.title(of: $0.table.kind) } ?? "绩效自评表",
            sections: tables.map { PlacedFormHTML.section(SelfEvaluationForm($0)) }, fontSize: "10pt")
    }
}
