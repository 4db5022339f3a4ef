import Foundation
import GoalCore
import GoalScoring
import OfficeXML

/// The free sections of a 自评报告: what the unit writes in its own words, each under the heading the
/// usual outline gives it. The figures each rests on are the report's (`SelfEvaluationReport.figures`), so
/// the page shows them beside the box and the document prints them before the words.
public enum ReportSection: String, Sendable, Hashable, CaseIterable, Codable {
    case basic, achieved, budget, deviation, conclusion, use

    public var heading: String {
        switch self {
        case .basic: return "一、基本情况"
        case .achieved: return "二、绩效目标及完成情况"
        case .budget: return "三、预算执行情况"
        case .deviation: return "四、偏差原因及改进措施"
        case .conclusion: return "五、自评结论"
        case .use: return "六、结果应用"
        }
    }

    /// What to write, as a hint in the empty box.
    public var prompt: String {
        switch self {
        case .basic: return "单位职能、项目立项依据、资金来源和实施内容等。"
        case .achieved: return "年度总体目标的实际完成情况（也填入自评表“实际完成情况”栏）。"
        case .budget: return "资金到位、支出进度和管理情况；执行率偏低的原因。"
        case .deviation: return "未完成指标的总体原因分析和下一步改进措施。"
        case .conclusion: return "对本年度绩效的总体评价：主要成绩和存在的问题。"
        case .use: return "自评结果如何用于改进管理、调整预算和完善下年绩效目标。"
        }
    }
}

/// One line of the 附件目录 / evidence index.
public struct EvidenceEntry: Sendable, Hashable {
    /// 三级指标, or 整表.
    public var indicator: String
    public var fileName: String
    public var size: String
    public var uploadedBy: String
    public var uploadedAt: String

    public init(indicator: String, fileName: String, size: String, uploadedBy: String = "", uploadedAt: String = "") {
        self.indicator = indicator; self.fileName = fileName; self.size = size
        self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }
}

/// The 自评报告 of one table: the usual outline with the figures filled from the data (the table and its
/// `TableScore`, never recomputed here), the unit's own words for each section, the 自评表 as 附表 and the
/// evidence as 附件目录. Pure: the app stores the drafts and the evidence, this only writes.
public struct SelfEvaluationReport: Sendable {
    public var scored: ScoredTable
    public var texts: [ReportSection: String]
    public var evidence: [EvidenceEntry]

    public init(_ scored: ScoredTable, texts: [ReportSection: String] = [:], evidence: [EvidenceEntry] = []) {
        self.scored = scored; self.texts = texts; self.evidence = evidence
    }

    var table: GoalTable { scored.table }
    var score: TableScore { scored.score }

    /// `某单位2026年度示例培训项目绩效自评报告`.
    public var title: String {
        let year = table.year.map { "\($0)年度" } ?? ""
        let subject = table.kind == .project ? (table.project?.name ?? "项目") : "部门整体支出"
        return "\(table.unit)\(year)\(subject)绩效自评报告"
    }

    static func n(_ x: Double) -> String { ArithmeticText.number(x) }
    static func money(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }

    /// The figures a section rests on, as the document prints them before the unit's words.
    public func figures(for section: ReportSection) -> [String] {
        switch section {
        case .basic:
            var lines: [String] = []
            let who = table.kind == .project ? "预算单位：\(table.unit)；项目名称：\(table.project?.name ?? "")" : "部门（单位）：\(table.unit)"
            lines.append(who + (table.year.map { "；年度：\($0)年" } ?? "") + "。")
            if let f = table.funds, !f.isEmpty {
                lines.append("年初预算数\(Self.money(f.total))万元，其中财政拨款\(Self.money(f.fiscal))万元、其他资金\(Self.money(f.other))万元。")
            }
            let groups = levelGroups.map { "\($0.level1)\($0.rows.count)项" }.joined(separator: "、")
            lines.append("设绩效指标\(table.indicators.count)项" + (groups.isEmpty ? "。" : "：\(groups)。"))
            return lines
        case .achieved:
            let goal = TextNormalizer.trim(table.goal ?? "")
            var lines = ["年度总体目标：" + (goal.isEmpty ? "未填写。" : goal + (goal.hasSuffix("。") ? "" : "。"))]
            for g in levelGroups {
                lines.append("\(g.level1)\(g.rows.count)项，分值\(Self.n(g.weight))分，得分\(Self.n(g.score))分。")
            }
            return lines
        case .budget:
            guard let ex = score.execution else { return ["未填报预算执行情况（全年预算数、全年执行数）。"] }
            var line = "全年预算数\(Self.money(ex.budget))万元，全年执行数\(Self.money(ex.spent))万元"
            line += ex.rate.map { "，预算执行率\(ArithmeticText.percent($0))" } ?? "，执行率无法计算"
            line += "，分值\(Self.n(ex.weight))分，得分\(Self.n(ex.score))分。"
            var lines = [line]
            if let cap = score.appliedCap {
                lines.append(
                    "预算执行率低于\(Self.n(cap.cap.below))%，总分限于满分的\(Self.n(cap.cap.atMost))%（\(Self.n(cap.uncapped))分→\(Self.n(cap.limit))分）。"
                )
            }
            return lines
        case .deviation:
            // nothing entered yet is not "everything met" (the 自评表 says 未填报 likewise)
            guard score.hasScores else { return ["尚未填报实际完成值。"] }
            let missed = deviations
            guard !missed.isEmpty else { return ["各项指标均达到年度指标值，没有扣分。"] }
            return missed.map { row, s in
                let actual = row.evaluation.actual ?? "未填写"
                var line = "\(row.indicator.name)：年度指标值\(row.indicator.targetText)，实际完成值\(actual)"
                if s.lost > 0 { line += "，扣\(Self.n(s.lost))分" }
                let why = TextNormalizer.trim(row.evaluation.deviation ?? "")
                return line + "。偏差原因分析及改进措施：" + (why.isEmpty ? "未填写。" : why)
            }
        case .conclusion:
            guard score.hasScores else { return ["尚未填报实际完成值，暂无自评总分和等级。"] }
            return [
                "自评总分\(Self.n(score.total))分（满分\(Self.n(score.max))分，得分率\(Self.n(score.percent))%），自评等级为“\(score.grade.rawValue)”。"
            ]
        case .use:
            return []
        }
    }

