import Foundation
import GoalIO
import GoalScoring

/// `jixiao-bench convert [MB]`: converts a pasted corpus (the four seed tables repeated to at least
/// 40 MB) and prints MB/s and tables/s, wall clock and CPU time (the machine is shared, so the wall
/// clock also counts other processes' turns). "per core" is the corpus over the CPU time of all
/// threads: what one core does, however loaded the machine is. Then read + write interchange JSON
/// (what `jixiao convert` does), Python's csv module on the same file for comparison, and 50 MB of
/// noise from a printed seed, which must end quickly with no table. The issue's aim: 20 MB/s on this
/// 2-core machine.
func runConvertBenchmark() {
    let args = CommandLine.arguments
    let targetMB = args.count > 2 ? Double(args[2]) ?? 40 : 40
    guard let (data, seedCount, rounds, perRound) = convertCorpus(megabytes: targetMB) else { return }
    let mb = Double(data.count) / 1_048_576
    print(
        "convert: corpus \(String(format: "%.1f", mb)) MB = the \(seedCount) seeds × \(rounds), \(perRound * rounds) tables expected"
    )
    var bestWall = Double.infinity, bestCPU = Double.infinity, bestAllCPU = Double.infinity
    var tables = 0
    for run in 1...3 {
        let allCPU0 = processCPUSeconds()
        let (result, wall, cpu) = timed { (try? TextTableReader.read(data: data)) ?? ImportResult() }
        let allCPU = processCPUSeconds() - allCPU0
        tables = result.tables.count
        bestWall = min(bestWall, wall); bestCPU = min(bestCPU, cpu); bestAllCPU = min(bestAllCPU, allCPU)
        print(
            String(
                format:
                    "  run %d: wall %.2f s (%.1f MB/s, %.0f tables/s), cpu %.2f s (%.1f MB/s), all threads %.2f s (%.1f MB/s per core)",
                run, wall, mb / wall, Double(tables) / wall, cpu, mb / cpu, allCPU, mb / allCPU))
    }
    print(
        String(
            format: "convert: best wall %.1f MB/s, %.0f tables/s; best cpu %.1f MB/s; best per core %.1f MB/s; %d tables",
            mb / bestWall, Double(tables) / bestWall, mb / bestCPU, mb / bestAllCPU, tables))

    // What `jixiao convert FILE -o OUT.json` does end to end: read, then write interchange JSON.
    var bestJSON = Double.infinity
    var jsonBytes = 0
    for _ in 1...3 {
        let (out, wall, _) = timed { (((try? TextTableReader.read(data: data)) ?? ImportResult()).document.encoded()) }
        jsonBytes = out.count
        bestJSON = min(bestJSON, wall)
    }
    print(
        String(
            format: "convert to JSON (read + write %.0f MB of interchange JSON): best wall %.1f MB/s, %.0f tables/s",
            Double(jsonBytes) / 1_048_576, mb / bestJSON, Double(tables) / bestJSON))

    // The alternative a user has for the same file: a Python script that cuts it into cells with the
    // csv module and writes them as JSON, understanding nothing (no table, level, target or repair).
    let corpusFile = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-convert-corpus.txt")
    if (try? data.write(to: corpusFile)) != nil,
        let output = runPython(["-c", pythonCSV, corpusFile.path]),
        let python = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    {
        print(
            String(
                format:
                    "python3 csv (cells only, to JSON): best wall %.1f MB/s; Jixiao reads %.1f× as fast, and converts to JSON %.1f× as fast",
                mb / python, python / bestWall, python / bestJSON))
    } else {
        print("python3 csv: not run (python3 is needed)")
    }
    try? FileManager.default.removeItem(at: corpusFile)

    // 50 MB of noise made of the characters tables are made of: must end, with no table. The seed is
    // printed, and JIXIAO_NOISE_SEED replays it: noise that makes a table must be reproducible.
    let seed = UInt64(ProcessInfo.processInfo.environment["JIXIAO_NOISE_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
    let noise = noiseCorpus(seed: seed, megabytes: 50)
    let (noiseResult, noiseWall, noiseCPU) = timed { (try? TextTableReader.read(data: noise)) ?? ImportResult() }
    print(
        String(
            format: "noise: 50 MB in wall %.2f s, cpu %.2f s; %d tables, %d notes", noiseWall, noiseCPU, noiseResult.tables.count,
            noiseResult.notes.count)
            + " (JIXIAO_NOISE_SEED=\(seed))")
}

/// The convert corpus: the seed texts, each followed by a blank line, repeated to at least `megabytes`.
func convertCorpus(megabytes targetMB: Double) -> (data: Data, seeds: Int, rounds: Int, tablesPerRound: Int)? {
    let seedsDir = sharedDirectory().appendingPathComponent("seeds")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: seedsDir.path)) ?? []).filter { $0.hasSuffix(".txt") }
        .sorted()
    guard !names.isEmpty else {
        print("convert: no seeds found at \(seedsDir.path) (run from the package root, with ../shared beside it)")
        return nil
    }
    let seeds = names.compactMap { try? String(contentsOf: seedsDir.appendingPathComponent($0), encoding: .utf8) }
    let perRound = seeds.map { TextTableReader.read(text: $0).tables.count }.reduce(0, +)
    var corpus = ""
    var rounds = 0
    while Double(corpus.utf8.count) < targetMB * 1_048_576 {
        for s in seeds { corpus += s; corpus += "\n\n" }
        rounds += 1
    }
    return (Data(corpus.utf8), seeds.count, rounds, perRound)
}

