import ArgumentParser
import Foundation
import GoalCore

/// `jixiao profile list` and `jixiao profile show NAME`: print the built-in rule profiles as JSON
/// that a province or a unit can copy, change and pass back with `--profile FILE`.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "规则配置：列出内置配置，或输出一个配置的 JSON 供复制修改。",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出内置规则配置。")
        func run() {
            for p in Profile.builtIn { print("\(p.name)\t\(p.title)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "输出内置规则配置的 JSON（可另存为文件修改后用 --profile 文件 使用）。")
        @Argument(help: ArgumentHelp("内置配置名称：current、legacy 或 provincial", valueName: "NAME"))
        var name: String

        func run() throws {
            guard let p = Profile.builtIn(named: name) else {
                FileHandle.standardError.write(Data("用法错误：没有名为“\(name)”的内置规则配置；可用：\(ProfileCommand.names)\n".utf8))
                throw ExitCode(2)
            }
            print(String(decoding: p.encoded(), as: UTF8.self))
        }
    }

    static var names: String { Profile.builtIn.map(\.name).joined(separator: "、") }

    /// `--profile NAME|FILE`: a built-in name, or a JSON file. nil means "choose per table".
    /// An unknown name or an unreadable file is a usage error (exit 2).
    static func resolve(_ argument: String?) throws -> Profile? {
        guard let argument else { return nil }
        switch ProfileArgument.resolve(
            argument, builtIn: Profile.builtIn(named:), names: Profile.builtIn.map(\.name),
            load: { try Profile.load(from: $0) }, describe: { ($0 as? InterchangeError)?.description ?? "\($0)" })
        {
        case .success(let p): return p
        case .failure(let f):
            FileHandle.standardError.write(Data("用法错误：\(f.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
