import Fluent
import SQLKit

/// 2026-12 (#20): the indexes the 总览 reads instead of the tables, so that a province's year (20,000
/// tables, 160,000 indicators) is counted from index entries, not from rows that carry a document.
///
/// - `goal_tables_overview`: every column the 总览 counts or filters on for the live tables, the year
///   first. 进度, 质量, 自评 and the 投入管理 counts are index-only scans of one year's entries; the
///   scatter's lowest scores are a top-N over it, their names fetched for those alone.
/// - `indicator_facts_compare` (year, name, org_path, kind, status, unit, values): one indicator across units
///   and years, read from the index alone.
/// - `indicator_facts_names` (year, name, org_path): the most common 满意 indicator of a year in a subtree,
///   which reads every name of the year: a fifth of the width of the comparison's index (110 → 21 ms for a
///   province on PostgreSQL).
/// - `indicator_facts_deviation`: the facts of a year in the order of their relative deviation
///   (`OverviewStore.deviations` writes the same expression), over the facts that have one; the ten
///   largest are the first ten that pass the filter.
///
/// On PostgreSQL with 100,000 tables, EXPLAIN ANALYZE of the year's questions for finance: 进度 62 → 15 ms,
/// the default indicator 110 → 21 ms; `jixiao-server bench-overview` per question (p50): 偏差 216 → 2 ms,
/// the comparison 208 → 31 ms (docs/ARCHITECTURE.md).
struct AddOverviewIndexes: AsyncMigration {
    static let deviation = "ABS(actual_value - target_value) / ABS(target_value)"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE INDEX IF NOT EXISTS goal_tables_overview ON goal_tables (year, org_path, unit, status, evaluation_status, \
            kind, adjusts_id, error_count, grade, score, score_max, execution_rate, finding_codes, id) WHERE deleted_at IS NULL
            """
        ).run()
        try await sql.raw(
            """
            CREATE INDEX IF NOT EXISTS indicator_facts_compare ON indicator_facts \
            (year, name, org_path, kind, status, unit, target_value, actual_value)
            """
        ).run()
        try await sql.raw(
            "CREATE INDEX IF NOT EXISTS indicator_facts_names ON indicator_facts (year, name, org_path)"
        ).run()
        try await sql.raw(
            """
            CREATE INDEX IF NOT EXISTS indicator_facts_deviation ON indicator_facts (year, (\(unsafeRaw: Self.deviation)) DESC) \
            WHERE target_value IS NOT NULL AND target_value <> 0 AND actual_value IS NOT NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for name in ["indicator_facts_deviation", "indicator_facts_names", "indicator_facts_compare", "goal_tables_overview"] {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run()
        }
    }
}
