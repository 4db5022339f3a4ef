/// What changed between two versions of a table, field by field, in the words of the form:
/// shown in the audit trail and when an adjustment (调整) is compared with the approved table.
///
/// Indicators are paired by their id (`Indicator.id`): a renamed indicator is a change of its 三级 name,
/// a moved row is a move, not a change of every row between; indicators without ids (older data) are
/// paired by position. Each field is compared through `IndicatorField`, the one list of fields.
public struct TableChange: Sendable, Hashable, Codable {
    /// Where: `表头`, `第3行`, `任务2`.
    public var place: String
    /// Which field, as the form names it: `目标值`, `评（扣）分标准`.
    public var field: String
    public var before: String
    public var after: String

    public init(place: String, field: String, before: String, after: String) {
        self.place = place; self.field = field; self.before = before; self.after = after
    }

    /// `第3行「培训人数」· 指标值：≥100人 → ≥120人`
    public var line: String {
        "\(place) · \(field)：\(before.isEmpty ? "（空）" : before) → \(after.isEmpty ? "（空）" : after)"
    }
}

public enum TableDiff {
    public static func changes(from old: GoalTable, to new: GoalTable) -> [TableChange] {
        var out: [TableChange] = []
        func compare(_ place: String, _ field: String, _ a: String?, _ b: String?) {
            let x = a ?? "", y = b ?? ""
            if x != y { out.append(TableChange(place: place, field: field, before: x, after: y)) }
        }
        func number(_ d: Double?) -> String? { d.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) } }

        compare("表头", "表种", old.kind.officialTitle, new.kind.officialTitle)
        compare("表头", "标题", old.title, new.title)
        compare("表头", "年度", old.year.map(String.init), new.year.map(String.init))
        compare("表头", "单位名称", old.unit, new.unit)
        compare("表头", "部门职能职责", old.duty, new.duty)
        compare("表头", "年度绩效目标", old.goal, new.goal)
        compare("表头", "项目名称", old.project?.name, new.project?.name)
        compare("表头", "项目负责人", old.project?.manager, new.project?.manager)
        compare("资金", "资金总额", number(old.funds?.total), number(new.funds?.total))
        compare("资金", "财政拨款", number(old.funds?.fiscal), number(new.funds?.fiscal))
        compare("资金", "其他资金", number(old.funds?.other), number(new.funds?.other))

        for i in 0..<max(old.tasks.count, new.tasks.count) {
            let a = i < old.tasks.count ? old.tasks[i] : nil, b = i < new.tasks.count ? new.tasks[i] : nil
            let place = "任务\(i + 1)"
            switch (a, b) {
            case let (a?, b?):
                compare(place, "任务名称", a.name, b.name)
                compare(place, "主要内容", a.content, b.content)
            case let (a?, nil): out.append(TableChange(place: place, field: "删除任务", before: a.name, after: ""))
            case let (nil, b?): out.append(TableChange(place: place, field: "新增任务", before: "", after: b.name))
            case (nil, nil): break
            }
        }

        let oldRows = old.rows, newRows = new.rows
        for (a, b) in pairs(old.indicators, new.indicators) {
            switch (a, b) {
            case let (a?, b?):
                let place = "第\(b.row + 1)行「\(b.value.name.isEmpty ? a.value.name : b.value.name)」"
                if a.row != b.row {
                    out.append(TableChange(place: place, field: "位置", before: "第\(a.row + 1)行", after: "第\(b.row + 1)行"))
                }
                for f in IndicatorField.stored where f != .type && f != .value && f != .unit {
                    if f == .name {
                        compare(place, f.diffLabel, f.text(of: oldRows[a.row]), f.text(of: newRows[b.row]))
                        compare(place, "指标值", targetText(a.value), targetText(b.value))
                    } else {
                        compare(place, f.diffLabel, f.text(of: oldRows[a.row]), f.text(of: newRows[b.row]))
                    }
                }
            case let (a?, nil):
                // an indicator the new version dropped: what it had reached stays on record here
                let reached = oldRows[a.row].evaluation.actual.map { "（实际完成值 \($0)）" } ?? ""
                out.append(
                    TableChange(
                        place: "原第\(a.row + 1)行", field: "删除指标",
                        before: a.value.name + " " + targetText(a.value) + reached, after: ""))
            case let (nil, b?):
                out.append(
                    TableChange(
                        place: "第\(b.row + 1)行", field: "新增指标", before: "", after: b.value.name + " " + targetText(b.value)))
            case (nil, nil): break
            }
        }

        compare("签署", "填表人", old.signoff?.filledBy, new.signoff?.filledBy)
        compare("签署", "联系电话", old.signoff?.phone, new.signoff?.phone)
        compare("签署", "填表日期", old.signoff?.filledOn, new.signoff?.filledOn)
        compare("签署", "单位负责人", old.signoff?.head, new.signoff?.head)
        compare("签署", "业务股室审核人", old.signoff?.businessReviewer, new.signoff?.businessReviewer)
        compare("签署", "绩效股审核人", old.signoff?.performanceReviewer, new.signoff?.performanceReviewer)
        compare("批复", "批复文号", old.signoff?.approvalNumber, new.signoff?.approvalNumber)
        compare("批复", "批复日期", old.signoff?.approvedOn, new.signoff?.approvedOn)
        compare("预算执行", "预算数", number(old.execution?.budget), number(new.execution?.budget))
        compare("预算执行", "执行数", number(old.execution?.spent), number(new.execution?.spent))
        compare("预算执行", "分值", number(old.execution?.weight), number(new.execution?.weight))
        compare("预算执行", "说明", old.execution?.explanation, new.execution?.explanation)
        return out
    }

    /// Old and new indicators paired by id, in the new table's order, removed ones after; by position
    /// when either side lacks ids.
    static func pairs(_ old: [Indicator], _ new: [Indicator])
        -> [(Row?, Row?)]
    {
        let oldRows = old.enumerated().map { Row(row: $0.offset, value: $0.element) }
        let newRows = new.enumerated().map { Row(row: $0.offset, value: $0.element) }
        let byID = old.allSatisfy { $0.id != nil } && new.allSatisfy { $0.id != nil }
        guard byID else {
            return (0..<max(old.count, new.count)).map { i in
                (i < old.count ? oldRows[i] : nil, i < new.count ? newRows[i] : nil)
            }
        }
        var oldByID: [String: Row] = [:]
        for r in oldRows { if let id = r.value.id { oldByID[id] = r } }
        var out: [(Row?, Row?)] = newRows.map { r in (r.value.id.flatMap { oldByID[$0] }, r) }
        let kept = Set(new.compactMap(\.id))
        out += oldRows.filter { !kept.contains($0.value.id ?? "") }.map { ($0, nil) }
        return out
    }

    struct Row {
        var row: Int
        var value: Indicator
    }

    /// `≥100人`, or the text of a 定性 target.
    public static func targetText(_ i: Indicator) -> String { i.targetText }
}
