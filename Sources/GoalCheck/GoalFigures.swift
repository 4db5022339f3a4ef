import GoalCore

/// The figures a 总体目标 / 年度履职目标 text promises (`足额发放率达到100%`, `参保人数16.44万人`), each with
/// the clause around it, so that they can be matched with the indicators that should carry them.
enum GoalFigures {
    struct Figure {
        /// The clause the figure stands in; its text is made only when a message needs it.
        let subject: Scalars
        var clause: String { subject.string }
        let number: Double
        let unit: String
        /// The number in base units (万人 → 人); percentages as written.
        let baseNumber: Double
        /// What the figure counts, to match it only with indicators counting the same kind of thing:
        /// taken from the unit's entry in `units`, not read from the unit's text per figure.
        let family: Family
        var text: String { Display.number(number) + unit }
    }

    enum Family { case ratio, money, count, time }

    static func family(of d: MeasureUnit.Dimension?) -> Family {
        switch d {
        case .ratio: return .ratio
        case .money, .moneyPer: return .money
        case .time: return .time
        default: return .count
        }
    }

    /// A unit a goal's figure may carry: its scalars, the factor to base units, how it is shown and
    /// the family of what it counts (`%` a ratio, …元 money, the rest counts).
    private struct GoalUnit {
        let scalars: [UInt32]
        let factor: Double
        let shown: String
        let family: Family

        init(_ text: String, _ factor: Double, _ shown: String) {
            scalars = text.unicodeScalars.map(\.value)
            self.factor = factor
            self.shown = shown
            family = shown == "%" ? .ratio : shown.hasSuffix("元") ? .money : .count
        }
    }

    /// Units a goal's figure may carry, longest first; a number with none (目标1, 1995年) is not a figure.
    private static let units: [GoalUnit] = [
        GoalUnit("万人次", 10_000, "万人次"), GoalUnit("万人", 10_000, "万人"), GoalUnit("万元", 10_000, "万元"),
        GoalUnit("亿元", 100_000_000, "亿元"), GoalUnit("万户", 10_000, "万户"), GoalUnit("万次", 10_000, "万次"),
        GoalUnit("人次", 1, "人次"), GoalUnit("余名", 1, "人"), GoalUnit("余人", 1, "人"), GoalUnit("余户", 1, "户"),
        GoalUnit("余次", 1, "次"), GoalUnit("%", 1, "%"), GoalUnit("元", 1, "元"), GoalUnit("人", 1, "人"),
        GoalUnit("户", 1, "户"), GoalUnit("次", 1, "次"), GoalUnit("名", 1, "人"), GoalUnit("个", 1, "个"),
        GoalUnit("项", 1, "项"), GoalUnit("家", 1, "家"), GoalUnit("件", 1, "件"),
    ]

    /// The first scalar of each of `units`, apart: the scalar after a number is compared with these
    /// plain integers, and a unit's entry (its array and strings, each retained) is read only when
    /// one agrees.
    private static let unitFirsts: [UInt32] = units.map { $0.scalars[0] }

    /// `，,。；;、：:！!？?`, newline, tab and space: where a goal's clauses end. A switch, not a set:
    /// hashing every scalar of the goal cost more than reading the figures.
    private static func isSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0xFF0C, 0x2C, 0x3002, 0xFF1B, 0x3B, 0x3001, 0xFF1A, 0x3A, 0xFF01, 0x21, 0xFF1F, 0x3F, 0x0A, 0x0D, 0x09, 0x20:
            return true
        default:
            return false
        }
    }

    static func extract(_ goal: String) -> [Figure] {
        // full-width forms (１００％, ：) read as their ASCII twins
        let v = Scalars.values(of: goal) { x in x >= 0xFF01 && x <= 0xFF5E ? x - 0xFEE0 : x }
        var out: [Figure] = []
        var start = 0
        var i = 0
        while i <= v.count {
            if i == v.count || isSeparator(v[i]) {
                if i > start { figures(in: v[start..<i], into: &out) }
                start = i + 1
            }
            i += 1
        }
        return out
    }

    private static func figures(in slice: ArraySlice<UInt32>, into out: inout [Figure]) {
        // Most clauses hold no digit at all: leave them before copying anything.
        guard slice.contains(where: ScoringText.isDigit) else { return }
        let clause = Array(slice)
        // the clause's array, wrapped without a copy: each figure found holds it as its subject
        let subject = Scalars(values: clause)
        var i = 0
        let firsts = unitFirsts
        while i < clause.count {
            guard ScoringText.isDigit(clause[i]), i == 0 || !ScoringText.isDigit(clause[i - 1]) && clause[i - 1] != 0x2E,
                let (n, end) = ScoringText.number(clause, from: i)
            else { i += 1; continue }
            i = end
            guard end < clause.count else { continue }
            let next = clause[end]
            for k in firsts.indices where firsts[k] == next {
                let u = units[k].scalars
                if end + u.count <= clause.count && clause[end..<(end + u.count)].elementsEqual(u) {
                    let unit = units[k]
                    out.append(
                        Figure(
                            subject: subject, number: n, unit: unit.shown,
                            baseNumber: unit.family == .ratio ? n : n * unit.factor, family: unit.family))
                    i = end + u.count
                    break
                }
            }
        }
    }
}
