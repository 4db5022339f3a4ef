import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import GoalCore
import GoalWorkflow
import SQLKit
import Vapor

/// 结转到下一年 (issue #19): next year's draft from an approved table, once per table.
///
/// The draft is made by `CarryForward.nextYear` (GoalCore) from the approved goals, with the 自评 actuals or,
/// where 自评 is not done, the last monitoring round's 全年预计完成值 (`MonitoringYearEnd`) as 上年完成值. It
/// belongs to the same unit, starts as a 草稿 of the goals workflow, and names its source in `carried_from_id`.
/// Once per lineage: an approved 调整 supersedes its original but is the same table for carrying
/// (`carry_key`, unique). Carries take turns (SQLite's `BEGIN IMMEDIATE`; on PostgreSQL an advisory lock),
/// and the unique index holds even against a writer that does neither.
extension TableStore {
    /// The advisory lock carries take in turn (PostgreSQL): "JIXCAR".
    static let carryLock: Int64 = 0x4A49_5843_4152

    /// The result of one carry: the next year's draft, made now or found made before.
    struct Carried: Sendable {
        var source: TableSummaryDTO
        var next: TableSummaryDTO
        var created: Bool
        /// In the user's words: `已结转：2027年度草稿；上年完成值：取自评实际完成值 5 项`.
        var note: String
    }

    /// Who may carry a table: the unit's own accounts, and 绩效股 / 财政 for the tables they see.
    static func mayCarry(_ role: Role) -> Bool {
        [.filler, .unitHead, .performanceReviewer, .financeReviewer].contains(role)
    }

    /// 批量结转 of a year: 绩效股 and 财政.
    static func mayCarryInBulk(_ role: Role) -> Bool { role == .performanceReviewer || role == .financeReviewer }

    /// The first version of `r`'s lineage (following 调整 back to the table first approved).
    static func lineageRoot(_ r: GoalTableRecord, on db: any Database) async throws -> UUID {
        try await lineageRoot(r.requireID(), adjusts: r.adjustsID, on: db)
    }

    /// `lineageRoot` of table `start`, which adjusts `adjusts` (its `adjustsID`).
    static func lineageRoot(_ start: UUID, adjusts: UUID?, on db: any Database) async throws -> UUID {
        var id = start
        var up = adjusts
        var steps = 0
        while let a = up, steps < 100 {
            guard
                let o = try await GoalTableRecord.query(on: db).withDeleted().filter(\.$id == a).field(\.$id)
                    .field(\.$adjustsID).first()
            else { break }
            id = a
            up = o.adjustsID
            steps += 1
        }
        return id
    }

    /// The live next-year draft carried from the lineage of table `id`, which adjusts `adjusts`, if there is one.
    static func carriedTo(_ id: UUID, adjusts: UUID?, on db: any Database) async throws -> GoalTableRecord? {
        let key = try await lineageRoot(id, adjusts: adjusts, on: db).uuidString
        return try await GoalTableRecord.query(on: db).filter(\.$carryKey == key).summaryFields().first()
    }

