import Fluent
import Foundation
import SQLKit

/// Online backup and restore of the SQLite database, through SQLite itself so that a running server
/// (other connections, WAL) is never disturbed and a half-written file is never produced.
enum SQLiteBackup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// `VACUUM INTO`: a consistent copy of the database as of one transaction, taken while other
    /// connections read and write (SQLite ≥ 3.27). The target must not exist yet.
    static func backup(_ db: any Database, to path: String) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { throw Failure("只有 SQLite 数据库可以这样备份") }
        if FileManager.default.fileExists(atPath: path) { throw Failure("备份文件“\(path)”已存在：请换一个文件名，不会覆盖已有备份") }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try await sql.raw("VACUUM INTO \(unsafeRaw: literal(path))").run()
    }

    /// Replaces every table's rows with the backup's, in one transaction on one connection: instances still
    /// running see the old data or the new, never a mix. The backup must come from this release (same
    /// migrations), so its columns are this database's columns.
    static func restore(_ db: any Database, from path: String) async throws -> [String: Int] {
        guard FileManager.default.isReadableFile(atPath: path) else { throw Failure("找不到备份文件“\(path)”") }
        return try await db.withConnection { conn -> [String: Int] in
            guard let sql = conn as? any SQLDatabase, sql.dialect.name == "sqlite" else { throw Failure("只有 SQLite 数据库可以这样恢复") }
            try await sql.raw("ATTACH DATABASE \(unsafeRaw: literal(path)) AS backup").run()
            do {
                let counts = try await copy(sql)
                try await sql.raw("DETACH DATABASE backup").run()
                return counts
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("DETACH DATABASE backup").run()
                throw error
            }
        }
    }

    private static func copy(_ sql: any SQLDatabase) async throws -> [String: Int] {
        struct Name: Decodable { var name: String }
        let ours = try await sql.raw("SELECT name FROM main._fluent_migrations").all(decoding: Name.self).map(\.name)
        let theirs: [String]
        do { theirs = try await sql.raw("SELECT name FROM backup._fluent_migrations").all(decoding: Name.self).map(\.name) } catch
        {
            throw Failure("“备份”不是本系统的 SQLite 备份（没有迁移记录）")
        }
        guard Set(ours) == Set(theirs) else {
            throw Failure("备份的数据库结构与本版本不同（备份 \(theirs.count) 个迁移，本库 \(ours.count) 个）：请用生成备份的版本恢复，再升级")
        }
        let tables = try await sql.raw(
            """
            SELECT name FROM backup.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """
        ).all(decoding: Name.self).map(\.name)
        // writers wait here, not halfway through; foreign keys are checked once, at COMMIT
        try await sql.raw("BEGIN IMMEDIATE").run()
        try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
        var counts: [String: Int] = [:]
        struct Trigger: Decodable { var sql: String; var name: String }
        for t in tables {
            // the audit trail is append-only by trigger; a restore rewinds it to the backup's, so the trigger
            // is lifted for this table inside the transaction and put back before COMMIT
            let triggers = try await sql.raw(
                """
                SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = \(bind: t)
                """
            ).all(decoding: Trigger.self)
            for tr in triggers { try await sql.raw("DROP TRIGGER main.\(ident: tr.name)").run() }
            try await sql.raw("DELETE FROM main.\(ident: t)").run()
            try await sql.raw("INSERT INTO main.\(ident: t) SELECT * FROM backup.\(ident: t)").run()
            for tr in triggers { try await sql.raw("\(unsafeRaw: tr.sql)").run() }
            struct N: Decodable { var n: Int }
            counts[t] = try await sql.raw("SELECT COUNT(*) AS n FROM main.\(ident: t)").first(decoding: N.self)?.n ?? 0
        }
        try await sql.raw("COMMIT").run()
        return counts
    }

    /// A path as an SQL string literal (quotes doubled): VACUUM INTO and ATTACH take no bound parameters.
    static func literal(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "''") + "'" }
}
