import Foundation
import GoalIO
import OfficeXML

/// `jixiao-bench fuzz-read`: reads the files named on standard input, one path a line, exactly as the
/// server reads an upload (`DocumentReader` under `ReadLimits.upload`), and says on standard output
/// when each starts and how it ended. `scripts/fuzz-readers.sh` feeds it mutated files and watches:
/// a process that dies names its crashing input by the last `start` line, one that goes quiet for
/// more than 2 s its hanging input. One process reads many files, so the run is not spawn-bound.
func runFuzzRead() {
    // unbuffered lines: the watcher must see `start` before a crash can swallow it
    func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    while let line = readLine(strippingNewline: true) {
        let path = line.trimmingCharacters(in: .whitespaces)
        if path.isEmpty { continue }
        emit("start\t\(path)")
        let started = ContinuousClock.now
        let outcome: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let result = try DocumentReader.read(data: data, name: path, limits: .upload)
            outcome = "tables=\(result.tables.count)"
        } catch let e as ImportError {
            // a refusal must say something a user can read
            outcome = e.description.isEmpty ? "EMPTY-MESSAGE" : "refused"
        } catch {
            outcome = "refused"
        }
        let ms = (ContinuousClock.now - started).components
        emit("done\t\(ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000)\t\(outcome)")
    }
}
