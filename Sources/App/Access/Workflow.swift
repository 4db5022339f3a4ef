/// The review workflow of a goal table and of its self-evaluation, as rules without a database:
/// which action a role may take, and from which state it leads where.
///
///     草稿 ─提交→ 已提交 ─业务股室审核→ 业务股室已审 ─绩效股审核→ 绩效股已审 ─批复→ 已批复
///       ↑________________ 退回（须填写意见）: from each review step, by that step's reviewer ______|
///     已批复 ─调整→ a new 草稿 that goes through review again; when it is approved the old one is 已被调整取代
///     自评: 草稿 ─提交→ 已提交 ─复核→ 已复核, and 退回 from 已提交
enum WorkflowAction: String, CaseIterable, Sendable, Codable {
    case submit
    case businessReview = "business-review"
    case performanceReview = "performance-review"
    case approve
    case sendBack = "return"
    case adjust
    case submitEvaluation = "submit-evaluation"
    case reviewEvaluation = "review-evaluation"
    case returnEvaluation = "return-evaluation"

    var label: String {
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

    /// Actions whose reason the actor must write down.
    var needsComment: Bool { self == .sendBack || self == .returnEvaluation }

    /// Who may take the action at all (the state decides whether it can be taken now).
    var roles: Set<Role> {
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

enum Workflow {
    /// The state a table must be in for a reviewer of `role` to act on it.
    static func reviewStep(of role: Role) -> TableStatus? {
        switch role {
        case .businessReviewer: return .submitted
        case .performanceReviewer: return .businessReviewed
        case .financeReviewer: return .performanceReviewed
        default: return nil
        }
    }

    enum Outcome: Equatable, Sendable {
        /// The new states.
        case moves(TableStatus, EvaluationStatus)
        /// An adjustment is created as a new draft; the table itself stays approved.
        case createsAdjustment
        /// The role never takes this action (HTTP 403).
        case forbidden(String)
        /// Not in this state (HTTP 409).
        case notNow(String)
    }

    static func outcome(of action: WorkflowAction, by role: Role, status: TableStatus,
                        evaluation: EvaluationStatus) -> Outcome {
        guard action.roles.contains(role) else {
            let who = action.roles.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "、")
            return .forbidden("您的角色“\(role.label)”不能执行“\(action.label)”（只有\(who)可以）")
        }
        func notNow(_ expected: String) -> Outcome {
            .notNow("这张表当前状态为“\(status.label)”\(status == .approved ? "，自评“\(evaluation.label)”" : "")，不能\(action.label)（需要\(expected)）")
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
            guard let step = reviewStep(of: role) else { return .forbidden("您的角色不能退回") }
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

    /// What a save of the table's content may change in a state: everything in a draft, only the
    /// self-evaluation inputs while an approved table's self-evaluation is a draft, nothing otherwise.
    enum EditScope: Equatable, Sendable {
        case everything
        case evaluationOnly
        case nothing(String)
    }

    static func editScope(status: TableStatus, evaluation: EvaluationStatus) -> EditScope {
        switch status {
        case .draft: return .everything
        case .approved where evaluation == .draft: return .evaluationOnly
        case .approved: return .nothing("自评已“\(evaluation.label)”，不能再修改（如需修改请由复核人退回自评）")
        case .superseded: return .nothing("这张表已被调整后的新版本取代，只能查看")
        case .submitted, .businessReviewed, .performanceReviewed:
            return .nothing("这张表正在审核中（\(status.label)），不能修改；如需修改请由审核人退回")
        }
    }
}