    /// Indicators grouped by 一级 in the table's order, with their points.
    struct LevelGroup {
        var level1: String
        var rows: [(IndicatorRow, IndicatorScore?)]
        var weight: Double
        var score: Double
    }

    var levelGroups: [LevelGroup] {
        let byIndex = Dictionary(score.indicators.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var groups: [LevelGroup] = []
        for (i, row) in table.rows.enumerated() {
            let s = byIndex[i]
            let name = row.indicator.level1.isEmpty ? "其他指标" : row.indicator.level1
            if groups.last?.level1 != name { groups.append(LevelGroup(level1: name, rows: [], weight: 0, score: 0)) }
            groups[groups.count - 1].rows.append((row, s))
            if let points = s?.score {
                groups[groups.count - 1].score = ArithmeticText.round(groups[groups.count - 1].score + points)
                groups[groups.count - 1].weight = ArithmeticText.round(groups[groups.count - 1].weight + (s?.weight ?? 0))
            }
        }
        return groups
    }

    /// Rows that lost points or missed their target: those 四 must explain.
    var deviations: [(IndicatorRow, IndicatorScore)] {
        levelGroups.flatMap(\.rows).compactMap { row, s in s.flatMap { $0.deviationRequired ? (row, $0) : nil } }
    }

    /// `1. 培训人数：年度指标值≥100人，实际完成值80，分值50分，得分40分。`
    static func indicatorLine(_ k: Int, _ row: IndicatorRow, _ s: IndicatorScore?) -> String {
        var line = "\(k). \(row.indicator.name)：年度指标值\(row.indicator.targetText)，实际完成值\(row.evaluation.actual ?? "未填写")"
        if let s {
            if let w = s.weight { line += "，分值\(n(w))分" }
            line += s.score.map { "，得分\(n($0))分" } ?? "，不适用"
        }
        return line + "。"
    }

    static let chineseOrdinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The document.
    public var draft: DocxDraft {
        var blocks: [DocxDraft.Block] = [.title(title)]
        for section in ReportSection.allCases {
            blocks.append(.heading(section.heading, level: 1))
            let words = TextNormalizer.trim(texts[section] ?? "")
            if section == .achieved {
                blocks += figures(for: .achieved).prefix(1).map { .paragraph($0) }
                if !words.isEmpty { blocks.append(.paragraph(words)) }
                for (k, g) in levelGroups.enumerated() {
                    let ordinal = k < Self.chineseOrdinals.count ? Self.chineseOrdinals[k] : String(k + 1)
                    blocks.append(.heading("（\(ordinal)）\(g.level1)：分值\(Self.n(g.weight))分，得分\(Self.n(g.score))分", level: 2))
                    for (i, (row, s)) in g.rows.enumerated() { blocks.append(.paragraph(Self.indicatorLine(i + 1, row, s))) }
                }
                continue
            }
            blocks += figures(for: section).map { .paragraph($0) }
            if !words.isEmpty { blocks.append(.paragraph(words)) }
            if section == .use && words.isEmpty { blocks.append(.paragraph("（未填写）")) }
        }
        blocks.append(.signature("\(table.unit)（盖章）"))
        // 附表: the 自评表's indicator grid with its totals
        blocks.append(.pageBreak)
        blocks.append(.heading("附表：\(SelfEvaluationForm.title(of: table.kind))", level: 1))
        var rows: [[String]] = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
        for g in levelGroups {
            for (row, s) in g.rows {
                rows.append([
                    row.indicator.level1, row.indicator.level2, row.indicator.name, row.indicator.targetText,
                    row.evaluation.actual ?? "", (s?.weight ?? row.indicator.weight).map(Self.n) ?? "",
                    s.map { $0.score.map(Self.n) ?? "不适用" } ?? "",
                ])
            }
        }
        if let ex = score.execution {
            rows.append([
                "预算执行", "", "预算执行率", "", ex.rate.map(ArithmeticText.percent) ?? "—", Self.n(ex.weight), Self.n(ex.score),
            ])
        }
        rows.append([
            "总分", "", "", "", "自评等级：\(score.hasScores ? score.grade.rawValue : "未填报")", Self.n(score.max),
            score.hasScores ? Self.n(score.total) : "",
        ])
        blocks.append(.table(rows: rows, heading: true, widths: [1100, 1200, 2000, 1400, 1370, 1000, 1000]))
        // 附件目录: the evidence, named as in the pack
        blocks.append(.heading("附件目录", level: 1))
        if evidence.isEmpty {
            blocks.append(.plain("无佐证材料。"))
        } else {
            var index: [[String]] = [["序号", "对应指标", "文件名称", "大小"]]
            for (k, e) in evidence.enumerated() { index.append(["\(k + 1)", e.indicator, e.fileName, e.size]) }
            blocks.append(.table(rows: index, heading: true, widths: [800, 2600, 4470, 1200]))
        }
        return DocxDraft(blocks: blocks)
    }

    public func data() throws(ImportError) -> Data {
        do { return try draft.data() } catch { throw ImportError("无法生成自评报告：\(error)") }
    }
}
