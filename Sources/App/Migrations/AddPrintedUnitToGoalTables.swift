import Fluent
import SQLKit

/// 2026-12: `unit` becomes the owning organisation's name (the list groups by it); the name printed on
/// the form is kept beside it in `printed_unit`, so a table that prints another unit's name is shown
/// as such and never filed under that unit. Existing rows keep their `unit`; their printed name is
/// filled from it.
struct AddPrintedUnitToGoalTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoalTableRecord.schema).field("printed_unit", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("UPDATE goal_tables SET printed_unit = unit").run()
            // rows of an organisation take its name, as new saves do
            try await sql.raw(
                """
                UPDATE goal_tables SET unit = (SELECT name FROM organisations WHERE organisations.id = goal_tables.organisation_id) \
                WHERE organisation_id IS NOT NULL AND EXISTS (SELECT 1 FROM organisations WHERE organisations.id = goal_tables.organisation_id)
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoalTableRecord.schema).deleteField("printed_unit").update()
    }
}
