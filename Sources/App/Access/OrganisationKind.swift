/// 机构类型: the three levels of the organisation tree.
enum OrganisationKind: String, Codable, CaseIterable, Sendable {
    case finance // 财政局
    case department // 主管部门
    case unit // 单位

    var label: String {
        switch self {
        case .finance: return "财政局"
        case .department: return "主管部门"
        case .unit: return "单位"
        }
    }

    static func parse(_ text: String) -> OrganisationKind? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return OrganisationKind(rawValue: t) ?? allCases.first { $0.label == t }
    }
}
