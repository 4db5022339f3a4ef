/// The approved goals (`GoalTable.indicators`) are the plan. What happens to it later is recorded beside
/// it, in `GoalTable.evaluation`: the budget execution and, for each indicator, the values its unit entered
/// in 自评 (实际完成值, 偏差原因分析及改进措施), keyed by the indicator, not by its row, so that an indicator
/// moved or renamed keeps what it reached.
///
/// The interchange JSON does not change: `actual` and `deviation` are still written on each indicator object
/// and `execution` on the table; the coders map between that shape and this record.
public struct SelfEvaluation: Sendable, Hashable {
    /// 预算执行 figures, when the table gives them.
    public var execution: Execution?
    /// The values entered per indicator. Only entries with a value are kept, so two records that say the
    /// same are equal. An entry whose indicator is gone (removed from the plan) stays until it is cleared.
    public private(set) var indicators: [IndicatorKey: IndicatorEvaluation]

    public init(execution: Execution? = nil, indicators: [IndicatorKey: IndicatorEvaluation] = [:]) {
        self.execution = execution
        self.indicators = indicators.filter { !$0.value.isEmpty }
    }

    /// The values kept under `key` (empty when none).
    public subscript(key: IndicatorKey) -> IndicatorEvaluation {
        get { indicators[key] ?? IndicatorEvaluation() }
        set { indicators[key] = newValue.isEmpty ? nil : newValue }
    }

    /// Nothing entered at all.
    public var isEmpty: Bool { execution == nil && indicators.isEmpty }
}

/// What one indicator reached, as its unit wrote it in 自评.
public struct IndicatorEvaluation: Sendable, Hashable {
    /// 实际完成值, as written.
    public var actual: String?
    /// 偏差原因分析及改进措施.
    public var deviation: String?

    public init(actual: String? = nil, deviation: String? = nil) {
        self.actual = actual; self.deviation = deviation
    }

    public var isEmpty: Bool { actual == nil && deviation == nil }
}

/// How the self-evaluation names its indicator: by the indicator's stable id (`Indicator.id`).
///
/// An indicator without an id is keyed by its row until it gets one (`.row`). Ids are made when a table is
/// stored or written, not when it is read (`DocumentReader`, docs/INTERCHANGE-IDS.md): a pasted 自评表, an
/// .xlsx or a JSON document without ids reads to the same tables every time, so readers cannot make ids at
/// parse time without giving up that promise. `GoalTable.withIndicatorIDs` moves row-keyed values to the ids
/// it gives, and every table the web app stores has ids, so from then on the values follow their indicator.
/// A row key also serves an indicator whose id repeats an earlier row's (hostile input, a row copied with
/// its id) until `withIndicatorIDs` gives it one of its own. Rows of a table without ids must not be moved
/// while it carries values: give ids first.
public enum IndicatorKey: Sendable, Hashable {
    case id(String)
    case row(Int)
}

extension GoalTable {
    /// The key of row `i`'s self-evaluation: its id, or its row when it has none of its own.
    public func evaluationKey(at i: Int) -> IndicatorKey {
        guard let id = indicators[i].id, !id.isEmpty else { return .row(i) }
        for k in 0..<i where indicators[k].id == id { return .row(i) }
        return .id(id)
    }

    /// Every row's key, in row order (one pass; for loops over all rows).
    public var evaluationKeys: [IndicatorKey] {
        var seen = Set<String>()
        return indicators.indices.map { i in
            if let id = indicators[i].id, !id.isEmpty, seen.insert(id).inserted { return .id(id) }
            return .row(i)
        }
    }

    /// Every row's self-evaluation values, in row order.
    public var evaluationsByRow: [IndicatorEvaluation] {
        evaluationKeys.map { evaluation[$0] }
    }

    /// Each row as the interchange JSON writes it: the plan's fields and the row's values on one object.
    public var interchangeIndicators: [InterchangeIndicator] {
        zip(indicators, evaluationsByRow).map(InterchangeIndicator.init)
    }

    /// Row `i`'s self-evaluation values; set them through here (`t[evaluationAt: 0].actual = "96"`).
    public subscript(evaluationAt i: Int) -> IndicatorEvaluation {
        get { evaluation[evaluationKey(at: i)] }
        set { evaluation[evaluationKey(at: i)] = newValue }
    }

    /// The values entered for the indicator with `id`, wherever its row now is.
    public subscript(evaluationOf id: String) -> IndicatorEvaluation {
        get { evaluation[.id(id)] }
        set { evaluation[.id(id)] = newValue }
    }

    /// 实际完成值 of row `i`.
    public func actual(at i: Int) -> String? { self[evaluationAt: i].actual }

    /// 偏差原因分析及改进措施 of row `i`.
    public func deviation(at i: Int) -> String? { self[evaluationAt: i].deviation }

    /// Enters 实际完成值 for row `i` (nil clears it).
    public mutating func setActual(_ actual: String?, at i: Int) { self[evaluationAt: i].actual = actual }

    /// Enters 偏差原因分析及改进措施 for row `i` (nil clears it).
    public mutating func setDeviation(_ deviation: String?, at i: Int) { self[evaluationAt: i].deviation = deviation }

    /// 预算执行, kept in the self-evaluation record.
    public var execution: Execution? {
        get { evaluation.execution }
        set { evaluation.execution = newValue }
    }

    /// Enters values given in row order (as a reader or the JSON has them), each under its row's key.
    public mutating func setEvaluationsByRow(_ values: [IndicatorEvaluation]) {
        for (key, value) in zip(evaluationKeys, values) { evaluation[key] = value }
    }

    /// Runs `change` on the indicators, which may give, change or take away ids but must keep the rows in
    /// their order, and files each row's values under its new key.
    mutating func rekeyingEvaluation(_ change: (inout [Indicator]) -> Void) {
        let before = evaluationKeys
        let values = before.map { evaluation[$0] }
        change(&indicators)
        for key in before { evaluation[key] = IndicatorEvaluation() }
        for (key, value) in zip(evaluationKeys, values) { evaluation[key] = value }
    }
}
