import GoalCore
@testable import GoalScoring

/// A row of a test: the plan's indicator and what its unit entered for it.
struct EnteredRow {
    var indicator: Indicator
    var evaluation: IndicatorEvaluation
}

/// One indicator row for a test, with a deviation text unless told otherwise.
func row(
    _ scoring: String?, _ type: Comparison = .atLeast, _ value: String = "100", unit: String? = "%",
    weight: Double? = 10, actual: String?, name: String = "测试指标", explanation: String? = nil,
    deviation: String? = "已说明"
) -> EnteredRow {
    EnteredRow(
        indicator: Indicator(
            level1: "产出指标", level2: "数量指标", name: name, type: type, value: value,
            unit: type == .qualitative ? nil : unit, explanation: explanation, scoring: scoring, weight: weight),
        evaluation: IndicatorEvaluation(actual: actual, deviation: deviation))
}

extension Scorer {
    mutating func score(_ row: EnteredRow, table: Int, index: Int) -> IndicatorScore {
        score(row.indicator, evaluation: row.evaluation, table: table, index: index)
    }
}

extension GoalTable {
    /// A table of test rows, their values entered beside the plan.
    init(kind: TableKind, indicators rows: [EnteredRow], execution: Execution? = nil) {
        self.init(kind: kind, indicators: rows.map(\.indicator), execution: execution)
        setEvaluationsByRow(rows.map(\.evaluation))
    }
}

/// Scores one row as the first row of the first table.
func scored(_ row: EnteredRow, settings: ScoringSettings = .init()) -> IndicatorScore {
    var scorer = Scorer(settings: settings)
    return scorer.score(row, table: 0, index: 0)
}

/// The score of one row (nil: dropped).
func points(
    _ scoring: String?, _ type: Comparison = .atLeast, _ value: String = "100", unit: String? = "%",
    weight: Double? = 10, actual: String?, settings: ScoringSettings = .init()
) -> Double? {
    scored(row(scoring, type, value, unit: unit, weight: weight, actual: actual), settings: settings).score
}
