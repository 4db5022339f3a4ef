import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import GoalIO
import SQLKit
import Vapor

/// Every database query about goal tables, each a function tests can call without HTTP.
/// Each change runs in one transaction, checks the account's rights against the row it changes
/// (`Access`, `Workflow`), and appends its audit event in the same transaction.
enum TableStore {
    enum Failure: Error, Sendable {
        case notFound(UUID)
        /// The client saved over version `yours`, the database holds `current`.
        case conflict(yours: Int, current: TableDetailDTO)
        case restoreExpired(UUID, minutes: Int)
        case notDeleted(UUID)
        /// The action is not possible in the table's state (409).
        case wrongState(String)
        /// The table has findings that block submission (422).
        case blockedByFindings(String)
    }

    /// The organisation a new table belongs to.
    struct Owner: Sendable {
        var id: UUID
        var path: String
        var name: String

        init(id: UUID, path: String, name: String) { self.id = id; self.path = path; self.name = name }
        init(_ user: CurrentUser) { self.init(id: user.organisationID, path: user.organisationPath, name: user.organisationName) }
    }

    /// The live tables `scope` may see, as the 首页 groups them: by unit, newest year first, then name.
    static func list(in scope: Access.Scope, on db: any Database) async throws -> [TableSummaryDTO] {
        try await list(in: scope, page: 1, limit: Int.max, on: db).rows
    }

    /// One page of the visible tables for the API, and how many there are: a province's 100,000 tables
    /// are never one answer. Every column but `document`: a list never needs the tables themselves.
    static func list(in scope: Access.Scope, page: Int, limit: Int, on db: any Database) async throws
        -> (rows: [TableSummaryDTO], total: Int)
    {
        let visible = GoalTableRecord.query(on: db).visible(in: scope)
        let total = try await visible.copy().count()
        var q = visible.summaryFields().sort(\.$unit).sort(\.$year, .descending).sort(\.$name).sort(\.$createdAt).sort(\.$id)
        if limit != Int.max { q = q.offset((page - 1) * limit).limit(limit) }
        return (try await q.all().map(TableSummaryDTO.init), total)
    }

    /// 待办: the visible tables waiting for this account to act — for a reviewer those at its review step
    /// (and, for 绩效股/财政, self-evaluations to review); for a unit's accounts its drafts (next steps, each
    /// with what it still lacks), the self-evaluations sent back to it and, for the unit head, the tables
    /// awaiting its confirmation.
    static func waiting(for user: CurrentUser, limit: Int = 50, on db: any Database) async throws -> [(TableSummaryDTO, String)] {
        // one query per state, each read in order of change off `goal_tables_live_waiting` and stopped at
        // `limit`: one query with OR would sort every waiting table of a province to show the first 50
        var records: [GoalTableRecord] = []
        for state in waitingStates(for: user) {
            let q = GoalTableRecord.query(on: db).live().visible(in: Access.scope(of: user)).summaryFields()
            state.apply(to: q)
            records += try await q.sort(\.$updatedAt).limit(limit).all()
        }
        records.sort { ($0.updatedAt ?? .distantPast) < ($1.updatedAt ?? .distantPast) }
        let summaries = try records.prefix(limit).map(TableSummaryDTO.init)
        // a unit's drafts with errors name their first errors: their documents in one query, not one each
        let needing =
            user.role.isUnitRole
            ? summaries.filter { TableStatus(stored: $0.status) == .draft && $0.errors > 0 }.map(\.id) : []
        var messages: [UUID: [String]] = [:]
        if !needing.isEmpty {
            for r in try await GoalTableRecord.query(on: db).filter(\.$id ~~ needing).all() {
                if let id = r.id { messages[id] = try Analysis.errorMessages(TableDetailDTO(r).table) }
            }
        }
        return summaries.map { ($0, why($0, for: user, errorMessages: messages[$0.id] ?? [])) }
    }

