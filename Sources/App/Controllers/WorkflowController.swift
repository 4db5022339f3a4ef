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
        app.post(SitePath.tablesBulkAction.pathComponents, use: bulkAction)
    }

    struct BulkForm: Content {
        var action: String?
        /// `id:version` of each ticked table.
        var tables: [String]?
        var comment: String?
        var approvalNumber: String?
        var approvalDate: String?
    }

    struct BulkPage: Encodable {
        var title = "批量审核结果"
        var action: String
        var done: Int
        var refused: Int
        var results: [Result]
        var back = SitePath.home.path
        struct Result: Encodable {
            var name: String
            var unit: String
            var link: String
            var ok: Bool
            var text: String
        }
    }

    /// 批量审核 from the 首页: the same action on each ticked table, each in its own transaction and through
    /// the same workflow rule as one table's button; the page says per table what happened.
    @Sendable func bulkAction(req: Request) async throws -> View {
        let user = try req.requireUser()
        let form = try req.content.decode(BulkForm.self)
        guard let action = form.action.flatMap(WorkflowAction.init(rawValue:)),
            Workflow.bulkActions(for: user.role).contains(action)
        else {
            let allowed = Workflow.bulkActions(for: user.role).map(\.label).joined(separator: "、")
            throw Abort(
                .badRequest,
                reason: allowed.isEmpty
                    ? "您的角色“\(user.role.label)”不能批量审核"
                    : "批量审核：请选择要执行的操作（\(allowed)）")
        }
        let picked: [(UUID, Int)] = (form.tables ?? []).compactMap { s in
            let parts = s.split(separator: ":")
            guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let v = Int(parts[1]) else { return nil }
            return (id, v)
        }
        guard !picked.isEmpty else { throw Abort(.badRequest, reason: "批量审核：请先在列表中勾选要\(action.label)的表") }
        guard picked.count <= 200 else { throw Abort(.badRequest, reason: "批量审核：一次最多 200 张表，您勾选了 \(picked.count) 张") }
        let describe = ChineseErrorMiddleware(maxBodyBytes: 0)
        var results: [BulkPage.Result] = []
        for (id, version) in picked {
            let link = SitePath.table(.value(id)).path
            do {
                let d = try await TableStore.act(
                    action, on: id, by: user, comment: form.comment, acknowledgeWarnings: false,
                    expectedVersion: version, approvalNumber: form.approvalNumber,
                    approvalDate: form.approvalDate, on: req.db)
                let now = action.phase == .goals ? d.summary.statusLabel : "自评" + d.summary.evaluationStatusLabel
                results.append(
                    .init(name: d.summary.name, unit: d.summary.unit, link: link, ok: true, text: "已\(action.label)，现为“\(now)”"))
            } catch {
                let name = try? await Access.visible(id, for: user, on: req.db)
                results.append(
                    .init(
                        name: name?.summary.name ?? id.uuidString, unit: name?.summary.unit ?? "", link: link, ok: false,
                        text: "未处理：" + describe.describe(error, req).1))
            }
        }
        let done = results.filter(\.ok).count
        return try await req.page(
            "bulk-result", BulkPage(action: action.label, done: done, refused: results.count - done, results: results))
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
        let result = try await TableStore.act(
            action, on: try req.tableID(), by: user, comment: form.comment,
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
        let body: ActionRequest =
            (req.body.data?.readableBytes ?? 0) > 0
            ? try req.decodeJSON(ActionRequest.self, what: action.label) : ActionRequest()
        return try await TableStore.act(
            action, on: try req.tableID(), by: user, comment: body.comment,
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
        return try await req.page(
            "compare",
            ComparePage(
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
        at = Workflow.beijingTime(e.at)
        account = e.accountName
        role = e.role
        action = e.action
        actionLabel = AuditLog.label(e.action)
        comment = e.comment
        changes = AuditLog.changeLines(e)
        before = e.before
        after = e.after
    }
}
