import Fluent
import SQLKit

/// 2026-12: 佐证材料 (`EvidenceRecord`). The bytes sit in the database, not on one server's disk, so every
/// instance behind a load balancer serves the same file and a backup of the database holds them too.
/// `.data` is BLOB on SQLite and BYTEA on PostgreSQL.
struct CreateEvidence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EvidenceRecord.schema)
            .id()
            .field("table_id", .uuid, .required)
            .field("indicator_id", .string)
            .field("indicator_name", .string)
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("uploaded_by_name", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX evidence_files_table ON evidence_files (table_id, uploaded_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvidenceRecord.schema).delete()
    }
}
