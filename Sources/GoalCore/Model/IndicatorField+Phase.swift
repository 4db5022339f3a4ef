/// Each field of an indicator row is declared once, in `IndicatorField`: the heading the forms print
/// (`label`), the phase of the year that writes it (`phase`), and how it reads, clears and copies on a
/// row (`text(of:)`, `clear(in:)`, `copy(from:to:)`). A row (`IndicatorRow`) is the plan's `Indicator` and
/// what was entered for it in 自评, which the table keeps beside the plan by indicator id
/// (`GoalTable.evaluation`); the field reaches whichever holds it, so callers never need to know. The goals/self-evaluation split (`GoalTable.goalPart`), the diff
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

    /// The field of `row` as the form prints it: `≥100人` is three fields (type, value, unit), each its own
    /// text here. Plan fields come from the indicator, 自评 fields from what was entered beside it.
    public func text(of row: IndicatorRow) -> String? {
        let i = row.indicator
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
        case .actual: return row.evaluation.actual
        case .deviation: return row.evaluation.deviation
        case .score: return nil
        }
    }

    /// The field of row `row` of `table` (for one row; loops over a table read `table.rows` once).
    public func text(at row: Int, in table: GoalTable) -> String? { text(of: table.row(at: row)) }

    /// Clears the field (used for the phase split: the goals without the self-evaluation and back).
    public func clear(in row: inout IndicatorRow) {
        switch self {
        case .actual: row.evaluation.actual = nil
        case .deviation: row.evaluation.deviation = nil
        case .unit: row.indicator.unit = nil
        case .explanation: row.indicator.explanation = nil
        case .scoring: row.indicator.scoring = nil
        case .weight: row.indicator.weight = nil
        case .basis: row.indicator.basis = nil
        case .lastYear: row.indicator.lastYear = nil
        case .evidence: row.indicator.evidence = nil
        case .note: row.indicator.note = nil
        case .level1: row.indicator.level1 = ""
        case .level2: row.indicator.level2 = ""
        case .name: row.indicator.name = ""
        case .value: row.indicator.value = ""
        case .type: row.indicator.type = .qualitative
        case .score: break
        }
    }

    /// Copies the field from `source` into `target`.
    public func copy(from source: IndicatorRow, to target: inout IndicatorRow) {
        switch self {
        case .actual: target.evaluation.actual = source.evaluation.actual
        case .deviation: target.evaluation.deviation = source.evaluation.deviation
        case .level1: target.indicator.level1 = source.indicator.level1
        case .level2: target.indicator.level2 = source.indicator.level2
        case .name: target.indicator.name = source.indicator.name
        case .type: target.indicator.type = source.indicator.type
        case .value: target.indicator.value = source.indicator.value
        case .unit: target.indicator.unit = source.indicator.unit
        case .explanation: target.indicator.explanation = source.indicator.explanation
        case .scoring: target.indicator.scoring = source.indicator.scoring
        case .weight: target.indicator.weight = source.indicator.weight
        case .basis: target.indicator.basis = source.indicator.basis
        case .lastYear: target.indicator.lastYear = source.indicator.lastYear
        case .evidence: target.indicator.evidence = source.indicator.evidence
        case .note: target.indicator.note = source.indicator.note
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
