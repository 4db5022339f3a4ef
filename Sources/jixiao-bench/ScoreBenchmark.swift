import Foundation
import GoalCore
import GoalScoring

/// `jixiao-bench score`: scores 1,000,000 indicators (1,000 tables of 10 rows with varied actuals and
/// rule texts, scored 100 times; parsed rule texts cached) and prints indicators per second: on one
/// thread, with every explanation written out, and on every core.
func runScoreBenchmark() {
    let tableCount = 1_000, rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 100
    var rng = SeededRandom(seed: 20_261_122)
    let tables = (0..<tableCount).map { _ in benchTable(&rng) }
    let rowsPerRound = tables.reduce(0) { $0 + $1.indicators.count }
    let indicatorCount = rowsPerRound * rounds
    func figure(_ n: Int, _ seconds: Double) -> String {
        "\(n) indicators in \(String(format: "%.3f", seconds)) s = \(Int(Double(n) / seconds)) indicators/s"
    }

    var scorer = Scorer(settings: Profile.current.scoring)
    // warm-up: fills the rule cache, as a long-running process would have it
    var checksum = scorer.score(tables).reduce(0) { $0 + $1.total }

    // 1. one thread; explanations are written when read (here: the last row of each table)
    let cpuStart = clock()
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<rounds {
        for (i, t) in tables.enumerated() {
            let s = scorer.score(t, index: i)
            checksum += s.total + Double(s.indicators.last?.explanation.utf8.count ?? 0)
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
    print(
        "score: " + figure(indicatorCount, seconds)
            + " (CPU \(String(format: "%.3f", cpu)) s = \(Int(Double(indicatorCount) / cpu)) indicators/CPU-s; checksum \(Int(checksum)))"
    )

    // 2. one thread, writing every explanation as a report would
    let fullRounds = max(1, rounds / 10)
    let fullStart = DispatchTime.now().uptimeNanoseconds
    var written = 0
    for _ in 0..<fullRounds {
        for (i, t) in tables.enumerated() {
            for row in scorer.score(t, index: i).indicators { written += row.explanation.utf8.count }
        }
    }
    let fullSeconds = Double(DispatchTime.now().uptimeNanoseconds - fullStart) / 1e9
    print("score+explain: " + figure(rowsPerRound * fullRounds, fullSeconds) + " (\(written) bytes of explanations)")

    // 3. every core, each worker with its own scorer (a value: no locks)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let totals = TotalsBox(count: workers)
    let settings = scorer.settings
    let parallelStart = DispatchTime.now().uptimeNanoseconds
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var own = Scorer(settings: settings)
        var sum = 0.0
        for _ in 0..<rounds {
            for i in stride(from: w, to: tables.count, by: workers) { sum += own.score(tables[i], index: i).total }
        }
        totals.set(w, sum)
    }
    let parallelSeconds = Double(DispatchTime.now().uptimeNanoseconds - parallelStart) / 1e9
    print("score (\(workers) threads): " + figure(indicatorCount, parallelSeconds) + " (checksum \(Int(totals.sum)))")
}

/// Per-worker results, each slot written by one worker only.
final class TotalsBox: @unchecked Sendable {
    private var values: [Double]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: 0, count: count) }
    func set(_ i: Int, _ v: Double) { lock.lock(); values[i] = v; lock.unlock() }
    var sum: Double { lock.lock(); defer { lock.unlock() }; return values.reduce(0, +) }
}

/// Rows in the phrasings real tables use; actuals drawn around their targets.
func benchTable(_ rng: inout SeededRandom) -> GoalTable {
    func q(
        _ name: String, _ type: Comparison, _ value: Double, _ unit: String, _ scoring: String, _ weight: Double,
        spread: ClosedRange<Double> = 0.7...1.3
    ) -> (Indicator, String) {
        let actual = ArithmeticText.number(value * Double.random(in: spread, using: &rng), places: 2)
        let plan = Indicator(
            level1: "产出指标", level2: "数量指标", name: name, type: type, value: ArithmeticText.number(value),
            unit: unit, scoring: scoring, weight: weight)
        return (plan, actual)
    }
    let variant = Double(rng.next() % 5)
    var rows: [(Indicator, String)] = [
        q("实际缴费人数", .atLeast, 1.8 + variant / 10, "万人", "达到计划值得满分5分，否则按实际值/计划值*指标分值计分。", 5),
        q("养老金社保机构发放率", .equal, 100, "%", "达到计划值得2分，否则按实际值/计划值*指标分值计分。", 2, spread: 0.9...1.0),
        q("社会保险费收入占基金收入比重", .atLeast, 43, "%", "社会保险费收入占基金收入比重达43%得2分，每下降1%扣0.2分，扣完为止。", 2),
        q(
            "受益人员满意率", .atLeast, 95, "%",
            "满意度大于等于95%的得10分，满意度小于95%且大于等于80%的得8分，满意度小于80%且大于等于60%的得5分，满意度小于60%不得分。", 10,
            spread: 0.6...1.05),
        q("单位整体支出", .atMost, 329.26, "万元", "整体支出控制在预算范围内，得4分，每超出10%，扣2分，扣完为止。", 4),
        q("每季度拨付资金数", .atMost, 2.13, "万元", "按照正常比例赋分", 20),
        q(
            "发放补助次数", .equal, 12, "次",
            ["按照正常比例赋分", "直接赋分", "完成率小于60%不得分，大于等于60%的按(完成率-60%)/(1-60%)×分值"].randomElement(using: &rng)!, 10),
        q("受益人员满意度", .atLeast, 98, "%", "满意度赋分", 10, spread: 0.8...1.02),
    ]
    rows.append(
        (
            Indicator(
                level1: "效益指标", level2: "社会效益指标", name: "保障基金安全", type: .qualitative, value: "效果明显",
                scoring: "效果明显得15分，效果一般得5分，否则不得分。", weight: 15),
            ["效果明显", "效果一般", "无"].randomElement(using: &rng)!
        ))
    rows.append(
        (
            Indicator(
                level1: "产出指标", level2: "时效指标", name: "养老待遇发放时间", type: .qualitative, value: "每月25日前",
                scoring: "养老待遇在每月25日前完成发放得10分，每推迟1天扣0.5分，扣完为止。", weight: 10),
            ["24日", "25日", "27日", "30日"].randomElement(using: &rng)!
        ))
    let budget = 300 + variant * 10
    var table = GoalTable(
        kind: .department, unit: "基准测试单位", indicators: rows.map(\.0),
        execution: Execution(budget: budget, spent: budget * Double.random(in: 0.8...1.0, using: &rng), weight: 10))
    table.setEvaluationsByRow(rows.map { IndicatorEvaluation(actual: $0.1) })
    return table
}
