import Foundation
import GoalCore
import GoalMonitoring

/// `jixiao-bench monitor`: the lights of 100,000 monitoring entries (≈1,000,000 indicators) built from
/// the seed tables, each entry with its own values (counts ahead and behind, rates, 定性 levels, a
/// text where a number belongs, 有可能 / 完全不可能), so no two entries are alike. Prints indicators/s.
func runMonitorBenchmark() {
    let seeds = loadSeedTables().map { $0.withIndicatorIDs() }.filter { !$0.indicators.isEmpty }
    guard !seeds.isEmpty else {
        print("monitor: no fixtures found under \(sharedDirectory().path)/fixtures/seeds (set JIXIAO_SHARED)")
        return
    }
    let count = Int(ProcessInfo.processInfo.environment["JIXIAO_BENCH_TABLES"] ?? "") ?? 100_000
    let qualitative = ["达成目标", "部分达成", "未达成", "一般"]
    var work: [(GoalTable, MonitoringEntry)] = []
    work.reserveCapacity(count)
    for i in 0..<count {
        let table = seeds[i % seeds.count]
        let period = 6 + i % 4
        var progress: [IndicatorProgress] = []
        progress.reserveCapacity(table.indicators.count)
        for (k, indicator) in table.indicators.enumerated() {
            let seed = (i &* 31 &+ k &* 17) % 97
            var completed: String
            if indicator.type == .qualitative {
                completed = qualitative[seed % qualitative.count]
            } else if seed == 0 {
                completed = "一般"
            } else {
                // 50 % to 146 % of what is due by now (a count's share of the year, a rate's target)
                let target = Double(indicator.value.filter { $0.isNumber || $0 == "." }) ?? 100
                let due = indicator.unit == "%" ? target : target * Double(period) / 12
                completed = TextNormalizer.format(due * Double(50 + seed) / 100, decimals: 2)
            }
            let likelihood: Likelihood = seed == 1 ? .impossible : (seed % 13 == 0 ? .possible : .certain)
            progress.append(
                IndicatorProgress(
                    id: indicator.id ?? "", completed: completed, likelihood: likelihood,
                    causes: seed % 2 == 0 ? [.funding] : [], causeText: seed % 3 == 0 ? "资金未到位" : nil))
        }
        // spending around 序时进度: 40 % to 129 % of it
        let base = 100 + Double(i % 50)
        let budget = [BudgetRow(item: .total, initial: base, spent: base * Double(period) / 12 * Double(40 + i % 90) / 100)]
        work.append((table, MonitoringEntry(period: period, budget: budget, indicators: progress)))
    }
    let indicators = work.reduce(0) { $0 + $1.0.indicators.count }
    let monitor = Monitor()
    for (t, e) in work.prefix(100) { _ = monitor.lights(table: t, entry: e) } // warm up

    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    var byLight: [Light: Int] = [:]
    var missing = 0
    for (t, e) in work {
        let lights = monitor.lights(table: t, entry: e)
        byLight[lights.light, default: 0] += 1
        missing += lights.reasonsMissing.count
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let spread = Light.allCases.map { "\($0.rawValue) \(byLight[$0] ?? 0)" }.joined(separator: " / ")
    print("monitor: \(count) entries, \(indicators) indicators; table lights \(spread); \(missing) rows lacking 偏差原因")
    print(
        "monitor: one thread: \(perSecond(indicators, seconds)) indicators/s wall (\(twoDecimals(seconds)) s), "
            + "\(perSecond(indicators, cpu)) indicators/s CPU (\(twoDecimals(cpu)) s)")

    // `Monitor` is a Sendable value: entries are lit on every core at once, as a round's summary would be.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let chunk = (work.count + cores - 1) / cores
    let shared = work
    let parallelStart = DispatchTime.now().uptimeNanoseconds
    let lit = Parallel.map(cores) { c in
        var n = 0
        for i in (c * chunk)..<min(shared.count, (c + 1) * chunk) {
            n += monitor.lights(table: shared[i].0, entry: shared[i].1).indicators.count
        }
        return n
    }.reduce(0, +)
    let parallel = Double(DispatchTime.now().uptimeNanoseconds - parallelStart) / 1e9
    print("monitor: \(cores) threads: \(perSecond(lit, parallel)) indicators/s wall (\(twoDecimals(parallel)) s)")
}

private func perSecond(_ n: Int, _ seconds: Double) -> Int { seconds > 0 ? Int(Double(n) / seconds) : 0 }
private func twoDecimals(_ s: Double) -> String { String(format: "%.2f", s) }
