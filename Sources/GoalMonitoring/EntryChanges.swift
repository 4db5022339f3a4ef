import Foundation

/// What a save of a monitoring entry changed, one line a field, as the audit trail shows it:
/// `年度资金总额 1-7月执行数：40 → 52`, `第2行“培训人数” 1-7月完成值：（空） → 800`.
///
/// The form's own words name each field, so a reviewer reading the trail sees what the unit changed
/// between two saves without opening the two versions side by side.
public enum EntryChanges {
    /// At most this many lines are kept for one save; the rest are counted in a last line.
    public static let limit = 40

    /// `names` gives an indicator's place and name by its id (`第2行“培训人数”`); an id it does not know is
    /// shown as it is.
    public static func lines(from old: MonitoringEntry?, to new: MonitoringEntry, names: (String) -> String?) -> [String] {
        var out: [String] = []
        let period = new.periodLabel
        // compared whole (a change past the shown part still counts), shown cut
        func add(_ label: String, _ a: String?, _ b: String?) {
            let x = oneLine(a), y = oneLine(b)
            guard x != y else { return }
            out.append("\(label)：\(shown(x)) → \(shown(y))")
        }
        func number(_ v: Double?) -> String? { v.map { Figures.text($0, decimals: 6) } }

        let before = Dictionary(old?.budget.map { ($0.item, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let kept = Set(new.budget.map(\.item))
        // (before, after) of each row; a row this save dropped is listed as emptied, after the rest
        let budget: [(BudgetRow?, BudgetRow?)] =
            new.budget.map { (before[$0.item], $0) } + (old?.budget.filter { !kept.contains($0.item) }.map { ($0, nil) } ?? [])
        for (was, row) in budget {
            guard let item = (row ?? was)?.item.rawValue else { continue }
            add("\(item) 年初预算数", number(was?.initial), number(row?.initial))
            add("\(item) 全年预算数", number(was?.adjusted), number(row?.adjusted))
            add("\(item) \(period)执行数", number(was?.spent), number(row?.spent))
            add("\(item) 全年预计执行数", number(was?.expected), number(row?.expected))
        }
        add("年度总体目标 执行情况", old?.goalProgress, new.goalProgress)

        let progress = Dictionary(old?.indicators.map { ($0.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let rows = Set(new.indicators.map(\.id))
        let indicators: [(IndicatorProgress?, IndicatorProgress?)] =
            new.indicators.map { (progress[$0.id], $0) }
            + (old?.indicators.filter { !rows.contains($0.id) }.map { ($0, nil) } ?? [])
        for (was, p) in indicators {
            guard let id = (p ?? was)?.id else { continue }
            let name = names(id) ?? "指标 \(id)"
            add("\(name) \(period)完成值", was?.completed, p?.completed)
            add("\(name) 全年预计完成值", was?.expected, p?.expected)
            add("\(name) 完成目标可能性", was?.likelihood?.rawValue, p?.likelihood?.rawValue)
            add("\(name) 偏差原因", causes(was?.causes), causes(p?.causes))
            add("\(name) 原因说明", was?.causeText, p?.causeText)
            add("\(name) 纠偏措施", was?.correction, p?.correction)
            add("\(name) 备注", was?.note, p?.note)
        }
        add("绩效目标执行出现的偏差", old?.deviationSummary, new.deviationSummary)
        add("存在的问题", old?.problems, new.problems)
        add("纠偏整改措施", old?.measures, new.measures)

        guard out.count > limit else { return out }
        return Array(out.prefix(limit)) + ["……另有 \(out.count - limit) 处修改"]
    }

    private static func causes(_ c: [DeviationCause]?) -> String? {
        guard let c, !c.isEmpty else { return nil }
        return c.map(\.rawValue).joined(separator: "、")
    }

    /// The text on one line, trimmed; nil when blank.
    private static func oneLine(_ s: String?) -> String? {
        guard let s else { return nil }
        let line = s.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? nil : line
    }

    /// As the line shows it: at most 60 characters.
    private static func shown(_ s: String?) -> String {
        guard let s else { return "（空）" }
        return s.count > 60 ? String(s.prefix(60)) + "…" : s
    }
}
