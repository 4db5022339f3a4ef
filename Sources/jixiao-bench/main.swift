// Benchmarks: `swift run -c release jixiao-bench <name>`; each prints its figures.
switch CommandLine.arguments.dropFirst().first {
case "convert": runConvertBenchmark()
case "convert-once": runConvertOnce()
case "noise": runNoiseHunt()
case "check": runCheckBenchmark()
case "score": runScoreBenchmark()
case "xlsx": runXlsxBenchmark()
case "monitor": runMonitorBenchmark()
case "fuzz-read": runFuzzRead()
case "library": runLibraryBenchmark()
default: print("usage: jixiao-bench <convert|convert-once|noise|check|score|xlsx|monitor|fuzz-read|library>")
}
