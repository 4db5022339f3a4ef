import Fluent
import Foundation
import GoalCore
import GoalMonitoring
import GoalScoring

/// 运行监控 into the year end, for the 自评 page and the table page: the last round's 全年预计完成值 offered
/// as a first guess of each empty 实际完成值 (never written by itself), and a warning for each indicator the
/// unit called 完全不可能 in monitoring that the 自评 scores full marks.
struct MonitoringYearEnd {
    var guesses: [YearEnd.ActualGuess] = []
    var contradictions: [YearEnd.Contradiction] = []
    /// 2026年1-7月部门自行监控: the round the guesses come from.
    var lastRound: String?

    /// What the monitoring of `d`'s goals says (an adjustment's entries are those of the table it adjusts,
    /// as the round opened on that version). Only approved tables are monitored: others cost no query.
    static func of(_ d: TableDetailDTO, on db: any Database) async throws -> MonitoringYearEnd {
        try await of(d.summary, table: { d.table }, on: db)
    }

    /// The same, for a caller that decodes the table only if it is asked for (`table` is called only when
    /// the table is monitored and has entries).
    static func of(
        _ s: TableSummaryDTO, table: () throws -> GoalTable, on db: any Database
    ) async throws -> MonitoringYearEnd {
        guard s.status == "approved" || s.status == "superseded" else { return .init() }
        let ids = [s.id] + (s.adjusts.map { [$0] } ?? [])
        let entries = try await MonitoringEntryRecord.query(on: db).filter(\.$tableID ~~ ids).all()
        guard !entries.isEmpty else { return .init() }
        let table = try table()
        let rounds = Dictionary(
            uniqueKeysWithValues: try await MonitoringRoundRecord.query(on: db)
                .filter(\.$id ~~ Array(Set(entries.map(\.roundID)))).all().compactMap { r in r.id.map { ($0, r) } })
        let decoded = entries.compactMap { e -> (MonitoringRoundRecord, MonitoringEntry)? in
            guard let r = rounds[e.roundID] else { return nil }
            return (r, MonitoringEntryForm.decode(e.entered, table: table, period: r.period))
        }.sorted { ($0.0.period, $0.0.createdAt ?? .distantPast) < ($1.0.period, $1.0.createdAt ?? .distantPast) }
        var out = MonitoringYearEnd()
        if let last = decoded.last {
            out.guesses = YearEnd.firstGuesses(table: table, lastRound: last.1)
            out.lastRound = last.0.title
        }
        out.contradictions = YearEnd.contradictions(
            table: table, rounds: decoded.map(\.1), score: Analysis.scores([table])[0])
        return out
    }
}
