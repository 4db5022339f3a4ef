import GoalCore

/// A finding as programs read it, one shape for `jixiao check --format json` and `POST /api/v1/check`:
/// `{"table", "indicator", "indicatorId", "field", "fieldLabel", "severity", "severityLabel", "code",
/// "importCode", "message", "suggestion", "rule", "profile"}`, table and indicator counted from 0,
/// every key written (null where there is nothing).
public struct FindingJSON: Sendable, Hashable, Codable {
    public var table: Int
    public var indicator: Int?
    /// The indicator's id (interchange `id`), when the table carries ids.
    public var indicatorId: String?
    public var field: String?
    public var fieldLabel: String?
    public var severity: String
    public var severityLabel: String
    /// The rule's code (`F02`).
    public var code: String
    /// The import note's code (`level1-inferred`) for a finding about what the importer did.
    public var importCode: String?
    public var message: String
    public var suggestion: String?
    /// `profile/code` (`current/F02`), as users look the rule up.
    public var rule: String
    /// The profile whose rule found it (`current`, `legacy`, a file's name).
    public var profile: String

    public init(_ f: Finding) {
        table = f.table; indicator = f.indicator; indicatorId = f.indicatorId
        field = f.field?.rawValue; fieldLabel = f.field?.label
        severity = f.severity.rawValue; severityLabel = f.severity.label
        code = f.code; importCode = f.importCode; message = f.message; suggestion = f.suggestion
        rule = f.profileRule; profile = f.profile
    }

    public enum CodingKeys: String, CodingKey {
        case table, indicator, indicatorId, field, fieldLabel, severity, severityLabel, code, importCode, message, suggestion
        case rule, profile
    }

    /// Nulls written: every finding has every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(table, forKey: .table)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(indicatorId, forKey: .indicatorId)
        try c.encode(field, forKey: .field)
        try c.encode(fieldLabel, forKey: .fieldLabel)
        try c.encode(severity, forKey: .severity)
        try c.encode(severityLabel, forKey: .severityLabel)
        try c.encode(code, forKey: .code)
        try c.encode(importCode, forKey: .importCode)
        try c.encode(message, forKey: .message)
        try c.encode(suggestion, forKey: .suggestion)
        try c.encode(rule, forKey: .rule)
        try c.encode(profile, forKey: .profile)
    }
}
