import Fluent
import Foundation
import GoalWorkflow
import SQLKit
import Vapor

/// 2026-12 (issue #14): the year's phases as rows, and one row of facts per indicator.
///
/// - `table_phases`: one row per table × phase × period (0: the whole year; monitoring rounds will use
///   1–12) with its state and a version that counts content changes of that phase only; workflow
///   steps are in the audit trail, not in versions.
/// - `indicator_facts`: what finance asks of indicators across tables ("every 满意度 indicator of 社保
///   units below 90 %"), one row per live table's indicator, rewritten in the same transaction as
///   every save. Plain columns and B-tree indexes, the same on SQLite and PostgreSQL.
///
/// Existing tables are filled in: their phase rows from `status`/`evaluation_status`, their facts from
/// their documents, so a database written by the previous release upgrades without loss.
struct CreatePhasesAndFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL") }
        try await sql.raw(
            """
            CREATE TABLE table_phases (table_id \(unsafeRaw: Self.uuid(sql)) NOT NULL, phase VARCHAR(32) NOT NULL, \
            period INTEGER NOT NULL, state VARCHAR(32) NOT NULL, version INTEGER NOT NULL, updated_at \(unsafeRaw: Self.time(sql)) NOT NULL, \
            PRIMARY KEY (table_id, phase, period))
            """
        ).run()
        try await sql.raw("CREATE INDEX table_phases_state ON table_phases (phase, period, state)").run()
        try await sql.raw(
            """
            CREATE TABLE indicator_facts (table_id \(unsafeRaw: Self.uuid(sql)) NOT NULL, indicator_id VARCHAR(64) NOT NULL, \
            row_number INTEGER NOT NULL, organisation_id \(unsafeRaw: Self.uuid(sql)), org_path TEXT NOT NULL, unit TEXT NOT NULL, \
            year INTEGER, kind VARCHAR(16) NOT NULL, status VARCHAR(32) NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL, \
            name TEXT NOT NULL, type VARCHAR(8) NOT NULL, target_text TEXT NOT NULL, target_value DOUBLE PRECISION, \
            target_unit TEXT, weight DOUBLE PRECISION, actual TEXT, actual_value DOUBLE PRECISION, score DOUBLE PRECISION, \
            monitoring_value TEXT, light VARCHAR(8), \
            PRIMARY KEY (table_id, indicator_id))
            """
        ).run()
        for (name, columns) in Self.factIndexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON indicator_facts (\(unsafeRaw: columns))").run()
        }
        try await Self.backfill(on: database)
    }

    /// Which index serves which question (docs/ARCHITECTURE.md): a year's indicators by level and name,
    /// a supervising department's subtree (`org_path` prefix), the lights of a round.
    static let factIndexes: [(String, String)] = [
        ("indicator_facts_year_level", "year, level1, level2"),
        ("indicator_facts_year_name", "year, name"),
        ("indicator_facts_org", "org_path, year"),
        ("indicator_facts_light", "light, year"),
    ]

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS indicator_facts").run()
        try await sql.raw("DROP TABLE IF EXISTS table_phases").run()
    }

    static func uuid(_ sql: any SQLDatabase) -> String { sql.dialect.name == "sqlite" ? "BLOB" : "UUID" }
    static func time(_ sql: any SQLDatabase) -> String { sql.dialect.name == "sqlite" ? "DOUBLE" : "TIMESTAMPTZ" }

    /// Phase rows and facts for every table already stored, in batches so a province's database does
    /// not have to fit in memory.
    static func backfill(on database: any Database) async throws {
        var last: UUID?
        while true {
            var q = GoalTableRecord.query(on: database).withDeleted().sort(\.$id).limit(500)
            if let last { q = q.filter(\.$id > last) }
            let batch = try await q.all()
            guard let tail = batch.last else { return }
            try await WriteTransaction.write(on: database) { tx in
                for r in batch {
                    try await TablePhases.start(r, on: tx)
                    // facts are the live indicators: not those of deleted or superseded versions, as a save keeps them
                    if r.deletedAt == nil, r.status != TableStatus.superseded.rawValue {
                        // the columns of this migration's time: CreateIndicatorLibrary adds its own and refills them
                        try await IndicatorFacts.write(r, beforeLibrary: true, on: tx)
                    }
                }
            }
            last = tail.id
        }
    }
}
