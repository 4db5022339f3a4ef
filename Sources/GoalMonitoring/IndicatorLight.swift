import GoalCore

/// The light of one indicator for one period, with its arithmetic in one line of Chinese.
public struct IndicatorLight: Sendable, Hashable, Codable {
    /// `Indicator.id` (empty when the table's indicator had none).
    public var id: String
    /// 0-based row in the table; people read 第(row+1)行.
    public var row: Int
    /// 三级指标.
    public var name: String
    public var light: Light
    /// 完成值 ÷ expectation × 100 (in %), when one could be computed.
    public var ratio: Double?
    /// "完成值 520 ÷ (1,200 × 7/12) = 74.3% → 黄（单位“人”是累计数量，按序时进度 7/12 折算）".
    public var explanation: String
    /// Why a value could not be read (完成值“一般”不是数字): set whenever the arithmetic could not be
    /// done, even if 完成目标可能性 then gave the light.
    public var unreadable: String?
    /// Whether the form asks for a 偏差原因 on this row under the profile's rule.
    public var reasonRequired: Bool
    /// Required but missing: no category ticked, or no 原因说明.
    public var reasonMissing: Bool
    /// Whether the figure was prorated by 序时进度 (nil for 定性 and unread values).
    public var prorated: Bool?
    public var likelihood: Likelihood?

    public init(
        id: String, row: Int, name: String, light: Light, ratio: Double?, explanation: String, unreadable: String? = nil,
        reasonRequired: Bool = false, reasonMissing: Bool = false, prorated: Bool? = nil, likelihood: Likelihood? = nil
    ) {
        self.id = id; self.row = row; self.name = name; self.light = light; self.ratio = ratio; self.explanation = explanation
        self.unreadable = unreadable; self.reasonRequired = reasonRequired; self.reasonMissing = reasonMissing
        self.prorated = prorated; self.likelihood = likelihood
    }
}

/// The indicator rules of the spec, parameterised by a profile.
struct IndicatorRule {
    let profile: MonitoringProfile
    let month: Int

    func light(_ indicator: Indicator, row: Int, progress: IndicatorProgress?) -> IndicatorLight {
        var result = base(indicator, progress: progress)
        result.row = row
        result.id = indicator.id ?? ""
        result.name = indicator.name
        result.likelihood = progress?.likelihood
        override(&result, by: progress?.likelihood)
        let rule = profile.reasons
        result.reasonRequired =
            (rule.onRed && result.light == .red) || (rule.onYellow && result.light == .yellow)
            || (rule.onDoubt && (progress?.likelihood?.isDoubtful ?? false))
        result.reasonMissing = result.reasonRequired && !(progress?.hasReason ?? false)
        return result
    }

    /// 完成目标可能性 as the unit states it: 完全不可能 → 红 whatever the ratio; 有可能 → at least 黄.
    /// With an unreadable value the unit's own judgement still gives a light; `unreadable` keeps why
    /// the arithmetic could not be done.
    private func override(_ r: inout IndicatorLight, by likelihood: Likelihood?) {
        switch likelihood {
        case .impossible? where r.light != .red:
            r.light = .red
            r.explanation += "；完成目标可能性为“完全不可能” → 红"
        case .possible? where r.light != .red && r.light != .yellow:
            r.light = .yellow
            r.explanation += "；完成目标可能性为“有可能” → 至少黄"
        default: break
        }
    }

    private func unread(_ why: String) -> IndicatorLight {
        IndicatorLight(id: "", row: 0, name: "", light: .undetermined, ratio: nil, explanation: "\(why) → 无法判断", unreadable: why)
    }

