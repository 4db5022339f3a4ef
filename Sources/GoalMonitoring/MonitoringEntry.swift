import GoalCore

/// What a unit files for one goal table in one monitoring round: the 项目支出（部门整体）绩效目标执行监控表
/// for the period 1–`period`月. The plan (indicators, targets) stays in the `GoalTable`; this holds
/// only what the form adds, each indicator's values keyed by `Indicator.id`.
public struct MonitoringEntry: Sendable, Hashable, Codable {
    /// The last month of the period (1–12): 7 for 1-7月, the central default.
    public var period: Int
    /// 项目资金（万元）: one row per line of the budget block, 年度资金总额 first as the form has it.
    public var budget: [BudgetRow]
    /// 年度总体目标 执行情况: how the year's goal is going, in words.
    public var goalProgress: String?
    /// One row per indicator of the approved table, by id.
    public var indicators: [IndicatorProgress]
    /// The department form's text fields (部门整体绩效运行监控): 绩效目标执行出现的偏差.
    public var deviationSummary: String?
    /// 存在的问题.
    public var problems: String?
    /// 纠偏整改措施.
    public var measures: String?

    public init(
        period: Int, budget: [BudgetRow] = [], goalProgress: String? = nil, indicators: [IndicatorProgress] = [],
        deviationSummary: String? = nil, problems: String? = nil, measures: String? = nil
    ) {
        self.period = period; self.budget = budget; self.goalProgress = goalProgress; self.indicators = indicators
        self.deviationSummary = deviationSummary; self.problems = problems; self.measures = measures
    }

    /// The values of one indicator, by its id.
    public func progress(for indicatorID: String) -> IndicatorProgress? {
        indicators.first { $0.id == indicatorID }
    }

    /// The row of the budget block that carries the year's total (年度资金总额), which the light reads.
    public var totalBudget: BudgetRow? { budget.first { $0.item == .total } }

    /// "1-7月", as the column titles print the period.
    public var periodLabel: String { Self.periodLabel(period) }
    public static func periodLabel(_ month: Int) -> String { "1-\(month)月" }
}

/// One indicator's row of the monitoring form.
public struct IndicatorProgress: Sendable, Hashable, Codable {
    /// `Indicator.id` of the approved table's indicator.
    public var id: String
    /// 1-N月完成值 (执行数) as written: a number in the indicator's unit, or for a 定性 indicator
    /// 达成目标 / 部分达成目标并具有一定效果 / 未达成目标且效果较差. Kept as typed, like 实际完成值 (`GoalTable.actual(at:)`).
    public var completed: String?
    /// 全年预计完成值 as written.
    public var expected: String?
    /// 完成目标可能性.
    public var likelihood: Likelihood?
    /// 偏差原因分析: the categories ticked (several allowed), in the form's order.
    public var causes: [DeviationCause]
    /// 原因说明.
    public var causeText: String?
    /// 纠偏措施.
    public var correction: String?
    /// 备注.
    public var note: String?

    public init(
        id: String, completed: String? = nil, expected: String? = nil, likelihood: Likelihood? = nil,
        causes: [DeviationCause] = [], causeText: String? = nil, correction: String? = nil, note: String? = nil
    ) {
        self.id = id; self.completed = completed; self.expected = expected; self.likelihood = likelihood
        self.causes = causes; self.causeText = causeText; self.correction = correction; self.note = note
    }

    enum CodingKeys: String, CodingKey { case id, completed, expected, likelihood, causes, causeText, correction, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        completed = try Self.looseString(c, .completed)
        expected = try Self.looseString(c, .expected)
        likelihood = try c.decodeIfPresent(Likelihood.self, forKey: .likelihood)
        causes = try c.decodeIfPresent([DeviationCause].self, forKey: .causes) ?? []
        causeText = try c.decodeIfPresent(String.self, forKey: .causeText)
        correction = try c.decodeIfPresent(String.self, forKey: .correction)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// A program may send 完成值 as a JSON number; it is kept as the text of that number.
    private static func looseString(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        if let s = try? c.decodeIfPresent(String.self, forKey: key) { return s }
        if let d = try c.decodeIfPresent(Double.self, forKey: key) {
            return Figures.text(d, decimals: 6).replacingOccurrences(of: ",", with: "")
        }
        return nil
    }

