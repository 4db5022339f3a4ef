import GoalCore
@testable import GoalMonitoring

/// Small tables built in the tests, each indicator with an id, and an entry for them.
enum Fixture {
    /// One indicator `type value unit` under 一级/二级, with id "i".
    static func indicator(
        _ name: String, _ type: Comparison, _ value: String, _ unit: String? = nil,
        level1: String = "产出指标", level2: String = "数量指标", id: String = "i"
    ) -> Indicator {
        Indicator(level1: level1, level2: level2, name: name, type: type, value: value, unit: unit, id: id)
    }

    static func table(_ indicators: [Indicator]) -> GoalTable {
        GoalTable(kind: .project, year: 2026, unit: "某单位", project: ProjectInfo(name: "测试项目"), indicators: indicators)
    }

    /// A budget of 120 万元 spent `spent` by the end of the period.
    static func budget(_ spent: Double?, initial: Double? = 120, adjusted: Double? = nil) -> [BudgetRow] {
        [BudgetRow(item: .total, initial: initial, adjusted: adjusted, spent: spent)]
    }

    /// The light of one indicator for the period 1–`month`, completed `completed`.
    static func light(
        _ indicator: Indicator, _ completed: String?, month: Int = 7, likelihood: Likelihood? = nil,
        causes: [DeviationCause] = [], causeText: String? = nil, profile: MonitoringProfile = .standard
    ) -> IndicatorLight {
        let entry = MonitoringEntry(
            period: month, budget: budget(70),
            indicators: [
                IndicatorProgress(
                    id: indicator.id ?? "i", completed: completed, likelihood: likelihood, causes: causes, causeText: causeText)
            ])
        return Monitor(profile: profile).lights(table: table([indicator]), entry: entry).indicators[0]
    }
}
