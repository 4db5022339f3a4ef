import GoalCore

/// Reads a qualitative actual (定性 实际完成值) against its target text: met, not met, or an evaluator's
/// grade (基本达成, 部分实现 90% …).
enum QualitativeJudge {
    enum Verdict: Equatable {
        case met(String)
        case notMet(String)
        /// A grade level and, when written, the percentage of the points (基本达成 90%).
        case grade(GradeLevel, share: Double?)
        /// A bare percentage of the points (90%).
        case share(Double)
        case unknown
    }

    static let affirmative: Set<String> = [
        "是", "已", "有", "达到", "达成", "已达成", "已达到", "完成", "已完成", "全部完成", "实现", "已实现", "全部实现", "完全实现",
        "完全达成", "达成目标", "完成目标", "实现目标", "达到目标", "达到预期", "达到预期目标", "符合", "符合要求", "合格",
        "按时完成", "按期完成", "如期完成", "达标", "满足", "满足要求", "100%",
    ]
    static let negative = ["未", "没有", "不", "否", "无", "尚未", "暂未"]
    /// Words that say a goal was reached, whatever the target's wording (有效提升 against 有效提高).
    static let positiveWords = [
        "达到", "达成", "完成", "实现", "符合", "满足", "合格", "达标", "良好", "优秀", "显著", "明显", "有效", "提高", "提升",
        "改善", "增强", "加强", "稳定", "保障", "落实", "到位", "及时", "按时", "准确", "规范", "完善", "健全", "安全", "满意",
        "好", "正常", "顺利", "保持",
    ]
    /// Adverbs that say nothing of the goal itself: 有效降低 and 有所降低 share 降低, not 有效.
    static let adverbs: Set<String> = ["有效", "明显", "显著", "进一步", "逐步", "持续", "不断", "得到", "有所", "全面", "切实"]
    /// Words that deny inside a text (效果不明显, 未能完成).
    static let denials = ["未", "不", "没有", "无法", "尚未", "欠"]

    static let ignored: Set<Character> = ["，", ",", "。", ".", "；", ";", "、", ":", "：", "!", "！", "(", ")", "（", "）"]

    /// The text as compared: normalised, without punctuation.
    static func key(_ s: String) -> String { key(normalized: RuleParser.normalize(s)) }

    /// The key of a text already normalised (an `ActualReading`'s `normalized`).
    static func key(normalized n: String) -> String {
        guard n.contains(where: { ignored.contains($0) }) else { return n }
        return n.filter { !ignored.contains($0) }
    }

    static func judge(actual: String, target: String, levels: [GradeLevel]) -> Verdict {
        let a = key(actual), t = key(target)
        guard !a.isEmpty else { return .unknown }
        if a == t { return .met("与指标值“\(target)”一致") }
        // grade words first: 基本达成 contains 达成
        for level in levels {
            if level.words.contains(where: { a.contains($0) }) {
                return .grade(level, share: percentage(in: a).map { $0 / 100 })
            }
        }
        if negative.contains(where: { a.hasPrefix($0) }) { return .notMet("实际为“\(actual)”") }
        if !t.isEmpty, t.count >= 2, a.contains(t) { return .met("含指标值“\(target)”") }
        if a.count >= 2, t.contains(a) { return .met("为指标值“\(target)”的一部分") }
        if denials.contains(where: { a.contains($0) }) { return .notMet("实际为“\(actual)”") }
        if let shared = sharedWord(a, t) { return .met("与指标值“\(target)”同为“\(shared)”") }
        if let w = positiveWords.first(where: { a.contains($0) }) { return .met("实际为“\(actual)”，含“\(w)”") }
        if affirmative.contains(a) { return .met("实际为“\(actual)”") }
        if let p = percentage(in: a), a.hasSuffix("%") || Double(a) != nil { return .share(p / 100) }
        return .unknown
    }

    /// A two-character word of the target, not an adverb, that the actual also has (降低 in 有所降低 / 有效降低).
    static func sharedWord(_ a: String, _ t: String) -> String? {
        let chars = Array(t)
        guard chars.count >= 2 else { return nil }
        for i in 0..<(chars.count - 1) {
            let w = String(chars[i...i + 1])
            if !adverbs.contains(w), !w.contains(where: { $0.isNumber }), a.contains(w) { return w }
        }
        return nil
    }

    static let percentPattern = TextPattern(#"(\d+(?:\.\d+)?)%"#)
    static func percentage(in s: String) -> Double? { percentPattern.firstMatch(in: s)?.number(1) }
}
