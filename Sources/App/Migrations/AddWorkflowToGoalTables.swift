import Fluent
import SQLKit

/// 2026-11: tables belong to an organisation and move through the review workflow.
/// One column per ALTER, because SQLite adds one column per statement.
struct AddWorkflowToGoalTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let s = GoalTableRecord.schema
        try await database.schema(s).field("organisation_id", .uuid).update()
        // "/" is no organisation's subtree: an unowned table is seen by administrators only.
        try await database.schema(s).field("org_path", .string, .required, .sql(.default("/"))).update()
        try await database.schema(s).field("evaluation_status", .string, .required, .sql(.default("draft"))).update()
        try await database.schema(s).field("adjusts_id", .uuid).update()
        try await database.schema(s).field("return_comment", .sql(unsafeRaw: "TEXT")).update()
        guard let sql = database as? any SQLDatabase else { return }
        // 已退回 was a state of its own before the workflow; it is now 草稿 with a comment.
        try await sql.raw("UPDATE goal_tables SET status = 'draft' WHERE status = 'returned'").run()
        try await sql.raw("CREATE INDEX goal_tables_org_path ON goal_tables (org_path)").run()
    }

    func revert(on database: any Database) async throws {
        let s = GoalTableRecord.schema
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX IF EXISTS goal_tables_org_path").run() }
        for f in ["return_comment", "adjusts_id", "evaluation_status", "org_path", "organisation_id"] {
            try await database.schema(s).deleteField(.string(f)).update()
        }
    }
}
