import Foundation
import GoalCore

/// The review workflow of a goal table and of its self-evaluation, as rules without a database or a
/// server: which action a role may take, from which state it leads where, what it signs, and what
/// must be true before a submission. The web app and the command line call these; their tests need
/// neither.
///
///     草稿 ─提交→ [待单位负责人确认 ─单位负责人确认→] 已提交 ─业务股室审核→ 业务股室已审 ─绩效股审核→ 绩效股已审 ─批复→ 已批复
///       ↑________________ 退回（须填写意见）: from each review step, by that step's reviewer ______|
///     已批复 ─调整→ a new 草稿 that goes through review again; when it is approved the old one is 已被调整取代
///     The bracketed step only where the organisation asks for it (`headConfirmation`); the unit head may 退回 from it.
///     An adjustment's 提交 must say why (调整理由); 批复 records the 批复文号 and 批复日期 on the printed form.
///     自评: 草稿 ─提交→ 已提交 ─复核→ 已复核, and 退回 from 已提交
public enum WorkflowAction: String, CaseIterable, Sendable, Codable {
    case submit
    case confirm
    case businessReview = "business-review"
    case performanceReview = "performance-review"
    case approve
    case sendBack = "return"
    case adjust
    case submitEvaluation = "submit-evaluation"
    case reviewEvaluation = "review-evaluation"
    case returnEvaluation = "return-evaluation"

    public var label: String {
        switch self {
        case .submit: return "提交审核"
        case .confirm: return "单位负责人确认"
        case .businessReview: return "业务股室审核通过"
        case .performanceReview: return "绩效股审核通过"
        case .approve: return "批复"
        case .sendBack: return "退回"
        case .adjust: return "调整"
        case .submitEvaluation: return "提交自评"
        case .reviewEvaluation: return "自评复核通过"
        case .returnEvaluation: return "退回自评"
        }
    }

    /// The phase whose state the action moves.
    public var phase: Phase {
        switch self {
        case .submitEvaluation, .reviewEvaluation, .returnEvaluation: return .selfEvaluation
        default: return .goals
        }
    }

    /// Actions whose reason the actor must write down.
    public var needsComment: Bool { self == .sendBack || self == .returnEvaluation }

    /// Who may take the action at all (the state decides whether it can be taken now).
    public var roles: Set<Role> {
        switch self {
        case .submit, .adjust, .submitEvaluation: return [.filler, .unitHead]
        case .confirm: return [.unitHead]
        case .businessReview: return [.businessReviewer]
        case .performanceReview: return [.performanceReviewer]
        case .approve: return [.financeReviewer]
        case .sendBack: return [.unitHead, .businessReviewer, .performanceReviewer, .financeReviewer]
        case .reviewEvaluation, .returnEvaluation: return [.performanceReviewer, .financeReviewer]
        }
    }
}

/// Why an action cannot be taken: typed, so that the web app maps each to its HTTP status and the
/// command line to its exit code; `message` says it in Chinese.
public enum WorkflowRefusal: Error, Equatable, Sendable {
    /// The role never takes this action (HTTP 403).
    case roleNotAllowed(action: WorkflowAction, role: Role)
    /// Not in this state (HTTP 409).
    case wrongState(action: WorkflowAction, status: TableStatus, evaluation: EvaluationStatus, needs: String)
    /// 退回 without saying why (HTTP 400).
    case commentRequired(WorkflowAction)
    /// An adjustment submitted without its 调整理由 (HTTP 400).
    case reasonRequired
    /// 批复 without the 批复文号, or with a 批复日期 that is no date (HTTP 400).
    case approvalDocumentRequired(String)
    /// The checker finds errors, or warnings not acknowledged, or the self-evaluation has gaps (HTTP 422).
    case incomplete(action: WorkflowAction, problems: [String], total: Int, warningsOnly: Bool)

    public var message: String {
        switch self {
        case .roleNotAllowed(let action, let role):
            let who = action.roles.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "、")
            return "您的角色“\(role.label)”不能执行“\(action.label)”（只有\(who)可以）"
        case .wrongState(let action, let status, let evaluation, let needs):
            return
                "这张表当前状态为“\(status.label)”\(status == .approved ? "，自评“\(evaluation.label)”" : "")，不能\(action.label)（需要\(needs)）"
        case .commentRequired(let action):
            return "\(action.label)时必须填写意见，说明需要修改的地方"
        case .reasonRequired:
            return "这是一次调整：提交时必须填写调整理由，说明为什么要调整已批复的绩效目标"
        case .approvalDocumentRequired(let why):
            return why
        case .incomplete(let action, let problems, let total, let warningsOnly):
            if warningsOnly { return "检查发现 \(total) 条警告：请阅读后勾选“已阅读警告，确认提交”再提交" }
            let first = problems.prefix(3).joined(separator: "；") + (total > 3 ? "……" : "")
            if action == .submitEvaluation { return "自评还有 \(total) 处未填写，补齐后才能提交：\(first)" }
            return "检查发现 \(total) 个错误，改正后才能提交：\(first)"
        }
    }
}

