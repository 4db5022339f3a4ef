import Foundation

/// 运行监控 (双监控): the workflow of one monitoring entry — one approved goal table in one round — as
/// rules without a database or a server, the same shape as the goals' `Workflow`.
///
///     填报中 ─提交→ 待单位负责人确认 ─单位负责人确认→ 待主管部门审核 ─主管部门审核→ 待财政审核 ─财政审核→ 已审核
///     (where the unit's organisation does not ask for its head's confirmation, or the head submits, 提交 goes
///     straight to 待主管部门审核)
///        ↑___________________ 退回（须填写意见）: by whoever's turn it is ___________________________|
///     整改 (after 主管部门审核 or 财政审核): 财政 提出整改要求 → 单位 填报整改结果 → 财政 确认整改
///
/// 主管部门 is the reviewing organisation above the unit: its accounts review as `businessReviewer`.
/// 财政 is 绩效股 or 财政 (`performanceReviewer`, `financeReviewer`), who also open the rounds.
public enum MonitoringStatus: String, Codable, CaseIterable, Sendable {
    case filling, submitted, confirmed, departmentReviewed, accepted

    public var label: String {
        switch self {
        case .filling: return "填报中"
        case .submitted: return "待单位负责人确认"
        case .confirmed: return "待主管部门审核"
        case .departmentReviewed: return "待财政审核"
        case .accepted: return "已审核"
        }
    }

    public init(stored: String) { self = MonitoringStatus(rawValue: stored) ?? .filling }

    /// Handed in: the unit's part of the round is done unless it is sent back.
    public var isHandedIn: Bool { self != .filling }
}

/// 整改: what finance asked to be corrected, and how far the unit's answer has come.
public enum RectificationStatus: String, Codable, CaseIterable, Sendable {
    case none, requested, answered, confirmed

    public var label: String {
        switch self {
        case .none: return "无整改要求"
        case .requested: return "待整改"
        case .answered: return "整改结果待确认"
        case .confirmed: return "整改已确认"
        }
    }

    public init(stored: String) { self = RectificationStatus(rawValue: stored) ?? .none }
}

/// 监控方式: the unit's own monitoring of all its projects, or finance's of chosen ones.
public enum MonitoringKind: String, Codable, CaseIterable, Sendable {
    case selfMonitoring = "self"
    case keyMonitoring = "key"

    public var label: String {
        switch self {
        case .selfMonitoring: return "部门自行监控"
        case .keyMonitoring: return "财政重点监控"
        }
    }
}

public enum MonitoringAction: String, CaseIterable, Codable, Sendable {
    case submit
    case confirm
    case departmentReview = "department-review"
    case accept
    case sendBack = "return"
    case requestRectification = "request-rectification"
    case answerRectification = "answer-rectification"
    case confirmRectification = "confirm-rectification"

    public var label: String {
        switch self {
        case .submit: return "提交"
        case .confirm: return "单位负责人确认"
        case .departmentReview: return "主管部门审核通过"
        case .accept: return "财政审核通过"
        case .sendBack: return "退回"
        case .requestRectification: return "提出整改要求"
        case .answerRectification: return "填报整改结果"
        case .confirmRectification: return "确认整改"
        }
    }

    /// What the comment box is called where the action needs one: the reason, the request, the answer.
    public var commentLabel: String? {
        switch self {
        case .sendBack: return "退回意见"
        case .requestRectification: return "整改要求"
        case .answerRectification: return "整改结果"
        default: return nil
        }
    }

    public var needsComment: Bool { commentLabel != nil }

    public var roles: Set<Role> {
        switch self {
        case .submit, .answerRectification: return [.filler, .unitHead]
        case .confirm: return [.unitHead]
        case .departmentReview: return [.businessReviewer]
        case .accept, .requestRectification, .confirmRectification: return [.performanceReviewer, .financeReviewer]
        case .sendBack: return [.unitHead, .businessReviewer, .performanceReviewer, .financeReviewer]
        }
    }
}

public enum MonitoringRefusal: Error, Equatable, Sendable {
    case roleNotAllowed(action: MonitoringAction, role: Role)
    case wrongState(action: MonitoringAction, status: MonitoringStatus, needs: String)
    case commentRequired(MonitoringAction)
    /// 提交 while rows still lack what the rules require (偏差原因 where a light asks for it): the rows, named.
    case incomplete(problems: [String])

