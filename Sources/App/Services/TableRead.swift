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
    /// A stored table as a page that only shows it needs it: its summary and its document, not yet decoded
    /// (`detail`). A plain value, not a `GoalTableRecord`: making and freeing a Fluent model (a class
    /// instance per field) and reading it back through its property wrappers was 5 % of the table page's
    /// samples under load (`perf`, `scripts/load-bench.sh`).
    struct Shown: Sendable {
        let summary: TableSummaryDTO
        /// The table's interchange JSON as stored.
        let document: String

        /// The table decoded.
        func detail() throws -> TableDetailDTO { try TableDetailDTO(summary: summary, document: document) }
    }

    /// One row of the page's query: the table as shown, its organisation's path (for `Access.canSee`) and, when
    /// the query asked them, the trail's key and the confirmation setting.
    private struct Row: Sendable {
        let shown: Shown
        let organisationPath: String
        /// Asked by `page` only: the audit trail's state (`trailKey`), in the same round trip.
        var trail: String?
        /// Asked by `page` only: `Organisations.wantsHeadConfirmation` of the table's organisation.
        var headConfirmation: Bool?

        /// `trail` and `head_confirmation` only when the query asked them (`page`).
        init(_ c: SQLColumns, page: Bool) throws {
            let summary = try TableSummaryDTO(
                stored: c("id"), unit: c("unit"), printedUnit: c.optional("printed_unit"), year: c.optional("year"),
                kind: c("kind"), title: c("title"), name: c("name"), status: c("status"),
                evaluationStatus: c("evaluation_status"), adjusts: c.optional("adjusts_id"),
                returnComment: c.optional("return_comment"), adjustmentReason: c.optional("adjustment_reason"),
                carriedFrom: c.optional("carried_from_id"), organisationID: c.optional("organisation_id"),
                version: c("version"), errors: c("error_count"), warnings: c("warning_count"),
                score: c.optional("score"), scoreMax: c.optional("score_max"), grade: c.optional("grade"),
                updatedAt: c.optional("updated_at"))
            shown = Shown(summary: summary, document: try c("document"))
            organisationPath = try c("org_path")
            if page {
                trail = try c("trail")
                headConfirmation = try c.optional("head_confirmation")
            }
        }
    }

    /// The table if it exists, is not deleted, and `user` may see it; `TableStore.Failure.notFound` otherwise.
    static func visible(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> Shown {
        try shown(try await row(id, trail: false, on: db), id: id, for: user)
    }

    /// `visible`, with the key of the table's audit trail (`trailState`, what `AuditTrailPart` keeps its
    /// rendering under) and whether its organisation wants the unit head's confirmation asked in the same
    /// query: the table page needs all three, and each query is a round trip through SQLite's thread pool,
    /// two thread switches and a statement prepared anew.
    static func page(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> (
        table: Shown, trailState: String, headConfirmation: Bool
    ) {
        let row = try await row(id, trail: true, on: db)
        return (try shown(row, id: id, for: user), row?.trail ?? "", row?.headConfirmation ?? false)
    }

    private static func row(_ id: UUID, trail: Bool, on db: any Database) async throws -> Row? {
        trail
            ? try await PreparedRead.first(PageQuery(id: id), on: db, { try Row($0, page: true) })
            : try await PreparedRead.first(TableQuery(id: id), on: db, { try Row($0, page: false) })
    }

    /// `visible`'s query, prepared on PostgreSQL (`PreparedRead`): every table page asks it.
    private struct TableQuery: PreparedRead.Query {
        static let name = "jixiao_table"
        let id: UUID
        var query: SQLQueryString { TableRead.query(id, trail: false) }
    }

    /// `page`'s query, prepared on PostgreSQL (`PreparedRead`).
    private struct PageQuery: PreparedRead.Query {
        static let name = "jixiao_table_page"
        let id: UUID
        var query: SQLQueryString { TableRead.query(id, trail: true) }
    }

    private static func query(_ id: UUID, trail: Bool) -> SQLQueryString {
        // SQLiteNIO prepares every statement anew, and preparing costs by the columns and subqueries asked
        // (9 % of the page's samples): the trail's key is one subquery, its count and latest time as one text
        let trailColumns: SQLQueryString =
            trail
            ? """
            , (SELECT COUNT(*) || '|' || COALESCE(CAST(MAX(a.at) AS TEXT), '') FROM audit_events a \
            WHERE a.table_id = g.id) AS trail, \
            \(Organisations.headConfirmation(path: SQLColumn("org_path", table: "g"))) AS head_confirmation
            """
            : ""
        return """
            SELECT id, unit, printed_unit, year, kind, title, name, status, version, document, error_count, \
            warning_count, score, score_max, grade, organisation_id, org_path, evaluation_status, adjusts_id, \
            return_comment, adjustment_reason, carried_from_id, updated_at\(trailColumns) \
            FROM goal_tables g WHERE id = \(bind: id) AND deleted_at IS NULL
            """
    }

    private static func shown(_ row: Row?, id: UUID, for user: CurrentUser) throws -> Shown {
        guard let row,
            Access.canSee(organisation: row.shown.summary.organisationID, path: row.organisationPath, user)
        else { throw TableStore.Failure.notFound(id) }
        return row.shown
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
