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
    static let negative = ["未", "没有", "不", "否", "无"]

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
        if affirmative.contains(a) { return .met("实际为“\(actual)”") }
        if let p = percentage(in: a), a.hasSuffix("%") || Double(a) != nil { return .share(p / 100) }
        return .unknown
    }

    static let percentPattern = TextPattern(#"(\d+(?:\.\d+)?)%"#)
    static func percentage(in s: String) -> Double? { percentPattern.firstMatch(in: s)?.number(1) }
}
