/// One row of the indicator grid: 一级 → 二级 → 三级 with its target and texts.
/// Field names follow `interchange.md`. This is the plan; what the unit later enters in 自评 (实际完成值,
/// 偏差原因) is kept beside it in `GoalTable.evaluation`, though the JSON still writes it on the indicator.
public struct Indicator: Sendable, Hashable, Codable {
    /// Stable identity of the indicator through editing, moving rows, 调整 and into next year's table;
    /// assigned when the indicator is created or imported (`GoalTable.withIndicatorIDs`), never reused.
    /// Optional on input, always written once assigned (docs/INTERCHANGE-IDS.md).
    public var id: String?
    /// The indicator of last year's table this one continues (carry forward), if any.
    public var previousId: String?
    public var level1: String
    public var level2: String
    public var name: String
    public var type: Comparison
    /// The number as written for quantitative types, the text for 定性.
    public var value: String
    public var unit: String?
    public var explanation: String?
    public var scoring: String?
    public var weight: Double?
    public var basis: String?
    public var lastYear: String?
    public var evidence: String?
    public var note: String?

    public init(
        level1: String, level2: String, name: String, type: Comparison, value: String, unit: String? = nil,
        explanation: String? = nil, scoring: String? = nil, weight: Double? = nil, basis: String? = nil,
        lastYear: String? = nil, evidence: String? = nil, note: String? = nil, id: String? = nil, previousId: String? = nil
    ) {
        self.id = id; self.previousId = previousId
        self.level1 = level1; self.level2 = level2; self.name = name; self.type = type; self.value = value
        self.unit = unit; self.explanation = explanation; self.scoring = scoring; self.weight = weight
        self.basis = basis; self.lastYear = lastYear; self.evidence = evidence; self.note = note
    }

    /// The target as one parsed value (type, number, unit).
    public var target: Target {
        Target.parse(type: type.rawValue, value: value, unit: unit)
    }

    enum CodingKeys: String, CodingKey {
        case id, previousId
        case level1, level2, name, type, value, unit, explanation, scoring, weight, basis, lastYear, evidence, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        previousId = try c.decodeIfPresent(String.self, forKey: .previousId)
        level1 = try c.decodeIfPresent(String.self, forKey: .level1) ?? ""
        level2 = try c.decodeIfPresent(String.self, forKey: .level2) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        let typeText = try c.decodeIfPresent(String.self, forKey: .type) ?? "定性"
        guard let t = Comparison.parse(typeText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "指标值类型“\(typeText)”不是 ≥ > = ≤ < 或 定性")
        }
        type = t
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
        scoring = try c.decodeIfPresent(String.self, forKey: .scoring)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight)
        basis = try c.decodeIfPresent(String.self, forKey: .basis)
        lastYear = try c.decodeIfPresent(String.self, forKey: .lastYear)
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        // Every interchange key is written, null included, so a reader sees the whole shape.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(previousId, forKey: .previousId)
        try c.encode(level1, forKey: .level1)
        try c.encode(level2, forKey: .level2)
        try c.encode(name, forKey: .name)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(scoring, forKey: .scoring)
        try c.encode(weight, forKey: .weight)
        try c.encode(basis, forKey: .basis)
        try c.encode(lastYear, forKey: .lastYear)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(note, forKey: .note)
    }
}
