import Foundation

/// This thread's CPU time: on a shared machine the wall clock also counts other processes' turns.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The CPU time of all this process's threads: with the work spread over the cores, this divided
/// into the work done is the speed of one core, whatever else the machine is running.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `../shared` beside the package, or `$JIXIAO_SHARED`.
func sharedDirectory() -> URL {
    if let env = ProcessInfo.processInfo.environment["JIXIAO_SHARED"] { return URL(fileURLWithPath: env) }
    // Sources/jixiao-bench/CheckBenchmark.swift → package root → ../shared
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
}

/// Runs `body` once, returning its result, wall seconds and this thread's CPU seconds.
func timed<T>(_ body: () -> T) -> (T, Double, Double) {
    let cpu0 = threadCPUSeconds()
    let start = DispatchTime.now()
    let r = body()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return (r, wall, threadCPUSeconds() - cpu0)
}

/// Runs `python3 ARGUMENTS` and returns its standard output; nil when python3 (or a module the
/// script needs) is missing or the script fails.
func runPython(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}
