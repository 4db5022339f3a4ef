import GoalCore

/// F08: the header fields each form prints and requires (年度, 预算单位, 项目名称, 年度预算总额, 总体目标…),
/// listed per 表种 in the profile (`CheckSettings.requiredHeader`). A table without them cannot be filed
/// or submitted: a reviewer cannot tell whose money for which year it is.
extension TableCheck {
    mutating func headerRules() {
        let required = rules.profile.check.requiredHeader[table.kind.rawValue] ?? []
        let form = table.kind.officialTitle
        for key in required where !RequiredHeader.isFilled(key, in: table) {
            let label = RequiredHeader.label(key, kind: table.kind)
            emit(
                RuleCatalogue.headerMissing, row: nil, field: nil,
                "\(tablePlace)：表头“\(label)”未填写（\(form)要求填写）",
                fix: RequiredHeader.fix(key, kind: table.kind))
        }
    }
}

/// The header fields of the forms by the keys profiles use, with each form's own words.
public enum RequiredHeader {
    public static let keys = ["year", "unit", "duty", "goal", "project.name", "project.manager", "funds.total"]

    /// The form's own label of a header field (`unit` is 预算单位 on the project form, 部门（单位）名称 on the others).
    public static func label(_ key: String, kind: TableKind) -> String {
        switch key {
        case "year": return "年度"
        case "unit": return kind == .project ? "预算单位" : "部门（单位）名称"
        case "duty": return "部门（单位）职责"
        case "goal": return kind == .project ? "项目总体目标" : "年度履职目标"
        case "project.name": return "项目名称"
        case "project.manager": return "项目负责人"
        case "funds.total": return kind == .project ? "年度预算总额" : "部门预算总额"
        default: return key
        }
    }

    static func fix(_ key: String, kind: TableKind) -> String {
        switch key {
        case "year": return "填写预算年度，如“2026”"
        case "funds.total": return "填写\(label(key, kind: kind))（万元），如“50”"
        default: return "填写\(label(key, kind: kind))"
        }
    }

    static func isFilled(_ key: String, in t: GoalTable) -> Bool {
        func text(_ s: String?) -> Bool { !Keys.trim(s ?? "").isEmpty }
        switch key {
        case "year": return t.year != nil
        case "unit": return text(t.unit)
        case "duty": return text(t.duty)
        case "goal": return text(t.goal)
        case "project.name": return text(t.project?.name)
        case "project.manager": return text(t.project?.manager)
        // the total, or 财政拨款 written so that the total follows from its parts (the provincial form prints only those)
        case "funds.total": return t.funds?.total != nil || t.funds?.fiscal != nil
        default: return true
        }
    }
}
