import ArgumentParser
import Foundation

/// `jixiao`: the command-line tool. All real work is in the library modules; commands only read
/// arguments, call them, print and choose the exit code.
@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "绩效目标表：导入、检查、自评打分、运行监控、转换。",
        subcommands: [
            ConvertCommand.self, CheckCommand.self, ScoreCommand.self, MonitorCommand.self, ProfileCommand.self,
            TemplateCommand.self,
        ]
    )

    /// Exit codes every command keeps: 0 done, 1 nothing usable / errors found, 2 a usage error
    /// (ArgumentParser's own is 64, which scripts written for this tool do not expect).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data("用法错误：\(fullMessage(for: error))\n（用 jixiao help 或 --help 查看用法）\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
