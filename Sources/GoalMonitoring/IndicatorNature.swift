import GoalCore

/// The kind of indicator by its 二级 (and 一级): what the Shanxi rule and similar variants key on.
public enum IndicatorDimension: String, Sendable, Hashable, Codable, CaseIterable {
    case quantity = "数量"
    case quality = "质量"
    case timeliness = "时效"
    case cost = "成本"
    case benefit = "效益"
    case satisfaction = "满意度"
    case other = "其他"

    /// 数量指标 → quantity … by the 二级 name first, then the 一级 (效益指标, 满意度指标).
    public static func of(level1: String, level2: String) -> IndicatorDimension {
        // TextNormalizer.contains searches bytes: Foundation's `contains` goes through NSString on Linux
        let has: (String, String) -> Bool = { TextNormalizer.contains($0, $1) }
        for d in [IndicatorDimension.quantity, .quality, .timeliness, .cost] where has(level2, d.rawValue) { return d }
        if has(level1, "满意") || has(level2, "满意") { return .satisfaction }
        if has(level1, "效益") || has(level2, "效益") { return .benefit }
        return .other
    }
}

/// Whether an indicator's figure adds up over the year (prorated by 序时进度) or is a rate or level
/// compared with the target itself, and why: the explanation of its light says which.
struct Accumulation: Sendable {
    var accumulates: Bool
    /// "单位“%”", "“及时率”", "单位“人次”": what decided, for the explanation.
    var because: String

    static func of(_ indicator: Indicator, unit: String?, levelWords: [String]) -> Accumulation {
        if let unit, !unit.isEmpty {
            let m = MeasureUnit(unit)
            if m.isPercent { return Accumulation(accumulates: false, because: "单位“\(unit)”是比率") }
            if m.base.utf8.contains(UInt8(ascii: "/")) { return Accumulation(accumulates: false, because: "“\(unit)”是单位标准") }
        }
        for text in [indicator.name, indicator.level2] {
            if let word = levelWords.first(where: { TextNormalizer.contains(text, $0) }) {
                return Accumulation(accumulates: false, because: "“\(text)”含“\(word)”，是比率或水平")
            }
        }
        let what = unit.map { "单位“\($0)”" } ?? "数量"
        return Accumulation(accumulates: true, because: "\(what)是累计数量")
    }

    /// The clause closing an explanation.
    func clause(month: Int) -> String {
        accumulates ? "（\(because)，按序时进度 \(month)/12 折算）" : "（\(because)，不按月份折算）"
    }
}