    private func base(_ indicator: Indicator, progress: IndicatorProgress?) -> IndicatorLight {
        let label = EntryText.completedLabel(month)
        guard let written = progress?.completed.map(TextNormalizer.trim), !written.isEmpty else {
            return unread("\(label)未填")
        }
        if indicator.type == .qualitative { return qualitative(written, label: label) }
        let target = indicator.target
        guard let targetNumber = target.number else {
            return unread("年度指标值“\(indicator.targetText)”不是数字")
        }
        let completed = Target.parse(written)
        guard var value = completed.number else { return unread("\(label)“\(written)”不是数字") }
        // A figure in another unit is converted when the units measure the same thing (1.2万人 against
        // 人); otherwise it is not comparable and nothing is guessed ("100%" where 次 is counted).
        if let u = completed.unit, !u.isEmpty, let tu = target.unit, !tu.isEmpty, u != tu {
            guard let converted = MeasureUnit(u).convert(value, to: MeasureUnit(tu)) else {
                return unread("\(label)“\(written)”的单位与年度指标值“\(indicator.targetText)”的单位不同")
            }
            value = converted
        } else if let u = completed.unit, !u.isEmpty, (target.unit ?? "").isEmpty {
            return unread("\(label)“\(written)”带单位“\(u)”，年度指标值“\(indicator.targetText)”没有")
        }
        let nature = Accumulation.of(indicator, unit: target.unit, levelWords: profile.levelWords)
        let prorate = nature.accumulates ? Double(month) / 12 : 1
        let expectation = targetNumber * prorate
        let clause = nature.clause(month: month)
        let v = Figures.text(value)
        // a rate's figures are printed with its sign as written (%, ％, ‰)
        let sign = (target.measureUnit?.isPercent ?? false) ? target.unit ?? "%" : ""
        let expectationText =
            nature.accumulates
            ? "(\(Figures.text(targetNumber)) × \(month)/12)" : Figures.text(targetNumber) + sign
        let shownValue = v + sign
        let op = indicator.type

        // ≤ / <: within the limit or not; the limit of an accumulating cost is prorated first.
        if op.isLowerBetter {
            let met = op.isMet(actual: Figures.settle(value), target: Figures.settle(expectation)) ?? false
            let ratio = expectation != 0 ? value / expectation * 100 : nil
            let light: Light = met ? .green : .red
            let limit = nature.accumulates ? "\(expectationText) = \(Figures.text(expectation))" : expectationText
            return IndicatorLight(
                id: "", row: 0, name: "", light: light, ratio: ratio.map(Figures.settle),
                explanation:
                    "\(label) \(shownValue) \(met ? "在限值内" : "超出限值") \(op.rawValue) \(limit) → \(light.rawValue)\(clause)",
                prorated: nature.accumulates)
        }
        let dimension =
            profile.withinTargetDimensions.isEmpty
            ? IndicatorDimension.other
            : IndicatorDimension.of(level1: indicator.level1, level2: indicator.level2)
        // Shanxi and the like: this kind of indicator is only within its target or not. `=` counts as
        // reached at or above the target: mid-year, more done is not a miss.
        if profile.withinTargetDimensions.contains(dimension) {
            let met =
                op == .greater
                ? Figures.settle(value) > Figures.settle(expectation) : Figures.settle(value) >= Figures.settle(expectation)
            let light: Light = met ? .green : .red
            let ratio = expectation != 0 ? value / expectation * 100 : nil
            let sign = op == .greater ? (met ? ">" : "≤") : (met ? "≥" : "<")
            return IndicatorLight(
                id: "", row: 0, name: "", light: light, ratio: ratio.map(Figures.settle),
                explanation:
                    "\(dimension.rawValue)指标只看是否达到指标值：\(label) \(shownValue) \(sign) \(nature.accumulates ? expectationText + " = " + Figures.text(expectation) : expectationText) → \(light.rawValue)\(clause)",
                prorated: nature.accumulates)
        }
        // ≥ / > / =: the ratio in bands. A target of 0 (≥0) has no ratio: met or not.
        guard expectation != 0 else {
            let met = op.isMet(actual: value, target: 0) ?? (value >= 0)
            let light: Light = met ? .green : .red
            return IndicatorLight(
                id: "", row: 0, name: "", light: light, ratio: nil,
                explanation: "年度指标值为 0，无法计算比例：\(label) \(shownValue) \(met ? "达到" : "未达到") \(op.rawValue)0 → \(light.rawValue)",
                prorated: nil)
        }
        let ratio = Figures.settle(value / expectation * 100)
        let light = profile.bands.light(ratio)
        let percent = Figures.percent(ratio, boundaries: profile.bands.boundaries)
        return IndicatorLight(
            id: "", row: 0, name: "", light: light, ratio: ratio,
            explanation: "\(label) \(shownValue) ÷ \(expectationText) = \(percent) → \(light.rawValue)\(clause)",
            prorated: nature.accumulates)
    }

    /// 定性: 达成 → 绿, 部分达成 → 黄, 未达成 → 红; anything else is not one of the three.
    private func qualitative(_ written: String, label: String) -> IndicatorLight {
        guard let level = QualitativeLevel.parse(written) else {
            return unread("定性指标的\(label)应为 达成目标 / 部分达成目标并具有一定效果 / 未达成目标且效果较差，实为“\(written)”")
        }
        return IndicatorLight(
            id: "", row: 0, name: "", light: level.light, ratio: nil,
            explanation: "定性\(label)“\(written)” → \(level.light.rawValue)")
    }
}

/// The three 定性 completion levels of the form, long and short.
public enum QualitativeLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case reached = "达成目标"
    case partly = "部分达成目标并具有一定效果"
    case missed = "未达成目标且效果较差"

    var light: Light {
        switch self {
        case .reached: return .green
        case .partly: return .yellow
        case .missed: return .red
        }
    }

    /// 达成 / 部分达成 / 未达成, long or short; 未 and 部分 are tested first since both contain 达成.
    public static func parse(_ text: String) -> QualitativeLevel? {
        let t = TextNormalizer.withoutWhitespace(text)
        if t.hasPrefix("未达成") { return .missed }
        if t.hasPrefix("部分达成") { return .partly }
        if t.hasPrefix("达成") || t == "已达成" || t == "全部达成" { return .reached }
        return nil
    }
}

/// Labels the explanations and messages share, in the form's words.
enum EntryText {
    static func completedLabel(_ month: Int) -> String { "\(MonitoringEntry.periodLabel(month))完成值" }
}
