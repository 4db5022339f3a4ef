/// A check rule: a stable code users and profiles refer to, its default severity and what it looks for.
public struct Rule: Sendable, Hashable, Codable {
    /// Stable code: `F` filling rules (填表说明), `D` direction, `R` a row with itself,
    /// `T` rows with each other and with the table, `Y` across years and units, `I` what the importer repaired or could not read.
    public var code: String
    public var severity: Severity
    public var family: Family
    /// What the rule looks for, in Chinese.
    public var title: String

    public enum Family: String, Sendable, Hashable, Codable, CaseIterable {
        case filling, direction, row, table, history, importNotes

        public var label: String {
            switch self {
            case .filling: return "填表规则"
            case .direction: return "指标方向"
            case .row: return "行内一致"
            case .table: return "行间与全表一致"
            case .history: return "跨年度与跨单位"
            case .importNotes: return "导入修复与缺失"
            }
        }
    }

    public init(_ code: String, _ severity: Severity, _ family: Family, _ title: String) {
        self.code = code; self.severity = severity; self.family = family; self.title = title
    }
}
