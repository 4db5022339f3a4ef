/// Each field of an indicator row is declared once, in `IndicatorField`: the heading the forms print
/// (`label`), the phase of the year that writes it (`phase`), and how it reads and writes as text
/// (`text(of:)`, `set(_:in:)`). The goals/self-evaluation split (`GoalTable.goalPart`), the diff
/// (`TableDiff`) and the carrying of phase values through 调整 (`GoalTable.carryingPhaseValues`) all
/// walk this one list, so a new field is added in one place.
public enum FieldPhase: String, Sendable, Hashable, Codable {
    /// 申报: the goals finance approves.
    case plan
    /// 自评: entered after the year, on the approved goals.
    case selfEvaluation = "self-evaluation"
}

extension IndicatorField {
    /// The fields stored on an indicator row (`score` is computed, never stored).
    public static let stored: [IndicatorField] = allCases.filter { $0 != .score }

    public var phase: FieldPhase {
        switch self {
        case .actual, .deviation, .score: return .selfEvaluation
        default: return .plan
        }
    }

    /// The field as the form prints it: `≥100人` is three fields (type, value, unit), each its own text here.
    public func text(of i: Indicator) -> String? {
        switch self {
        case .level1: return i.level1
        case .level2: return i.level2
        case .name: return i.name
        case .type: return i.type.rawValue
        case .value: return i.value
        case .unit: return i.unit
        case .explanation: return i.explanation
        case .scoring: return i.scoring
        case .weight: return i.weight.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        case .basis: return i.basis
        case .lastYear: return i.lastYear
        case .evidence: return i.evidence
        case .note: return i.note
        case .actual: return i.actual
        case .deviation: return i.deviation
        case .score: return nil
        }
    }

    /// Clears the field (used for the phase split: the goals without the self-evaluation and back).
    public func clear(in i: inout Indicator) {
        switch self {
        case .actual: i.actual = nil
        case .deviation: i.deviation = nil
        case .unit: i.unit = nil
        case .explanation: i.explanation = nil
        case .scoring: i.scoring = nil
        case .weight: i.weight = nil
        case .basis: i.basis = nil
        case .lastYear: i.lastYear = nil
        case .evidence: i.evidence = nil
        case .note: i.note = nil
        case .level1: i.level1 = ""
        case .level2: i.level2 = ""
        case .name: i.name = ""
        case .value: i.value = ""
        case .type: i.type = .qualitative
        case .score: break
        }
    }

    /// Copies the field from `source` into `target`.
    public func copy(from source: Indicator, to target: inout Indicator) {
        switch self {
        case .actual: target.actual = source.actual
        case .deviation: target.deviation = source.deviation
        case .level1: target.level1 = source.level1
        case .level2: target.level2 = source.level2
        case .name: target.name = source.name
        case .type: target.type = source.type
        case .value: target.value = source.value
        case .unit: target.unit = source.unit
        case .explanation: target.explanation = source.explanation
        case .scoring: target.scoring = source.scoring
        case .weight: target.weight = source.weight
        case .basis: target.basis = source.basis
        case .lastYear: target.lastYear = source.lastYear
        case .evidence: target.evidence = source.evidence
        case .note: target.note = source.note
        case .score: break
        }
    }

    /// How the diff names the field (the form's words; the target is compared as one `≥100人`).
    var diffLabel: String {
        switch self {
        case .explanation: return "指标值说明"
        case .weight: return "权重（分值）"
        case .basis: return "指标值设定依据"
        case .deviation: return "偏差原因"
        default: return label
        }
    }
}
