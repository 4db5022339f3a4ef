import Foundation

/// The phases a goal table goes through in its year, each with a state machine of its own (`Workflow`).
/// Monitoring rounds (运行监控, one per period) will be a phase of the same shape.
public enum Phase: String, Codable, CaseIterable, Sendable {
    /// 申报 and review of the goals, ending in 批复; an 调整 is the same phase on a new version.
    case goals
    /// 自评 after 批复: actuals, scores, 复核.
    case selfEvaluation = "self-evaluation"

    public var label: String {
        switch self {
        case .goals: return "绩效目标"
        case .selfEvaluation: return "自评"
        }
    }
}

/// 状态: where a table's goals are in review. Stored as the raw value.
public enum TableStatus: String, Codable, CaseIterable, Sendable {
    case draft
    /// Submitted by a filler of an organisation that wants its unit head to confirm first (单位负责人确认).
    case awaitingConfirmation
    case submitted, businessReviewed, performanceReviewed, approved
    /// An approved table whose 调整 has been approved in its turn: kept for the record, read-only.
    case superseded

    public var label: String {
        switch self {
        case .draft: return "草稿"
        case .awaitingConfirmation: return "待单位负责人确认"
        case .submitted: return "已提交"
        case .businessReviewed: return "业务股室已审"
        case .performanceReviewed: return "绩效股已审"
        case .approved: return "已批复"
        case .superseded: return "已被调整取代"
        }
    }

    /// Stored text to status; anything unknown (older data) reads as a draft.
    public init(stored: String) { self = TableStatus(rawValue: stored) ?? .draft }
}

/// 自评状态: the self-evaluation's own small workflow, once the goals are approved.
public enum EvaluationStatus: String, Codable, CaseIterable, Sendable {
    case draft, submitted, reviewed

    public var label: String {
        switch self {
        case .draft: return "草稿"
        case .submitted: return "已提交"
        case .reviewed: return "已复核"
        }
    }

    public init(stored: String) { self = EvaluationStatus(rawValue: stored) ?? .draft }
}