    /// At least one category ticked and 原因说明 written: what the form calls a 偏差原因.
    public var hasReason: Bool { !causes.isEmpty && !(causeText?.allSatisfy(\.isWhitespace) ?? true) }
}

/// 偏差原因 categories, in the form's column order. Some systems use four (人员 / 制度 / 经费 / 其他):
/// the profile says which the form offers (`MonitoringProfile.causes`).
public enum DeviationCause: String, Sendable, Hashable, Codable, CaseIterable {
    case funding = "经费保障"
    case rules = "制度保障"
    case staffing = "人员保障"
    case facilities = "硬件条件保障"
    case other = "其他"

    /// Reads a column heading or a listed word: 经费保障 / 经费, 制度 …
    public static func parse(_ text: String) -> DeviationCause? {
        let t = text.filter { !$0.isWhitespace }
        if let exact = DeviationCause(rawValue: t) { return exact }
        for c in allCases where c != .other && t.hasPrefix(String(c.rawValue.prefix(2))) { return c }
        return t == "其它" ? .other : nil
    }
}

/// 完成目标可能性.
public enum Likelihood: String, Sendable, Hashable, Codable, CaseIterable {
    case certain = "确定能"
    case possible = "有可能"
    case impossible = "完全不可能"

    /// 有可能 or 完全不可能: the unit itself doubts the target (a reason is asked for).
    public var isDoubtful: Bool { self != .certain }
}

/// One line of the budget block (万元). 执行率 is computed, never stored, so it cannot disagree.
public struct BudgetRow: Sendable, Hashable, Codable {
    public var item: BudgetItem
    /// 年初预算数.
    public var initial: Double?
    /// 全年预算数 (调整后); nil when there was no adjustment.
    public var adjusted: Double?
    /// 1-N月执行数.
    public var spent: Double?
    /// 全年预计执行数.
    public var expected: Double?

    public init(item: BudgetItem, initial: Double? = nil, adjusted: Double? = nil, spent: Double? = nil, expected: Double? = nil)
    {
        self.item = item; self.initial = initial; self.adjusted = adjusted; self.spent = spent; self.expected = expected
    }

    /// What 执行率 divides by: 全年预算数, or 年初预算数 when there was no adjustment.
    public var base: Double? { adjusted ?? initial }

    /// 1-N月执行率 in % (执行数 ÷ 全年预算数 × 100); nil when either is missing or the budget is 0.
    public var rate: Double? {
        guard let spent, let base, base != 0 else { return nil }
        return spent / base * 100
    }
}

/// The lines of the budget block: the project form's four, and the department form's 基本支出 / 项目支出.
public enum BudgetItem: String, Sendable, Hashable, Codable, CaseIterable {
    case total = "年度资金总额"
    case fiscal = "财政拨款"
    case carriedOver = "上年结转资金"
    case other = "其他资金"
    case basic = "基本支出"
    case project = "项目支出"

    /// The label as the project form prints it (其中：财政拨款).
    public var formLabel: String { self == .fiscal ? "其中：财政拨款" : rawValue }

    /// Reads a row label of the block: `  年度资金总额：`, `其中：财政拨款`, `合计`.
    public static func parse(_ text: String) -> BudgetItem? {
        let t = text.filter { !$0.isWhitespace && $0 != "：" && $0 != ":" }
        if t.hasPrefix("其中") { return parse(String(t.dropFirst(2))) }
        if t == "合计" || t == "总计" || TextNormalizer.contains(t, "资金总额") || TextNormalizer.contains(t, "预算总额") { return .total }
        return allCases.first { TextNormalizer.contains(t, $0.rawValue) }
    }
}