/// `jixiao-bench convert-once [MB]`: one conversion of the same corpus (default 2 MB), no noise,
/// for profilers (`valgrind --tool=callgrind`, `perf record`), whose instruction counts do not
/// depend on what else runs on the machine.
func runConvertOnce() {
    let args = CommandLine.arguments
    let targetMB = args.count > 2 ? Double(args[2]) ?? 2 : 2
    guard let (data, _, _, _) = convertCorpus(megabytes: targetMB) else { return }
    let result = (try? TextTableReader.read(data: data)) ?? ImportResult()
    print("convert-once: \(data.count) bytes, \(result.tables.count) tables, \(result.notes.count) notes")
}

/// Noise made of the characters tables are made of (digits, operators, 指标, 产出, separators), a line
/// break about every 40 tokens, drawn from `seed`.
func noiseCorpus(seed: UInt64, megabytes: Int) -> Data {
    var rng = SeededRandom(seed: seed)
    let alphabet = ["a", "b", "7", "0", " ", "\t", "|", "=", "%", "≥", "指标", "产出", "率", "。", "人"].map { Array($0.utf8) }
    var bytes = [UInt8]()
    bytes.reserveCapacity(megabytes << 20)
    while bytes.count < megabytes << 20 {
        if Int.random(in: 0..<40, using: &rng) == 0 { bytes.append(0x0A) } else { bytes += alphabet.randomElement(using: &rng)! }
    }
    return Data(bytes)
}

/// `jixiao-bench noise [N]`: reads N noise files of 50 MB (default 10), each from a fresh seed, and
/// prints the seed of any that yields a table: a fuzz run for the reader's "noise is no table".
func runNoiseHunt() {
    let args = CommandLine.arguments
    let runs = args.count > 2 ? Int(args[2]) ?? 10 : 10
    var found = 0
    for _ in 0..<runs {
        let seed = UInt64.random(in: 0...UInt64.max)
        let result = (try? TextTableReader.read(data: noiseCorpus(seed: seed, megabytes: 50))) ?? ImportResult()
        if !result.tables.isEmpty {
            found += 1
            let lines = result.tables.flatMap(\.indicators).prefix(3).map(\.name)
            print(
                "noise: JIXIAO_NOISE_SEED=\(seed) gives \(result.tables.count) table(s), \(result.notes.count) notes; first rows \(lines)"
            )
        }
    }
    print("noise: \(runs) × 50 MB, \(found) with a table")
}

/// The alternative a user has, best of three: read the file with Python's csv module (tab-separated),
/// write every row as JSON; prints seconds.
private let pythonCSV = """
    import csv, io, json, sys, time
    best = None
    for _ in range(3):
        start = time.perf_counter()
        with open(sys.argv[1], encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\\t"))
        out = io.StringIO()
        json.dump(rows, out, ensure_ascii=False, indent=2)
        t = time.perf_counter() - start
        best = t if best is None else min(best, t)
    print(best)
    """
