import Fluent
import SQLKit

/// 2026-12: the unit's own words for its 自评报告 (`ReportDraftRecord`), one row per table.
struct CreateReportDrafts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportDraftRecord.schema)
            .id()
            .field("table_id", .uuid, .required)
            .field("sections", .sql(unsafeRaw: "TEXT"), .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "table_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportDraftRecord.schema).delete()
    }
}
