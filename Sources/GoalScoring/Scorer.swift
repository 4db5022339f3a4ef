import Foundation
import GoalCore

/// Scores tables under a profile's settings. Parsed scoring texts are cached by text: a value type,
/// so each caller owns its cache and no locks are needed.
public struct Scorer: Sendable {
    public var settings: ScoringSettings
    private var cache: [TextKey: ParsedScoring] = [:]
    private var plans: [PlanKey: Plan] = [:]

    /// What a row's rule and target depend on.
    struct PlanKey: Hashable {
        var scoring: TextKey?
        var type: Comparison
        var value: TextKey
        var unit: TextKey?
    }

    /// A row's rule and target, read once for every row that shares them.
    struct Plan {
        var parsed: ParsedScoring
        var target: PreparedTarget
    }

    /// Entries kept in each cache before it starts afresh.
    static let cacheLimit = 100_000

    public init(settings: ScoringSettings = .init()) { self.settings = settings }

    /// The rule of one scoring text, parsed once.
    public mutating func parsed(_ text: String?) -> ParsedScoring {
        guard let text else { return ParsedScoring(rule: nil, source: .typeDefault) }
        let key = TextKey(text)
        if let hit = cache[key] { return hit }
        var p = RuleParser.parse(text, passLine: settings.passLine)
        // the type does not matter for text and method rules
        if let rule = p.rule { p.prefix = IndicatorScorer.prefix(rule, p.source, .atLeast, settings) }
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = p
        return p
    }

    /// The row's parsed rule and target, from one cache lookup.
    mutating func plan(_ ind: Indicator) -> Plan {
        let key = PlanKey(
            scoring: ind.scoring.map(TextKey.init), type: ind.type, value: TextKey(ind.value),
            unit: ind.unit.map(TextKey.init))
        if let hit = plans[key] { return hit }
        let p = Plan(parsed: parsed(ind.scoring), target: PreparedTarget(ind.target))
        // a long-lived scorer (a server) keeps the cache bounded; parsing again is cheap
        if plans.count >= Self.cacheLimit { plans.removeAll(keepingCapacity: true) }
        plans[key] = p
        return p
    }

    /// Scores one row: its plan and what its unit entered for it (`GoalTable[evaluationAt:]`).
    public mutating func score(
        _ indicator: Indicator, evaluation: IndicatorEvaluation, table: Int, index: Int
    ) -> IndicatorScore {
        let place = ScorePlace(table: table, indicator: index, name: indicator.name)
        let p = plan(indicator)
        return IndicatorScorer(settings: settings).score(
            indicator, evaluation: evaluation, at: place, parsed: p.parsed, target: p.target)
    }

    /// Scores every row, the execution rate and the flags of one table (`index` is its place in the document).
    public mutating func score(_ table: GoalTable, index: Int = 0) -> TableScore {
        let scorer = IndicatorScorer(settings: settings)
        var rows: [IndicatorScore] = []
        rows.reserveCapacity(table.indicators.count)
        for (i, (ind, values)) in zip(table.indicators, table.evaluationsByRow).enumerated() {
            let place = ScorePlace(table: index, indicator: i, name: ind.name)
            let p = plan(ind)
            rows.append(scorer.score(ind, evaluation: values, at: place, parsed: p.parsed, target: p.target))
        }
        var tableFlags: [ScoreFlag] = []
        var execution: ExecutionScore?
        if let e = table.execution {
            let ex = ExecutionScore.compute(e)
            execution = ex
            let place = ScorePlace(table: index)
            if let rate = ex.rate {
                if rate < settings.executionExplanationBelow - 1e-12, TextNormalizer.trim(e.explanation ?? "").isEmpty {
                    tableFlags.append(
                        place.flag(
                            .executionUnexplained, .warning, nil,
                            "预算执行率\(ArithmeticText.percent(rate))低于\(ArithmeticText.percent(settings.executionExplanationBelow))，未说明原因"
                        ))
                }
            } else {
                tableFlags.append(
                    place.flag(
                        .executionInvalid, .error, nil,
                        "预算执行数据无效（预算数\(ArithmeticText.number(e.budget))，执行数\(ArithmeticText.number(e.spent))），执行率按0分计"))
            }
        }
        return TableScore(
            table: index, indicators: rows, execution: execution, tableFlags: tableFlags,
            caps: settings.executionCaps, thresholds: settings.gradeThresholds)
    }

    /// Scores every table of a document.
    public mutating func score(_ tables: [GoalTable]) -> [TableScore] {
        tables.enumerated().map { score($0.element, index: $0.offset) }
    }
}

/// A target parsed once, with its unit understood.
public struct PreparedTarget: Sendable, Hashable {
    public var target: Target
    public var unit: MeasureUnit?
    public init(_ target: Target) { self.target = target; unit = target.measureUnit }
}

/// A cache key that hashes and compares a text by its UTF-8 bytes: much cheaper than `String`'s
/// Unicode-canonical hashing for Chinese text. Two spellings of one text merely parse twice.
struct TextKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: TextKey, b: TextKey) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
