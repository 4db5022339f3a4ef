import Foundation
import GoalCore
import GoalLibrary

/// `jixiao-bench library [samples]`: the indicator library's suggestion quality and speed.
///
/// 1. Leave-one-out over every indicator of the seed tables and of the real tables
///    (`../shared/fixtures/seeds` and `fixtures/real`, their hand transcriptions): each indicator hidden,
///    its name given, the first suggestion's 二级, type and unit compared with the table's; once hiding
///    the indicator only, once its whole table.
/// 2. In memory: a library built from `samples` (default 1,000,000) indicators made from the corpus'
///    names with unit and project variations, then 1,000 searches and suggestions timed (p50, p99).
func runLibraryBenchmark() {
    let tables = libraryCorpus()
    let (one, oneWall, _) = timed { LeaveOneOut.evaluate(tables, hiding: .indicator) }
    let (whole, wholeWall, _) = timed { LeaveOneOut.evaluate(tables, hiding: .table) }
    print("leave-one-out over \(tables.count) tables (fixtures/seeds + fixtures/real, hand transcriptions)")
    print("  hiding the indicator (\(String(format: "%.1f", oneWall)) s): \(one)")
    print("  hiding its table     (\(String(format: "%.1f", wholeWall)) s): \(whole)")

    let n = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 1_000_000
    let base = tables.flatMap { id, t in LibrarySample.of(t, tableID: id) }.filter { !$0.name.isEmpty }
    var samples: [LibrarySample] = []
    samples.reserveCapacity(n)
    var rng = SystemRandomNumberGenerator()
    for i in 0..<n {
        var s = base[i % base.count]
        // one table of 20 indicators per 20 samples; a name in 1 of 8 carries a unit's own wording
        s.tableID = "t\(i / 20)"
        s.unit = "单位\(i / 200)"
        if i % 8 == 0 { s.name += "（\(i % 997)）" }
        if let t = s.target { s.target = t * Double.random(in: 0.8...1.2, using: &rng) }
        samples.append(s)
    }
    let (entries, buildWall, _) = timed { LibraryBuilder.build(samples: samples) }
    let (library, indexWall, _) = timed { IndicatorLibrary(entries: entries) }
    print(
        "in memory: \(n) indicators → \(entries.count) entries, grouped in \(String(format: "%.2f", buildWall)) s, indexed in \(String(format: "%.2f", indexWall)) s"
    )
    let names = base.map(\.name)
    var searchTimes: [Double] = [], suggestTimes: [Double] = []
    for i in 0..<1000 {
        let name = names[(i * 7) % names.count]
        let prefix = String(name.prefix(max(2, name.count / 2)))
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = library.search(LibraryQuery(words: prefix))
        let t1 = DispatchTime.now().uptimeNanoseconds
        _ = library.suggest(name: name, own: OwnHistory(year: 2025, actual: 95, unit: "%"))
        let t2 = DispatchTime.now().uptimeNanoseconds
        searchTimes.append(Double(t1 - t0) / 1e6)
        suggestTimes.append(Double(t2 - t1) / 1e6)
    }
    func p(_ xs: [Double], _ q: Double) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * q))] }
    print(
        String(
            format:
                "search  (half a name): p50 %.2f ms, p99 %.2f ms; suggest (whole name): p50 %.2f ms, p99 %.2f ms (1,000 each)",
            p(searchTimes, 0.5), p(searchTimes, 0.99), p(suggestTimes, 0.5), p(suggestTimes, 0.99)))
}

/// Every table of the seed and real fixtures' hand transcriptions, named by file and position.
func libraryCorpus() -> [(String, GoalTable)] {
    let shared = sharedDirectory()
    var out: [(String, GoalTable)] = []
    for folder in ["fixtures/seeds", "fixtures/real"] {
        let dir = shared.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            $0.hasSuffix(".expected.json")
        }
        for name in names.sorted() {
            guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                var json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            else { continue }
            // some transcriptions record an execution row with empty figures: not what the library reads
            json["tables"] = (json["tables"] as? [[String: Any]] ?? []).map { t in t.filter { $0.key != "execution" } }
            guard let clean = try? JSONSerialization.data(withJSONObject: json), let doc = try? GoalDocument.decode(clean)
            else { continue }
            for (i, t) in doc.tables.enumerated() { out.append(("\(name)#\(i + 1)", t)) }
        }
    }
    return out
}
