import Fluent
import Foundation
import SQLKit

/// 2026-12 (#20): the 总览's 执行率 against 序时进度 and 逾期未报, from index entries of one year.
///
/// - `monitoring_entries.execution_rate`: 1-N月执行率 in % read from what the unit entered
///   (`MonitoringEntry.executionRate`, the budget light's own), written with `entered` (`MonitoringEntryRecord.enter`);
///   NULL while it cannot be computed. Existing entries are filled in from their `entered`, in batches.
/// - `monitoring_entries_overview (table_id, round_id, status, light, execution_rate)`: the 总览 reaches a year's
///   entries from the tables it counts (`goal_tables_overview`, the year first) and reads what it needs from this
///   index alone — the status for 逾期未报 (`OverviewStore.overdue`), the rate for 执行率 against 序时进度
///   (`OverviewStore.budget`) and the light for the lights matrix (`OverviewStore.lights`) — never the row with
///   its JSON; the rounds it joins are a handful of rows.
struct AddMonitoringExecutionRate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MonitoringEntryRecord.schema).field("execution_rate", .double).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE INDEX IF NOT EXISTS monitoring_entries_overview ON monitoring_entries \
            (table_id, round_id, status, light, execution_rate)
            """
        ).run()
        // plain SQL, not the model: this runs before later migrations add columns the model reads
        struct Row: Decodable { var id: UUID; var entered: String? }
        var last: UUID?
        while true {
            let after: SQLQueryString = last.map { "AND id > \(bind: $0) " } ?? ""
            let batch = try await sql.raw(
                "SELECT id, entered FROM monitoring_entries WHERE entered IS NOT NULL \(after)ORDER BY id LIMIT 500"
            ).all(decoding: Row.self)
            guard let tail = batch.last else { return }
            try await WriteTransaction.write(on: database) { tx in
                for r in batch {
                    guard let rate = MonitoringEntryRecord.executionRate(ofEntered: r.entered) else { continue }
                    try await (tx as! any SQLDatabase).raw(
                        "UPDATE monitoring_entries SET execution_rate = \(bind: rate) WHERE id = \(bind: r.id)"
                    ).run()
                }
            }
            last = tail.id
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS monitoring_entries_overview").run()
        }
        try await database.schema(MonitoringEntryRecord.schema).deleteField("execution_rate").update()
    }
}
