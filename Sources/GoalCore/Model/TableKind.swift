/// 表种: which of the three official forms a table is.
public enum TableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 部门（单位）整体支出绩效目标表
    case department
    /// 项目支出绩效目标表
    case project
    /// 省级部门（单位）整体绩效目标申报表
    case provincial

    /// The official title printed on the form.
    public var officialTitle: String {
        switch self {
        case .department: return "部门（单位）整体支出绩效目标表"
        case .project: return "项目支出绩效目标表"
        case .provincial: return "省级部门（单位）整体绩效目标申报表"
        }
    }

    /// The kind a printed title names, e.g. `2023年度项目支出绩效自评表` → project.
    public static func fromTitle(_ title: String) -> TableKind? {
        let t = TextNormalizer.labelKey(title)
        if t.contains("项目") && t.contains("绩效") { return .project }
        if t.contains("省级") && t.contains("整体") { return .provincial }
        if t.contains("整体") && t.contains("绩效") { return .department }
        if t.contains("部门") && t.contains("绩效目标") { return .department }
        return nil
    }
}
