import GoalCore

/// One problem the checker found: where it is, how serious, what was seen and, where clear, the fix.
public struct Finding: Sendable, Hashable, Codable {
    /// 0-based index of the table in the document.
    public var table: Int
    /// 0-based index of the indicator row in its table; nil for a finding about the whole table.
    public var indicator: Int?
    /// The indicator's stable id (`Indicator.id`), when it has one: programs key on this, people read the row.
    public var indicatorId: String?
    /// The column the finding points at, when one.
    public var field: IndicatorField?
    public var severity: Severity
    /// The stable rule code (`F02`, `D01`…), see `RuleCatalogue`.
    public var code: String
    /// For a finding about an import note: the note's code (`level1-inferred`, `ImportNote.Code`).
    public var importCode: String?
    /// Chinese, naming the place and what was seen.
    public var message: String
    /// Chinese, the fix where one is clear.
    public var suggestion: String?
    /// The name of the profile whose rule produced the finding (`current`, `legacy`, a file's name).
    public var profile: String

    public init(
        table: Int, indicator: Int?, field: IndicatorField?, severity: Severity, code: String,
        message: String, suggestion: String?, profile: String, importCode: String? = nil
    ) {
        self.table = table; self.indicator = indicator; self.field = field; self.severity = severity
        self.code = code; self.message = message; self.suggestion = suggestion; self.profile = profile
        self.importCode = importCode
    }

    /// Which profile rule produced the finding, as users can look it up: `current/D01`.
    public var profileRule: String { "\(profile)/\(code)" }
}

extension Finding {
    /// Document order: by table, table-wide findings first, then by row; most severe first within a place.
    public static func documentOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.table != b.table { return a.table < b.table }
        let ra = a.indicator ?? -1, rb = b.indicator ?? -1
        if ra != rb { return ra < rb }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.code < b.code
    }
}
