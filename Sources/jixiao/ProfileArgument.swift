import Foundation

/// `--profile NAME|FILE`, read the same way by every command that takes one (check, score, monitor,
/// profile show): a built-in name first, else a JSON file of that kind of profile; anything else is one
/// usage error that lists the built-in names.
enum ProfileArgument {
    struct Failure: Error { var message: String }

    static func resolve<P>(
        _ argument: String, builtIn: (String) -> P?, names: [String],
        load: (Data) throws -> P, describe: (any Error) -> String
    ) -> Result<P, Failure> {
        if let p = builtIn(argument) { return .success(p) }
        guard let data = FileManager.default.contents(atPath: argument) else {
            return .failure(Failure(message: "规则配置“\(argument)”既不是内置配置（\(names.joined(separator: "、"))），也不是可读的文件"))
        }
        do {
            return .success(try load(data))
        } catch {
            return .failure(Failure(message: "规则配置文件“\(argument)”无法读取：\(describe(error))"))
        }
    }
}
