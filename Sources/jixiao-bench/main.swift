// Benchmarks: `swift run -c release jixiao-bench <name>`; each prints its figures.
switch CommandLine.arguments.dropFirst().first {
case "score": runScoreBenchmark()
default: print("usage: jixiao-bench <convert|check|score|xlsx>")
}
