import GoalCore

/// 值标准: where a target's figure comes from (the forms' 指标值设定依据).
public enum ValueStandard: String, Sendable, Hashable, Codable, CaseIterable {
    case plan = "计划标准"
    case history = "历史标准"
    case industry = "行业标准"
    case budget = "预算支出标准"

    /// Reads the standard from a cell or a 依据 text that names one.
    public static func find(in text: String?) -> ValueStandard? {
        guard let text, !text.isEmpty else { return nil }
        return allCases.first { text.contains($0.rawValue) } ?? allCases.first { text.contains(String($0.rawValue.dropLast(2))) }
    }
}

/// Finance's mark on an entry.
public enum LibraryMark: String, Sendable, Hashable, Codable, CaseIterable {
    case recommended = "推荐"
    case retired = "停用"
}

/// Where an entry comes from.
public enum LibraryOrigin: String, Sendable, Hashable, Codable {
    /// Only from approved tables.
    case tables = "已批复表"
    /// A common indicator of the forms or of the built-in seed tables.
    case builtIn = "共性指标"
    /// Added by finance.
    case finance = "财政添加"
}

/// One indicator as it was filled in one table: what the library is built from.
public struct LibrarySample: Sendable, Hashable, Codable {
    public var tableID: String
    public var unit: String
    public var year: Int?
    public var kind: TableKind?
    public var level1: String
    public var level2: String
    public var name: String
    public var type: Comparison
    public var target: Double?
    public var targetUnit: String?
    public var actual: Double?
    public var explanation: String?
    public var scoring: String?
    public var standard: ValueStandard?

    public init(
        tableID: String, unit: String, year: Int?, kind: TableKind?, level1: String, level2: String, name: String,
        type: Comparison, target: Double?, targetUnit: String?, actual: Double? = nil, explanation: String? = nil,
        scoring: String? = nil, standard: ValueStandard? = nil
    ) {
        self.tableID = tableID; self.unit = unit; self.year = year; self.kind = kind
        self.level1 = level1; self.level2 = level2; self.name = name; self.type = type
        self.target = target; self.targetUnit = targetUnit; self.actual = actual
        self.explanation = explanation; self.scoring = scoring; self.standard = standard
    }

    /// The samples of a table: its indicators, with the actuals of its 自评 where entered.
    public static func of(_ t: GoalTable, tableID: String) -> [LibrarySample] {
        zip(t.indicators, t.evaluationsByRow).map { ind, values in
            let target = ind.target
            let actual = values.actual.flatMap { Target.parse(type: ind.type.rawValue, value: $0, unit: ind.unit).number }
            return LibrarySample(
                tableID: tableID, unit: t.unit, year: t.year, kind: t.kind, level1: ind.level1, level2: ind.level2,
                name: ind.name, type: ind.type, target: target.number, targetUnit: present(target.unit ?? ind.unit),
                actual: actual, explanation: present(ind.explanation), scoring: present(ind.scoring),
                standard: ValueStandard.find(in: ind.basis))
        }
    }
}

func present(_ s: String?) -> String? {
    guard let s else { return nil }
    let t = TextNormalizer.trim(s)
    return t.isEmpty ? nil : t
}

/// The spread of figures in one unit: how many, median, least and greatest.
public struct Spread: Sendable, Hashable, Codable {
    public var count: Int
    public var median: Double
    public var min: Double
    public var max: Double

    public init(count: Int, median: Double, min: Double, max: Double) {
        self.count = count; self.median = median; self.min = min; self.max = max
    }

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let n = s.count
        let median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        self.init(count: n, median: median, min: s[0], max: s[n - 1])
    }
}

/// A text and how many tables wrote it.
public struct UsedText: Sendable, Hashable, Codable {
    public var text: String
    public var count: Int
    public init(text: String, count: Int) { self.text = text; self.count = count }
}

/// One entry of the library (指标库): an indicator name with what the tables that use it have in common.
public struct LibraryEntry: Sendable, Hashable, Codable, Identifiable {
    /// `LibraryText.key(name)`: the entry's identity, kept by marks and by export and import.
    public var key: String
    public var name: String
    public var level1: String
    public var level2: String
    public var type: Comparison
    public var unit: String?
    /// How many of the samples agree with the usual 二级, type and unit (0…1).
    public var level2Share: Double
    public var typeShare: Double
    public var unitShare: Double
    public var kinds: [TableKind]
    /// How many tables use it, and of how many units.
    public var tables: Int
    public var units: Int
    /// Targets and last actuals in the usual unit.
    public var targets: Spread?
    public var actuals: Spread?
    public var explanations: [UsedText]
    public var scorings: [UsedText]
    public var standard: ValueStandard?
    public var mark: LibraryMark?
    public var origin: LibraryOrigin

    public var id: String { key }

    /// What the unit counts (比率, 金额, 人数…), for the search's unit-type filter.
    public var unitType: UnitType { UnitType(unit) }

    public init(
        key: String? = nil, name: String, level1: String, level2: String, type: Comparison, unit: String?,
        level2Share: Double = 1, typeShare: Double = 1, unitShare: Double = 1, kinds: [TableKind] = [], tables: Int = 0,
        units: Int = 0, targets: Spread? = nil, actuals: Spread? = nil, explanations: [UsedText] = [],
        scorings: [UsedText] = [], standard: ValueStandard? = nil, mark: LibraryMark? = nil, origin: LibraryOrigin
    ) {
        self.key = key ?? LibraryText.key(name)
        self.name = name; self.level1 = level1; self.level2 = level2; self.type = type; self.unit = unit
        self.level2Share = level2Share; self.typeShare = typeShare; self.unitShare = unitShare
        self.kinds = kinds; self.tables = tables; self.units = units; self.targets = targets; self.actuals = actuals
        self.explanations = explanations; self.scorings = scorings; self.standard = standard; self.mark = mark
        self.origin = origin
    }
}

/// 单位类型: what a unit of measure counts, in the words of the search filter.
public enum UnitType: String, Sendable, Hashable, Codable, CaseIterable {
    case ratio = "比率"
    case money = "金额"
    case people = "人数"
    case times = "次数"
    case time = "时间"
    case other = "其他"
    case none = "无单位"

    public init(_ unit: String?) {
        guard let unit, !unit.isEmpty else { self = .none; return }
        switch MeasureUnit(unit).dimension {
        case .ratio: self = .ratio
        case .money, .moneyPer: self = .money
        case .people, .personTimes: self = .people
        case .times: self = .times
        case .time: self = .time
        case .other: self = .other
        }
    }
}

/// What finance changed: a mark, a value standard, or a whole entry of its own (or overriding the
/// usual fields of one built from the tables). Keyed by the entry's key.
public struct LibraryOverride: Sendable, Hashable, Codable {
    public var key: String
    public var mark: LibraryMark?
    public var standard: ValueStandard?
    /// An entry finance wrote: its fields replace the usual ones; the statistics stay the tables'.
    public var entry: LibraryEntry?

    public init(key: String, mark: LibraryMark? = nil, standard: ValueStandard? = nil, entry: LibraryEntry? = nil) {
        self.key = key; self.mark = mark; self.standard = standard; self.entry = entry
    }
}
