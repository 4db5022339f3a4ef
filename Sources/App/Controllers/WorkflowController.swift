import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import Vapor

/// 提交, 审核, 退回, 批复, 调整 and the self-evaluation's 提交/复核: from the table page's forms and from the API;
/// the audit trail of a table as JSON and CSV; an adjustment compared with the approved table.
struct WorkflowController {
    func register(_ app: any RoutesBuilder) {
        app.post(SitePath.tableAction(.key, .key).pathComponents, use: pageAction)
        app.post(SitePath.api(.tableAction(.key, .key)).pathComponents, use: apiAction)
        app.get(SitePath.api(.tableAudit(.key)).pathComponents, use: audit)
        app.get(SitePath.tableAuditCSV(.key).pathComponents, use: auditCSV)
        app.get(SitePath.tableCompare(.key).pathComponents, use: compare)
    }

    struct ActionForm: Content {
        var comment: String?
        /// A checkbox: "on" when ticked.
        var acknowledgeWarnings: String?
        var version: Int?
        /// 批复: 批复文号 and 批复日期 (YYYY-MM-DD; today when empty).
        var approvalNumber: String?
        var approvalDate: String?
    }

    @Sendable func pageAction(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let action = try req.workflowAction()
        let form = try req.content.decode(ActionForm.self)
        let ack = ["on", "true", "1", "yes"].contains(form.acknowledgeWarnings?.lowercased() ?? "")
        let result = try await TableStore.act(action, on: try req.tableID(), by: user, comment: form.comment,
                                              acknowledgeWarnings: ack,
                                              expectedVersion: try req.expectedVersion(form.version, what: action.label),
                                              approvalNumber: form.approvalNumber, approvalDate: form.approvalDate, on: req.db)
        // after 调整 the user goes on to edit the new draft
        let to = action == .adjust ? SitePath.tableEdit(.value(result.summary.id)) : SitePath.table(.value(result.summary.id))
        return req.redirect(to: to.path, redirectType: .normal)
    }

    struct ActionRequest: Content {
        var comment: String?
        var acknowledgeWarnings: Bool?
        var version: Int?
        var approvalNumber: String? = nil
        var approvalDate: String? = nil
    }

    @Sendable func apiAction(req: Request) async throws -> TableDetailDTO {
        let user = try req.requireUser()
        let action = try req.workflowAction()
        let body: ActionRequest = (req.body.data?.readableBytes ?? 0) > 0
            ? try req.decodeJSON(ActionRequest.self, what: action.label) : ActionRequest()
        return try await TableStore.act(action, on: try req.tableID(), by: user, comment: body.comment,
                                        acknowledgeWarnings: body.acknowledgeWarnings ?? false,
                                        expectedVersion: try req.expectedVersion(body.version, what: action.label),
                                        approvalNumber: body.approvalNumber, approvalDate: body.approvalDate, on: req.db)
    }

    @Sendable func audit(req: Request) async throws -> [AuditEventDTO] {
        let id = try req.tableID()
        _ = try await Access.visibleRecord(id, for: try req.requireUser(), on: req.db)
        return try await AuditLog.events(forTable: id, on: req.db).map(AuditEventDTO.init)
    }

    /// The trail as CSV for Excel/WPS: UTF-8 with BOM (WPS and Excel then read the Chinese right).
    @Sendable func auditCSV(req: Request) async throws -> Response {
        let id = try req.tableID()
        let r = try await Access.visibleRecord(id, for: try req.requireUser(), on: req.db)
        let events = try await AuditLog.events(forTable: id, on: req.db)
        return AuditLog.csvResponse(events, fileName: "审计记录-\(r.name).csv")
    }

    struct ComparePage: Encodable {
        var title: String
        var summary: TableSummaryDTO
        var original: TableSummaryDTO
        var links: SitePath.TableLinks
        var originalLinks: SitePath.TableLinks
        var changes: [TableChange]
    }

    @Sendable func compare(req: Request) async throws -> View {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        guard let originalID = d.summary.adjusts else {
            throw Abort(.notFound, reason: "这张表不是调整生成的，没有可对照的已批复版本")
        }
        let o = try await Access.visible(originalID, for: user, on: req.db)
        return try await req.page("compare", ComparePage(
            title: "调整对照：" + d.summary.name, summary: d.summary, original: o.summary, links: .init(d.summary.id),
            originalLinks: .init(o.summary.id), changes: TableDiff.changes(from: o.table.goalPart, to: d.table.goalPart)))
    }
}

/// One event of the audit trail, as the API and the table page show it.
struct AuditEventDTO: Content, Sendable {
    var at: String
    var account: String
    var role: String
    var action: String
    var actionLabel: String
    var comment: String?
    /// What changed, one line each (states, then fields).
    var changes: [String]
    /// The JSON snapshots, exactly as recorded.
    var before: String?
    var after: String?

    init(_ e: AuditEventRecord) {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        at = f.string(from: e.at)
        account = e.accountName
        role = e.role
        action = e.action
        actionLabel = AuditLog.label(e.action)
        comment = e.comment
        changes = AuditLog.changes(before: e.before, after: e.after)
        before = e.before
        after = e.after
    }
}
