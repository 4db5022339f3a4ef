import Fluent
import SQLKit
import Vapor

/// 2026-12 (issue #19): 结转到下一年 records which table a year's draft was carried from.
///
/// - `goal_tables.carried_from_id`: the approved table of the year before this draft was made from (kept for good).
/// - `goal_tables.carry_key`: the carried lineage — the first version of the source table (an approved 调整
///   supersedes its original, and the new version is the same table for carrying): one next-year draft per
///   lineage, held by a unique index, so two carries at once, on any instance, cannot both create one. A deleted
///   draft gives its key back (`TableStore.delete`), so the table can be carried again.
///
/// Only nullable columns and an index are added, so every row of the previous release stays as it was; a unique
/// index admits any number of NULLs on SQLite and PostgreSQL alike.
struct AddCarryForwardLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoalTableRecord.schema).field("carried_from_id", .uuid).update()
        try await database.schema(GoalTableRecord.schema).field("carry_key", .string).update()
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL（无法建立索引）") }
        try await sql.raw("CREATE UNIQUE INDEX IF NOT EXISTS goal_tables_carry_key ON goal_tables (carry_key)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX IF EXISTS goal_tables_carry_key").run() }
        try await database.schema(GoalTableRecord.schema).deleteField("carry_key").update()
        try await database.schema(GoalTableRecord.schema).deleteField("carried_from_id").update()
    }
}
