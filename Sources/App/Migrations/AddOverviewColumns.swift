import Fluent
import Foundation
import GoalCore
import SQLKit
import Vapor

/// 2026-12 (issue #20): what the 总览 counts without opening documents.
///
/// - `goal_tables.execution_rate`: 预算执行率 in % from the 自评's 预算执行 (spent ÷ budget), for
///   "执行率 against 得分"; NULL when the table has none.
/// - `goal_tables.finding_codes`: the checker's rule codes found in the table, each once, between commas
///   (`,F04,D01,`), so "which rules fail most" is one pass of `LIKE '%,F04,%'` per rule over the
///   rows the overview already reads — not the checker run again over thousands of documents.
/// - `audit_events_action (action, table_id)`: every 退回 of a year's tables without reading the trail.
///
/// Existing tables are filled in from their documents, in batches, as a save would fill them.
struct AddOverviewColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // one column per ALTER: SQLite adds no more at once
        try await database.schema(GoalTableRecord.schema).field("execution_rate", .double).update()
        try await database.schema(GoalTableRecord.schema).field("finding_codes", .sql(unsafeRaw: "TEXT")).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_events_action ON audit_events (action, table_id)").run()
        // plain SQL, not the model: this runs before later migrations add columns the model reads
        struct Row: Decodable { var id: UUID; var document: String }
        var last: UUID?
        while true {
            let after: SQLQueryString = last.map { "WHERE id > \(bind: $0) " } ?? ""
            let batch = try await sql.raw("SELECT id, document FROM goal_tables \(after)ORDER BY id LIMIT 500").all(
                decoding: Row.self)
            guard let tail = batch.last else { return }
            try await WriteTransaction.write(on: database) { tx in
                for r in batch {
                    guard let table = try? JSONDecoder().decode(GoalTable.self, from: Data(r.document.utf8)) else { continue }
                    let s = Analysis.summary(table)
                    try await (tx as! any SQLDatabase).raw(
                        """
                        UPDATE goal_tables SET execution_rate = \(bind: s.executionRate), finding_codes = \(bind: s.findingCodes) \
                        WHERE id = \(bind: r.id)
                        """
                    ).run()
                }
            }
            last = tail.id
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX IF EXISTS audit_events_action").run() }
        try await database.schema(GoalTableRecord.schema).deleteField("finding_codes").update()
        try await database.schema(GoalTableRecord.schema).deleteField("execution_rate").update()
    }
}
