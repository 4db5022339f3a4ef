import Fluent
import Foundation
import Vapor

/// `jixiao-server export --to DIR`: every table, version, audit entry, organisation and account into plain
/// files (`DataExport` says which); the same on SQLite and PostgreSQL.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "导出目录（新建或空目录）") var to: String?
        @Flag(name: "with-password-hashes", help: "同时导出密码散列（仅用于迁移到新数据库；目录须像数据库一样保管）") var withHashes: Bool
        init() {}
    }

    var help: String { "导出全部数据（目标表各版本为交换 JSON，审计记录为 CSV，机构与账号）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let to = signature.to, !to.isEmpty else {
            throw DataExport.Failure("请用 --to 指定导出目录，例如：jixiao-server export --to 导出-2026-12-01")
        }
        let m = try await DataExport.export(
            context.application.db, to: URL(fileURLWithPath: to), withPasswordHashes: signature.withHashes)
        context.console.success(
            "已导出到“\(to)”：" + ExportImportSummary.text(m.counts)
                + (m.passwordHashes ? "（含密码散列）" : "（不含密码：导入后须由管理员重设密码）"))
    }
}

/// `jixiao-server import --from DIR`: an export folder into an empty database.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "export 命令导出的目录") var from: String?
        init() {}
    }

    var help: String { "把 export 导出的目录导入空数据库（例如从 SQLite 迁移到 PostgreSQL）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let from = signature.from, !from.isEmpty else { throw DataExport.Failure("请用 --from 指定导出目录") }
        let m = try await DataImport.run(context.application.db, from: URL(fileURLWithPath: from))
        context.console.success("已导入“\(from)”：" + ExportImportSummary.text(m.counts))
    }
}

enum ExportImportSummary {
    static func text(_ counts: [String: Int]) -> String {
        [("goal_tables", "目标表（含各版本）"), ("audit_events", "审计记录"), ("organisations", "机构"), ("accounts", "账号")]
            .map { "\($0.1) \(counts[$0.0] ?? 0)" }.joined(separator: "，")
    }
}
