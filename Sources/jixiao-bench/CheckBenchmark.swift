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
    _ = checker.check(Array(tables.prefix(100)))   // warm up: compile the built-in profiles once
    let start = DispatchTime.now().uptimeNanoseconds
    var findings = 0
    // One document per table, as the CLI and the web app check them.
    for (i, t) in tables.enumerated() { findings += checker.check(t, at: i).count }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("check: \(count) tables, \(indicators) indicators, \(findings) findings in \(String(format: "%.2f", seconds)) s")
    print("check: \(Int(Double(indicators) / seconds)) indicators/s, \(Int(Double(count) / seconds)) tables/s (one thread)")
}

private func sharedDirectory() -> URL {
    if let env = ProcessInfo.processInfo.environment["JIXIAO_SHARED"] { return URL(fileURLWithPath: env) }
    // Sources/jixiao-bench/CheckBenchmark.swift → package root → ../shared
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
}

private func loadSeedTables() -> [GoalTable] {
    let dir = sharedDirectory().appendingPathComponent("fixtures/seeds")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasSuffix(".expected.json") }.sorted()
    return names.flatMap { name -> [GoalTable] in
        guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
              let doc = try? GoalDocument.decode(data) else { return [] }
        return doc.tables
    }
}
