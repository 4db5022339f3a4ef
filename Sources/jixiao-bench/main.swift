// Benchmarks: `swift run -c release jixiao-bench <name>`; each prints its figures.
switch CommandLine.arguments.dropFirst().first {
case "check": runCheckBenchmark()
default: print("usage: jixiao-bench <convert|check|score|xlsx>")
}
