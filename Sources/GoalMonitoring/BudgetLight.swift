/// The light of a table's budget block: how far spending has come.
public struct BudgetLight: Sendable, Hashable, Codable {
    /// 1-N月执行率 in % (执行数 ÷ 全年预算数 × 100); nil when it cannot be computed.
    public var rate: Double?
    public var light: Light
    /// "执行率 35.00%（210 ÷ 600）÷ 序时进度 58.33%（7/12）= 60.0% → 黄".
    public var explanation: String
    /// Why the rate could not be computed.
    public var unreadable: String?

    public init(rate: Double?, light: Light, explanation: String, unreadable: String? = nil) {
        self.rate = rate; self.light = light; self.explanation = explanation; self.unreadable = unreadable
    }

    /// 序时进度 in % at the end of `month`: 7 → 58.33… (7/12).
    public static func timeProgress(_ month: Int) -> Double { Double(month) / 12 * 100 }
}

extension MonitoringEntry {
    /// 1-N月执行率 in %, as the budget light reads it: 年度资金总额's 执行数 ÷ 全年预算数 (年初预算数 when there
    /// was no adjustment) × 100, settled to six decimals; nil when it cannot be computed. The 总览 stores it
    /// (`monitoring_entries.execution_rate`) from here, so the two cannot disagree.
    public var executionRate: Double? { totalBudget?.rate.map(Figures.settle) }
}

struct BudgetJudge {
    let rule: BudgetRule
    let month: Int

    func light(_ entry: MonitoringEntry) -> BudgetLight {
        guard let total = entry.totalBudget else {
            return unread("预算执行块没有“年度资金总额”行")
        }
        let period = entry.periodLabel
        guard let base = total.base else { return unread("年度资金总额的全年预算数（年初预算数）未填") }
        guard base != 0 else { return unread("年度资金总额的全年预算数为 0，无法计算执行率") }
        guard let spent = total.spent, let rate = entry.executionRate else { return unread("年度资金总额的\(period)执行数未填") }
        let baseName = total.adjusted == nil ? "年初预算数" : "全年预算数"
        let rateText = "执行率 \(Figures.text(rate))%（\(period)执行数 \(Figures.text(spent)) ÷ \(baseName) \(Figures.text(base))）"
        switch rule.kind {
        case .timeProgress:
            let progress = BudgetLight.timeProgress(month)
            let ratio = Figures.settle(rate / progress * 100)
            let light = rule.bands.light(ratio)
            return BudgetLight(
                rate: rate, light: light,
                explanation:
                    "\(rateText)÷ 序时进度 \(Figures.text(progress))%（\(month)/12）= \(Figures.percent(ratio, boundaries: rule.bands.boundaries)) → \(light.rawValue)"
            )
        case .checkpoints:
            guard let point = rule.checkpoints.filter({ $0.month <= month }).max(by: { $0.month < $1.month }) else {
                let first = rule.checkpoints.map(\.month).min().map { "\($0)月" } ?? "节点"
                return BudgetLight(rate: rate, light: .green, explanation: "\(rateText)；\(first)前不设执行节点 → 绿")
            }
            let below = Figures.settle(rate) < point.minimumRate
            let light = below ? rule.belowCheckpoint : .green
            return BudgetLight(
                rate: rate, light: light,
                explanation:
                    "\(rateText) \(below ? "<" : "≥") \(point.month)月底节点 \(Figures.text(point.minimumRate))% → \(light.rawValue)")
        }
    }

    private func unread(_ why: String) -> BudgetLight {
        BudgetLight(rate: nil, light: .undetermined, explanation: "\(why) → 无法判断", unreadable: why)
    }
}
