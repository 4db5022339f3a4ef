import Fluent
import SQLKit
import Vapor

/// 2026-12 (#23): two indexes the 首页's planner needs, and one it must not be tempted by.
///
/// - `goal_tables_deleted` replaces `goal_tables_deleted_at` with a partial index over deleted rows only.
///   The purge of expired deletions (`deleted_at < …`) is all that reads it. Over every row, SQLite's
///   planner without fresh statistics took it for `deleted_at IS NULL` and fetched each live row
///   through it (0.35 s for a page of 100,000 tables, against 25 ms from the list index).
/// - `goal_tables_live_year`: the list index with the year in front. A year filter reads only that
///   year's entries, already in the page's order (unit, name, id under one year), and the year facet
///   reads one entry per year (`TableStore.facets`). It covers every column a filter reads: with the year
///   alone in it, SQLite's planner took it for `year = ?` and fetched and sorted every row of the year.
///
/// (An index over `deleted_at` alone for the live tables, the narrowest a count could read, was tried
/// and left out: SQLite's planner took its `deleted_at IS NULL` for a selective equality and read the
/// page and the facets' probes through it, 10 to 30 times slower.)
struct AddPlannerIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS goal_tables_deleted_at").run()
        try await sql.raw(
            "CREATE INDEX IF NOT EXISTS goal_tables_deleted ON goal_tables (deleted_at) WHERE deleted_at IS NOT NULL"
        )
        .run()
        try await sql.raw(
            """
            CREATE INDEX IF NOT EXISTS goal_tables_live_year ON goal_tables \
            (year, unit, name, id, kind, org_path, status, evaluation_status, deleted_at) WHERE deleted_at IS NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS goal_tables_live_year").run()
        try await sql.raw("DROP INDEX IF EXISTS goal_tables_deleted").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS goal_tables_deleted_at ON goal_tables (deleted_at)").run()
    }
}