    public var message: String {
        switch self {
        case .roleNotAllowed(let action, let role):
            let who = action.roles.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "、")
            return "您的角色“\(role.label)”不能\(action.label)（只有\(who)可以）"
        case .wrongState(let action, let status, let needs):
            return "这份监控表当前为“\(status.label)”，不能\(action.label)（需要\(needs)）"
        case .commentRequired(let action):
            return "\(action.label)时必须填写\(action.commentLabel ?? "意见")"
        case .incomplete(let problems):
            let first = problems.prefix(3).joined(separator: "；") + (problems.count > 3 ? "……" : "")
            return "还有 \(problems.count) 处必填内容没有填写，补齐后才能提交：\(first)"
        }
    }
}

public enum MonitoringWorkflow {
    /// Who opens rounds and sees every entry under their organisation: 绩效股 and 财政.
    public static func opensRounds(_ role: Role) -> Bool { role == .performanceReviewer || role == .financeReviewer }

    public enum Outcome: Equatable, Sendable {
        case moves(MonitoringStatus, RectificationStatus)
        case refused(MonitoringRefusal)

        public var isPossible: Bool {
            if case .refused = self { return false }
            return true
        }
    }

    /// The state a reviewer of `role` acts in (and may send back from).
    public static func reviewStep(of role: Role) -> MonitoringStatus? {
        switch role {
        case .unitHead: return .submitted
        case .businessReviewer: return .confirmed
        case .performanceReviewer, .financeReviewer: return .departmentReviewed
        default: return nil
        }
    }

    /// `headConfirmation`: the unit's organisation asks its head to confirm before the department sees it
    /// (the same per-organisation setting as the goals'); a head's own 提交 counts as its confirmation.
    public static func outcome(
        of action: MonitoringAction, by role: Role, status: MonitoringStatus,
        rectification: RectificationStatus, headConfirmation: Bool = true
    ) -> Outcome {
        guard action.roles.contains(role) else { return .refused(.roleNotAllowed(action: action, role: role)) }
        func notNow(_ needs: String) -> Outcome { .refused(.wrongState(action: action, status: status, needs: needs)) }
        switch action {
        case .submit:
            guard status == .filling else { return notNow("填报中") }
            return .moves(headConfirmation && role != .unitHead ? .submitted : .confirmed, rectification)
        case .confirm:
            return status == .submitted ? .moves(.confirmed, rectification) : notNow("待单位负责人确认")
        case .departmentReview:
            return status == .confirmed ? .moves(.departmentReviewed, rectification) : notNow("待主管部门审核")
        case .accept:
            return status == .departmentReviewed ? .moves(.accepted, rectification) : notNow("待财政审核")
        case .sendBack:
            guard let step = reviewStep(of: role) else { return .refused(.roleNotAllowed(action: action, role: role)) }
            return status == step ? .moves(.filling, rectification) : notNow("“\(step.label)”，即轮到\(role.label)时")
        case .requestRectification:
            guard status == .departmentReviewed || status == .accepted else { return notNow("主管部门已审核") }
            return rectification == .none || rectification == .confirmed
                ? .moves(status, .requested) : notNow("没有未完成的整改要求")
        case .answerRectification:
            return rectification == .requested ? .moves(status, .answered) : notNow("有待整改的要求")
        case .confirmRectification:
            return rectification == .answered ? .moves(status, .confirmed) : notNow("单位已填报整改结果")
        }
    }

    /// Beyond the state: the comment of a 退回 / 整改, and for 提交 the rows the rules still want filled
    /// (named by the caller, e.g. "第3行“培训人数”：黄灯须填写偏差原因").
    public static func precondition(of action: MonitoringAction, comment: String?, missing: [String] = []) -> MonitoringRefusal? {
        if action.needsComment, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .commentRequired(action)
        }
        if action == .submit, !missing.isEmpty { return .incomplete(problems: missing) }
        return nil
    }

    /// Only the unit, only while filling.
    public static func editable(by role: Role, status: MonitoringStatus) -> Bool { role.isUnitRole && status == .filling }

    /// Not handed in by the end of its due day (Beijing time).
    public static func isOverdue(status: MonitoringStatus, due: Date, now: Date) -> Bool {
        guard status == .filling else { return false }
        return Workflow.day(now) > Workflow.day(due)
    }

    /// 1–7月: the period's words, as the form's column titles print it.
    public static func periodLabel(_ months: Int) -> String { months <= 1 ? "1月" : "1-\(months)月" }
}
