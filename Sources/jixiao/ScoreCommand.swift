import ArgumentParser
import Foundation
import GoalCheck
import GoalCore
import GoalIO
import GoalScoring
import OfficeXML

/// `jixiao score INPUT [--actuals FILE] [--profile NAME|FILE] [--format text|json]`: self-evaluation scores.
/// Exit 0 on success, 1 when nothing could be scored, 2 on a usage error. Errors and flags go to stderr.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "自评打分：按评（扣）分标准给每项指标打分，算出预算执行率得分、总分、得分率和等级。",
        discussion: """
            实际完成值可写在输入文件中（每项指标的 actual，每张表的 execution），或用 --actuals 给出 CSV：
            列为 表、三级指标、实际完成值（可加 偏差原因），按表序号或项目名称、三级指标名称对应。
            退出码：0 成功；1 没有可评分的内容；2 用法错误。
            """
    )

    @Argument(help: "要评分的文件（目标表交换格式 JSON 等）。")
    var input: String?

    @Option(name: .long, help: "实际完成值文件：CSV，或 Excel 工作簿（.xlsx、.xls、WPS .et，读第一个可见工作表）；列：表、三级指标、实际完成值、偏差原因。")
    var actuals: String?

    /// The first visible sheet of a workbook (.xlsx, .xls or WPS .et, judged by content) as a grid of display texts.
    static func firstSheet(_ data: Data) throws -> [[String]] {
        let book = try WorkbookReader().read(data: data)
        guard let sheet = book.sheets.first(where: { $0.visibility == .visible }) ?? book.sheets.first else { return [] }
        return try sheet.grid(merged: .topLeftOnly)
    }

    @Option(name: .long, help: "规则配置：内置名称（current、legacy、provincial）或配置文件路径。")
    var profile: String?

    @Option(name: .long, help: "输出格式：text（默认）或 json。")
    var format: String = "text"

    @Flag(name: .customLong("no-what-if"), help: "不给出“如何提升等级”的分析。")
    var noWhatIf = false

    /// Anything else on the command line: reported as a usage error (exit 2) rather than left to the parser.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    func run() throws {
        guard unrecognized.isEmpty else { return try usage("无法识别的参数：\(unrecognized.joined(separator: " "))") }
        guard let input, !input.isEmpty else { return try usage("请给出要评分的文件，例如：jixiao score 表.json") }
        guard format == "text" || format == "json" else { return try usage("--format 应为 text 或 json，实为“\(format)”") }
        guard FileManager.default.fileExists(atPath: input) else { return try usage("找不到文件“\(input)”") }

        // nil: each table under the profile its check picks (`Checker.profile(for:)`), as `check` and the web app do
        let named: Profile?
        switch loadProfile() {
        case .success(let p): named = p
        case .failure(let message): return try usage(message)
        }

        let imported: ImportResult
        do {
            imported = try DocumentReader.read(contentsOf: URL(fileURLWithPath: input))
        } catch {
            Self.errorLine("错误：\(error.description)")
            throw ExitCode(1)
        }
        for note in imported.notes { Self.errorLine("导入：\(note.location.description) \(note.message)") }
        var tables = imported.tables

        if let actuals {
            let ext = (actuals as NSString).pathExtension.lowercased()
            guard let data = FileManager.default.contents(atPath: actuals) else {
                return try usage("找不到实际完成值文件“\(actuals)”")
            }
            do {
                // a workbook's first visible sheet, or CSV text
                let rows =
                    ["xlsx", "xls", "et"].contains(ext) || data.starts(with: [0x50, 0x4B, 0x03, 0x04])
                        || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
                    ? try ActualsCSV.parse(grid: Self.firstSheet(data))
                    : try ActualsCSV.parse(data)
                let name = (actuals as NSString).lastPathComponent
                for problem in ActualsCSV.apply(rows, to: &tables, fileName: name) { Self.errorLine("提示：\(problem)") }
            } catch {
                Self.errorLine("错误：实际完成值文件“\((actuals as NSString).lastPathComponent)”：\(String(describing: error))")
                throw ExitCode(1)
            }
        }

        var scores: [TableScore] = [], whatIf: [WhatIfReport] = []
        for (i, table) in tables.enumerated() {
            var scorer = Scorer(settings: (named ?? Checker.profile(for: table)).scoring)
            let score = scorer.score(table, index: i)
            scores.append(score)
            if !noWhatIf { whatIf.append(WhatIf.analyse(table, score, scorer: &scorer)) }
        }
        for s in scores {
            for flag in s.flags { Self.errorLine("\(flag.severity.label)：\(flag.message)") }
        }
        if format == "json" {
            FileHandle.standardOutput.write(ScoreReport.json(tables: tables, scores: scores, whatIf: whatIf))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(ScoreReport.text(tables: tables, scores: scores, whatIf: whatIf), terminator: "")
        }
        guard scores.contains(where: \.hasScores) else {
            Self.errorLine(tables.isEmpty ? "错误：文件中没有目标表" : "错误：没有任何指标能评分（请填写实际完成值和分值）")
            throw ExitCode(1)
        }
    }

    enum ProfileChoice { case success(Profile?), failure(String) }

    /// `--profile NAME|FILE` as `check` reads it; nil when none is named.
    func loadProfile() -> ProfileChoice {
        guard let profile else { return .success(nil) }
        switch ProfileArgument.resolve(
            profile, builtIn: Profile.builtIn(named:), names: Profile.builtIn.map(\.name),
            load: { try Profile.load(from: $0) }, describe: { ($0 as? InterchangeError)?.description ?? "\($0)" })
        {
        case .success(let p): return .success(p)
        case .failure(let f): return .failure(f.message)
        }
    }

    func usage(_ message: String) throws {
        Self.errorLine("用法错误：\(message)")
        Self.errorLine("用法：jixiao score 输入文件 [--actuals 实际值.csv] [--profile 名称|文件] [--format text|json]")
        throw ExitCode(2)
    }

    static func errorLine(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
