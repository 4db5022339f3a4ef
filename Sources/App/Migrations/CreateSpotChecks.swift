import Fluent
import SQLKit

/// 2026-12: 自评抽查 — each draw with everything needed to repeat it (`SpotCheckRecord`), and one row per
/// table drawn with finance's conclusion (`SpotCheckItemRecord`).
struct CreateSpotChecks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SpotCheckRecord.schema)
            .id()
            .field("year", .int)
            .field("rule", .string, .required)
            .field("seed", .string, .required)
            .field("population", .sql(unsafeRaw: "TEXT"), .required)
            .field("scope_path", .string, .required)
            .field("drawn_by", .uuid, .required)
            .field("drawn_by_name", .string, .required)
            .field("drawn_at", .datetime, .required)
            .create()
        try await database.schema(SpotCheckItemRecord.schema)
            .id()
            .field("spot_check_id", .uuid, .required)
            .field("table_id", .uuid, .required)
            .field("position", .int, .required)
            .field("result", .string)
            .field("opinion", .sql(unsafeRaw: "TEXT"))
            .field("reviewed_by_name", .string)
            .field("reviewed_at", .datetime)
            .unique(on: "spot_check_id", "table_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SpotCheckItemRecord.schema).delete()
        try await database.schema(SpotCheckRecord.schema).delete()
    }
}
