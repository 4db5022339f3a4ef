import GoalCore

/// Something a reviewer should look at in a scored table. Flags do not change a score; each names
/// its place in words finance staff use: `第1张表 第3行指标“网络故障处理率” 实际完成值`.
public struct ScoreFlag: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The scoring text could not be read into a rule; the method or type default was used.
        case ruleNotUnderstood
        /// The weight and the points the scoring text names differ.
        case weightMismatch
        /// Neither a weight nor points in the scoring text: the row could not be scored.
        case missingWeight
        /// No actual: scored 0.
        case missingActual
        /// An actual that could not be read as the rule needs (text for a number, an unknown grade).
        case unreadableActual
        /// An actual read with a liberty: a unit converted, 约 dropped, a formula computed.
        case actualInterpreted
        /// A target of 0 where the rule divides by it.
        case zeroTarget
        /// Below full points without 偏差原因分析及改进措施.
        case deviationMissing
        /// An actual 30% or more beyond a `≥` target: the target was set too low.
        case targetTooLow
        /// Budget execution under 90% without an explanation.
        case executionUnexplained
        /// Budget execution figures that cannot be scored (budget 0, negative numbers).
        case executionInvalid
        /// The total was capped by the execution rate.
        case totalCapped
    }

    public enum Severity: String, Sendable, Hashable, Codable {
        /// The score may be wrong until this is fixed.
        case error
        /// The score stands, but a reviewer will ask about it.
        case warning
        /// For the record.
        case info

        public var label: String {
            switch self {
            case .error: return "错误"
            case .warning: return "提示"
            case .info: return "说明"
            }
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// What is wrong, after the place: "未填写实际完成值，按0分计".
    public var detail: String
    /// Where, in words: the table, the row and its name, the field.
    public var place: ScorePlace
    public var field: IndicatorField?

    public init(_ kind: Kind, _ severity: Severity, _ detail: String, at place: ScorePlace, field: IndicatorField? = nil) {
        self.kind = kind; self.severity = severity; self.detail = detail; self.place = place; self.field = field
    }

    /// One line in Chinese, beginning with the place: `第1张表 第3行指标“网络故障处理率” 实际完成值：…`.
    public var message: String { ArithmeticText.oneLine("\(place.describe(field))：\(detail)") }
    /// 0-based table and indicator, the field concerned.
    public var location: SourceLocation { place.location(field) }

    enum CodingKeys: String, CodingKey { case kind, severity, message, location }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind); try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message); try c.encode(location, forKey: .location)
    }
}

/// The words for a place in a table: `第1张表 第3行指标“网络故障处理率”`.
public struct ScorePlace: Sendable, Hashable {
    public var table: Int
    public var indicator: Int?
    public var name: String?

    public init(table: Int, indicator: Int? = nil, name: String? = nil) {
        self.table = table; self.indicator = indicator; self.name = name
    }

    public func describe(_ field: IndicatorField? = nil) -> String {
        let f = field.map { " " + $0.label } ?? ""
        guard let i = indicator else { return "第\(table + 1)张表\(f)" }
        if let n = name, !n.isEmpty { return "第\(table + 1)张表 第\(i + 1)行指标“\(n)”\(f)" }
        return "第\(table + 1)张表 第\(i + 1)行指标（未填名称）\(f)"
    }

    public func location(_ field: IndicatorField? = nil) -> SourceLocation {
        SourceLocation(table: table, indicator: indicator, field: field)
    }

    func flag(_ kind: ScoreFlag.Kind, _ severity: ScoreFlag.Severity, _ field: IndicatorField?, _ text: String) -> ScoreFlag {
        ScoreFlag(kind, severity, text, at: self, field: field)
    }
}
