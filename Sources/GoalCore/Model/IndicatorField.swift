/// The fields of an indicator row, with the column names users know them by.
public enum IndicatorField: String, Sendable, Hashable, Codable, CaseIterable {
    case level1, level2, name, type, value, unit, explanation, scoring, weight, basis, lastYear, evidence, note
    case actual, deviation, score

    /// The column heading on the forms.
    public var label: String {
        switch self {
        case .level1: return "一级指标"
        case .level2: return "二级指标"
        case .name: return "三级指标"
        case .type: return "指标值类型"
        case .value: return "指标值"
        case .unit: return "计量单位"
        case .explanation: return "指标解释"
        case .scoring: return "评（扣）分标准"
        case .weight: return "分值"
        case .basis: return "指标值设置依据"
        case .lastYear: return "上年完成值"
        case .evidence: return "佐证资料"
        case .note: return "备注"
        case .actual: return "实际完成值"
        case .deviation: return "偏差原因分析及改进措施"
        case .score: return "得分"
        }
    }

    /// Every heading the forms of the provinces print over this field's column, most specific first
    /// (`指标值类型` is the type's, and is tried before the value's `指标值`). `label` and each
    /// `label(for:)` are among them. The text importer finds columns by these (`FormVocabulary`).
    public var headings: [String] {
        switch self {
        case .level1: return ["一级指标"]
        case .level2: return ["二级指标"]
        case .name: return ["三级指标", "绩效指标名称", "指标名称", "具体指标"]
        case .type: return ["指标值类型", "指标类型", "指标性质", "运算符号", "运算符", "比较符号", "符号"]
        case .basis: return ["指标值设置依据", "设置依据", "指标值确定依据"]
        case .explanation: return ["指标值说明", "指标解释", "指标说明", "指标内涵", "指标定义"]
        case .scoring:
            return [
                "评(扣)分标准", "评/扣分标准", "评扣分标准", "评分标准", "扣分标准", "指标赋分规则", "赋分规则", "评分规则", "计分方法",
                "评分办法",
            ]
        case .lastYear: return ["上年完成值", "上年实际完成值", "上年实际值", "上年指标值", "上年度完成值", "历史值"]
        case .actual: return ["实际完成值", "全年完成值", "年度完成值", "全年实际完成值", "实际完成情况", "全年实际值", "实际值", "完成值"]
        case .deviation: return ["偏差原因分析及改进措施", "偏差原因", "未完成原因"]
        case .weight: return ["指标分值权重", "指标分值", "指标权重", "参考分值", "分值", "权重", "满分"]
        case .value:
            return [
                "年度指标值", "年初指标值", "当年预期实现值", "预期实现值", "年度目标值", "全年指标值", "预期指标值", "目标值", "计划值", "指标值",
            ]
        case .unit: return ["计量单位", "度量单位", "单位"]
        case .evidence: return ["佐证资料", "佐证材料", "证明材料", "数据来源"]
        case .note: return ["备注"]
        case .score: return ["自评得分", "指标得分", "得分"]
        }
    }

    /// The heading as `kind`'s own form prints it: the 项目支出 form calls 分值 and 评（扣）分标准
    /// 指标分值权重 and 指标赋分规则, the 省级整体 form calls 指标解释 指标值说明. Screens, print and
    /// .xlsx all use these, so a form reads the same everywhere.
    public func label(for kind: TableKind) -> String {
        switch (kind, self) {
        case (.project, .weight): return "指标分值权重"
        case (.project, .scoring): return "指标赋分规则"
        case (.provincial, .explanation): return "指标值说明"
        default: return label
        }
    }
}

extension Indicator {
    /// The target as the forms print it in one cell: `≥100人`, `=100%`, or the text of a 定性 target.
    /// The one place a target is written as text (print view, pages, diffs, score reports, facts).
    public var targetText: String { Self.targetText(type: type, value: value, unit: unit) }

    /// How a target is written as text, for a value already cut to fit (a finding's `≥95…%`):
    /// the operator, the value and the unit; the value alone for a 定性 target.
    public static func targetText(type: Comparison, value: String, unit: String?) -> String {
        type == .qualitative ? value : type.rawValue + value + (unit ?? "")
    }
}
