import Fluent

/// 2026-11: the `goal_tables` table. Migrations are added, never edited.
struct CreateGoalTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoalTableRecord.schema)
            .id()
            .field("unit", .string, .required)
            .field("year", .int)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("document", .sql(unsafeRaw: "TEXT"), .required)
            .field("error_count", .int, .required)
            .field("warning_count", .int, .required)
            .field("score", .double)
            .field("score_max", .double)
            .field("grade", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("deleted_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoalTableRecord.schema).delete()
    }
}
