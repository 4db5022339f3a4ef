/// 指标值类型: one of the five quantitative operators, or 定性 (qualitative).
public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
    case atLeast = "≥"
    case greater = ">"
    case equal = "="
    case atMost = "≤"
    case less = "<"
    case qualitative = "定性"

    public var isQuantitative: Bool { self != .qualitative }
    /// 正向指标: more is better.
    public var isHigherBetter: Bool { self == .atLeast || self == .greater }
    /// 反向指标: less is better.
    public var isLowerBetter: Bool { self == .atMost || self == .less }

    /// Reads an operator as users type it: `>=`, `＞＝`, `≧`, `=<`, `定量`-less `定性`, words such as 不低于.
    /// Returns nil when the text is not an operator.
    public static func parse(_ text: String) -> Comparison? {
        let s = TextNormalizer.halfWidth(text).filter { !$0.isWhitespace }
        switch s {
        case "≥", ">=", "=>", "≧", "⩾", "不低于", "不少于", "大于等于", "大于或等于", "以上", "至少": return .atLeast
        case ">", "大于", "高于", "多于", "超过": return .greater
        case "=", "==", "等于", "＝", "达到": return .equal
        case "≤", "<=", "=<", "≦", "⩽", "不高于", "不超过", "不多于", "小于等于", "小于或等于", "以下", "以内", "控制在": return .atMost
        case "<", "小于", "低于", "少于": return .less
        case "定性": return .qualitative
        default: return nil
        }
    }

    /// Does `actual` meet `target` under this operator? Qualitative comparisons are not decided here.
    public func isMet(actual: Double, target: Double) -> Bool? {
        switch self {
        case .atLeast: return actual >= target
        case .greater: return actual > target
        case .equal: return actual == target
        case .atMost: return actual <= target
        case .less: return actual < target
        case .qualitative: return nil
        }
    }
}
