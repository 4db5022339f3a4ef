import ArgumentParser
import Foundation
import GoalCore
import GoalIO
import GoalMonitoring

/// `jixiao monitor FILE [--period N] [--profile P] [--format text|json]`: the warning lights of filled
/// monitoring forms, each with its arithmetic. Exit 0 done, 1 when a 红 light lacks its 偏差原因 or
/// nothing could be read, 2 on a usage error.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "运行监控：读取执行监控表，给出每项指标、预算执行、每张表和单位的预警灯及其算式，列出缺少的偏差原因。",
        discussion: """
            输入：执行监控表（.xlsx、.xls、WPS .et、.docx、粘贴的文本），或带 monitoring 的目标表交换格式 JSON。
            规则配置（--profile）：\(MonitoringProfile.builtIn.map { "\($0.name)＝\($0.title)" }.joined(separator: "；"))；或规则配置 JSON 文件。
            退出码：0 完成；1 有红灯缺少偏差原因，或文件无法读取；2 用法错误。
            """
    )

    @Argument(help: "执行监控表文件（或带 monitoring 的 JSON）。")
    var input: String?

    @Option(name: .long, help: "监控期间的最后一个月（1-12），如 7 表示 1-7月；不给时用表中栏目标题的月份。")
    var period: Int?

    @Option(name: .long, help: "规则配置：内置名称（default、shanxi、sichuan、ningxia、tianjin、hefei）或配置 JSON 文件。")
    var profile: String?

    @Option(name: .long, help: "输出格式：text（默认）或 json。")
    var format: String = "text"

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        guard unrecognized.isEmpty else { return try usage("无法识别的参数：\(unrecognized.joined(separator: " "))") }
        guard let input, !input.isEmpty else { return try usage("请给出执行监控表文件，例如：jixiao monitor 监控表.xlsx --period 7") }
        guard format == "text" || format == "json" else { return try usage("--format 应为 text 或 json，实为“\(format)”") }
        if let period, !(1...12).contains(period) { return try usage("--period 应为 1 到 12 的月份，实为 \(period)") }
        guard FileManager.default.fileExists(atPath: input) else { return try usage("找不到文件“\(input)”") }
        let chosen: MonitoringProfile
        switch loadProfile() {
        case .success(let p): chosen = p
        case .failure(let message): return try usage(message)
        }

        let imported: MonitoringImportResult
        do {
            imported = try MonitoringReader.read(contentsOf: URL(fileURLWithPath: input))
        } catch {
            Console.error("错误：\(error.description)")
            throw ExitCode(1)
        }
        for note in imported.notes { Console.error("导入：\(note.location.description) \(note.message)") }

        var tables = imported.tables
        for i in tables.indices {
            let printed = tables[i].entry.period
            if let period {
                if printed > 0, printed != period {
                    Console.error("提示：第\(i + 1)张表的栏目为\(MonitoringEntry.periodLabel(printed))，按 --period \(period) 计算。")
                }
                tables[i].entry.period = period
            } else if printed == 0 {
                return try usage("第\(i + 1)张表没有标明监控期间，请用 --period 指定月份（如 --period 7）")
            }
        }
        let monitor = Monitor(profile: chosen)
        let lights = tables.map { monitor.lights(table: $0.table, entry: $0.entry) }
        // a unit's light over its tables, units in the order they appear
        var unitNames: [String] = []
        var byUnit: [String: [TableLights]] = [:]
        for (t, l) in zip(tables, lights) {
            if byUnit[t.table.unit] == nil { unitNames.append(t.table.unit) }
            byUnit[t.table.unit, default: []].append(l)
        }
        let units = unitNames.map { ($0, monitor.unitLights(byUnit[$0] ?? [])) }

        let gaps = zip(lights, tables).map { SubmissionCheck(lights: $0, entry: $1.entry).reasonGaps }
        let output =
            format == "json"
            ? json(lights, units: units, profile: chosen) : text(lights, gaps: gaps, units: units, profile: chosen)
        FileHandle.standardOutput.write(Data(output.utf8))
        if lights.contains(where: \.hasRedWithoutReason) { throw ExitCode(1) }
    }

    func text(_ lights: [TableLights], gaps: [[ReasonGap]], units: [(String, UnitLights)], profile: MonitoringProfile) -> String {
        var out = "规则配置：\(profile.name)（\(profile.title)）\n"
        for (i, t) in lights.enumerated() {
            out += "\n【第\(i + 1)张表】\(t.name)  \(MonitoringEntry.periodLabel(t.period))  表预警：\(t.light.rawValue)\n"
            out += "  \(t.explanation)\n"
            out += "  预算执行：\(t.budget.light.rawValue)  \(t.budget.explanation)\n"
            if let gap = t.gap { out += "  目标与支出：\(gap.light.rawValue)  \(gap.explanation)\n" }
            for l in t.indicators {
                out += "  第\(l.row + 1)行 \(l.name)：\(l.light.rawValue)  \(l.explanation)"
                if l.reasonMissing { out += "  【缺偏差原因】" }
                out += "\n"
            }
            for name in t.unmatched { out += "  （监控数据中的指标 \(name) 不在表中，未计算）\n" }
        }
        out += "\n"
        for (name, u) in units { out += "单位预警：\(name.isEmpty ? "（未填单位）" : name)  \(u.light.rawValue)  \(u.explanation)\n" }
        if gaps.allSatisfy(\.isEmpty) {
            out += "偏差原因：无缺漏。\n"
        } else {
            out += "缺少偏差原因（需勾选至少一项原因类别并填写原因说明）：\n"
            for (i, list) in gaps.enumerated() {
                for gap in list { out += "  第\(i + 1)张表 \(gap.message)\n" }
            }
        }
        return out
    }

    func json(_ lights: [TableLights], units: [(String, UnitLights)], profile: MonitoringProfile) -> String {
        func light(_ l: Light, unreadable: String?) -> [(String, JSONValue)] {
            var o: [(String, JSONValue)] = [("light", .string(l.rawValue))]
            if let unreadable { o.append(("unreadable", .string(unreadable))) }
            return o
        }
        let tables: [JSONValue] = lights.map { t in
            var budget: [(String, JSONValue)] = [("rate", .number(t.budget.rate))]
            budget += light(t.budget.light, unreadable: t.budget.unreadable)
            budget.append(("explanation", .string(t.budget.explanation)))
            var o: [(String, JSONValue)] = [
                ("name", .string(t.name)), ("period", .number(t.period)), ("light", .string(t.light.rawValue)),
                ("explanation", .string(t.explanation)), ("budget", .object(budget)),
            ]
            if let gap = t.gap {
                o.append(
                    (
                        "gap",
                        .object([
                            ("goalCompletion", .number(gap.goalCompletion)), ("light", .string(gap.light.rawValue)),
                            ("explanation", .string(gap.explanation)),
                        ])
                    ))
            }
            o.append(
                (
                    "indicators",
                    .array(
                        t.indicators.map { l in
                            var i: [(String, JSONValue)] = [
                                ("id", .string(l.id)), ("row", .number(l.row + 1)), ("name", .string(l.name)),
                            ]
                            i += light(l.light, unreadable: l.unreadable)
                            i += [
                                ("ratio", .number(l.ratio)), ("prorated", l.prorated.map(JSONValue.bool) ?? .null),
                                ("likelihood", .string(l.likelihood?.rawValue)), ("explanation", .string(l.explanation)),
                                ("reasonRequired", .bool(l.reasonRequired)), ("reasonMissing", .bool(l.reasonMissing)),
                            ]
                            return .object(i)
                        })
                ))
            o.append(("unmatched", .array(t.unmatched.map { .string($0) })))
            return .object(o)
        }
        let doc = JSONValue.object([
            ("profile", .string(profile.name)),
            ("tables", .array(tables)),
            (
                "units",
                .array(
                    units.map { name, u in
                        .object([
                            ("name", .string(name)), ("light", .string(u.light.rawValue)),
                            ("explanation", .string(u.explanation)),
                        ])
                    })
            ),
            ("redWithoutReason", .bool(lights.contains(where: \.hasRedWithoutReason))),
        ])
        return doc.serialized() + "\n"
    }

    enum ProfileChoice { case success(MonitoringProfile), failure(String) }

    func loadProfile() -> ProfileChoice {
        guard let profile else { return .success(.standard) }
        switch ProfileArgument.resolve(
            profile, builtIn: MonitoringProfile.named, names: MonitoringProfile.builtIn.map(\.name),
            load: { try JSONDecoder().decode(MonitoringProfile.self, from: $0) },
            describe: { ($0 as? DecodingError).map(MonitoringJSON.describe) ?? "\($0)" })
        {
        case .success(let p): return .success(p)
        case .failure(let f): return .failure(f.message)
        }
    }

    func usage(_ message: String) throws {
        Console.error("用法错误：\(message)")
        Console.error("用法：jixiao monitor 执行监控表文件 [--period 月份] [--profile 名称|文件] [--format text|json]")
        throw ExitCode(2)
    }
}
