import GoalCore
@testable import GoalScoring

/// One indicator row for a test, with a deviation text unless told otherwise.
func row(
    _ scoring: String?, _ type: Comparison = .atLeast, _ value: String = "100", unit: String? = "%",
    weight: Double? = 10, actual: String?, name: String = "测试指标", explanation: String? = nil,
    deviation: String? = "已说明"
) -> Indicator {
    Indicator(
        level1: "产出指标", level2: "数量指标", name: name, type: type, value: value,
        unit: type == .qualitative ? nil : unit, explanation: explanation, scoring: scoring, weight: weight,
        actual: actual, deviation: deviation)
}

/// Scores one row as the first row of the first table.
func scored(_ ind: Indicator, settings: ScoringSettings = .init()) -> IndicatorScore {
    var scorer = Scorer(settings: settings)
    return scorer.score(ind, table: 0, index: 0)
}

/// The score of one row (nil: dropped).
func points(
    _ scoring: String?, _ type: Comparison = .atLeast, _ value: String = "100", unit: String? = "%",
    weight: Double? = 10, actual: String?, settings: ScoringSettings = .init()
) -> Double? {
    scored(row(scoring, type, value, unit: unit, weight: weight, actual: actual), settings: settings).score
}
