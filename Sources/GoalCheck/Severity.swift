/// How sure the checker is that a reviewer would send the table back.
/// `error`: the table breaks a filling rule printed on the form (填表说明).
/// `warning`: a reviewer would likely return it. `hint`: worth a look, a judgement call.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case error
    case warning
    case hint

    /// What users read: 错误 / 警告 / 提示.
    public var label: String {
        switch self {
        case .error: return "错误"
        case .warning: return "警告"
        case .hint: return "提示"
        }
    }

    /// Most severe first, so that sorting ascending lists errors before hints.
    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .hint: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
