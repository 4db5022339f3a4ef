import Fluent
import SQLKit
import Vapor

/// 2026-11: indexes for the 首页 of a province with thousands of tables: its filters (unit, year) and its
/// sort (unit, year, name) read an index instead of scanning, and the purge of expired deletions finds its
/// rows by `deleted_at`. Plain `CREATE INDEX`, the same on SQLite and PostgreSQL. Migrations are added, never edited.
struct AddGoalTableListIndexes: AsyncMigration {
    static let indexes: [(name: String, columns: String)] = [
        ("goal_tables_unit_year_name", "unit, year, name"),
        ("goal_tables_year", "year"),
        ("goal_tables_deleted_at", "deleted_at"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try Self.sql(database)
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON goal_tables (\(unsafeRaw: index.columns))")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try Self.sql(database)
        for index in Self.indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
    }

    private static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL（无法建立索引）") }
        return sql
    }
}
