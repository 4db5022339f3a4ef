import Foundation
import Vapor

/// 审计记录 on the table page: the table's events, newest first, rendered (`table-audit`) once per state of
/// the trail and reused by every account that opens the table.
///
/// Why it can be kept: events are append-only (database triggers refuse an update or a delete, see
/// `CreateAuditEvents`), so a table's trail is fixed by how many events it has and when the last was
/// recorded; a new event makes a new key on every instance sharing the database. The trail shows the
/// same to everyone who may see the table.
struct AuditTrailPart: Encodable {
    var events: [Event]
    var auditCSV: String

    struct Event: Encodable {
        var at: String
        var account: String
        var role: String
        var action: String
        var comment: String?
        var changes: [String]
        var more: Int
    }

    init(table id: UUID, events: [AuditEventRecord]) {
        // newest first: the last action is what a reader wants to see
        self.events = events.reversed().map { e in
            let dto = AuditEventDTO(e)
            return Event(
                at: dto.at, account: dto.account, role: dto.role, action: dto.actionLabel, comment: dto.comment,
                changes: Array(dto.changes.prefix(20)), more: max(0, dto.changes.count - 20))
        }
        auditCSV = SitePath.tableAuditCSV(.value(id)).path
    }

    /// The trail's HTML: kept in `RenderedParts` under the trail's state (`TableRead.page` reads it with the
    /// table), else read, rendered and kept.
    static func html(table id: UUID, state: String, _ req: Request) async throws -> String {
        let parts = req.application.renderedParts
        let key = "trail|\(id)|" + state
        if let part = parts.part(key) { return part.html }
        let trail = AuditTrailPart(table: id, events: try await AuditLog.trail(forTable: id, on: req.db))
        let html = String(buffer: try await req.view.render("table-audit", trail).data)
        parts.keep(.init(html: html), as: key)
        return html
    }
}
