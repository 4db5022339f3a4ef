import ArgumentParser
import Foundation
import GoalCheck
import GoalCore
import GoalIO
import GoalWorkflow

/// `jixiao check INPUT... [--profile NAME|FILE] [--format text|json]`: finds what a finance reviewer
/// would send back. Exit 1 when an error was found, 0 otherwise, 2 on a usage error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查绩效目标表：找出会被财政审核退回的问题，指明表、行、列，并给出改法。",
        discussion: """
            发现“错误”时退出码为 1，否则为 0；用法错误为 2。
            加 --submission 时再按“提交审核”的规则（与网页、服务器同一规则：有错误不能提交，有警告须确认）逐表判断能否提交；
            不能提交的表使退出码为 1；--acknowledge-warnings 表示已阅读警告。
            不指定 --profile 时按表种选择内置规则配置：省级整体表用 provincial，成本指标列在产出指标下的表用 legacy，其余用 current。
            """
    )

    // Unrecognised options land here too, so that they can be refused with exit code 2 like every
    // other usage error (the parser's own usage exit code is 64).
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("要检查的文件（交换格式 JSON 等）；- 表示标准输入", valueName: "INPUT"))
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("规则配置：内置名称（current、legacy、provincial）或 JSON 文件路径", valueName: "NAME|FILE"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("输出格式：text（默认）或 json", valueName: "text|json"))
    var format: String = "text"

    @Flag(name: .customLong("list-rules"), help: "列出全部检查规则")
    var listRules = false

    @Flag(name: .customLong("submission"), help: "按“提交审核”的规则判断每张表能否提交（与服务器同一规则）")
    var submission = false

    @Flag(name: .customLong("acknowledge-warnings"), help: "与 --submission 同用：已阅读警告，确认提交")
    var acknowledgeWarnings = false

    func run() throws {
        if listRules {
            print(
                RuleCatalogue.all.map { "\($0.code)\t\($0.severity.label)\t\($0.family.label)\t\($0.title)" }.joined(
                    separator: "\n"))
            return
        }
        if let bad = inputs.first(where: { $0.hasPrefix("-") && $0 != "-" }) { throw usage("不认识的选项“\(bad)”") }
        guard !inputs.isEmpty else { throw usage("请给出要检查的文件") }
        guard let output = OutputFormat(rawValue: format) else { throw usage("--format 应为 text 或 json，收到“\(format)”") }
        let chosen = try ProfileCommand.resolve(profile)

        let checker = Checker(profile: chosen)
        var reports: [FileReport] = []
        for path in inputs {
            do {
                // `-` reads standard input, so that another program can pipe a document in.
                let result =
                    path == "-"
                    ? try DocumentReader.read(data: FileHandle.standardInput.readDataToEndOfFile())
                    : try DocumentReader.read(contentsOf: URL(fileURLWithPath: path))
                reports.append(
                    FileReport(
                        file: path, tables: result.tables,
                        findings: checker.check(result.tables, importNotes: result.notes)))
            } catch {
                let rule = RuleCatalogue.inputUnreadable
                let f = Finding(
                    table: 0, indicator: nil, field: nil, severity: rule.severity, code: rule.code,
                    message: "文件无法读取：\(error.description)", suggestion: "检查文件路径和格式", profile: chosen?.name ?? "")
                reports.append(FileReport(file: path, tables: [], findings: [f]))
            }
        }

        switch output {
        case .text: print(CheckReport.text(reports), terminator: "")
        case .json: print(CheckReport.json(reports))
        }
        var refused = false
        if submission {
            // the workflow's own rule (GoalWorkflow), as the server applies it when 提交审核 is pressed
            for r in reports {
                for (i, table) in r.tables.enumerated() {
                    let mine = r.findings.filter { $0.table == i }
                    let refusal = Workflow.precondition(
                        of: .submit, comment: nil, errors: mine.filter { $0.severity == .error }.map(\.message),
                        warnings: mine.count { $0.severity == .warning }, acknowledgedWarnings: acknowledgeWarnings)
                    let name = table.project?.name ?? table.unit
                    let line =
                        "\(r.file) 第\(i + 1)张表\(name.isEmpty ? "" : "（\(name)）")："
                        + (refusal.map { "不能提交：\($0.message)" } ?? "可以提交审核")
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                    if refusal != nil { refused = true }
                }
            }
        }
        if refused || reports.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
    }

    enum OutputFormat: String { case text, json }

    func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(
            Data("用法错误：\(message)\n用法：jixiao check INPUT... [--profile NAME|FILE] [--format text|json]\n".utf8))
        return ExitCode(2)
    }
}

/// One input file's tables and findings.
struct FileReport {
    var file: String
    var tables: [GoalTable]
    var findings: [Finding]
}

/// How findings are printed: text grouped by file and table, most severe first; or JSON for programs.
enum CheckReport {
    static func text(_ reports: [FileReport]) -> String {
        var out = ""
        var counts: [Severity: Int] = [:]
        for r in reports {
            out += "文件 \(r.file)\n"
            if r.findings.isEmpty { out += "  未发现问题。\n\n"; continue }
            let byTable = Dictionary(grouping: r.findings, by: \.table)
            for t in byTable.keys.sorted() {
                let findings = byTable[t]!.sorted {
                    $0.severity != $1.severity ? $0.severity < $1.severity : Finding.documentOrder($0, $1)
                }
                var heading = "第\(t + 1)张表"
                if t < r.tables.count {
                    let table = r.tables[t]
                    let subject = table.project?.name ?? table.unit
                    heading += " \(table.title)" + (subject.isEmpty ? "" : "（\(oneLine(subject))）")
                    heading += " · 规则配置 \(findings.first?.profile ?? "")"
                }
                if !r.tables.isEmpty { out += "  \(heading)\n" }
                for f in findings {
                    counts[f.severity, default: 0] += 1
                    out += "    [\(f.severity.label) \(f.code)] \(f.message)\n"
                    if let s = f.suggestion { out += "        建议：\(s)\n" }
                }
            }
            out += "\n"
        }
        let total = counts.values.reduce(0, +)
        out +=
            total == 0
            ? "未发现问题。\n"
            : "共 \(total) 个问题：错误 \(counts[.error] ?? 0) 个，警告 \(counts[.warning] ?? 0) 个，提示 \(counts[.hint] ?? 0) 个。\n"
        return out
    }

    private static func oneLine(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 }.prefix(40))
    }

    /// `{"findings": [{"file", …}]}`: each finding in the one shape the API writes too (`FindingJSON`),
    /// with the file it is from.
    static func json(_ reports: [FileReport]) -> String {
        let items = reports.flatMap { r in r.findings.map { JSONFinding(file: r.file, finding: FindingJSON($0)) } }
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? e.encode(["findings": items])) ?? Data("{\"findings\": []}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    struct JSONFinding: Encodable {
        var file: String
        var finding: FindingJSON
        enum K: String, CodingKey { case file }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(file, forKey: .file)
            try finding.encode(to: encoder)
        }
    }
}
