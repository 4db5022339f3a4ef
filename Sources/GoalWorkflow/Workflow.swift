import Foundation
import GoalCore

/// The review workflow of a goal table and of its self-evaluation, as rules without a database or a
/// server: which action a role may take, from which state it leads where, what it signs, and what
/// must be true before a submission. The web app and the command line call these; their tests need
/// neither.
///
///     草稿 ─提交→ 已提交 ─业务股室审核→ 业务股室已审 ─绩效股审核→ 绩效股已审 ─批复→ 已批复
///       ↑________________ 退回（须填写意见）: from each review step, by that step's reviewer ______|
///     已批复 ─调整→ a new 草稿 that goes through review again; when it is approved the old one is 已被调整取代
///     自评: 草稿 ─提交→ 已提交 ─复核→ 已复核, and 退回 from 已提交
public enum WorkflowAction: String, CaseIterable, Sendable, Codable {
    case submit
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
        case .businessReview: return [.businessReviewer]
        case .performanceReview: return [.performanceReviewer]
        case .approve: return [.financeReviewer]
        case .sendBack: return [.businessReviewer, .performanceReviewer, .financeReviewer]
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
    /// The checker finds errors, or warnings not acknowledged, or the self-evaluation has gaps (HTTP 422).
    case incomplete(action: WorkflowAction, problems: [String], total: Int, warningsOnly: Bool)

    public var message: String {
        switch self {
        case .roleNotAllowed(let action, let role):
            let who = action.roles.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "、")
            return "您的角色“\(role.label)”不能执行“\(action.label)”（只有\(who)可以）"
        case .wrongState(let action, let status, let evaluation, let needs):
            return "这张表当前状态为“\(status.label)”\(status == .approved ? "，自评“\(evaluation.label)”" : "")，不能\(action.label)（需要\(needs)）"
        case .commentRequired(let action):
            return "\(action.label)时必须填写意见，说明需要修改的地方"
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

    public static func outcome(of action: WorkflowAction, by role: Role, status: TableStatus,
                               evaluation: EvaluationStatus) -> Outcome {
        guard action.roles.contains(role) else { return .refused(.roleNotAllowed(action: action, role: role)) }
        func notNow(_ needs: String) -> Outcome {
            .refused(.wrongState(action: action, status: status, evaluation: evaluation, needs: needs))
        }
        switch action {
        case .submit:
            return status == .draft ? .moves(.submitted, evaluation) : notNow("草稿")
        case .businessReview:
            return status == .submitted ? .moves(.businessReviewed, evaluation) : notNow("已提交")
        case .performanceReview:
            return status == .businessReviewed ? .moves(.performanceReviewed, evaluation) : notNow("业务股室已审")
        case .approve:
            return status == .performanceReviewed ? .moves(.approved, .draft) : notNow("绩效股已审")
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
    public static func precondition(of action: WorkflowAction, comment: String?, errors: [String] = [],
                                    warnings: Int = 0, acknowledgedWarnings: Bool = false,
                                    evaluationGaps: [String] = []) -> WorkflowRefusal? {
        if action.needsComment, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .commentRequired(action)
        }
        switch action {
        case .submit:
            if !errors.isEmpty { return .incomplete(action: action, problems: errors, total: errors.count, warningsOnly: false) }
            if warnings > 0, !acknowledgedWarnings { return .incomplete(action: action, problems: [], total: warnings, warningsOnly: true) }
        case .submitEvaluation:
            if !evaluationGaps.isEmpty {
                return .incomplete(action: action, problems: evaluationGaps, total: evaluationGaps.count, warningsOnly: false)
            }
        default: break
        }
        return nil
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
        case .superseded: return .nothing("这张表已被调整后的新版本取代，只能查看")
        case .submitted, .businessReviewed, .performanceReviewed:
            return .nothing("这张表正在审核中（\(status.label)），不能修改；如需修改请由审核人退回")
        }
    }

    /// The printed form's 签署 after `action` by `name` (a `role`) on `day` (YYYY-MM-DD): the workflow is
    /// the only writer of these lines (`Signoff.keepingWorkflowLines`).
    public static func sign(_ signoff: Signoff?, action: WorkflowAction, by name: String, role: Role, on day: String) -> Signoff? {
        var s = signoff ?? Signoff()
        switch action {
        case .submit:
            if role == .unitHead { s.head = name } else { s.filledBy = name }
            s.filledOn = day
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
        return s
    }

}
