import Fluent
import SQLKit

/// 2026-11: the audit trail, append-only. Triggers make the database itself refuse an UPDATE or a
/// DELETE of a recorded event, so not even a bug in the app (or a hurried SQL console) can rewrite it.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema)
            .id()
            .field("at", .datetime, .required)
            .field("account_id", .uuid)
            .field("account_name", .string, .required)
            .field("role", .string, .required)
            .field("action", .string, .required)
            .field("table_id", .uuid)
            .field("subject", .string, .required)
            .field("comment", .sql(unsafeRaw: "TEXT"))
            .field("before", .sql(unsafeRaw: "TEXT"))
            .field("after", .sql(unsafeRaw: "TEXT"))
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_events_table ON audit_events (table_id, at)").run()
        if sql.dialect.name == "sqlite" {
            for op in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    SQLQueryString(
                        """
                        CREATE TRIGGER audit_events_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON audit_events \
                        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                        """)
                ).run()
            }
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events \
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema).delete()
        if let sql = database as? any SQLDatabase, sql.dialect.name != "sqlite" {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
