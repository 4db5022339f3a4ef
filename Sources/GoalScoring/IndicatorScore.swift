import GoalCore

/// The score of one indicator row.
public struct IndicatorScore: Sendable, Hashable {
    /// 0-based row in the table.
    public var index: Int
    public var name: String
    /// Rounded to 2 decimals; nil when the row is 不适用 and dropped from total and max.
    public var score: Double?
    /// The full points in force (`w`): the weight, else the points the scoring text names; nil when neither.
    public var weight: Double?
    /// The rule applied, nil when none could be (不适用, no weight).
    public var rule: ScoringRule?
    public var source: RuleSource
    public var flags: [ScoreFlag]
    /// Writes the explanation when it is read: scoring needs the numbers, people need the words.
    let render: @Sendable () -> String

    /// One line of Chinese arithmetic: "按比例：5 × 1.71 ÷ 1.8 = 4.75".
    public var explanation: String { render() }

    public init(
        index: Int, name: String, score: Double?, weight: Double?, rule: ScoringRule?, source: RuleSource,
        explanation: String, flags: [ScoreFlag] = []
    ) {
        self.init(
            index: index, name: name, score: score, weight: weight, rule: rule, source: source,
            render: { explanation }, flags: flags)
    }

    init(
        index: Int, name: String, score: Double?, weight: Double?, rule: ScoringRule?, source: RuleSource,
        render: @escaping @Sendable () -> String, flags: [ScoreFlag]
    ) {
        self.index = index; self.name = name; self.score = score; self.weight = weight; self.rule = rule
        self.source = source; self.render = render; self.flags = flags
    }

    public static func == (a: IndicatorScore, b: IndicatorScore) -> Bool {
        a.index == b.index && a.name == b.name && a.score == b.score && a.weight == b.weight && a.rule == b.rule
            && a.source == b.source && a.flags == b.flags && a.explanation == b.explanation
    }

    public func hash(into h: inout Hasher) {
        h.combine(index); h.combine(name); h.combine(score); h.combine(weight); h.combine(rule); h.combine(source)
        h.combine(flags)
    }

    /// The actual does not meet the target under its type (97 against ≥98), whatever points the rule gave.
    public var missedTarget = false
    /// A 偏差原因分析及改进措施 is asked for: points were lost, or the target was missed even at full marks.
    public var deviationRequired: Bool { lost > 0 || missedTarget }

    /// Dropped from total and max (不适用).
    public var isDropped: Bool { score == nil }
    /// Points below full (0 when dropped).
    public var lost: Double {
        guard let s = score, let w = weight else { return 0 }
        return max(0, ArithmeticText.round(w - s))
    }
}
