import Foundation
import GoalCheck
import GoalCore
import GoalIO

/// `jixiao-bench dump-findings FILE`: every field of every finding the checker gives for the check
/// benchmark's generated tables (under the automatic profile, each built-in one and a profile that
/// changes rules), across years and units for some of them, and for the shared seeds, real fixtures
/// and real files, written to FILE: a change meant only to make checking faster must leave FILE
/// byte for byte the same.
func runDumpFindings() {
    let args = CommandLine.arguments
    let path = args.count > 2 ? args[2] : "/tmp/findings.txt"
    let seeds = loadSeedTables()
    let count = Int(ProcessInfo.processInfo.environment["JIXIAO_BENCH_TABLES"] ?? "") ?? 30_000
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

    // harsher changes for a part of them, so that the rules the seeds never break are met too
    let comparisons: [Comparison] = [.atLeast, .greater, .equal, .atMost, .less, .qualitative]
    for i in 0..<min(count, 6000) {
        var t = tables[i]
        guard !t.indicators.isEmpty else { tables.append(t); continue }
        let r = (i * 7) % t.indicators.count
        switch i % 10 {
        case 0: t.indicators[r].value = "约" + t.indicators[r].value + "左右"
        case 1: t.indicators[r].type = .qualitative; if t.indicators[r].unit == nil { t.indicators[r].unit = "个" }
        case 2:
            t.indicators[r].type = comparisons[(i / 10) % comparisons.count]
            if i % 20 == 2 { t.indicators[r].name = "补贴资金发放覆盖率"; t.indicators[r].unit = "%"; t.indicators[r].value = "98" }
        case 3: t.indicators[r].explanation = "完成得\(i % 9 + 1)分，未完成不得分，扣完为止"
        case 4: t.indicators[r].name = ""; t.indicators[r].value = ""
        case 5:
            t.indicators[r].level1 = "成本指标"; t.indicators[r].level2 = i % 20 == 5 ? "经济成本指标" : "社会成本指标 "
            t.indicators[r].unit = i % 20 == 5 ? "万元" : "元"; t.indicators[r].value = "\(i * 13)"
            t.indicators[r].type = comparisons[(i / 10) % comparisons.count]
            t.funds = Funds(total: 10)
        case 6: t.indicators[r].scoring = nil; t.indicators[r].note = "按时完成得\(i % 5)分"
        case 7:
            t.indicators[r].name = " \u{200B}" + t.indicators[r].name + "\u{0007}很长的名称很长的名称很长的名称很长的名称很长的名称很长的名称 "
            t.indicators[r].level2 = "\u{202E}" + t.indicators[r].level2 + "很长的二级指标名称很长的二级指标名称"
        case 8:
            t.indicators[r].unit = ["%", "人", "次", "万元", "元/人", "-", "无", "天", "人次"][i % 9]; t.indicators[r].value = "\(i % 150)"
        default:
            t.indicators[r].lastYear = ["\(i)", "95%", "12万人", "0.5（预计）", "-"][i % 5];
            t.goal = (t.goal ?? "") + "，覆盖率达到\(i % 120)%，服务\(i)人次"
        }
        tables.append(t)
    }

    var text = ""
    text.reserveCapacity(1 << 26)
    var total = 0
    var written = 0
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let out = FileHandle(forWritingAtPath: path) else { print("dump-findings: cannot write \(path)"); return }
    func flush() {
        out.write(Data(text.utf8)); text.removeAll(keepingCapacity: true)
    }
    func write(_ label: String, _ findings: [Finding]) {
        text += "# \(label) \(findings.count)\n"
        for f in findings {
            text += "\(f.table)\t\(f.indicator.map(String.init) ?? "-")\t\(f.indicatorId ?? "-")\t"
            text += "\(f.field?.rawValue ?? "-")\t\(f.severity.rawValue)\t\(f.code)\t\(f.importCode ?? "-")\t\(f.profile)\t"
            text += "\(String(reflecting: f.message))\t\(String(reflecting: f.suggestion))\n"
        }
        total += findings.count
        written += 1
        if text.utf8.count > 1 << 25 { flush() }
    }

    var custom = Profile.builtIn[0]
    custom.name = "custom"
    custom.check.disabledRules = ["R13", "F02"]
    custom.check.severities = ["T02": "error", "D01": "hint"]
    let checkers: [(String, Checker)] =
        [("auto", Checker())] + Profile.builtIn.map { ($0.name, Checker(profile: $0)) } + [("custom", Checker(profile: custom))]

    for (name, checker) in checkers {
        for (i, t) in tables.enumerated() { write("\(name) table \(i)", checker.check(t, at: i)) }
        // whole documents: the import notes, the order and the ids
        for start in stride(from: 0, to: min(tables.count, 2000), by: 100) {
            write("\(name) document \(start)", checker.check(Array(tables[start..<min(tables.count, start + 100)])))
        }
    }

    // across years and units: each table after the first round follows the table of its seed one round
    // earlier (and the one before that), with ids, actuals and lost points
    var counter = 0
    func ids(_ t: GoalTable) -> GoalTable {
        t.withIndicatorIDs {
            counter += 1
            return "id\(counter)"
        }
    }
    let rounds = min(tables.count, 3000)
    var withIDs: [GoalTable] = []
    for i in 0..<rounds {
        var t = ids(tables[i])
        if i >= seeds.count {
            let last = withIDs[i - seeds.count]
            for k in t.indicators.indices where k < last.indicators.count && (i + k) % 5 != 0 {
                t.indicators[k].previousId = last.indicators[k].id
            }
        }
        for k in t.indicators.indices where (i + k) % 4 != 0 {
            let v = Double(t.indicators[k].value) ?? Double(k)
            t.setActual(TextNormalizer.format(v * (k % 3 == 0 ? 0.9 : 1.1), decimals: 2), at: k)
        }
        withIDs.append(t)
    }
    for (name, checker) in checkers {
        for i in stride(from: seeds.count, to: rounds, by: 1) {
            var earlier: [EarlierYear] = []
            var back = i - seeds.count
            while back >= 0 && earlier.count < 3 {
                let e = withIDs[back]
                var lost: [String: Double] = [:]
                for (k, ind) in e.indicators.enumerated() where k % 3 == 1 { if let id = ind.id { lost[id] = 1.5 } }
                earlier.append(EarlierYear(table: e, lostPoints: lost))
                back -= seeds.count
            }
            let peers = [
                PeerTable(unit: "单位\(i - 1)", name: nil, table: withIDs[i - 1]),
                PeerTable(unit: nil, name: "表", table: withIDs[i - seeds.count]),
            ]
            write(
                "\(name) years \(i)",
                checker.checkAcrossYears(withIDs[i], history: CheckHistory(earlier: earlier, peers: peers), at: i))
        }
    }

    // the shared inputs, read as the CLI reads them
    let shared = sharedDirectory()
    var files: [URL] = []
    for dir in ["seeds", "fixtures/real", "realfiles", "fixtures/seeds"] {
        let d = shared.appendingPathComponent(dir)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []).sorted()
        files += names.map { d.appendingPathComponent($0) }
    }
    for url in files {
        guard let result = try? DocumentReader.read(contentsOf: url) else {
            text += "# \(url.lastPathComponent) unreadable\n"
            continue
        }
        for (name, checker) in checkers {
            write("\(name) file \(url.lastPathComponent)", checker.check(result.tables, importNotes: result.notes))
            for (i, t) in result.tables.enumerated() {
                write("\(name) file \(url.lastPathComponent) table \(i)", checker.check(t, at: i))
            }
        }
    }
    flush()
    try? out.close()
    print("dump-findings: \(written) lists, \(total) findings, \(files.count) files → \(path)")
}
