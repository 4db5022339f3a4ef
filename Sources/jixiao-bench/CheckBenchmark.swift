import Foundation
import GoalCheck
import GoalCore

/// `jixiao-bench check`: checks 100,000 tables generated from the seed fixtures and prints indicators/s.
/// Every generated table differs a little from its seed (unit, values, weights, a renamed row) so that
/// nothing is served from a cache the real world would not have.
func runCheckBenchmark() {
    let seeds = loadSeedTables()
    guard !seeds.isEmpty else {
        print("check: no fixtures found under \(sharedDirectory().path)/fixtures/seeds (set JIXIAO_SHARED)")
        return
    }
    let count = Int(ProcessInfo.processInfo.environment["JIXIAO_BENCH_TABLES"] ?? "") ?? 100_000
    var tables: [GoalTable] = []
    tables.reserveCapacity(count)
    for i in 0..<count {
        var t = seeds[i % seeds.count]
        t.unit += "\(i)"
        if !t.indicators.isEmpty {
            let r = i % t.indicators.count
            if t.indicators[r].type.isQuantitative, let n = Double(t.indicators[r].value) {
                t.indicators[r].value = TextNormalizer.format(n + Double(i % 7), decimals: 2)
            }
            if i % 3 == 0 { t.indicators[r].name += "率" }
            if let w = t.indicators[r].weight { t.indicators[r].weight = w + Double(i % 2) }
        }
        tables.append(t)
    }
    let indicators = tables.reduce(0) { $0 + $1.indicators.count }

    let checker = Checker()
    _ = checker.check(Array(tables.prefix(100))) // warm up: compile the built-in profiles once

    // One document per table, as the CLI and the web app check them. Wall time and this thread's CPU
    // time are both printed: on a shared machine the wall clock also counts other processes' turns.
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    var findings = 0
    for (i, t) in tables.enumerated() { findings += checker.check(t, at: i).count }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("check: \(count) tables, \(indicators) indicators, \(findings) findings")
    print(
        "check: one thread: \(rate(indicators, seconds)) indicators/s wall (\(format(seconds)) s), "
            + "\(rate(indicators, cpu)) indicators/s CPU (\(format(cpu)) s), \(rate(count, seconds)) tables/s wall")

    // The checker is a pure value type: tables can be checked on every core at once.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let chunk = (tables.count + cores - 1) / cores
    let parallelStart = DispatchTime.now().uptimeNanoseconds
    let counts = FindingCounts(cores)
    let shared = tables // an immutable copy the worker closures may capture
    DispatchQueue.concurrentPerform(iterations: cores) { c in
        var n = 0
        for i in (c * chunk)..<min(shared.count, (c + 1) * chunk) { n += checker.check(shared[i], at: i).count }
        counts.set(c, n)
    }
    let parallel = Double(DispatchTime.now().uptimeNanoseconds - parallelStart) / 1e9
    print(
        "check: \(cores) threads: \(rate(indicators, parallel)) indicators/s wall (\(format(parallel)) s, \(counts.total) findings)"
    )
}

/// Per-thread finding counts from the parallel run (each thread writes only its own slot).
private final class FindingCounts: @unchecked Sendable {
    private var slots: [Int]
    init(_ n: Int) { slots = Array(repeating: 0, count: n) }
    func set(_ i: Int, _ v: Int) { slots.withUnsafeMutableBufferPointer { $0[i] = v } }
    var total: Int { slots.reduce(0, +) }
}

private func rate(_ n: Int, _ seconds: Double) -> Int { seconds > 0 ? Int(Double(n) / seconds) : 0 }
private func format(_ s: Double) -> String { String(format: "%.2f", s) }

func loadSeedTables() -> [GoalTable] {
    let dir = sharedDirectory().appendingPathComponent("fixtures/seeds")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasSuffix(".expected.json") }.sorted()
    return names.flatMap { name -> [GoalTable] in
        guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
            let doc = try? GoalDocument.decode(data)
        else { return [] }
        return doc.tables
    }
}
