import GoalCore

/// Computes the lights of monitoring entries under one profile. A value type with no state beyond
/// the profile: make one per request, or keep one; it is `Sendable`.
public struct Monitor: Sendable {
    public var profile: MonitoringProfile

    public init(profile: MonitoringProfile = .standard) { self.profile = profile }

    /// Every light of `table` for `entry`'s period: each indicator (in the table's order, matched
    /// to the entry by `Indicator.id`), the budget, the table.
    public func lights(table: GoalTable, entry: MonitoringEntry) -> TableLights {
        let month = min(max(entry.period, 1), 12)
        var byID: [String: Int] = [:]
        byID.reserveCapacity(entry.indicators.count)
        for (i, p) in entry.indicators.enumerated() where byID[p.id] == nil { byID[p.id] = i }
        let rule = IndicatorRule(profile: profile, month: month)
        var seen = Set<String>()
        var indicators: [IndicatorLight] = []
        indicators.reserveCapacity(table.indicators.count)
        for (row, indicator) in table.indicators.enumerated() {
            let progress = indicator.id.flatMap { byID[$0] }.map { entry.indicators[$0] }
            if let id = indicator.id { seen.insert(id) }
            indicators.append(rule.light(indicator, row: row, progress: progress))
        }
        let unmatched = entry.indicators.count == seen.count ? [] : entry.indicators.map(\.id).filter { !seen.contains($0) }
        let budget = BudgetJudge(rule: profile.budget, month: month).light(entry)
        let gap = profile.goalSpendingGap.map {
            gapCheck(limit: $0, table: table, entry: entry, lights: indicators, budget: budget)
        }
        let (light, explanation) = tableLight(budget: budget, indicators: indicators, gap: gap)
        return TableLights(
            name: Self.name(of: table), period: month, light: light, explanation: explanation, budget: budget,
            indicators: indicators, gap: gap, unmatched: unmatched)
    }

    /// A unit's light over its tables' lights.
    public func unitLights(_ tables: [TableLights]) -> UnitLights { UnitLights(tables: tables) }

    /// The project name, else the title.
    public static func name(of table: GoalTable) -> String {
        if let p = table.project?.name, !p.isEmpty { return p }
        return table.title
    }

    private func tableLight(budget: BudgetLight, indicators: [IndicatorLight], gap: GapCheck?) -> (Light, String) {
        let counts = [Light.red, .yellow, .green, .blue, .undetermined].compactMap { l -> String? in
            let n = indicators.filter { $0.light == l }.count
            return n > 0 ? "\(l.rawValue) \(n)" : nil
        }
        let indicatorText = indicators.isEmpty ? "无指标" : "指标 \(counts.joined(separator: " / "))"
        let gapText = gap.map { "，目标与支出偏差 \($0.light.rawValue)" } ?? ""
        switch profile.tableRule {
        case .worst:
            let light = Light.worst(indicators.map(\.light) + [budget.light] + (gap.map { [$0.light] } ?? []))
            return (light, "取最差：预算执行 \(budget.light.rawValue)，\(indicatorText)\(gapText) → \(light.rawValue)")
        case .spendingThenGoals:
            let goals = Light.worst(indicators.map(\.light))
            let light: Light
            let why: String
            switch budget.light {
            case .undetermined: light = .undetermined; why = "支出进度无法判断"
            case .green, .blue:
                let goalsOnTrack = goals == .green || goals == .blue
                light = goalsOnTrack ? .green : (goals == .undetermined ? .undetermined : .yellow)
                why = goalsOnTrack ? "支出进度正常，目标进度正常" : (goals == .undetermined ? "支出进度正常，目标进度无法判断" : "支出进度正常，目标进度不正常")
            default: light = .red; why = "支出进度不正常"
            }
            return (light, "\(why)（预算执行 \(budget.light.rawValue)，\(indicatorText)） → \(light.rawValue)")
        }
    }

    /// Goal completion: the mean over the accumulating ≥ / > / = indicators whose 完成值 could be read
    /// of 完成值 ÷ 年度指标值 (not prorated, capped at 100 %); rates are left out since they do not
    /// progress through the year as spending does.
    private func gapCheck(limit: Double, table: GoalTable, entry: MonitoringEntry, lights: [IndicatorLight], budget: BudgetLight)
        -> GapCheck
    {
        var shares: [Double] = []
        for (i, indicator) in table.indicators.enumerated() where lights[i].prorated == true && !indicator.type.isLowerBetter {
            guard let ratio = lights[i].ratio else { continue }
            // the light's ratio is against the prorated target; back to the year's target
            shares.append(min(100, ratio * Double(entry.period) / 12))
        }
        guard let rate = budget.rate else {
            return GapCheck(goalCompletion: nil, light: .green, explanation: "执行率无法计算，不比较目标与支出进度")
        }
        guard !shares.isEmpty else {
            return GapCheck(goalCompletion: nil, light: .green, explanation: "没有可累计的数量指标，不比较目标与支出进度")
        }
        let completion = Figures.settle(shares.reduce(0, +) / Double(shares.count))
        let gap = Figures.settle(abs(completion - rate))
        let light: Light = gap > limit ? .yellow : .green
        return GapCheck(
            goalCompletion: completion, light: light,
            explanation:
                "目标完成进度 \(Figures.text(completion))%（\(shares.count) 项累计指标平均）与执行率 \(Figures.text(rate))% 相差 \(Figures.text(gap)) 个百分点 \(gap > limit ? ">" : "≤") \(Figures.text(limit)) → \(light.rawValue)"
        )
    }
}
