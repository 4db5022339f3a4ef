import Fluent
import SQLKit
import Vapor

/// 2026-12 (#23): the 首页 of a province with 100,000 tables answers from indexes over the live tables
/// only (`deleted_at IS NULL`, partial indexes on SQLite and PostgreSQL alike):
///
/// - `goal_tables_live_list`: the list's order (unit, year newest first, name, id), then every column a
///   filter reads (subtree, kind, state) and `deleted_at`, without which SQLite does not take a partial
///   index as covering. The page is read off it and only its 50 rows are fetched; the
///   count, the facets and every filter (`unit LIKE '%…%'`, a subtree as a range of `org_path`) scan
///   the index, never the rows with their 5 KB documents.
/// - `goal_tables_live_org`: the same order within one organisation (a unit's own accounts).
/// - `goal_tables_live_waiting`: 待办, one state at a time, oldest change first. Not the subtree: SQLite
///   would skip-scan it for every subtree query instead of reading the covering list index.
/// - PostgreSQL only, `goal_tables_live_path` (`text_pattern_ops`): a small subtree by `LIKE '/…/%'`.
///
/// The indexes they replace (`goal_tables_unit_year_name`, `goal_tables_year`, `goal_tables_org_path`)
/// cover deleted rows too and led SQLite's planner to fetch every row of a subtree; they are dropped.
/// The queries name `deleted_at IS NULL` themselves (`QueryBuilder.live()`), as the indexes do.
struct AddLiveTableIndexes: AsyncMigration {
    static func indexes(postgres: Bool) -> [(name: String, definition: String)] {
        [
            ("goal_tables_live_list", "(unit, year DESC, name, id, org_path, kind, status, evaluation_status, deleted_at)"),
            ("goal_tables_live_org", "(organisation_id, unit, year DESC, name, id)"),
            ("goal_tables_live_waiting", "(status, evaluation_status, updated_at)"),
        ] + (postgres ? [("goal_tables_live_path", "(org_path text_pattern_ops)")] : [])
    }

    static let replaced: [(name: String, columns: String)] = [
        ("goal_tables_unit_year_name", "unit, year, name"), ("goal_tables_year", "year"), ("goal_tables_org_path", "org_path"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.replaced { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
        for index in Self.indexes(postgres: sql.dialect.name == "postgresql") {
            try await sql.raw(
                """
                CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON goal_tables \(unsafeRaw: index.definition) \
                WHERE deleted_at IS NULL
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes(postgres: true) { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
        for index in Self.replaced {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON goal_tables (\(unsafeRaw: index.columns))")
                .run()
        }
    }
}
