import ArgumentParser
import Foundation
import GoalCore
import GoalIO

/// `jixiao template KIND -o FILE.xlsx`: a blank form to fill in, with dropdowns, that `convert` reads back.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成空白绩效目标表 Excel 模板（含一级/二级指标、指标值类型下拉列表）。",
        discussion: "KIND：department（部门整体支出）、project（项目支出）、provincial（省级整体申报）。填好后可用 jixiao convert 读取。"
    )

    @Argument(help: "表种：department、project 或 provincial")
    var kind: String

    @Option(name: .shortAndLong, help: "输出的 .xlsx 文件")
    var output: String

    func run() throws {
        guard let k = TableKind(rawValue: kind) else {
            Console.error("错误：表种“\(kind)”应为 department（部门整体支出）、project（项目支出）或 provincial（省级整体申报）。")
            throw ExitCode(1)
        }
        guard output.lowercased().hasSuffix(".xlsx") else {
            Console.error("错误：模板只能保存为 .xlsx 文件，请把输出文件名改为以 .xlsx 结尾。")
            throw ExitCode(1)
        }
        do {
            try OutputWriter.write(try TemplateBuilder.data(kind: k), to: output)
        } catch let e as ImportError {
            Console.error("错误：\(e.message)")
            throw ExitCode(1)
        }
        Console.error("已生成\(k.officialTitle)模板：\(output)")
    }
}
