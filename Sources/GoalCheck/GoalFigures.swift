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
        /// What the figure counts, to match it only with indicators counting the same kind of thing.
        var family: Family { unit == "%" ? .ratio : unit.hasSuffix("元") ? .money : .count }
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

    /// Units a goal's figure may carry, longest first; a number with none (目标1, 1995年) is not a figure.
    private static let units: [(text: String, scalars: [UInt32], factor: Double, shown: String)] = [
        ("万人次", 10_000, "万人次"), ("万人", 10_000, "万人"), ("万元", 10_000, "万元"), ("亿元", 100_000_000, "亿元"),
        ("万户", 10_000, "万户"), ("万次", 10_000, "万次"), ("人次", 1, "人次"), ("余名", 1, "人"), ("余人", 1, "人"),
        ("余户", 1, "户"), ("余次", 1, "次"), ("%", 1, "%"), ("元", 1, "元"), ("人", 1, "人"), ("户", 1, "户"),
        ("次", 1, "次"), ("名", 1, "人"), ("个", 1, "个"), ("项", 1, "项"), ("家", 1, "家"), ("件", 1, "件"),
    ].map { ($0.0, $0.0.unicodeScalars.map(\.value), $0.1, $0.2) }

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
        var v: [UInt32] = []
        v.reserveCapacity(goal.utf8.count)
        Scalars.forEach(in: goal) { x in v.append(x >= 0xFF01 && x <= 0xFF5E ? x - 0xFEE0 : x) }
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
        var i = 0
        var found: [(Double, String, Double)] = []
        while i < clause.count {
            guard ScoringText.isDigit(clause[i]), i == 0 || !ScoringText.isDigit(clause[i - 1]) && clause[i - 1] != 0x2E,
                let (n, end) = ScoringText.number(clause, from: i)
            else { i += 1; continue }
            i = end
            for u in units
            where end + u.scalars.count <= clause.count
                && clause[end..<(end + u.scalars.count)].elementsEqual(u.scalars)
            {
                found.append((n, u.shown, u.shown == "%" ? n : n * u.factor))
                i = end + u.scalars.count
                break
            }
        }
        guard !found.isEmpty else { return }
        let subject = Scalars(values: clause)
        for (n, unit, base) in found {
            out.append(Figure(subject: subject, number: n, unit: unit, baseNumber: base))
        }
    }
}
