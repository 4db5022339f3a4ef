import Fluent
import Foundation
import Vapor

/// `jixiao-server backup --to FILE`: a consistent copy of the SQLite database while the server runs.
/// On PostgreSQL it prints the pg_dump recipe instead (the database's own tool does it better) and exits 1.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "备份文件（不能已存在）") var to: String?
        init() {}
    }

    var help: String { "备份数据库（SQLite 在线备份；PostgreSQL 请用 pg_dump）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try Self.requireSQLite(context, else: "PostgreSQL 数据库请用上面的 pg_dump 命令备份")
        guard let to = signature.to, !to.isEmpty else {
            throw SQLiteBackup.Failure("请用 --to 指定备份文件，例如：jixiao-server backup --to backups/jixiao-$(date +%F).sqlite")
        }
        let started = Date()
        try await SQLiteBackup.backup(context.application.db, to: to)
        let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
        context.console.success("已备份到“\(to)”（\(size / 1024) KB，\(String(format: "%.1f", Date().timeIntervalSince(started))) 秒）")
    }

    /// Backup and restore work on SQLite's file; on PostgreSQL they print the pg_dump recipe and refuse with `why`.
    static func requireSQLite(_ context: CommandContext, else why: String) throws {
        guard let config = context.application.storage[AppConfigKey.self] else { throw SQLiteBackup.Failure("配置未加载") }
        if case .postgres = config.database {
            context.console.output(postgresRecipe.consoleText())
            throw SQLiteBackup.Failure(why)
        }
    }

    static let postgresRecipe = """
        本系统使用 PostgreSQL（DATABASE_URL）。请用 PostgreSQL 自带的工具备份与恢复：
          备份：pg_dump --format=custom --file=jixiao-$(date +%F).dump "$DATABASE_URL"
          恢复：pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" jixiao-YYYY-MM-DD.dump
        或导出为与数据库无关的文件：jixiao-server export --to 目录
        """
}

/// `jixiao-server restore --from FILE`: puts a backup made by `backup` back, in one transaction.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "由 backup 生成的备份文件") var from: String?
        init() {}
    }

    var help: String { "从 backup 生成的文件恢复 SQLite 数据库（当前数据全部替换）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try BackupCommand.requireSQLite(context, else: "PostgreSQL 数据库请用上面的 pg_restore 命令恢复")
        guard let from = signature.from, !from.isEmpty else {
            throw SQLiteBackup.Failure("请用 --from 指定备份文件，例如：jixiao-server restore --from backups/jixiao-2026-12-01.sqlite")
        }
        let counts = try await SQLiteBackup.restore(context.application.db, from: from)
        // said in the words of the pages, not the names of the database tables
        let summary = [("goal_tables", "目标表"), ("audit_events", "审计记录"), ("accounts", "账号"), ("organisations", "机构")]
            .map { table, words in "\(words) \(counts[table] ?? 0) 条" }
        context.console.success("已从“\(from)”恢复：" + summary.joined(separator: "，") + "（登录会话也一并恢复为备份时的状态）")
    }
}
