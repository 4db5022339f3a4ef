/// A unit of measure (计量单位) as written, understood for comparison: 万人 is 10000 人, 万元 10000 元.
/// The text as written is never rewritten; only `base` and `factor` are derived from it.
public struct MeasureUnit: Sendable, Hashable {
    public let written: String
    /// The unit with its magnitude prefix removed: 万人 → 人, 万元/次 → 元/次.
    public let base: String
    /// How many `base` units one written unit is: 万人 → 10000.
    public let factor: Double

    public init(_ written: String) {
        self.written = written
        let s = TextNormalizer.halfWidth(written).filter { !$0.isWhitespace }
        if s == "%" || s == "％" || s == "百分比" { base = "%"; factor = 1; return }
        if s == "‰" { base = "%"; factor = 0.1; return }
        for (prefix, f) in MeasureUnit.prefixes where s.hasPrefix(prefix) && s.count > prefix.count {
            let rest = String(s.dropFirst(prefix.count))
            // 万 alone before a counter: 万人, 万元, 万次, 万人次, 万元/次; not 万户? (also a count: keep)
            base = rest; factor = f; return
        }
        base = s; factor = 1
    }

    static let prefixes: [(String, Double)] = [
        ("亿", 100_000_000), ("千万", 10_000_000), ("百万", 1_000_000), ("万", 10_000), ("千", 1000), ("百", 100),
    ]

    public var isPercent: Bool { base == "%" }

    /// Whether two units measure the same thing, so that their numbers can be compared after scaling.
    public func isCommensurable(with other: MeasureUnit) -> Bool { base == other.base }

    /// Converts `value` written in this unit to `other`, when they measure the same thing.
    public func convert(_ value: Double, to other: MeasureUnit) -> Double? {
        guard isCommensurable(with: other) else { return nil }
        return value * factor / other.factor
    }

    /// What the unit counts, to compare with an indicator's name: 人 (people), 次 (times), 元 (money)…
    public var dimension: Dimension {
        let b = base
        if b == "%" { return .ratio }
        if b.hasPrefix("元") { return b.contains("/") ? .moneyPer : .money }
        if b.hasPrefix("人次") { return .personTimes }
        if b.hasPrefix("人") || b == "名" || b == "户" { return .people }
        if b.hasPrefix("次") || b == "批次" || b == "期" || b == "场" { return .times }
        if ["天", "日", "月", "年", "小时", "工作日", "个工作日", "分钟"].contains(b) { return .time }
        return .other
    }

    public enum Dimension: String, Sendable { case ratio, money, moneyPer, people, personTimes, times, time, other }
}