public enum Workflow {
    /// The state a table must be in for a reviewer of `role` to act on it.
    public static func reviewStep(of role: Role) -> TableStatus? {
        switch role {
        case .businessReviewer: return .submitted
        case .performanceReviewer: return .businessReviewed
        case .financeReviewer: return .performanceReviewed
        default: return nil
        }
    }

    /// The review actions `role` may take on several tables at once (批量审核): its review step, 批复,
    /// 自评复核 and their 退回. Each table still goes through `outcome` and `precondition` on its own.
    public static func bulkActions(for role: Role) -> [WorkflowAction] {
        [.businessReview, .performanceReview, .approve, .reviewEvaluation, .sendBack, .returnEvaluation]
            .filter { $0.roles.contains(role) && role != .unitHead }
    }

    /// The button's words: a filler's 提交 where the unit head confirms first goes to the head, not to review.
    public static func label(of action: WorkflowAction, by role: Role, headConfirmation: Bool) -> String {
        action == .submit && headConfirmation && role == .filler ? "提交单位负责人确认" : action.label
    }

    public enum Outcome: Equatable, Sendable {
        /// The new states.
        case moves(TableStatus, EvaluationStatus)
        /// An adjustment is created as a new draft; the table itself stays approved.
        case createsAdjustment
        case refused(WorkflowRefusal)

        public var isPossible: Bool {
            if case .refused = self { return false }
            return true
        }
    }

    /// `headConfirmation`: the table's organisation wants its unit head to confirm a filler's submission
    /// before review (单位负责人确认); the head's own submission is its confirmation.
    public static func outcome(
        of action: WorkflowAction, by role: Role, status: TableStatus,
        evaluation: EvaluationStatus, headConfirmation: Bool = false
    ) -> Outcome {
        guard action.roles.contains(role) else { return .refused(.roleNotAllowed(action: action, role: role)) }
        func notNow(_ needs: String) -> Outcome {
            .refused(.wrongState(action: action, status: status, evaluation: evaluation, needs: needs))
        }
        switch action {
        case .submit:
            guard status == .draft else { return notNow("草稿") }
            return .moves(headConfirmation && role == .filler ? .awaitingConfirmation : .submitted, evaluation)
        case .confirm:
            return status == .awaitingConfirmation ? .moves(.submitted, evaluation) : notNow("待单位负责人确认")
        case .businessReview:
            return status == .submitted ? .moves(.businessReviewed, evaluation) : notNow("已提交")
        case .performanceReview:
            return status == .businessReviewed ? .moves(.performanceReviewed, evaluation) : notNow("业务股室已审")
        case .approve:
            return status == .performanceReviewed ? .moves(.approved, .draft) : notNow("绩效股已审")
        case .sendBack where role == .unitHead:
            return status == .awaitingConfirmation ? .moves(.draft, evaluation) : notNow("待单位负责人确认")
        case .sendBack:
            guard let step = reviewStep(of: role) else { return .refused(.roleNotAllowed(action: action, role: role)) }
            return status == step ? .moves(.draft, evaluation) : notNow("“\(step.label)”，即轮到\(role.label)审核时")
        case .adjust:
            return status == .approved ? .createsAdjustment : notNow("已批复")
        case .submitEvaluation:
            return status == .approved && evaluation == .draft ? .moves(.approved, .submitted) : notNow("已批复且自评为草稿")
        case .reviewEvaluation:
            return status == .approved && evaluation == .submitted ? .moves(.approved, .reviewed) : notNow("自评已提交")
        case .returnEvaluation:
            return status == .approved && evaluation == .submitted ? .moves(.approved, .draft) : notNow("自评已提交")
        }
    }

