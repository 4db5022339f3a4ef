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
    /// One line of Chinese arithmetic: "按比例：5 × 1.71 ÷ 1.8 = 4.75".
    public var explanation: String
    public var flags: [ScoreFlag]

    public init(index: Int, name: String, score: Double?, weight: Double?, rule: ScoringRule?, source: RuleSource,
                explanation: String, flags: [ScoreFlag] = []) {
        self.index = index; self.name = name; self.score = score; self.weight = weight; self.rule = rule
        self.source = source; self.explanation = explanation; self.flags = flags
    }

    /// Dropped from total and max (不适用).
    public var isDropped: Bool { score == nil }
    /// Points below full (0 when dropped).
    public var lost: Double {
        guard let s = score, let w = weight else { return 0 }
        return max(0, ArithmeticText.round(w - s))
    }
}
