// Benchmarks: `swift run -c release jixiao-bench <name>`; each prints its figures.
print("usage: jixiao-bench <convert|check|score|xlsx>")
