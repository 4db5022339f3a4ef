import Foundation

/// A rule set for the warning lights, as data: the spec's default and the provincial variants
/// are values of this one type, never branches in the code. Codable, so a province's rules can be
/// stored or handed over as JSON; `named(_:)` finds the ready ones.
public struct MonitoringProfile: Sendable, Hashable, Codable {
    /// The key used on the command line and in storage: `default`, `shanxi`, `sichuan` …
    public var name: String
    /// What users read: 默认（财政部口径）, 山西 …
    public var title: String
    /// Ratio bands for indicators (60 / 80 / 120).
    public var bands: Bands
    /// Indicators judged only "within the target or not" (绿 / 红) instead of by bands:
    /// Shanxi's 质量, 时效 and 成本. Empty in the default.
    public var withinTargetDimensions: [IndicatorDimension]
    /// Words of a 三级指标 name or 二级指标 that make it a rate or level, never prorated by months.
    /// Units in % or ‰ and per-unit standards (元/人/月) are levels whatever the name.
    public var levelWords: [String]
    public var budget: BudgetRule
    /// Sichuan: a gap of more than this many points between goal completion and spending is a
    /// warning (黄) on the table. nil: not checked.
    public var goalSpendingGap: Double?
    public var tableRule: TableRule
    public var reasons: ReasonRule
    /// The 偏差原因 categories the form offers.
    public var causes: [DeviationCause]

    public init(
        name: String, title: String, bands: Bands = .standard, withinTargetDimensions: [IndicatorDimension] = [],
        levelWords: [String] = MonitoringProfile.standardLevelWords, budget: BudgetRule = .timeProgress(),
        goalSpendingGap: Double? = nil, tableRule: TableRule = .worst, reasons: ReasonRule = .standard,
        causes: [DeviationCause] = DeviationCause.allCases
    ) {
        self.name = name; self.title = title; self.bands = bands; self.withinTargetDimensions = withinTargetDimensions
        self.levelWords = levelWords; self.budget = budget; self.goalSpendingGap = goalSpendingGap
        self.tableRule = tableRule; self.reasons = reasons; self.causes = causes
    }

    /// 率 (合格率, 及时率, 覆盖率…), 满意度, standards and limits of time: what does not add up over the year.
    public static let standardLevelWords = [
        "率", "满意度", "满意", "标准", "时限", "时间", "周期", "平均", "比例", "占比", "比重", "指数", "水平", "达标", "合格", "及时",
    ]

    /// The spec's default: bands 60/80/120, rates not prorated, budget against 序时进度, the table the
    /// worst of its lights, a reason for every 红 or 黄 and for 有可能 / 完全不可能.
    public static let standard = MonitoringProfile(name: "default", title: "默认（60/80/120，按序时进度）")

    /// Shanxi: the banded ratio only for 数量, 效益 and 满意度; 质量, 时效 and 成本 within the target or not.
    public static let shanxi = MonitoringProfile(
        name: "shanxi", title: "山西（质量、时效、成本只看是否达到指标值）",
        withinTargetDimensions: [.quality, .timeliness, .cost])

    /// Sichuan 2025: the budget judged at fixed checkpoints (25 % by April, 40 % by June, 60 % by
    /// August, 80 % by October), and a gap of more than 10 points between goals and spending warned.
    public static let sichuan = MonitoringProfile(
        name: "sichuan", title: "四川（预算执行按固定节点：4月25%、6月40%、8月60%、10月80%）",
        budget: .checkpoints(), goalSpendingGap: 10)

    /// Ningxia: 偏差原因 required for 红 only.
    public static let ningxia = MonitoringProfile(
        name: "ningxia", title: "宁夏（红灯须填偏差原因）", reasons: ReasonRule(onRed: true, onYellow: false, onDoubt: false))

    /// Tianjin: 偏差原因 for 红, and whenever 完成可能性 is 有可能 / 完全不可能.
    public static let tianjin = MonitoringProfile(
        name: "tianjin", title: "天津（红灯及“有可能”“完全不可能”须填偏差原因）",
        reasons: ReasonRule(onRed: true, onYellow: false, onDoubt: true))

