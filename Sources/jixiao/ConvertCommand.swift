import ArgumentParser
import Foundation
import GoalCore
import GoalIO

/// `jixiao convert INPUT [-o OUTPUT]`: reads any supported input and writes interchange JSON.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "读取绩效目标表（粘贴文本、.txt/.md、JSON），输出交换格式 JSON。",
        discussion: "INPUT 为文件路径，或 - 表示从标准输入读取。修复和问题以中文写到标准错误，附行号。"
    )

    @Argument(help: "输入文件，或 - 表示标准输入")
    var input: String

    @Option(name: .shortAndLong, help: "输出文件（不写则输出到标准输出）")
    var output: String?

    @Flag(name: .shortAndLong, help: "不在标准错误输出修复说明")
    var quiet = false

    func run() throws {
        let result = try InputLoader.load(input)
        if !quiet { NotePrinter.print(result.notes, source: input) }
        guard !result.tables.isEmpty else {
            Console.error("没有读到任何绩效目标表。请确认文件内容包含表头（一级指标、二级指标、三级指标、指标值…）和指标行。")
            throw ExitCode(1)
        }
        let data = result.document.encoded() + Data("\n".utf8)
        try OutputWriter.write(data, to: output)
        if !quiet {
            let count = result.tables.reduce(0) { $0 + $1.indicators.count }
            Console.error("已读取 \(result.tables.count) 张表、\(count) 个指标。")
        }
    }
}
