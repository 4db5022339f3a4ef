import ArgumentParser
import Foundation
import GoalCore
import GoalIO

/// `jixiao convert INPUT [-o OUTPUT]`: reads any supported input and writes interchange JSON.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "读取绩效目标表（粘贴文本、.txt/.md、JSON、.xlsx、.xls、WPS .et、.docx），输出 JSON、.xlsx、.csv 或 .html。",
        discussion: """
            INPUT 为文件路径，或 - 表示从标准输入读取。输出格式按 -o 文件的扩展名决定：.json（默认）、\
            .xlsx（官方版式，每张表一个工作表）、.csv（每个指标一行，UTF-8 带 BOM）、.html（A4 横向打印版）。\
            不写 -o 时输出 JSON 到标准输出；--format 可指定 csv 或 html 输出到标准输出。修复和问题以中文写到标准错误，附行号或单元格。
            """
    )

    @Argument(help: "输入文件，或 - 表示标准输入")
    var input: String

    @Option(name: .shortAndLong, help: "输出文件（不写则输出到标准输出）")
    var output: String?

    @Option(name: .long, help: "输出格式：json、xlsx、csv、html（默认按输出文件扩展名）")
    var format: String?

    @Flag(name: .shortAndLong, help: "不在标准错误输出修复说明")
    var quiet = false

    func run() throws {
        _ = try exportFormat() // a wrong output name is reported before the input is read
        let result = try InputLoader.load(input)
        if !quiet { NotePrinter.print(result.notes, source: input) }
        guard !result.tables.isEmpty else {
            Console.error("没有读到任何绩效目标表。请确认文件内容包含表头（一级指标、二级指标、三级指标、指标值…）和指标行。")
            throw ExitCode(1)
        }
        try write(result)
        if !quiet {
            let count = result.tables.reduce(0) { $0 + $1.indicators.count }
            Console.error("已读取 \(result.tables.count) 张表、\(count) 个指标。")
        }
    }
}

extension ConvertCommand {
    func exportFormat() throws -> ExportFormat {
        do {
            return try ExportFormat.choose(format: format, output: output)
        } catch {
            Console.error("错误：\(error.message)")
            throw ExitCode(1)
        }
    }

    /// A workbook goes straight to its file, a sheet at a time, rather than whole through memory.
    func write(_ result: ImportResult) throws {
        guard try exportFormat() == .xlsx, let output, output != "-" else {
            return try OutputWriter.write(try exported(result), to: output)
        }
        do {
            try XLSXExporter.write(result.tables, to: URL(fileURLWithPath: output))
        } catch {
            Console.error("错误：\(error.message)")
            throw ExitCode(1)
        }
    }

    func exported(_ result: ImportResult) throws -> Data {
        let f = try exportFormat()
        do {
            return try f.data(result.tables)
        } catch {
            Console.error("错误：\(error.message)")
            throw ExitCode(1)
        }
    }
}
