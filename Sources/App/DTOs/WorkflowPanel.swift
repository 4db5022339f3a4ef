import Foundation
import GoalWorkflow
import GoalCore

/// The table page's 流程 panel: where the table stands, the actions this account can take now
/// (and only those), the last 退回 comment, and the audit trail.
struct WorkflowPanel: Encodable {
    var status: String
    var evaluationStatus: String?
    var returnComment: String?
    var version: Int
    var actions: [ActionButton]
    /// Set on an adjustment: the compare page.
    var compare: String?
    var superseded: Bool
    var canEdit: Bool
    var editNote: String?
    var events: [Event]
    var auditCSV: String

    struct ActionButton: Encodable {
        var action: String
        var label: String
        var href: String
        var needsComment: Bool
        /// Submission with warnings: a box to tick that they were read.
        var warnings: Int
        var danger: Bool
    }

    struct Event: Encodable {
        var at: String
        var account: String
        var role: String
        var action: String
        var comment: String?
        var changes: [String]
        var more: Int
    }

    init(_ d: TableDetailDTO, user: CurrentUser, events: [AuditEventRecord]) {
        let s = d.summary
        let status = TableStatus(stored: s.status), evaluation = EvaluationStatus(stored: s.evaluationStatus)
        self.status = status.label
        evaluationStatus = status == .approved || evaluation != .draft ? evaluation.label : nil
        returnComment = status == .draft ? s.returnComment : nil
        version = s.version
        actions = WorkflowAction.allCases.compactMap { a in
            switch Workflow.outcome(of: a, by: user.role, status: status, evaluation: evaluation) {
            case .moves, .createsAdjustment:
                return ActionButton(action: a.rawValue, label: a.label,
                                    href: SitePath.tableAction(.value(s.id), .value(a)).path, needsComment: a.needsComment,
                                    warnings: a == .submit ? s.warnings : 0,
                                    danger: a == .sendBack || a == .returnEvaluation)
            case .refused: return nil
            }
        }
        compare = s.adjusts.map { _ in SitePath.tableCompare(.value(s.id)).path }
        superseded = status == .superseded
        switch Workflow.editScope(status: status, evaluation: evaluation) {
        case .everything: canEdit = user.role.isUnitRole; editNote = nil
        case .evaluationOnly: canEdit = false; editNote = user.role.isUnitRole ? "已批复：目标不能再改，可在“自评”中填写实际完成值；如需修改目标请点“调整”" : nil
        case .nothing(let why): canEdit = false; editNote = why
        }
        // newest first: the last action is what a reader wants to see
        self.events = events.reversed().map { e in
            let dto = AuditEventDTO(e)
            return Event(at: dto.at, account: dto.account, role: dto.role, action: dto.actionLabel, comment: dto.comment,
                         changes: Array(dto.changes.prefix(20)), more: max(0, dto.changes.count - 20))
        }
        auditCSV = SitePath.tableAuditCSV(.value(s.id)).path
    }
}
