/// One row of the indicator grid: 一级 → 二级 → 三级 with its target and texts.
/// Field names follow `interchange.md`; `actual` and `deviation` are the self-evaluation inputs.
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
    /// 实际完成值, as written (self-evaluation).
    public var actual: String?
    /// 偏差原因分析及改进措施 (self-evaluation).
    public var deviation: String?

    public init(
        level1: String, level2: String, name: String, type: Comparison, value: String, unit: String? = nil,
        explanation: String? = nil, scoring: String? = nil, weight: Double? = nil, basis: String? = nil,
        lastYear: String? = nil, evidence: String? = nil, note: String? = nil,
        actual: String? = nil, deviation: String? = nil, id: String? = nil, previousId: String? = nil
    ) {
        self.id = id; self.previousId = previousId
        self.level1 = level1; self.level2 = level2; self.name = name; self.type = type; self.value = value
        self.unit = unit; self.explanation = explanation; self.scoring = scoring; self.weight = weight
        self.basis = basis; self.lastYear = lastYear; self.evidence = evidence; self.note = note
        self.actual = actual; self.deviation = deviation
    }

    /// The target as one parsed value (type, number, unit).
    public var target: Target {
        Target.parse(type: type.rawValue, value: value, unit: unit)
    }

    enum CodingKeys: String, CodingKey {
        case id, previousId
        case level1, level2, name, type, value, unit, explanation, scoring, weight, basis, lastYear, evidence, note
        case actual, deviation
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
        actual = try Self.decodeLooseString(c, .actual)
        deviation = try c.decodeIfPresent(String.self, forKey: .deviation)
    }

    /// `actual` may arrive as a JSON number from a program; it is kept as the text of that number.
    private static func decodeLooseString(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        if let s = try? c.decodeIfPresent(String.self, forKey: key) { return s }
        if let d = try? c.decodeIfPresent(Double.self, forKey: key) { return TextNormalizer.format(d, decimals: 6) }
        return nil
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
        try c.encodeIfPresent(actual, forKey: .actual)
        try c.encodeIfPresent(deviation, forKey: .deviation)
    }
}

/// The fields of an indicator row, with the column names users know them by.
public enum IndicatorField: String, Sendable, Hashable, Codable, CaseIterable {
    case level1, level2, name, type, value, unit, explanation, scoring, weight, basis, lastYear, evidence, note
    case actual, deviation, score

    /// The column heading on the forms.
    public var label: String {
        switch self {
        case .level1: return "一级指标"
        case .level2: return "二级指标"
        case .name: return "三级指标"
        case .type: return "指标值类型"
        case .value: return "指标值"
        case .unit: return "计量单位"
        case .explanation: return "指标解释"
        case .scoring: return "评（扣）分标准"
        case .weight: return "分值"
        case .basis: return "指标值设置依据"
        case .lastYear: return "上年完成值"
        case .evidence: return "佐证资料"
        case .note: return "备注"
        case .actual: return "实际完成值"
        case .deviation: return "偏差原因分析及改进措施"
        case .score: return "得分"
        }
    }

    /// The heading as `kind`'s own form prints it: the 项目支出 form calls 分值 and 评（扣）分标准
    /// 指标分值权重 and 指标赋分规则, the 省级整体 form calls 指标解释 指标值说明. Screens, print and
    /// .xlsx all use these, so a form reads the same everywhere.
    public func label(for kind: TableKind) -> String {
        switch (kind, self) {
        case (.project, .weight): return "指标分值权重"
        case (.project, .scoring): return "指标赋分规则"
        case (.provincial, .explanation): return "指标值说明"
        default: return label
        }
    }
}

extension Indicator {
    /// The target as the forms print it in one cell: `≥100人`, `=100%`, or the text of a 定性 target.
    /// The one place a target is written as text (print view, pages, diffs, score reports, facts).
    public var targetText: String { Self.targetText(type: type, value: value, unit: unit) }

    /// How a target is written as text, for a value already cut to fit (a finding's `≥95…%`):
    /// the operator, the value and the unit; the value alone for a 定性 target.
    public static func targetText(type: Comparison, value: String, unit: String?) -> String {
        type == .qualitative ? value : type.rawValue + value + (unit ?? "")
    }
}
