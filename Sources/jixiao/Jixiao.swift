import ArgumentParser

/// `jixiao`: the command-line tool. All real work is in the library modules; commands only read
/// arguments, call them, print and choose the exit code.
@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "绩效目标表：导入、检查、自评打分、转换。",
        subcommands: [ConvertCommand.self, CheckCommand.self, ScoreCommand.self, ProfileCommand.self, TemplateCommand.self]
    )
}
