import Fluent
import Foundation
import GoalWorkflow
import SQLKit
import Vapor

/// The rows of `table_phases`: where each phase of a table stands, and how often its content changed.
/// `goal_tables.status` and `evaluation_status` copy the states for the list's filters.
enum TablePhases {
    /// The phases every table has from the start: its goals, and its self-evaluation (a draft until 批复).
    static func start(_ r: GoalTableRecord, now: Date = Date(), on db: any Database) async throws {
        try await start([r], now: now, on: db)
    }

    /// `start` for many tables in one statement (a large import).
    static func start(_ records: [GoalTableRecord], now: Date = Date(), on db: any Database) async throws {
        guard !records.isEmpty else { return }
        var insert = try sql(db).insert(into: "table_phases").columns(
            "table_id", "phase", "period", "state", "version", "updated_at")
        for r in records {
            let id = try r.requireID()
            for (phase, state) in [(Phase.goals, r.status), (.selfEvaluation, r.evaluationStatus)] {
                insert = insert.values(
                    SQLBind(id), SQLBind(phase.rawValue), SQLLiteral.numeric("0"), SQLBind(state), SQLBind(r.version),
                    SQLBind(now))
            }
        }
        try await insert.run()
    }

    /// Moves `phase` from `from` to `to` if it is still in `from`: of two reviewers acting at once only
    /// one moves it. False when someone else moved it first.
    static func move(_ table: UUID, _ phase: Phase, from: String, to: String, now: Date = Date(), on db: any Database)
        async throws -> Bool
    {
        try await sql(db).raw(
            """
            UPDATE table_phases SET state = \(bind: to), updated_at = \(bind: now) \
            WHERE table_id = \(bind: table) AND phase = \(bind: phase.rawValue) AND period = 0 AND state = \(bind: from) \
            RETURNING state
            """
        ).first() != nil
    }

    /// A content change of `phase`.
    static func changed(_ table: UUID, _ phase: Phase, now: Date = Date(), on db: any Database) async throws {
        try await sql(db).raw(
            """
            UPDATE table_phases SET version = version + 1, updated_at = \(bind: now) \
            WHERE table_id = \(bind: table) AND phase = \(bind: phase.rawValue) AND period = 0
            """
        ).run()
    }

    struct Row: Decodable, Equatable {
        var phase: String
        var period: Int
        var state: String
        var version: Int
    }

    static func rows(_ table: UUID, on db: any Database) async throws -> [Row] {
        try await sql(db).raw(
            """
            SELECT phase, period, state, version FROM table_phases WHERE table_id = \(bind: table) ORDER BY phase, period
            """
        ).all(decoding: Row.self)
    }

    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL") }
        return sql
    }
}
