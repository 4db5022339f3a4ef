import GoalCore

/// Every light of one table for one period: what the form shows beside each row and above it.
public struct TableLights: Sendable, Hashable, Codable {
    /// The project name, else the title: what finance calls the table.
    public var name: String
    public var period: Int
    public var light: Light
    /// "取最差：预算执行 黄，指标 红 1 / 黄 2 / 绿 5 → 红".
    public var explanation: String
    public var budget: BudgetLight
    public var indicators: [IndicatorLight]
    /// Sichuan's goal/spending gap, when the profile checks it.
    public var gap: GapCheck?
    /// Indicators of the entry whose id is not in the table (a stale entry, a removed row): named, not lit.
    public var unmatched: [String]

    public init(
        name: String, period: Int, light: Light, explanation: String, budget: BudgetLight,
        indicators: [IndicatorLight], gap: GapCheck? = nil, unmatched: [String] = []
    ) {
        self.name = name; self.period = period; self.light = light; self.explanation = explanation; self.budget = budget
        self.indicators = indicators; self.gap = gap; self.unmatched = unmatched
    }

    /// How many indicators have each light.
    public func count(_ light: Light) -> Int { indicators.reduce(0) { $0 + ($1.light == light ? 1 : 0) } }
    /// How many indicators have each 完成目标可能性.
    public func count(_ likelihood: Likelihood) -> Int { indicators.reduce(0) { $0 + ($1.likelihood == likelihood ? 1 : 0) } }

    /// The rows that need a 偏差原因 and lack one.
    public var reasonsMissing: [IndicatorLight] { indicators.filter(\.reasonMissing) }
    /// A 红 row without its 偏差原因: what `jixiao monitor` exits 1 for.
    public var hasRedWithoutReason: Bool { indicators.contains { $0.light == .red && $0.reasonMissing } }
}

/// Sichuan's table-level warning: goal completion and spending more than N points apart.
public struct GapCheck: Sendable, Hashable, Codable {
    /// Average completion of the accumulating indicators, in % of their year's target (each capped at 100).
    public var goalCompletion: Double?
    public var light: Light
    public var explanation: String
}

/// A unit's light: the worst of its tables'.
public struct UnitLights: Sendable, Hashable, Codable {
    public var light: Light
    public var explanation: String
    public var tables: [TableLights]

    public init(tables: [TableLights]) {
        self.tables = tables
        light = Light.worst(tables.map(\.light))
        let counts = Light.allCases.compactMap { l -> String? in
            let n = tables.filter { $0.light == l }.count
            return n > 0 ? "\(l.rawValue) \(n)" : nil
        }
        explanation =
            tables.isEmpty ? "没有表 → 绿" : "取各表最差：\(tables.count) 张表中 \(counts.joined(separator: " / ")) → \(light.rawValue)"
    }
}
