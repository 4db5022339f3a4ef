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
        func has(_ word: String) -> Bool { PlainText.contains(t, word) }
        if has("项目") && has("绩效") { return .project }
        // a special fund or a transfer payment is evaluated as a project (县级专项资金绩效目标自评表)
        if (has("专项资金") || has("转移支付")) && has("绩效") { return .project }
        if has("省级") && has("整体") { return .provincial }
        if has("整体") && has("绩效") { return .department }
        if has("部门") && has("绩效目标") { return .department }
        return nil
    }
}
