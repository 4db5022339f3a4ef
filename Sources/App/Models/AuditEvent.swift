import Fluent
import Foundation

/// 审计记录: who did what, when, with the state before and after. Append-only: the app never
/// updates or deletes one, and database triggers refuse it (see `CreateAuditEvents`).
final class AuditEventRecord: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "account_id") var accountID: UUID?
    /// Copied, not joined: the trail must read the same after an account is renamed.
    @Field(key: "account_name") var accountName: String
    @Field(key: "role") var role: String
    @Field(key: "action") var action: String
    @OptionalField(key: "table_id") var tableID: UUID?
    @Field(key: "subject") var subject: String
    @OptionalField(key: "comment") var comment: String?
    /// JSON snapshots, or nil where there was nothing before / after: a table's (`AuditLog.snapshot`), or for
    /// `monitoring-save` the monitoring entry as entered (`MonitoringEntry`).
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    /// What changed, in words, one line each: worked out once when the event is recorded, so the table
    /// page reads it instead of decoding and comparing two snapshots per event on every view.
    /// Nil on events recorded before 2026-12 (see `AuditLog.changeLines`).
    @OptionalField(key: "changes") var changes: String?

    init() {}
}
