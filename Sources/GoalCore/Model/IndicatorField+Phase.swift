/// Each field of an indicator row is declared once, in `IndicatorField`: the heading the forms print
/// (`label`), the phase of the year that writes it (`phase`), and how it reads, clears and copies
/// (`text(at:in:)`, `clear(at:in:)`, `copy(from:at:to:at:)`). Plan fields live on the `Indicator`, the
/// self-evaluation's in the record beside the plan (`GoalTable.evaluation`, by indicator id); these reach
/// each where it lives, so callers never need to know. The goals/self-evaluation split (`GoalTable.goalPart`), the diff
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

    /// The fields of `phase`, in form order.
    public static func stored(in phase: FieldPhase) -> [IndicatorField] { stored.filter { $0.phase == phase } }

    /// The field of row `row` of `table` as the form prints it: `≥100人` is three fields (type, value,
    /// unit), each its own text here.
    public func text(at row: Int, in table: GoalTable) -> String? {
        let i = table.indicators[row]
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
        case .actual: return table.actual(at: row)
        case .deviation: return table.deviation(at: row)
        case .score: return nil
        }
    }

    /// Clears the field of row `row` (used for the phase split: the goals without the self-evaluation and back).
    public func clear(at row: Int, in table: inout GoalTable) {
        switch self {
        case .actual: table.setActual(nil, at: row); return
        case .deviation: table.setDeviation(nil, at: row); return
        default: break
        }
        Self.clearPlan(self, in: &table.indicators[row])
    }

    private static func clearPlan(_ field: IndicatorField, in i: inout Indicator) {
        switch field {
        case .actual, .deviation: break
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

    /// Copies the field of row `row` of `source` into row `targetRow` of `target`.
    public func copy(from source: GoalTable, at row: Int, to target: inout GoalTable, at targetRow: Int) {
        switch self {
        case .actual: target.setActual(source.actual(at: row), at: targetRow); return
        case .deviation: target.setDeviation(source.deviation(at: row), at: targetRow); return
        default: break
        }
        Self.copyPlan(self, from: source.indicators[row], to: &target.indicators[targetRow])
    }

    private static func copyPlan(_ field: IndicatorField, from source: Indicator, to target: inout Indicator) {
        switch field {
        case .actual, .deviation: break
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