    /// Everything that must hold before `action` is taken, beyond the state: a comment for 退回, no
    /// checker errors and acknowledged warnings for 提交, no gaps for 提交自评. The caller supplies
    /// the checker's and scorer's findings as text; nil when the action may go ahead.
    /// An adjustment's 提交 needs its reason (`comment`, the 调整理由); 批复 its `approval` document.
    public static func precondition(
        of action: WorkflowAction, comment: String?, errors: [String] = [],
        warnings: Int = 0, acknowledgedWarnings: Bool = false,
        evaluationGaps: [String] = [], isAdjustment: Bool = false,
        approval: Approval? = nil
    ) -> WorkflowRefusal? {
        let said = !(comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if action.needsComment, !said { return .commentRequired(action) }
        if action == .submit, isAdjustment, !said { return .reasonRequired }
        if action == .approve {
            guard let approval, !approval.number.isEmpty else {
                return .approvalDocumentRequired("批复时必须填写批复文号（如“某财预〔2026〕12号”）")
            }
            guard Approval.isDay(approval.date) else {
                return .approvalDocumentRequired("批复日期“\(approval.date)”不是有效日期，请写成 2026-03-15 的形式")
            }
        }
        switch action {
        case .submit:
            if !errors.isEmpty { return .incomplete(action: action, problems: errors, total: errors.count, warningsOnly: false) }
            if warnings > 0, !acknowledgedWarnings {
                return .incomplete(action: action, problems: [], total: warnings, warningsOnly: true)
            }
        case .submitEvaluation:
            if !evaluationGaps.isEmpty {
                return .incomplete(action: action, problems: evaluationGaps, total: evaluationGaps.count, warningsOnly: false)
            }
        default: break
        }
        return nil
    }

    /// 批复文号 and 批复日期 (YYYY-MM-DD), as the finance reviewer writes them at 批复.
    public struct Approval: Equatable, Sendable {
        public var number: String
        public var date: String
        public init(number: String, date: String) {
            self.number = number.trimmingCharacters(in: .whitespacesAndNewlines)
            self.date = date.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// A real calendar day written as 2026-03-15.
        public static func isDay(_ s: String) -> Bool {
            let parts = s.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                (1900...2200).contains(y), (1...12).contains(m), d >= 1
            else { return false }
            let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return d <= days[m - 1]
        }
    }

    /// What a save of the table's content may change in a state: everything in a draft, only the
    /// self-evaluation inputs while an approved table's self-evaluation is a draft, nothing otherwise.
    public enum EditScope: Equatable, Sendable {
        case everything
        case evaluationOnly
        case nothing(String)
    }

    public static func editScope(status: TableStatus, evaluation: EvaluationStatus) -> EditScope {
        switch status {
        case .draft: return .everything
        case .approved where evaluation == .draft: return .evaluationOnly
        case .approved where evaluation == .submitted:
            return .nothing("自评已提交，正在复核，不能修改；如需修改，请由复核人退回自评")
        case .approved: return .nothing("自评已复核，不能再修改")
        case .awaitingConfirmation:
            return .nothing("这张表正在等待单位负责人确认，不能修改；如需修改，请由单位负责人退回")
        case .superseded: return .nothing("这张表已被调整后的新版本取代，只能查看")
        case .submitted, .businessReviewed, .performanceReviewed:
            return .nothing("这张表正在审核中（\(status.label)），不能修改；如需修改请由审核人退回")
        }
    }

    /// The printed form's 签署 after `action` by `name` (a `role`) on `day` (YYYY-MM-DD): the workflow is
    /// the only writer of these lines (`Signoff.keepingWorkflowLines`).
    /// 批复 writes its `approval` (批复文号, 批复日期).
    public static func sign(
        _ signoff: Signoff?, action: WorkflowAction, by name: String, role: Role, on day: String,
        approval: Approval? = nil
    ) -> Signoff? {
        var s = signoff ?? Signoff()
        switch action {
        case .submit:
            if role == .unitHead { s.head = name } else { s.filledBy = name }
            s.filledOn = day
        case .confirm: s.head = name
        case .approve:
            guard let approval else { return signoff }
            s.approvalNumber = approval.number
            s.approvedOn = approval.date
        case .businessReview: s.businessReviewer = "\(name) \(day)"
        case .performanceReview: s.performanceReviewer = "\(name) \(day)"
        default: return signoff
        }
        return s
    }

    /// The sign-off an adjustment starts with: the reviewers sign it again.
    public static func signoffForAdjustment(_ signoff: Signoff?) -> Signoff? {
        guard var s = signoff else { return nil }
        s.businessReviewer = nil
        s.performanceReviewer = nil
        s.approvalNumber = nil
        s.approvedOn = nil
        return s
    }

}