    /// Hefei, department level: spending and goals on track → 绿; spending on track, goals not → 黄;
    /// spending not on track → 红.
    public static let hefei = MonitoringProfile(
        name: "hefei", title: "合肥（部门整体：先看支出，再看目标）", tableRule: .spendingThenGoals)

    /// The ready profiles, the default first.
    public static let builtIn: [MonitoringProfile] = [.standard, .shanxi, .sichuan, .ningxia, .tianjin, .hefei]

    /// A ready profile by its key (`shanxi`), its Chinese name (`山西`, a prefix of the title) or, for
    /// the default, `默认` / `standard`. nil when none matches.
    public static func named(_ text: String) -> MonitoringProfile? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        let lower = t.lowercased()
        if lower == "standard" || t == "默认" { return .standard }
        if let p = builtIn.first(where: { $0.name == lower }) { return p }
        if lower == "checkpoint" || lower == "checkpoints" || t == "固定节点" { return .sichuan }
        return builtIn.first { $0.title.hasPrefix(t) }
    }
}

/// How the budget light is judged.
public struct BudgetRule: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// 执行率 ÷ 序时进度 (m/12) in bands.
        case timeProgress
        /// 执行率 against the threshold of the latest checkpoint reached.
        case checkpoints
    }
    public var kind: Kind
    /// For `timeProgress`: < 60 → 红, 60–80 → 黄, ≥ 80 → 绿 (no 蓝).
    public var bands: Bands
    /// For `checkpoints`: month → minimum 执行率 in %.
    public var checkpoints: [Checkpoint]
    /// For `checkpoints`: the light below the threshold.
    public var belowCheckpoint: Light

    public init(
        kind: Kind, bands: Bands = Bands(red: 60, yellow: 80), checkpoints: [Checkpoint] = [], belowCheckpoint: Light = .red
    ) {
        self.kind = kind; self.bands = bands; self.checkpoints = checkpoints; self.belowCheckpoint = belowCheckpoint
    }

    public static func timeProgress(_ bands: Bands = Bands(red: 60, yellow: 80)) -> BudgetRule {
        BudgetRule(kind: .timeProgress, bands: bands)
    }

    /// Sichuan 2025's checkpoints: 4月 25 %, 6月 40 %, 8月 60 %, 10月 80 %.
    public static func checkpoints(
        _ points: [Checkpoint] = [
            Checkpoint(month: 4, minimumRate: 25), Checkpoint(month: 6, minimumRate: 40),
            Checkpoint(month: 8, minimumRate: 60), Checkpoint(month: 10, minimumRate: 80),
        ], below: Light = .red
    ) -> BudgetRule {
        BudgetRule(kind: .checkpoints, checkpoints: points, belowCheckpoint: below)
    }
}

/// By the end of `month`, at least `minimumRate` % of the budget should be spent.
public struct Checkpoint: Sendable, Hashable, Codable {
    public var month: Int
    public var minimumRate: Double
    public init(month: Int, minimumRate: Double) { self.month = month; self.minimumRate = minimumRate }
}

/// How a table's light follows from its budget and indicator lights.
public enum TableRule: String, Sendable, Hashable, Codable {
    /// The worst of the budget's and the indicators' lights (the spec's default).
    case worst
    /// Hefei (department level): spending off track → 红; spending on track but a goal off track → 黄;
    /// both on track → 绿.
    case spendingThenGoals
}

/// When a 偏差原因 (a category ticked and 原因说明 written) is required for an indicator.
public struct ReasonRule: Sendable, Hashable, Codable {
    public var onRed: Bool
    public var onYellow: Bool
    /// When 完成目标可能性 is 有可能 or 完全不可能.
    public var onDoubt: Bool
    public init(onRed: Bool, onYellow: Bool, onDoubt: Bool) {
        self.onRed = onRed; self.onYellow = onYellow; self.onDoubt = onDoubt
    }
    /// The spec's default: every 红 or 黄, and every doubtful 完成可能性.
    public static let standard = ReasonRule(onRed: true, onYellow: true, onDoubt: true)
}
