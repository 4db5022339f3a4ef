import Fluent

/// 2026-12: each audit event keeps its change lines, worked out once when it is recorded, so the table
/// page no longer decodes and compares two snapshots per event on every view. Events recorded before
/// keep `changes` empty (the trail is append-only; see `CreateAuditEvents`) and have theirs worked
/// out from their snapshots when shown (`AuditLog.trail`).
struct AddChangesToAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema).field("changes", .sql(unsafeRaw: "TEXT")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema).deleteField("changes").update()
    }
}
