import Fluent
import GoalWorkflow
import SQLKit
import Vapor

/// 2026-12 (issue #19, 指标库): the facts keep each indicator's explanation, scoring text and value standard
/// (the library shows the typical ones), two indexes serve the library, and finance's marks and own
/// entries get a table. Facts of existing tables are written again so the new columns are filled.
///
/// - `indicator_facts_library (status, org_path)`: the approved indicators an account may see (the
///   library is built from them and kept in memory, see `LibraryStore`).
/// - `indicator_facts_own (organisation_id, name, year)`: what this unit reached last time for a name
///   (the target a suggestion proposes), one index probe per suggestion.
/// - `goal_tables_status_updated (status, updated_at)`: the last change to an approved table, one index
///   probe per library request, which says whether the library in memory is still current.
struct CreateIndicatorLibrary: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL") }
        for column in ["explanation TEXT", "scoring TEXT", "standard VARCHAR(16)"] {
            try await sql.raw("ALTER TABLE indicator_facts ADD COLUMN \(unsafeRaw: column)").run()
        }
        for (name, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON indicator_facts (\(unsafeRaw: columns))").run()
        }
        try await sql.raw("CREATE INDEX goal_tables_status_updated ON goal_tables (status, updated_at)").run()
        try await sql.raw(
            """
            CREATE TABLE library_overrides (entry_key VARCHAR(200) PRIMARY KEY, mark VARCHAR(8), standard VARCHAR(16), \
            entry TEXT, updated_by TEXT, updated_at \(unsafeRaw: CreatePhasesAndFacts.time(sql)) NOT NULL)
            """
        ).run()
        try await Self.refillFacts(on: database)
    }

    static let indexes: [(String, String)] = [
        ("indicator_facts_library", "status, org_path"),
        ("indicator_facts_own", "organisation_id, name, year"),
    ]

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS library_overrides").run()
        try await sql.raw("DROP INDEX IF EXISTS goal_tables_status_updated").run()
        for (name, _) in Self.indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run() }
        for column in ["explanation", "scoring", "standard"] {
            try await sql.raw("ALTER TABLE indicator_facts DROP COLUMN \(unsafeRaw: column)").run()
        }
    }

    /// The facts of every live table written again, in batches.
    static func refillFacts(on database: any Database) async throws {
        var last: UUID?
        while true {
            var q = GoalTableRecord.query(on: database).sort(\.$id).limit(500)
            if let last { q = q.filter(\.$id > last) }
            let batch = try await q.all()
            guard let tail = batch.last else { return }
            try await WriteTransaction.write(on: database) { tx in
                for r in batch where r.status != TableStatus.superseded.rawValue { try await IndicatorFacts.write(r, on: tx) }
            }
            last = tail.id
        }
    }
}
