import GoalCore

/// The cells of one indicator row by the field they were placed in. A dictionary keyed by
/// `IndicatorField` hashed the field on every read of every row; this is an array indexed by it.
struct RowFields: ExpressibleByDictionaryLiteral {
    private var values = [String?](repeating: nil, count: 16)

    /// No field filled: without the variadic array a `[:]` literal passes, once per row.
    init() {}

    init(dictionaryLiteral elements: (IndicatorField, String)...) {
        for (f, v) in elements { self[f] = v }
    }

    subscript(_ field: IndicatorField) -> String? {
        get { values[Self.slot(field)] }
        set { values[Self.slot(field)] = newValue }
    }

    /// Each field's place in `values` (a switch: adding a field fails to compile until it has one).
    private static func slot(_ field: IndicatorField) -> Int {
        switch field {
        case .level1: 0
        case .level2: 1
        case .name: 2
        case .type: 3
        case .value: 4
        case .unit: 5
        case .explanation: 6
        case .scoring: 7
        case .weight: 8
        case .basis: 9
        case .lastYear: 10
        case .evidence: 11
        case .note: 12
        case .actual: 13
        case .deviation: 14
        case .score: 15
        }
    }
}