    /// Carries approved table `id` to next year, or finds it carried already (`created` false: nothing is
    /// made twice). Refused for a table that is not the approved version, or has no year.
    static func carryForward(_ id: UUID, by user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> Carried
    {
        guard mayCarry(user.role) else {
            throw Abort(.forbidden, reason: "您的角色“\(user.role.label)”不能结转目标表（填报人、单位负责人、绩效股审核、财政审核可以）")
        }
        do {
            return try await carryOnce(id, by: user, now: now, on: db)
        } catch  where isUniqueViolation(error) {
            // another writer made it between our look and our insert: now it is there to be found
            return try await carryOnce(id, by: user, now: now, on: db)
        }
    }

    private static func carryOnce(_ id: UUID, by user: CurrentUser, now: Date, on db: any Database) async throws -> Carried {
        try await WriteTransaction.write(on: db) { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.carryLock))").run()
            }
            let r = try await Access.visibleRecord(id, for: user, on: tx)
            let status = TableStatus(stored: r.status)
            guard status == .approved else {
                throw Failure.wrongState(
                    status == .superseded
                        ? "这张表已被调整后批复的版本取代，请从最新批复的版本结转"
                        : "只有已批复的目标表可以结转到下一年；这张表当前为“\(status.label)”")
            }
            guard let year = r.year else { throw Failure.wrongState("这张表没有填写年度，无法结转到下一年（请先在表头填写年度）") }
            let key = try await lineageRoot(r, on: tx).uuidString
            let source = try TableSummaryDTO(r)
            if let existing = try await GoalTableRecord.query(on: tx).filter(\.$carryKey == key).first() {
                let e = try TableSummaryDTO(existing)
                return Carried(
                    source: source, next: e, created: false,
                    note: "已结转过，未重复生成：\(e.year.map { "\($0)年度" } ?? "")“\(e.name)”（\(e.statusLabel)）")
            }
            let d = try TableDetailDTO(r)
            let monitoring = try await MonitoringYearEnd.of(d, on: tx)
            let estimates = Dictionary(monitoring.guesses.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
            let carried = CarryForward.nextYear(from: d.table, estimates: estimates)
            let n = GoalTableRecord()
            n.id = UUID()
            n.version = 1
            n.organisationID = r.organisationID
            n.orgPath = r.orgPath
            n.evaluationStatus = EvaluationStatus.draft.rawValue
            n.carriedFromID = id
            n.carryKey = key
            let score = n.fill(from: carried.table, status: .draft, owner: r.owningUnit)
            try await n.create(on: tx)
            try await TablePhases.start(n, on: tx)
            try await IndicatorFacts.write(n, table: carried.table, score: score, on: tx)
            let from = monitoring.lastRound.map { "（预计值取自“\($0)”）" } ?? ""
            let summary = carried.summary + (carried.count(.estimate) > 0 ? from : "")
            try await AuditLog.append(
                "carried-forward", by: user, table: n.id, subject: n.name,
                comment: "由\(year)年度已批复的表“\(r.name)”（第 \(r.version) 版）结转而来；\(summary)",
                after: AuditLog.snapshot(n), at: now, on: tx)
            try await AuditLog.append(
                "carry-forward", by: user, table: id, subject: r.name,
                comment: "已结转为\(year + 1)年度草稿；\(summary)", at: now, on: tx)
            let next = try TableSummaryDTO(n)
            return Carried(source: source, next: next, created: true, note: "已结转为\(year + 1)年度草稿；\(summary)")
        }
    }

    /// A unique index said no: the same carry was made by another writer.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let e = error as? PSQLError, let state = e.serverInfo?[.sqlState] { return state == "23505" }
        if let e = error as? SQLiteError { return e.reason == .constraint || e.reason == .constraintUniqueFailed }
        return false
    }

    /// One approved table of a year, for 批量结转: carried already (with its draft) or not.
    struct CarryCandidate: Sendable {
        var source: TableSummaryDTO
        var next: TableSummaryDTO?
    }

    /// The approved tables of `year` that `user` sees, each with its next-year draft if carried.
    static func carryCandidates(year: Int, for user: CurrentUser, on db: any Database) async throws -> [CarryCandidate] {
        let approved = try await GoalTableRecord.query(on: db).visible(in: Access.scope(of: user))
            .filter(\.$status == TableStatus.approved.rawValue).filter(\.$year == year)
            .summaryFields().sort(\.$unit).sort(\.$name).sort(\.$id).all()
        let carried = try await GoalTableRecord.query(on: db).visible(in: Access.scope(of: user))
            .filter(\.$carryKey != nil).filter(\.$year == year + 1).summaryFields().field(\.$carryKey).all()
        var byKey: [String: TableSummaryDTO] = [:]
        for c in carried { if let k = c.carryKey { byKey[k] = try TableSummaryDTO(c) } }
        var out: [CarryCandidate] = []
        for r in approved {
            let key = try await lineageRoot(r, on: db).uuidString
            out.append(CarryCandidate(source: try TableSummaryDTO(r), next: byKey[key]))
        }
        return out
    }

    /// The years with approved tables `user` sees, newest first (the 批量结转 page's choice).
    static func approvedYears(for user: CurrentUser, on db: any Database) async throws -> [Int] {
        let rows = try await GoalTableRecord.query(on: db).visible(in: Access.scope(of: user))
            .filter(\.$status == TableStatus.approved.rawValue).field(\.$year).unique().all()
        return Set(rows.compactMap(\.year)).sorted(by: >)
    }
}
