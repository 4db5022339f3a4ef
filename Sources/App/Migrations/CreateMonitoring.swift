import Fluent
import SQLKit

/// 2026-12: 运行监控 — rounds and one entry per approved table in each (issue #18).
struct CreateMonitoring: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MonitoringRoundRecord.schema)
            .id()
            .field("year", .int, .required)
            .field("period", .int, .required)
            .field("kind", .string, .required)
            .field("profile", .string, .required)
            .field("title", .string, .required)
            .field("scope", .sql(unsafeRaw: "TEXT"), .required)
            .field("due_at", .datetime, .required)
            .field("org_path", .string, .required)
            .field("opened_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MonitoringEntryRecord.schema)
            .id()
            .field("round_id", .uuid, .required, .references(MonitoringRoundRecord.schema, .id, onDelete: .cascade))
            .field("table_id", .uuid, .required)
            .field("table_name", .string, .required)
            .field("unit", .string, .required)
            .field("organisation_id", .uuid)
            .field("org_path", .string, .required)
            .field("status", .string, .required)
            .field("rectification", .string, .required)
            .field("version", .int, .required)
            .field("entered", .sql(unsafeRaw: "TEXT"))
            .field("light", .string)
            .field("return_comment", .sql(unsafeRaw: "TEXT"))
            .field("rectification_request", .sql(unsafeRaw: "TEXT"))
            .field("rectification_answer", .sql(unsafeRaw: "TEXT"))
            .field("updated_at", .datetime)
            .unique(on: "round_id", "table_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // a round's entries (its page and summary), an organisation's (the unit's 待办), a subtree's (reviewers)
        try await sql.raw("CREATE INDEX monitoring_entries_round ON monitoring_entries (round_id, status)").run()
        try await sql.raw("CREATE INDEX monitoring_entries_org ON monitoring_entries (organisation_id, status)").run()
        try await sql.raw("CREATE INDEX monitoring_entries_path ON monitoring_entries (org_path, status)").run()
        // a table's entries: its 自评 page offers the last round's 全年预计完成值
        try await sql.raw("CREATE INDEX monitoring_entries_table ON monitoring_entries (table_id)").run()
        try await sql.raw("CREATE INDEX monitoring_rounds_path ON monitoring_rounds (org_path, year)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MonitoringEntryRecord.schema).delete()
        try await database.schema(MonitoringRoundRecord.schema).delete()
    }
}
