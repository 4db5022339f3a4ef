import Fluent
import Foundation
import SQLKit
import Vapor

/// Reads for the pages that only show a table: plain SQL decoded into plain rows.
///
/// Why not Fluent models here: a Fluent model finds its fields by reflection (`Mirror`) on every
/// query and every decoded row, which `perf` showed as a tenth of the table page's time. Writers keep
/// the models (they need Fluent's change tracking); the page, which is what a busy province reads
/// most, does not.
enum TableRead {
    /// The columns of `goal_tables` a page shows, under their column names.
    private struct Row {
        var id: UUID
        var unit: String
        var printed_unit: String?
        var year: Int?
        var kind: String
        var title: String
        var name: String
        var status: String
        var version: Int
        var document: String
        var error_count: Int
        var warning_count: Int
        var score: Double?
        var score_max: Double?
        var grade: String?
        var organisation_id: UUID?
        var org_path: String
        var evaluation_status: String
        var adjusts_id: UUID?
        var return_comment: String?
        var adjustment_reason: String?
        var carried_from_id: UUID?
        var created_at: Date?
        var updated_at: Date?
        /// Asked by `page` only: the audit trail's state (`trailKey`), in the same round trip.
        var trail_n: Int?
        var trail_last: Date?
        /// Asked by `page` only: `Organisations.wantsHeadConfirmation` of the table's organisation.
        var head_confirmation: Bool?

        /// `trail` and `head_confirmation` only when the query asked them (`page`).
        init(_ c: SQLColumns, page: Bool) throws {
            id = try c("id")
            unit = try c("unit")
            printed_unit = try c.optional("printed_unit")
            year = try c.optional("year")
            kind = try c("kind")
            title = try c("title")
            name = try c("name")
            status = try c("status")
            version = try c("version")
            document = try c("document")
            error_count = try c("error_count")
            warning_count = try c("warning_count")
            score = try c.optional("score")
            score_max = try c.optional("score_max")
            grade = try c.optional("grade")
            organisation_id = try c.optional("organisation_id")
            org_path = try c("org_path")
            evaluation_status = try c("evaluation_status")
            adjusts_id = try c.optional("adjusts_id")
            return_comment = try c.optional("return_comment")
            adjustment_reason = try c.optional("adjustment_reason")
            carried_from_id = try c.optional("carried_from_id")
            created_at = try c.optional("created_at")
            updated_at = try c.optional("updated_at")
            if page {
                trail_n = try c.optional("trail_n")
                trail_last = try c.optional("trail_last")
                head_confirmation = try c.optional("head_confirmation")
            }
        }
    }

    /// The table if it exists, is not deleted, and `user` may see it; `TableStore.Failure.notFound`
    /// otherwise. The record is detached: for showing, never for saving (Fluent would insert it anew).
    static func visible(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> GoalTableRecord {
        try record(try await row(id, trail: false, on: db), id: id, for: user)
    }

    /// `visible`, with the key of the table's audit trail (`trailKey`) and whether its organisation wants the
    /// unit head's confirmation asked in the same query: the table page needs all three, and each query is a
    /// round trip through SQLite's thread pool, two thread switches and a statement prepared anew.
    static func page(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> (
        record: GoalTableRecord, trailState: String, headConfirmation: Bool
    ) {
        let row = try await row(id, trail: true, on: db)
        return (
            try record(row, id: id, for: user), trailKey(n: row?.trail_n, last: row?.trail_last),
            row?.head_confirmation ?? false
        )
    }

    private static func row(_ id: UUID, trail: Bool, on db: any Database) async throws -> Row? {
        let trailColumns: SQLQueryString =
            trail
            ? """
            , (SELECT COUNT(*) FROM audit_events a WHERE a.table_id = g.id) AS trail_n, \
            (SELECT MAX(a.at) FROM audit_events a WHERE a.table_id = g.id) AS trail_last, \
            \(Organisations.headConfirmation(path: SQLColumn("org_path", table: "g"))) AS head_confirmation
            """
            : ""
        return try await TablePhases.sql(db).raw(
            """
            SELECT id, unit, printed_unit, year, kind, title, name, status, version, document, error_count, \
            warning_count, score, score_max, grade, organisation_id, org_path, evaluation_status, adjusts_id, \
            return_comment, adjustment_reason, carried_from_id, created_at, updated_at\(trailColumns) \
            FROM goal_tables g WHERE id = \(bind: id) AND deleted_at IS NULL
            """
        ).first().map({ try Row(SQLColumns(row: $0), page: trail) })
    }

    private static func record(_ row: Row?, id: UUID, for user: CurrentUser) throws -> GoalTableRecord {
        guard let row else { throw TableStore.Failure.notFound(id) }
        let r = GoalTableRecord()
        r.id = row.id
        r.unit = row.unit
        r.printedUnit = row.printed_unit
        r.year = row.year
        r.kind = row.kind
        r.title = row.title
        r.name = row.name
        r.status = row.status
        r.version = row.version
        r.document = row.document
        r.errorCount = row.error_count
        r.warningCount = row.warning_count
        r.score = row.score
        r.scoreMax = row.score_max
        r.grade = row.grade
        r.organisationID = row.organisation_id
        r.orgPath = row.org_path
        r.evaluationStatus = row.evaluation_status
        r.adjustsID = row.adjusts_id
        r.returnComment = row.return_comment
        r.adjustmentReason = row.adjustment_reason
        r.carriedFromID = row.carried_from_id
        r.createdAt = row.created_at
        r.updatedAt = row.updated_at
        guard Access.canSee(r, user) else { throw TableStore.Failure.notFound(id) }
        return r
    }

    /// What fixes a table's audit trail, as a key: its number of events and the time of the last (events
    /// are append-only, see `AuditTrailPart`). Two indexed aggregates instead of reading every event.
    private static func trailKey(n: Int?, last: Date?) -> String {
        "\(n ?? 0)|\(last?.timeIntervalSince1970 ?? 0)"
    }

    /// The columns of `audit_events` the trail shows (not the snapshots, which can be large).
    private struct EventRow: Decodable {
        var id: UUID
        var at: Date
        var account_name: String
        var role: String
        var action: String
        var table_id: UUID?
        var subject: String
        var comment: String?
        var changes: String?
    }

    /// A table's audit events, oldest first, as detached records (for showing only), without their
    /// snapshots; `AuditLog.trail` fills in the change lines of events recorded before they were stored.
    static func events(ofTable id: UUID, on db: any Database) async throws -> [AuditEventRecord] {
        try await TablePhases.sql(db).raw(
            """
            SELECT id, at, account_name, role, action, table_id, subject, comment, changes \
            FROM audit_events WHERE table_id = \(bind: id) ORDER BY at, id
            """
        ).all(decoding: EventRow.self).map { row in
            let e = AuditEventRecord()
            e.id = row.id
            e.at = row.at
            e.accountName = row.account_name
            e.role = row.role
            e.action = row.action
            e.tableID = row.table_id
            e.subject = row.subject
            e.comment = row.comment
            e.changes = row.changes
            return e
        }
    }
}
