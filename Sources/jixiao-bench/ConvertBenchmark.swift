import Foundation
import GoalIO

/// `jixiao-bench convert [MB]`: converts a pasted corpus (the four seed tables repeated to at least
/// 40 MB) and prints MB/s and tables/s. Compare with the issue's aim: 20 MB/s on this 2-core machine.
func runConvertBenchmark() {
    let args = CommandLine.arguments
    let targetMB = args.count > 2 ? Double(args[2]) ?? 40 : 40
    let shared = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent().appendingPathComponent("shared/seeds")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: shared.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    guard !names.isEmpty else {
        print("convert: no seeds found at \(shared.path) (run from the package root, with ../shared beside it)")
        return
    }
    let seeds = names.compactMap { try? String(contentsOf: shared.appendingPathComponent($0), encoding: .utf8) }
    let perRound = seeds.map { TextTableReader.read(text: $0).tables.count }.reduce(0, +)
    var corpus = ""
    var rounds = 0
    while Double(corpus.utf8.count) < targetMB * 1_048_576 {
        for s in seeds { corpus += s; corpus += "\n\n" }
        rounds += 1
    }
    let bytes = Double(corpus.utf8.count)
    let data = Data(corpus.utf8)
    print("convert: corpus \(String(format: "%.1f", bytes / 1_048_576)) MB = the \(seeds.count) seeds × \(rounds), \(perRound * rounds) tables expected")
    var best = Double.infinity
    var tables = 0
    for run in 1...3 {
        let start = DispatchTime.now()
        let result = (try? TextTableReader.read(data: data)) ?? ImportResult()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        tables = result.tables.count
        best = min(best, seconds)
        print(String(format: "  run %d: %.2f s, %.1f MB/s, %.0f tables/s (%d tables)", run, seconds, bytes / 1_048_576 / seconds, Double(tables) / seconds, tables))
    }
    print(String(format: "convert: best %.2f s — %.1f MB/s, %.0f tables/s", best, bytes / 1_048_576 / best, Double(tables) / best))
}
