import Fluent
import Foundation
import GoalMonitoring
import GoalWorkflow
import SQLKit
import Vapor

/// 运行监控 in the database: opening rounds, the entries an account may see, saving what a unit entered,
/// and the workflow steps — each rule asked of `MonitoringWorkflow`, each step written to the audit trail
/// in the same transaction.
enum MonitoringStore {
    enum Failure: Error, Sendable {
        case notFound
        case conflict(yours: Int, current: Int)
        case invalid(String)
    }

    /// Which approved tables a new round covers, within the opener's organisation.
    enum Scope: Sendable, Equatable {
        case all
        case units([UUID])
        case tables([UUID])
    }

    /// The advisory lock the openings of rounds take in turn (PostgreSQL).
    static let openingLock: Int64 = 0x4A49_584D_4F4E // "JIXMON"

    struct Opening: Sendable {
        var year: Int
        var period: Int
        var kind: MonitoringKind
        var due: Date
        var scope: Scope
        var profile: MonitoringProfile = .standard
    }

    /// Opens a round: one entry for every approved table of `year` in scope that has none yet for the same
    /// year, period and kind. Refused when nothing is left to monitor, so an empty round is never made.
    static func open(_ o: Opening, by user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> (round: MonitoringRoundRecord, entries: Int)
    {
        guard MonitoringWorkflow.opensRounds(user.role) else {
            throw Abort(.forbidden, reason: "只有绩效股、财政审核账号可以开启监控轮次（您的角色：\(user.role.label)）")
        }
        guard (1...12).contains(o.period) else { throw Failure.invalid("监控期间应为 1 到 12 月，实为 \(o.period)") }
        guard (2000...2100).contains(o.year) else { throw Failure.invalid("年度应为四位年份，实为 \(o.year)") }
        guard Workflow.day(o.due) >= Workflow.day(now) else {
            throw Failure.invalid("截止日期 \(Workflow.day(o.due)) 早于今天（\(Workflow.day(now))），请重新选择")
        }
        return try await WriteTransaction.write(on: db) { tx in
            // two offices opening the same period at once must not both find the tables unmonitored: on
            // PostgreSQL the openings take turns (SQLite's BEGIN IMMEDIATE already serialises them)
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.openingLock))").run()
            }
            var q = GoalTableRecord.query(on: tx)
                .filter(\.$status == TableStatus.approved.rawValue).filter(\.$year == o.year)
                .visible(in: Access.scope(of: user))
            let scopeText: String
            switch o.scope {
            case .all: scopeText = "所辖全部单位"
            case .units(let ids):
                guard !ids.isEmpty else { throw Failure.invalid("请至少选择一个单位") }
                q = q.filter(\.$organisationID ~~ ids)
                // named only if under the opener: the round's words must not tell others of units it cannot see
                let names = try await OrganisationRecord.query(on: tx).filter(\.$id ~~ ids)
                    .filter(\.$path, .contains(inverse: false, .prefix), user.organisationPath).all().map(\.name)
                scopeText = "选定单位：" + names.sorted().joined(separator: "、")
            case .tables(let ids):
                guard !ids.isEmpty else { throw Failure.invalid("请至少选择一张目标表") }
                q = q.filter(\.$id ~~ ids)
                scopeText = "选定目标表 \(ids.count) 张"
            }
            let tables = try await q.sort(\.$orgPath).sort(\.$name).all()
            // a table already in a round of the same year, period and kind is not monitored twice
            let sameRounds = try await MonitoringRoundRecord.query(on: tx).filter(\.$year == o.year)
                .filter(\.$period == o.period).filter(\.$kind == o.kind.rawValue).all().compactMap(\.id)
            let already = Set(
                sameRounds.isEmpty
                    ? []
                    : try await MonitoringEntryRecord.query(on: tx)
                        .filter(\.$roundID ~~ sameRounds).all().map(\.tableID))
            let fresh = tables.filter { $0.id.map { !already.contains($0) } ?? false }
            guard !fresh.isEmpty else {
                throw Failure.invalid(
                    tables.isEmpty
                        ? "范围内没有\(o.year)年度已批复的目标表，无法开启监控"
                        : "范围内的 \(tables.count) 张已批复目标表都已在\(o.year)年\(MonitoringWorkflow.periodLabel(o.period))\(o.kind.label)中")
            }
            let round = MonitoringRoundRecord()
            round.id = UUID()
            round.year = o.year
            round.period = o.period
            round.kind = o.kind.rawValue
            round.profile = o.profile.name
            round.title = "\(o.year)年\(MonitoringWorkflow.periodLabel(o.period))\(o.kind.label)"
            round.scope = scopeText
            round.dueAt = o.due
            round.orgPath = user.organisationPath
            round.openedBy = "\(user.name)（\(user.role.label)）"
            try await round.create(on: tx)
            for t in fresh {
                let e = MonitoringEntryRecord()
                e.roundID = try round.requireID()
                e.tableID = try t.requireID()
                e.tableName = t.name
                e.unit = t.unit
                e.organisationID = t.organisationID
                e.orgPath = t.orgPath
                e.status = MonitoringStatus.filling.rawValue
                e.rectification = RectificationStatus.none.rawValue
                e.version = 1
                // the form the unit fills: one row per indicator of the approved goals, 年初预算数 from its 资金
                e.enter(MonitoringEntryForm.encode(MonitoringEntry.blank(for: try TableDetailDTO(t).table, period: o.period)))
                try await e.create(on: tx)
            }
            try await AuditLog.append(
                "monitoring-round-opened", by: user, subject: round.title,
                comment: "\(scopeText)；\(fresh.count) 张目标表；截止 \(Workflow.day(o.due))", on: tx)
            return (round, fresh.count)
        }
    }

    // MARK: what an account sees

    static func visible(_ q: QueryBuilder<MonitoringEntryRecord>, to user: CurrentUser) -> QueryBuilder<MonitoringEntryRecord> {
        switch Access.scope(of: user) {
        case .all: return q
        case .organisation(let id): return q.filter(\.$organisationID == id)
        case .subtree(let path): return q.filter(\.$orgPath, .contains(inverse: false, .prefix), path)
        }
    }

    /// The entry, if the account may see it (404 otherwise, as for no entry at all).
    static func entry(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> MonitoringEntryRecord {
        guard let e = try await visible(MonitoringEntryRecord.query(on: db).filter(\.$id == id), to: user).first() else {
            throw Failure.notFound
        }
        return e
    }

    static func round(_ id: UUID, on db: any Database) async throws -> MonitoringRoundRecord {
        guard let r = try await MonitoringRoundRecord.find(id, on: db) else { throw Failure.notFound }
        return r
    }

    /// The rounds the account has entries in, or opened in its subtree; newest first.
    static func rounds(for user: CurrentUser, on db: any Database) async throws -> [MonitoringRoundRecord] {
        let ids = Set(
            try await visible(MonitoringEntryRecord.query(on: db), to: user).field(\.$roundID).unique().all()
                .map(\.roundID))
        var q = MonitoringRoundRecord.query(on: db)
        if Access.scope(of: user) != .all {
            q = q.group(.or) { or in
                if !ids.isEmpty { or.filter(\.$id ~~ Array(ids)) }
                if MonitoringWorkflow.opensRounds(user.role) {
                    or.filter(\.$orgPath, .contains(inverse: false, .prefix), user.organisationPath)
                }
                or.filter(\.$id == UUID()) // an empty OR matches nothing
            }
        }
        return try await q.sort(\.$createdAt, .descending).all()
    }

    /// A round's entries the account may see, by unit and table.
    static func entries(ofRound id: UUID, for user: CurrentUser, on db: any Database) async throws -> [MonitoringEntryRecord] {
        try await visible(MonitoringEntryRecord.query(on: db).filter(\.$roundID == id), to: user)
            .sort(\.$orgPath).sort(\.$tableName).all()
    }

    /// Entries where it is this account's turn, with why, oldest due first.
    static func waiting(for user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> [(entry: MonitoringEntryRecord, round: MonitoringRoundRecord, why: String)]
    {
        var q = visible(MonitoringEntryRecord.query(on: db), to: user)
        let role = user.role
        q = q.group(.or) { or in
            if role.isUnitRole {
                or.filter(\.$status == MonitoringStatus.filling.rawValue)
                or.filter(\.$rectification == RectificationStatus.requested.rawValue)
            }
            if let step = MonitoringWorkflow.reviewStep(of: role) { or.filter(\.$status == step.rawValue) }
            if MonitoringWorkflow.opensRounds(role) { or.filter(\.$rectification == RectificationStatus.answered.rawValue) }
            or.filter(\.$id == UUID())
        }
        // the most urgent first, in SQL, so that the cut keeps them
        let entries = try await q.join(
            MonitoringRoundRecord.self, on: \MonitoringEntryRecord.$roundID == \MonitoringRoundRecord.$id
        )
        .sort(MonitoringRoundRecord.self, \.$dueAt).sort(\.$tableName).limit(200).all()
        let rounds = Dictionary(
            uniqueKeysWithValues: try await MonitoringRoundRecord.query(on: db)
                .filter(\.$id ~~ Array(Set(entries.map(\.roundID)))).all().compactMap { r in r.id.map { ($0, r) } })
        return entries.compactMap { e -> (MonitoringEntryRecord, MonitoringRoundRecord, String)? in
            guard let r = rounds[e.roundID] else { return nil }
            return (e, r, why(e, r, for: role, now: now))
        }.sorted { $0.1.dueAt < $1.1.dueAt }
    }

    /// What the account is asked to do with the entry, in a line.
    static func why(_ e: MonitoringEntryRecord, _ r: MonitoringRoundRecord, for role: Role, now: Date) -> String {
        let status = MonitoringStatus(stored: e.status), rect = RectificationStatus(stored: e.rectification)
        var parts: [String] = []
        if role.isUnitRole, status == .filling {
            var s = "\(r.title)待填报（截止 \(Workflow.day(r.dueAt))"
            if MonitoringWorkflow.isOverdue(status: status, due: r.dueAt, now: now) { s += "，已逾期" }
            s += "）"
            if let c = e.returnComment { s += "（退回意见：\(c)）" }
            parts.append(s)
        } else if MonitoringWorkflow.reviewStep(of: role) == status {
            parts.append("\(r.title)\(status.label)")
        }
        if role.isUnitRole, rect == .requested { parts.append("整改要求：\(e.rectificationRequest ?? "")") }
        if MonitoringWorkflow.opensRounds(role), rect == .answered { parts.append("整改结果待确认") }
        return parts.joined(separator: "；")
    }

    // MARK: changes

    /// Saves what the unit entered over `expectedVersion` (409 when someone saved since).
    static func save(
        _ id: UUID, entered: String, light: String?, expectedVersion: Int, by user: CurrentUser,
        on db: any Database
    ) async throws
        -> MonitoringEntryRecord
    {
        try await WriteTransaction.write(on: db) { tx in
            let e = try await entry(id, for: user, on: tx)
            let status = MonitoringStatus(stored: e.status)
            guard MonitoringWorkflow.editable(by: user.role, status: status) else {
                throw Abort(
                    .conflict,
                    reason: user.role.isUnitRole
                        ? "这份监控表当前为“\(status.label)”，不能修改；如需修改请由审核人退回"
                        : "您的角色（\(user.role.label)）只能查看这份监控表，不能填写")
            }
            guard e.version == expectedVersion else { throw Failure.conflict(yours: expectedVersion, current: e.version) }
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL") }
            // the version is claimed on the row, while still 填报中: of two saves of one version (or a save and a
            // 提交 at once) one wins and the other is told, on PostgreSQL as on SQLite
            let claimed = try await sql.raw(
                """
                UPDATE monitoring_entries SET version = version + 1 \
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND status = \(bind: MonitoringStatus.filling.rawValue) \
                RETURNING version
                """
            ).first()
            guard claimed != nil else {
                let now = try await MonitoringEntryRecord.find(id, on: tx)
                throw Failure.conflict(yours: expectedVersion, current: now?.version ?? expectedVersion)
            }
            let before = e.entered
            e.enter(entered)
            e.light = light
            e.version = expectedVersion + 1
            try await e.save(on: tx)
            try await AuditLog.append(
                "monitoring-save", by: user, table: e.tableID, subject: e.tableName, before: before, after: entered,
                lines: try await changeLines(before: before, after: entered, table: e.tableID, on: tx), on: tx)
            return e
        }
    }

    /// A save's changes in words (`EntryChanges`), the indicators named by their row in the approved table.
    private static func changeLines(before: String?, after: String, table: UUID, on db: any Database) async throws
        -> [String]
    {
        let decoder = JSONDecoder()
        guard let new = try? decoder.decode(MonitoringEntry.self, from: Data(after.utf8)) else { return [] }
        let old = before.flatMap { try? decoder.decode(MonitoringEntry.self, from: Data($0.utf8)) }
        var names: [String: String] = [:]
        if let record = try await GoalTableRecord.find(table, on: db), let t = try? TableDetailDTO(record).table {
            for (k, ind) in t.indicators.enumerated() {
                if let id = ind.id { names[id] = "第\(k + 1)行“\(ind.name.prefix(30))”" }
            }
        }
        return EntryChanges.lines(from: old, to: new, names: { names[$0] })
    }

    /// Takes a workflow step. `missing` names the rows still lacking what the rules require (asked for 提交 only).
    static func act(
        _ action: MonitoringAction, on id: UUID, by user: CurrentUser, comment: String?, expectedVersion: Int,
        missing: [String] = [], on db: any Database
    ) async throws -> MonitoringEntryRecord {
        try await WriteTransaction.write(on: db) { tx in
            let e = try await entry(id, for: user, on: tx)
            guard e.version == expectedVersion else { throw Failure.conflict(yours: expectedVersion, current: e.version) }
            let status = MonitoringStatus(stored: e.status), rect = RectificationStatus(stored: e.rectification)
            let confirmation = try await Organisations.wantsHeadConfirmation(path: e.orgPath, on: tx)
            let outcome = MonitoringWorkflow.outcome(
                of: action, by: user.role, status: status, rectification: rect,
                headConfirmation: confirmation)
            guard case .moves(let to, let toRect) = outcome else {
                if case .refused(let refusal) = outcome { throw refusal }
                return e
            }
            let note = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let refusal = MonitoringWorkflow.precondition(of: action, comment: note, missing: action == .submit ? missing : [])
            {
                throw refusal
            }
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError, reason: "数据库不支持 SQL") }
            // claimed on the row: of two reviewers pressing at once, one moves the entry
            let claimed = try await sql.raw(
                """
                UPDATE monitoring_entries SET status = \(bind: to.rawValue), rectification = \(bind: toRect.rawValue) \
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND status = \(bind: status.rawValue) \
                AND rectification = \(bind: rect.rawValue) \
                RETURNING id
                """
            ).first()
            guard claimed != nil else { throw Abort(.conflict, reason: "这份监控表刚被他人处理过，请刷新后再操作") }
            e.status = to.rawValue
            e.rectification = toRect.rawValue
            switch action {
            case .sendBack: e.returnComment = note
            case .submit: e.returnComment = nil
            case .requestRectification: e.rectificationRequest = note; e.rectificationAnswer = nil
            case .answerRectification: e.rectificationAnswer = note
            default: break
            }
            try await e.save(on: tx)
            try await AuditLog.append(
                "monitoring-\(action.rawValue)", by: user, table: e.tableID, subject: e.tableName,
                comment: note, on: tx)
            return e
        }
    }
}
