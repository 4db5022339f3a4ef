import Foundation

/// 角色: what an account may do. Stored as the raw value; shown as the label.
public enum Role: String, Codable, CaseIterable, Sendable {
    case filler // 填报人: fills, imports, submits and self-evaluates the tables of its own unit
    case unitHead // 单位负责人: as the filler, and signs as the unit's head when submitting
    case businessReviewer // 业务股室审核: first review of the units under its organisation
    case performanceReviewer // 绩效股审核: second review; reviews self-evaluations
    case financeReviewer // 财政审核: approves (批复); reviews self-evaluations
    case admin // 系统管理员: organisations and accounts; sees every table, acts on none

    public var label: String {
        switch self {
        case .filler: return "填报人"
        case .unitHead: return "单位负责人"
        case .businessReviewer: return "业务股室审核"
        case .performanceReviewer: return "绩效股审核"
        case .financeReviewer: return "财政审核"
        case .admin: return "系统管理员"
        }
    }

    /// Accounts of a unit work on that unit's own tables; the others review a whole subtree.
    public var isUnitRole: Bool { self == .filler || self == .unitHead }

    /// Reads `填报人` or `filler`.
    public static func parse(_ text: String) -> Role? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return Role(rawValue: t) ?? allCases.first { $0.label == t }
    }
}
