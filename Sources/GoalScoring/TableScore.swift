import GoalCore

/// The budget execution score: `weight × min(spent / budget, 1)`, 2 decimals.
public struct ExecutionScore: Sendable, Hashable {
    public var budget: Double
    public var spent: Double
    public var weight: Double
    /// spent / budget (not limited to 1); nil when the budget is 0 or the figures are invalid.
    public var rate: Double?
    public var score: Double
    public var explanation: String

    public static func compute(_ e: Execution) -> ExecutionScore {
        let n = { ArithmeticText.number($0) }
        guard e.budget > 0, e.spent >= 0, e.weight >= 0, e.budget.isFinite, e.spent.isFinite, e.weight.isFinite else {
            return ExecutionScore(
                budget: e.budget, spent: e.spent, weight: e.weight, rate: nil, score: 0,
                explanation: "预算执行：预算数\(n(e.budget))、执行数\(n(e.spent))无法计算执行率：0")
        }
        let rate = e.spent / e.budget
        let score = ArithmeticText.round(e.weight * min(rate, 1))
        let arithmetic =
            rate > 1
            ? "执行率\(ArithmeticText.percent(rate))，按100%计：\(n(e.weight)) × 1 = \(n(score))"
            : "\(n(e.weight)) × \(n(e.spent)) ÷ \(n(e.budget)) = \(n(score))"
        return ExecutionScore(
            budget: e.budget, spent: e.spent, weight: e.weight, rate: rate, score: score,
            explanation: "预算执行率：" + arithmetic)
    }
}

/// A cap of the total that was applied (execution rate under a line of the profile).
public struct AppliedCap: Sendable, Hashable {
    public var cap: ExecutionCap
    /// The total before the cap.
    public var uncapped: Double
    /// The highest total allowed: `atMost` percent of the max.
    public var limit: Double
}

/// The score of one table. The total, max, percent and grade are derived from the parts.
public struct TableScore: Sendable, Hashable {
    /// 0-based index of the table in its document.
    public var table: Int
    public var indicators: [IndicatorScore]
    public var execution: ExecutionScore?
    /// Table-level flags (execution); indicator flags sit on their rows.
    public var tableFlags: [ScoreFlag]
    public var caps: [ExecutionCap]
    public var thresholds: GradeThresholds

    public init(
        table: Int, indicators: [IndicatorScore], execution: ExecutionScore?, tableFlags: [ScoreFlag] = [],
        caps: [ExecutionCap] = [], thresholds: GradeThresholds = .init()
    ) {
        self.table = table; self.indicators = indicators; self.execution = execution; self.tableFlags = tableFlags
        self.caps = caps; self.thresholds = thresholds
    }

    /// The sum of the rounded indicator scores and the execution score, rounded again.
    public var uncappedTotal: Double {
        var sum = execution?.score ?? 0
        for i in indicators { sum += i.score ?? 0 }
        return ArithmeticText.round(sum)
    }

    /// The sum of the weights of the rows not dropped, and the execution weight.
    public var max: Double {
        var sum = execution?.weight ?? 0
        for i in indicators where i.score != nil { sum += i.weight ?? 0 }
        return ArithmeticText.round(sum)
    }

    /// The cap in force, if the profile has caps and the execution rate is under one.
    public var appliedCap: AppliedCap? {
        guard let rate = execution?.rate else { return nil }
        let pct = ArithmeticText.round(rate * 100)
        // the strictest cap whose line the rate is under
        guard let cap = caps.filter({ pct < $0.below - 1e-9 }).min(by: { $0.atMost < $1.atMost }) else { return nil }
        let limit = ArithmeticText.round(cap.atMost / 100 * max)
        let total = uncappedTotal
        return total > limit ? AppliedCap(cap: cap, uncapped: total, limit: limit) : nil
    }

    public var total: Double { appliedCap?.limit ?? uncappedTotal }

    /// total / max × 100, 2 decimals; 0 when max is 0.
    public var percent: Double { max > 0 ? ArithmeticText.round(total / max * 100) : 0 }

    public var grade: Grade { Grade(percent: percent, thresholds: thresholds) }

    /// Whether anything was scored at all: the execution rate, or a row with an actual.
    public var hasScores: Bool {
        execution != nil
            || indicators.contains { row in
                row.score != nil && row.rule != nil && !row.flags.contains { $0.kind == .missingActual }
            }
    }

    /// Every flag: the rows' in order, then the table's.
    public var flags: [ScoreFlag] {
        var all = indicators.flatMap(\.flags) + tableFlags
        if let c = appliedCap, let rate = execution?.rate {
            all.append(
                ScorePlace(table: table).flag(
                    .totalCapped, .info, nil,
                    "预算执行率\(ArithmeticText.percent(rate))低于\(ArithmeticText.number(c.cap.below))%，总分限于满分的\(ArithmeticText.number(c.cap.atMost))%：\(ArithmeticText.number(c.uncapped)) → \(ArithmeticText.number(c.limit))"
                ))
        }
        return all
    }

    /// One line: "总分 67.83 / 84（80.75%），良".
    public var summary: String {
        "总分\(ArithmeticText.number(total)) / \(ArithmeticText.number(max))（\(ArithmeticText.number(percent))%），\(grade.rawValue)"
    }
}