    /// One state of the tables waiting for an account: the goals' state, and for approved tables the
    /// self-evaluation's, and whether it was sent back (a 退回 leaves its comment).
    struct WaitingState: Sendable {
        var status: TableStatus
        var evaluation: EvaluationStatus? = nil
        var returned = false

        func apply(to q: QueryBuilder<GoalTableRecord>) {
            q.filter(\.$status == status.rawValue)
            if let evaluation { q.filter(\.$evaluationStatus == evaluation.rawValue) }
            if returned { q.filter(\.$returnComment != nil) }
        }
    }

    /// The states of the tables waiting for `user` (none for the administrator).
    static func waitingStates(for user: CurrentUser) -> [WaitingState] {
        switch user.role {
        case .admin: return []
        case .filler, .unitHead:
            return [.init(status: .draft)] + (user.role == .unitHead ? [.init(status: .awaitingConfirmation)] : [])
                + [.init(status: .approved, evaluation: .draft, returned: true)]
        case .businessReviewer, .performanceReviewer, .financeReviewer:
            let step = Workflow.reviewStep(of: user.role)!
            return [.init(status: step)]
                + (user.role == .businessReviewer ? [] : [.init(status: .approved, evaluation: .submitted)])
        }
    }

    /// Narrows `q` to the tables waiting for `user` (the 首页's 待我处理).
    static func waitingFilter(_ q: QueryBuilder<GoalTableRecord>, for user: CurrentUser) {
        let states = waitingStates(for: user)
        guard !states.isEmpty else {
            q.filter(\.$id == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
            return
        }
        q.group(.or) { or in for state in states { or.group(.and) { state.apply(to: $0) } } }
    }

    /// What `user` is to do with a waiting table, in a few words: for a draft, what it still lacks
    /// (`errorMessages`: the draft's errors, `Analysis.errorMessages`).
    static func why(_ s: TableSummaryDTO, for user: CurrentUser, errorMessages messages: [String]) -> String {
        let status = TableStatus(stored: s.status)
        switch status {
        case .awaitingConfirmation where user.role == .unitHead:
            return "待单位负责人确认：请核对后确认，或退回填报人修改"
        case .draft where user.role.isUnitRole:
            var why = s.returnComment.map { "已退回，请按意见修改后重新提交（意见：\($0)）" } ?? "草稿"
            if s.errors > 0 {
                let first = messages.prefix(3).map(Analysis.oneTable).joined(separator: "；")
                why += "：还有 \(s.errors) 个错误需改正" + (first.isEmpty ? "" : "（\(first)\(s.errors > 3 ? "……" : "")）")
            } else {
                why += s.warnings > 0 ? "：可以提交审核（有 \(s.warnings) 条警告须确认已阅读）" : "：可以提交审核"
            }
            return why
        case .approved where user.role.isUnitRole:
            return "自评已退回，请按意见修改后重新提交自评" + (s.returnComment.map { "（意见：\($0)）" } ?? "")
        case .approved:
            return "自评待复核"
        default:
            return "待\(user.role.label)"
        }
    }

    /// A table by id, whoever may see it: for the system's own use (tests, scripts), never a route's.
    static func find(_ id: UUID, on db: any Database) async throws -> TableDetailDTO? {
        try await GoalTableRecord.find(id, on: db).map(TableDetailDTO.init)
    }

    static func count(on db: any Database) async throws -> Int {
        try await GoalTableRecord.query(on: db).withDeleted().count()
    }

    /// A new draft of `owner`'s, recorded as `action` (新建, 导入) by `user` (nil: the system, for demo data).
    static func create(
        _ table: GoalTable, owner: Owner?, by user: CurrentUser?, action: String = "create",
        on db: any Database
    ) async throws -> TableDetailDTO {
        try await WriteTransaction.write(on: db) { tx in
            try await insert(table, owner: owner, by: user, action: action, on: tx)
        }
    }

    /// Several tables (an import) in one transaction: all are saved or none.
    static func createAll(
        _ tables: [GoalTable], owner: Owner?, by user: CurrentUser?, action: String = "import",
        on db: any Database
    ) async throws -> [UUID] {
        try await createAll(New.all(tables, owner: owner), by: user, action: action, on: db)
    }

    /// `createAll` of tables made ready by `New.all`, which a request does on its heavy-work threads: for
    /// a large import that is seconds of checking no event loop should spend. The rows go in a batch at a
    /// time: four statements a batch, not six a table (保存导入 of a 9.3 MB paste, issue #23).
    /// `first` runs in the same transaction before any table is written (an import claims its draft).
    static func createAll(
        _ new: [New], by user: CurrentUser?, action: String = "import", now: Date = Date(), on db: any Database,
        first: (@Sendable (any Database) async throws -> Void)? = nil
    ) async throws -> [UUID] {
        try await WriteTransaction.write(on: db) { tx in
            try await first?(tx)
            var ids: [UUID] = []
            ids.reserveCapacity(new.count)
            for start in stride(from: 0, to: new.count, by: insertBatch) {
                let batch = Array(new[start..<min(start + insertBatch, new.count)])
                // the ids only: reading each stored document back into a DTO doubled the work of a large import
                ids += try await insertRecords(batch, by: user, action: action, at: now, offset: start, on: tx)
                    .map { try $0.requireID() }
            }
            return ids
        }
    }

    /// Tables written by one statement each for their rows, phases and audit events (facts by
    /// `IndicatorFacts.insertNew`): a hundred keeps every statement's binds far under PostgreSQL's 65,535.
    static let insertBatch = 100

    private static func insert(
        _ table: GoalTable, owner: Owner?, by user: CurrentUser?, action: String,
        on tx: any Database
    ) async throws -> TableDetailDTO {
        let records = try await insertRecords(
            [New(table, owner: owner)], by: user, action: action, at: Date(), offset: 0, on: tx)
        return try TableDetailDTO(records[0])
    }

    /// A table as it is stored new, with what is derived from it and the organisation it is filed under.
    struct New: Sendable {
        let derived: GoalTableRecord.Derived
        let owner: Owner?
        var table: GoalTable { derived.table }

        /// Each table's own work (check, score, stored JSON) for many tables, on every core.
        static func all(_ tables: [GoalTable], owner: Owner?) -> [New] {
            Parallel.map(tables.count) { i in New(tables[i], owner: owner) }
        }

        init(_ table: GoalTable, owner: Owner?) {
            // an imported or new table carries no signature: only the workflow signs (`sign`)
            var t = table.withWorkflowSignoff(of: nil).withIndicatorIDs()
            if t.unit.trimmingCharacters(in: .whitespaces).isEmpty, let owner { t.unit = owner.name }
            derived = .init(t)
            self.owner = owner
        }
    }

    /// The tables `new` as rows, stamped one microsecond apart from `now` on, the first as the `offset`th:
    /// created and listed in the order given, as when each was saved on its own.
    ///
    /// Each stamp lies half-way between two whole microseconds. PostgreSQL keeps whole microseconds, and
    /// PostgresNIO truncates the `Date`'s seconds times a million: a stamp on or near a whole microsecond could
    /// come out one lower, equal to the stamp before, and the list would then order the pair by id (seen in
    /// CI: neighbours swapped). Half-way, the rounding error of the `Double` (about 0.1 µs) cannot cross one.
    private static func insertRecords(
        _ new: [New], by user: CurrentUser?, action: String, at now: Date, offset: Int, on tx: any Database
    ) async throws -> [GoalTableRecord] {
        let first = (now.timeIntervalSinceReferenceDate * 1_000_000).rounded(.down) + 0.5 + Double(offset)
        let records = new.enumerated().map { k, n in
            let r = GoalTableRecord()
            r.createdAt = Date(timeIntervalSinceReferenceDate: (first + Double(k)) / 1_000_000)
            r.updatedAt = r.createdAt
            r.id = UUID()
            r.version = 1
            r.organisationID = n.owner?.id
            r.orgPath = n.owner?.path ?? "/"
            r.evaluationStatus = EvaluationStatus.draft.rawValue
            r.fill(from: n.derived, status: .draft, owner: n.owner?.name)
            return r
        }
        try await GoalTableRecord.query(on: tx).set(records.map(FluentInput.values(of:))).create()
        try await TablePhases.start(records, on: tx)
        try await IndicatorFacts.insertNew(zip(records, new).map { ($0, $1.table, $1.derived.score) }, on: tx)
        // the line from the table in hand: working it out from the snapshot decoded it again (5 % of a large
        // import's save, `perf`)
        try await AuditLog.append(
            zip(records, new).map { r, n in
                AuditLog.event(
                    action, by: user, table: r.id, subject: r.name, after: AuditLog.snapshot(r),
                    lines: [AuditLog.created(version: r.version, indicators: n.table.indicators.count)])
            }, on: tx)
        return records
    }

    /// Saves a table over `expectedVersion`; refuses with `.conflict` when someone saved since.
    /// The version is claimed first (`UPDATE … WHERE version = expected`), so two saves of the same
    /// version cannot both succeed, on SQLite or PostgreSQL.
    /// `derived: false` leaves out the phase versions and the indicator facts: the save as it was before
    /// them, kept only so that `jixiao-server bench-store` can time both in one run.
    static func update(
        _ id: UUID, table: GoalTable, expectedVersion: Int, by user: CurrentUser, derived: Bool = true,
        on db: any Database
    ) async throws -> TableDetailDTO {
        try await WriteTransaction.write(on: db) { tx in
            let r = try await Access.visibleRecord(id, for: user, on: tx)
            try Access.requireUnitRole(user, to: "修改目标表")
            let status = TableStatus(stored: r.status)
            // signatures come only from the workflow, and ids a client dropped are found again by row and name
            let stored = try TableDetailDTO(r).table
            let incoming = table.withWorkflowSignoff(of: stored.signoff).withIndicatorIDs(keepingFrom: stored)
            switch Workflow.editScope(status: status, evaluation: EvaluationStatus(stored: r.evaluationStatus)) {
            case .everything: break
            case .evaluationOnly:
                guard stored.hasSameGoals(as: incoming) else {
                    throw Failure.wrongState("这张表已批复，绩效目标不能直接修改（只能填写自评的实际完成值、偏差原因和预算执行）；如需修改目标，请使用“调整”")
                }
            case .nothing(let why): throw Failure.wrongState(why)
            }
            guard let sql = tx as? any SQLDatabase else {
                throw Abort(.internalServerError, reason: "数据库不支持 SQL（无法保存）")
            }
            let before = AuditLog.snapshot(r)
            let oldFacts = derived ? try IndicatorFacts.rows(r, table: stored, score: Analysis.scores([stored])[0]) : []
            let claimed = try await sql.raw(
                """
                UPDATE goal_tables SET version = version + 1 \
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND deleted_at IS NULL \
                RETURNING version
                """
            ).first()
            guard claimed != nil else { throw Failure.conflict(yours: expectedVersion, current: try TableDetailDTO(r)) }
            let score = r.fill(from: incoming, status: status, owner: r.owningUnit)
            r.version = expectedVersion + 1
            try await r.save(on: tx)
            if derived {
                // the content version of the phase this save changed
                if !stored.hasSameGoals(as: incoming) { try await TablePhases.changed(id, .goals, on: tx) }
                if incoming.withEvaluation(of: stored) != incoming {
                    try await TablePhases.changed(id, .selfEvaluation, on: tx)
                }
                try await IndicatorFacts.apply(
                    table: id, old: oldFacts, new: IndicatorFacts.rows(r, table: incoming, score: score), on: tx)
            }
            try await AuditLog.append(
                "update", by: user, table: id, subject: r.name, before: before,
                after: AuditLog.snapshot(r), on: tx)
            return try TableDetailDTO(r)
        }
    }

    /// Takes a workflow action. Returns the table acted on, or for 调整 the new adjustment.
    /// For an adjustment's 提交 `comment` is its 调整理由; 批复 needs `approval` (批复文号, 批复日期: today when empty).
    static func act(
        _ action: WorkflowAction, on id: UUID, by user: CurrentUser, comment: String?,
        acknowledgeWarnings: Bool, expectedVersion: Int, approvalNumber: String? = nil,
        approvalDate: String? = nil, now: Date = Date(),
        on db: any Database
    ) async throws -> TableDetailDTO {
        try await WriteTransaction.write(on: db) { tx in
            let r = try await Access.visibleRecord(id, for: user, on: tx)
            if expectedVersion != r.version {
                throw Failure.conflict(yours: expectedVersion, current: try TableDetailDTO(r))
            }
            let note = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            let confirmation = action == .submit ? try await Organisations.wantsHeadConfirmation(path: r.orgPath, on: tx) : false
            let outcome = Workflow.outcome(
                of: action, by: user.role, status: TableStatus(stored: r.status),
                evaluation: EvaluationStatus(stored: r.evaluationStatus), headConfirmation: confirmation)
            let approval =
                action == .approve
                ? Workflow.Approval(
                    number: approvalNumber ?? "",
                    date: (approvalDate ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? Workflow.day(now) : approvalDate!)
                : nil
            switch outcome {
            case .refused(let refusal): throw refusal
            case .createsAdjustment:
                return try await adjust(r, by: user, comment: note, on: tx)
            case .moves(let status, let evaluation):
                var table = try TableDetailDTO(r).table
                if let refusal = Workflow.precondition(
                    of: action, comment: note, errors: action == .submit ? Analysis.errorMessages(table) : [],
                    warnings: action == .submit ? Analysis.warningCount(table) : 0, acknowledgedWarnings: acknowledgeWarnings,
                    evaluationGaps: action == .submitEvaluation ? Analysis.evaluationGaps(table) : [],
                    isAdjustment: r.adjustsID != nil, approval: approval)
                {
                    throw refusal
                }
                table.signoff = Workflow.sign(
                    table.signoff, action: action, by: user.name, role: user.role, on: Workflow.day(now),
                    approval: approval)
                // the step is claimed on the phase's row: of two reviewers pressing at once, one moves the table
                let (from, to) = action.phase == .goals ? (r.status, status.rawValue) : (r.evaluationStatus, evaluation.rawValue)
                guard try await TablePhases.move(id, action.phase, from: from, to: to, now: now, on: tx) else {
                    throw Failure.wrongState("这张表刚被他人处理过，请刷新后再操作")
                }
                if action == .approve {
                    _ = try await TablePhases.move(
                        id, .selfEvaluation, from: r.evaluationStatus, to: evaluation.rawValue, now: now, on: tx)
                }
                let before = AuditLog.snapshot(r)
                // a workflow step is no content change: the version stays, the trail records the step
                let score = r.fill(from: table, status: status, owner: r.owningUnit)
                r.evaluationStatus = evaluation.rawValue
                // a 退回 of the goals or of the self-evaluation reaches the unit the same way: shown until it submits again
                if action == .sendBack || action == .returnEvaluation {
                    r.returnComment = note
                } else if action == .submit || action == .submitEvaluation {
                    r.returnComment = nil
                }
                // an adjustment's 提交 says why it adjusts: shown to its reviewers beside the comparison
                if action == .submit, r.adjustsID != nil { r.adjustmentReason = note }
                try await r.save(on: tx)
                try await IndicatorFacts.write(r, table: table, score: score, on: tx)
                try await AuditLog.append(
                    action.rawValue, by: user, table: id, subject: r.name, comment: note,
                    before: before, after: AuditLog.snapshot(r), on: tx)
                if action == .approve, let old = r.adjustsID,
                    let o = try await GoalTableRecord.find(old, on: tx), TableStatus(stored: o.status) == .approved
                {
                    // what the unit already entered for its self-evaluation goes with the goals, by indicator id;
                    // values of indicators the adjustment removed stay on the superseded version and in the trail
                    let carried = try TableDetailDTO(r).table.carryingPhaseValues(from: try TableDetailDTO(o).table)
                    if carried.table != (try TableDetailDTO(r).table) || !carried.orphans.isEmpty {
                        let beforeCarry = AuditLog.snapshot(r)
                        let carriedScore = r.fill(from: carried.table, status: .approved, owner: r.owningUnit)
                        r.version += 1 // the self-evaluation's content changed
                        try await r.save(on: tx)
                        try await TablePhases.changed(id, .selfEvaluation, on: tx)
                        try await IndicatorFacts.write(r, table: carried.table, score: carriedScore, on: tx)
                        let orphanText = carried.orphans.map { "“\($0.indicator.name)”实际完成值 \($0.evaluation.actual ?? "（空）")" }
                            .joined(separator: "；")
                        try await AuditLog.append(
                            "evaluation-carried", by: user, table: id, subject: r.name,
                            comment: "自评内容已从被取代的版本按指标带入" + (orphanText.isEmpty ? "" : "；调整删除的指标保留在原版本：" + orphanText),
                            before: beforeCarry, after: AuditLog.snapshot(r), on: tx)
                    }
                    let b = AuditLog.snapshot(o)
                    _ = try await TablePhases.move(
                        old, .goals, from: o.status, to: TableStatus.superseded.rawValue, now: now, on: tx)
                    o.status = TableStatus.superseded.rawValue
                    try await o.save(on: tx)
                    // history: a superseded version's indicators no longer count among the year's live ones
                    try await IndicatorFacts.remove(old, on: tx)
                    try await AuditLog.append(
                        "superseded", by: user, table: old, subject: o.name,
                        comment: "调整后的版本已批复", before: b, after: AuditLog.snapshot(o), on: tx)
                }
                return try TableDetailDTO(r)
            }
        }
    }

    /// The adjustment of approved table `id` that is still open (not yet approved nor superseded), if any.
    static func openAdjustment(of id: UUID, on db: any Database) async throws -> TableSummaryDTO? {
        try await openAdjustmentRecord(of: id, on: db).map(TableSummaryDTO.init)
    }

    private static func openAdjustmentRecord(of id: UUID, on db: any Database) async throws -> GoalTableRecord? {
        try await GoalTableRecord.query(on: db).filter(\.$adjustsID == id)
            .filter(\.$status != TableStatus.superseded.rawValue)
            .filter(\.$status != TableStatus.approved.rawValue).first()
    }

    /// 调整: a copy of the approved goals as a new draft of the same unit, linked to the approved table.
    private static func adjust(
        _ r: GoalTableRecord, by user: CurrentUser, comment: String?,
        on tx: any Database
    ) async throws -> TableDetailDTO {
        let id = try r.requireID()
        if let open = try await openAdjustmentRecord(of: id, on: tx) {
            throw Failure.wrongState("这张表已有一个尚未批复的调整（第 \(open.version) 版，\(TableStatus(stored: open.status).label)），请先完成或删除它")
        }
        var table = try TableDetailDTO(r).table.goalPart
        table.signoff = Workflow.signoffForAdjustment(table.signoff)
        let n = GoalTableRecord()
        n.id = UUID()
        n.version = 1
        n.organisationID = r.organisationID
        n.orgPath = r.orgPath
        n.evaluationStatus = EvaluationStatus.draft.rawValue
        n.adjustsID = id
        let score = n.fill(from: table, status: .draft, owner: r.owningUnit)
        try await n.create(on: tx)
        try await TablePhases.start(n, on: tx)
        try await IndicatorFacts.write(n, table: table, score: score, on: tx)
        try await AuditLog.append(
            WorkflowAction.adjust.rawValue, by: user, table: id, subject: r.name, comment: comment,
            after: nil, on: tx)
        try await AuditLog.append(
            "adjustment-created", by: user, table: n.id, subject: n.name,
            comment: "由已批复的表“\(r.name)”（\(r.year.map { "\($0)年度，" } ?? "")第 \(r.version) 版）调整而来", after: AuditLog.snapshot(n),
            on: tx)
        return try TableDetailDTO(n)
    }

    /// Hides a draft; `restore` brings it back within the restore window.
    static func delete(_ id: UUID, expectedVersion: Int, by user: CurrentUser, on db: any Database) async throws {
        try await WriteTransaction.write(on: db) { tx in
            let r = try await Access.visibleRecord(id, for: user, on: tx)
            guard r.version == expectedVersion else {
                throw Failure.conflict(yours: expectedVersion, current: try TableDetailDTO(r))
            }
            try Access.requireUnitRole(user, to: "删除目标表")
            guard TableStatus(stored: r.status) == .draft else {
                throw Failure.wrongState("只有草稿可以删除；这张表当前为“\(TableStatus(stored: r.status).label)”")
            }
            let before = AuditLog.snapshot(r)
            // a deleted next-year draft gives back its lineage's carry: the table can be carried again
            if r.carryKey != nil {
                r.carryKey = nil
                try await r.save(on: tx)
            }
            try await r.delete(on: tx)
            try await IndicatorFacts.remove(id, on: tx)
            try await AuditLog.append("delete", by: user, table: id, subject: r.name, before: before, on: tx)
        }
    }

    static func restore(
        _ id: UUID, expectedVersion: Int, window: TimeInterval, by user: CurrentUser, now: Date = Date(),
        on db: any Database
    ) async throws -> TableDetailDTO {
        try await WriteTransaction.write(on: db) { tx in
            guard let r = try await GoalTableRecord.query(on: tx).withDeleted().filter(\.$id == id).first(),
                Access.canSee(r, user)
            else {
                throw Failure.notFound(id)
            }
            try Access.requireUnitRole(user, to: "恢复目标表")
            guard let deleted = r.deletedAt else { throw Failure.notDeleted(id) }
            guard r.version == expectedVersion else {
                throw Failure.conflict(yours: expectedVersion, current: try TableDetailDTO(r))
            }
            guard now.timeIntervalSince(deleted) <= window else {
                throw Failure.restoreExpired(id, minutes: Int(window / 60))
            }
            try await r.restore(on: tx)
            try await IndicatorFacts.write(r, on: tx)
            try await AuditLog.append("restore", by: user, table: id, subject: r.name, after: AuditLog.snapshot(r), on: tx)
            return try TableDetailDTO(r)
        }
    }
}

extension QueryBuilder where Model == GoalTableRecord {
    /// Every column a `TableSummaryDTO` reads, and not `document`: lists never need the tables themselves.
    func summaryFields() -> Self {
        field(\.$id).field(\.$unit).field(\.$year).field(\.$kind).field(\.$title).field(\.$name).field(\.$status)
            .field(\.$evaluationStatus).field(\.$adjustsID).field(\.$returnComment).field(\.$adjustmentReason)
            .field(\.$carriedFromID).field(\.$organisationID).field(\.$printedUnit)
            .field(\.$orgPath).field(\.$version).field(\.$errorCount).field(\.$warningCount).field(\.$score)
            .field(\.$scoreMax).field(\.$grade).field(\.$updatedAt)
    }
}
