import Fluent
import SQLKit

/// 2026-12: import previews kept on the server (`ImportDraftRecord`).
struct CreateImportDrafts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportDraftRecord.schema)
            .id()
            .field("account_id", .uuid, .required)
            .field("document", .sql(unsafeRaw: "TEXT"), .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX import_drafts_created ON import_drafts (created_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportDraftRecord.schema).delete()
    }
}
