import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML

/// The 绩效运行监控报告 of one table for one period, as a .docx: the usual outline filled from the filled
/// 执行监控表 (`MonitoredTable`) and its warning lights (`TableLights`, the round's profile): 一、基本情况;
/// 二、预算执行情况 (each budget line with 执行率); 三、绩效目标完成情况 (each indicator: target, 执行数,
/// 全年预计, 完成可能性, light); 四、偏差及原因 (the rows with a cause or a light other than 绿/蓝, with the
/// causes ticked and the unit's words); 五、纠偏措施; 附表. Pure, like the 自评报告.
public struct MonitoringReport: Sendable {
    public var monitored: MonitoredTable
    public var lights: TableLights

    public init(_ monitored: MonitoredTable, lights: TableLights) {
        self.monitored = monitored; self.lights = lights
    }

    var table: GoalTable { monitored.table }
    var entry: MonitoringEntry { monitored.entry }

    public var title: String {
        let year = table.year.map { "\($0)年" } ?? ""
        return "\(table.unit)\(year)\(entry.periodLabel)\(Monitor.name(of: table))绩效运行监控报告"
    }

    static func money(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }
    static func percent(_ x: Double?) -> String { x.map { String(format: "%.2f%%", $0) } ?? "—" }

    /// Each indicator of the table with what the entry says of it, in the table's order.
    var rows: [(Indicator, IndicatorProgress?, IndicatorLight?)] {
        var byID: [String: IndicatorProgress] = [:]
        for p in entry.indicators where byID[p.id] == nil { byID[p.id] = p }
        return table.indicators.enumerated().map { k, i in
            (i, i.id.flatMap { byID[$0] }, lights.indicators.first { $0.row == k })
        }
    }

    /// Rows to explain: a cause ticked or written, or a light that warns.
    var deviations: [(Indicator, IndicatorProgress?, IndicatorLight?)] {
        rows.filter { _, p, l in
            !(p?.causes.isEmpty ?? true) || !(p?.causeText ?? "").isEmpty || [.red, .yellow].contains(l?.light)
        }
    }

    public var draft: DocxDraft {
        var b: [DocxDraft.Block] = [.title(title)]
        b.append(.heading("一、基本情况", level: 1))
        let who = table.kind == .project ? "项目名称：\(table.project?.name ?? "")；实施单位：\(table.unit)" : "部门（单位）：\(table.unit)"
        b.append(.paragraph("\(who)；监控期间：\(table.year.map { "\($0)年" } ?? "")\(entry.periodLabel)。"))
        if let goal = table.goal, !goal.isEmpty { b.append(.paragraph("年度总体目标：\(goal)")) }
        if let progress = entry.goalProgress, !progress.isEmpty { b.append(.paragraph("执行情况：\(progress)")) }
        b.append(.paragraph("监控结论：\(lights.light.rawValue)灯。\(lights.explanation)"))

        b.append(.heading("二、预算执行情况", level: 1))
        if entry.budget.isEmpty {
            b.append(.paragraph("未填报预算执行情况。"))
        } else {
            for r in entry.budget {
                b.append(
                    .paragraph(
                        "\(r.item.formLabel)：年初预算数\(Self.money(r.initial))万元，全年预算数\(Self.money(r.adjusted ?? r.initial))万元，\(entry.periodLabel)执行数\(Self.money(r.spent))万元，执行率\(Self.percent(r.rate))，全年预计执行数\(Self.money(r.expected))万元。"
                    ))
            }
            b.append(.paragraph("预算执行预警：\(lights.budget.light.rawValue)灯。\(lights.budget.explanation)"))
        }

        b.append(.heading("三、绩效目标完成情况", level: 1))
        let counts = Light.allCases.map { l in (l, lights.count(l)) }.filter { $0.1 > 0 }
        b.append(
            .paragraph(
                "共\(table.indicators.count)项指标：" + counts.map { "\($0.0.rawValue)灯\($0.1)项" }.joined(separator: "、") + "。"))
        for (k, (i, p, l)) in rows.enumerated() {
            var line = "\(k + 1). \(i.name)：年度指标值\(i.targetText)，\(entry.periodLabel)执行数\(p?.completed ?? "未填写")"
            if let e = p?.expected, !e.isEmpty { line += "，全年预计\(e)" }
            if let like = p?.likelihood { line += "，完成目标可能性：\(like.rawValue)" }
            if let l { line += "，\(l.light.rawValue)灯" }
            b.append(.paragraph(line + "。"))
        }

        b.append(.heading("四、偏差及原因", level: 1))
        let explain = deviations
        if explain.isEmpty {
            b.append(.paragraph("各项指标执行正常，没有偏差。"))
        } else {
            for (i, p, l) in explain {
                let causes = p?.causes.map(\.rawValue).joined(separator: "、") ?? ""
                var line = "\(i.name)（\(l?.light.rawValue ?? "无法判断")灯）："
                line += causes.isEmpty ? "" : "原因类别：\(causes)；"
                line += "原因说明：" + ((p?.causeText ?? "").isEmpty ? "未填写。" : (p?.causeText ?? ""))
                b.append(.paragraph(line))
            }
        }
        if let s = entry.deviationSummary, !s.isEmpty { b.append(.paragraph(s)) }
        if let s = entry.problems, !s.isEmpty { b.append(.paragraph("存在的问题：\(s)")) }

        b.append(.heading("五、纠偏措施", level: 1))
        let corrections = rows.compactMap { i, p, _ in p?.correction.flatMap { $0.isEmpty ? nil : "\(i.name)：\($0)" } }
        for c in corrections { b.append(.paragraph(c)) }
        if let s = entry.measures, !s.isEmpty { b.append(.paragraph(s)) }
        if corrections.isEmpty && (entry.measures ?? "").isEmpty { b.append(.paragraph("（未填写）")) }
        b.append(.signature("\(table.unit)（盖章）"))

        b.append(.pageBreak)
        b.append(.heading("附表：\(entry.periodLabel)绩效指标执行情况", level: 1))
        var grid: [[String]] = [["一级指标", "三级指标", "年度指标值", "\(entry.periodLabel)执行数", "全年预计", "完成可能性", "预警"]]
        for (i, p, l) in rows {
            grid.append([
                i.level1, i.name, i.targetText, p?.completed ?? "", p?.expected ?? "", p?.likelihood?.rawValue ?? "",
                l?.light.rawValue ?? "",
            ])
        }
        b.append(.table(rows: grid, heading: true, widths: [1200, 2300, 1400, 1200, 1100, 1100, 770]))
        return DocxDraft(blocks: b)
    }

    public func data() throws(ImportError) -> Data {
        do { return try draft.data() } catch { throw ImportError("无法生成监控报告：\(error)") }
    }
}
