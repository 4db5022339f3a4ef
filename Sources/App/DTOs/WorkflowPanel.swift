import Foundation
import GoalWorkflow
import GoalCore

/// The table page's 流程 panel: where the table stands, the actions this account can take now
/// (and only those), the last 退回 comment, and the audit trail.
struct WorkflowPanel: Encodable {
    var status: String
    var evaluationStatus: String?
    var returnComment: String?
    /// Whose 退回 the comment is: 目标表 (已被退回) or 自评 (自评已被退回).
    var returnWhat: String
    var version: Int
    var actions: [ActionButton]
    /// Actions this account could take in this state that would be refused now, each saying why beside
    /// where its button would be, listing what is missing and linking to where it is fixed.
    var blocked: [BlockedAction]
    /// An open 调整 of this approved table: 调整 is not offered, the draft is linked instead.
    var openAdjustment: OpenAdjustment?
    /// No button, no reason why not and no open adjustment: the panel says there is nothing to do.
    var nothingToDo: Bool
    /// 删除此表: only a draft, only by the unit's own accounts (anything else would answer 403 or 409).
    var canDelete: Bool
    /// Set on an adjustment: the compare page, and the 调整理由 once submitted.
    var compare: String?
    var adjustmentReason: String?
    /// The organisation wants its unit head to confirm before review: said beside the buttons.
    var headConfirmation: Bool
    var superseded: Bool
    var canEdit: Bool
    var editNote: String?
    /// 结转到下一年 (set by the page handler): the button when it can succeed, else the draft made before,
    /// and for a carried draft the table it came from, each with 与上年对比.
    var carry: Carry? = nil
    var carriedTo: YearLink? = nil
    var carriedFrom: YearLink? = nil

    struct Carry: Encodable {
        var href: String
        var nextYear: Int
    }

    struct YearLink: Encodable {
        var href: String
        var text: String
        var compare: String
    }

    struct ActionButton: Encodable {
        var action: String
        var label: String
        var href: String
        var needsComment: Bool
        /// An adjustment's 提交: its 调整理由, required.
        var needsReason: Bool
        /// 批复: 批复文号 (required) and 批复日期 (today unless changed).
        var needsApproval: Bool
        var today: String
        /// Submission with warnings: a box to tick that they were read.
        var warnings: Int
        var danger: Bool
    }

    struct BlockedAction: Encodable {
        var label: String
        var why: String
        /// What is missing, one line each (the first 10).
        var missing: [String]
        var more: Int
        var fix: String
        var fixLabel: String
    }

    struct OpenAdjustment: Encodable {
        var href: String
        var text: String
    }

    /// `checked`: the checker's errors and the self-evaluation's gaps, as kept for this saved state
    /// (`RenderedParts`), so a view does not check the table again.
    init(
        _ s: TableSummaryDTO, user: CurrentUser, openAdjustment open: TableSummaryDTO? = nil,
        headConfirmation: Bool = false, checked: (errors: [String], gaps: [String]), now: Date = Date()
    ) {
        let status = TableStatus(stored: s.status), evaluation = EvaluationStatus(stored: s.evaluationStatus)
        self.status = status.label
        evaluationStatus = status == .approved || evaluation != .draft ? evaluation.label : nil
        // a 退回 of the goals leaves a draft; a 退回 of the self-evaluation an approved table whose 自评 is a draft again
        let evaluationReturned = status == .approved && evaluation == .draft
        returnComment = status == .draft || evaluationReturned ? s.returnComment : nil
        returnWhat = evaluationReturned ? "自评已被退回" : "已被退回"
        version = s.version
        var blocked: [BlockedAction] = []
        actions = WorkflowAction.allCases.compactMap { a in
            switch Workflow.outcome(
                of: a, by: user.role, status: status, evaluation: evaluation, headConfirmation: headConfirmation)
            {
            case .moves, .createsAdjustment:
                if a == .adjust, open != nil { return nil }
                // offered only when it can succeed: otherwise said why, beside where the button would be
                let refusal = Workflow.precondition(
                    of: a, comment: a.needsComment ? "（意见在按下时填写）" : nil,
                    errors: a == .submit ? checked.errors : [],
                    warnings: 0, evaluationGaps: a == .submitEvaluation ? checked.gaps : [])
                if case .incomplete(_, let problems, let total, _) = refusal {
                    let evaluationStep = a == .submitEvaluation
                    blocked.append(
                        BlockedAction(
                            label: a.label,
                            why: evaluationStep ? "还有 \(total) 处未填写" : "检查发现 \(total) 个错误",
                            missing: Array(problems.prefix(10)), more: max(0, total - 10),
                            fix: evaluationStep
                                ? SitePath.tableSelfEvaluation(.value(s.id)).path : SitePath.tableEdit(.value(s.id)).path,
                            fixLabel: evaluationStep ? "到“自评”中填写" : "到“编辑”中改正"))
                    return nil
                }
                return ActionButton(
                    action: a.rawValue, label: Workflow.label(of: a, by: user.role, headConfirmation: headConfirmation),
                    href: SitePath.tableAction(.value(s.id), .value(a)).path, needsComment: a.needsComment,
                    needsReason: a == .submit && s.adjusts != nil, needsApproval: a == .approve,
                    today: Workflow.day(now),
                    warnings: a == .submit ? s.warnings : 0,
                    danger: a == .sendBack || a == .returnEvaluation)
            case .refused: return nil
            }
        }
        self.blocked = blocked
        openAdjustment = open.map {
            OpenAdjustment(
                href: SitePath.table(.value($0.id)).path,
                text: "这张表已有一个尚未批复的调整（第 \($0.version) 版，\($0.statusLabel)），请在那里继续")
        }
        nothingToDo = actions.isEmpty && blocked.isEmpty && openAdjustment == nil
        canDelete = user.role.isUnitRole && status == .draft
        compare = s.adjusts.map { _ in SitePath.tableCompare(.value(s.id)).path }
        adjustmentReason = s.adjustmentReason
        self.headConfirmation = headConfirmation && status == .draft && user.role == .filler
        superseded = status == .superseded
        switch Workflow.editScope(status: status, evaluation: evaluation) {
        case .everything: canEdit = user.role.isUnitRole; editNote = nil
        case .evaluationOnly: canEdit = false; editNote = user.role.isUnitRole ? "已批复：目标不能再改，可在“自评”中填写实际完成值；如需修改目标请点“调整”" : nil
        case .nothing(let why): canEdit = false; editNote = why
        }
    }
}
