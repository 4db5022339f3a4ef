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
        words[TextNormalizer.withoutWhitespace(TextNormalizer.halfWidth(text))]
    }

    /// A dictionary, not a switch: a switch compares the text with every spelling in turn.
    private static let words: WordTable<Comparison> = {
        var d: [(String, Comparison)] = []
        let spellings: [(Comparison, [String])] = [
            (.atLeast, ["≥", ">=", "=>", "≧", "⩾", "不低于", "不少于", "大于等于", "大于或等于", "以上", "至少"]),
            (.greater, [">", "大于", "高于", "多于", "超过"]),
            (.equal, ["=", "==", "等于", "＝", "达到"]),
            (.atMost, ["≤", "<=", "=<", "≦", "⩽", "不高于", "不超过", "不多于", "小于等于", "小于或等于", "以下", "以内", "控制在"]),
            (.less, ["<", "小于", "低于", "少于"]),
            (.qualitative, ["定性"]),
        ]
        for (c, list) in spellings { for w in list { d.append((w, c)) } }
        return WordTable(d)
    }()

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
