import ArgumentParser
import Foundation
import GoalCore
import GoalIO
import OfficeXML

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
        let format = try exportFormat() // a wrong output name is reported before the input is read
        let (data, name) = try InputLoader.bytes(input)
        let read = format == .json ? try writeJSON(data, name: name) : try write(data, name: name, as: format)
        guard read.tables > 0 else {
            Console.error("没有读到任何绩效目标表。请确认文件内容包含表头（一级指标、二级指标、三级指标、指标值…）和指标行。")
            throw ExitCode(1)
        }
        if !quiet { Console.error("已读取 \(read.tables) 张表、\(read.indicators) 个指标。") }
    }
}

/// The tables and indicators a conversion wrote.
struct ConvertedCount {
    var tables = 0
    var indicators = 0

    mutating func count(_ tables: [GoalTable]) {
        self.tables += tables.count
        indicators += tables.reduce(0) { $0 + $1.indicators.count }
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

    /// Interchange JSON is written a run of tables at a time, as the reader hands them on: a large
    /// paste's tables and JSON are never all in memory (issue #23). The output is opened at the first
    /// table, so a file of none writes nothing, as before. The bytes are those `ExportFormat.json` gives.
    func writeJSON(_ data: Data, name: String) throws -> ConvertedCount {
        var stream: FileOutput.Stream?
        var writer = InterchangeWriter()
        var read = ConvertedCount()
        do {
            try DocumentReader.read(data: data, name: name) { run in
                // each run's notes are printed as it is read, not kept: a large paste has many
                if !quiet { NotePrinter.print(run.notes, source: input) }
                guard !run.tables.isEmpty else { return }
                let out = try stream ?? open()
                stream = out
                for part in writer.add(run.tables) { try out.write(part) }
                read.count(run.tables)
            }
            try stream?.write(writer.end())
            try stream?.finish()
        } catch let e as ImportError {
            Console.error("错误：\(e.message)")
            throw ExitCode(1)
        } catch {
            // a write that failed: the file's own message names it
            Console.error("错误：\((error as? OfficeError)?.message ?? "无法写入“\(output ?? "标准输出")”：\(error)")")
            throw ExitCode(1)
        }
        return read
    }

    private func open() throws -> FileOutput.Stream {
        guard let output, output != "-" else { return .standardOutput }
        return try FileOutput.Stream(URL(fileURLWithPath: output))
    }

    /// Other formats are made from all the tables at once. A workbook goes straight to its file, a
    /// sheet at a time, rather than whole through memory.
    func write(_ data: Data, name: String, as format: ExportFormat) throws -> ConvertedCount {
        let result = try InputLoader.reporting { () throws(ImportError) in try DocumentReader.read(data: data, name: name) }
        if !quiet { NotePrinter.print(result.notes, source: input) }
        var read = ConvertedCount()
        read.count(result.tables)
        guard !result.tables.isEmpty else { return read }
        guard format == .xlsx, let output, output != "-" else {
            let bytes = try InputLoader.reporting { () throws(ImportError) in try format.data(result.tables) }
            try OutputWriter.write(bytes, to: output)
            return read
        }
        try InputLoader.reporting { () throws(ImportError) in
            try XLSXExporter.write(result.tables, to: URL(fileURLWithPath: output))
        }
        return read
    }
}
