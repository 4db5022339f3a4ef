/// 结转到下一年: next year's draft from this year's approved table (issue #19).
///
/// The same header with the year moved on, the same tasks and indicators; every indicator a new one (a fresh
/// `id`) recording this one as its predecessor (`previousId`). 上年完成值 (`lastYear`) is what this year reached:
/// the 自评 实际完成值 where the unit entered one, else the last monitoring round's 全年预计完成值, marked as an
/// estimate (`estimateMark`), else empty — this year's own 上年完成值 is two years old by then and is not kept.
/// Nothing of this year's self-evaluation, 预算执行 or sign-off goes over.
public enum CarryForward {
    /// The mark that ends a 上年完成值 taken from a monitoring estimate, not from 自评: `1.83万人（预计）`.
    /// Readers take the figure before it (`reading(_:)`); a person sees at once that it was not measured.
    public static let estimateMark = "（预计）"

    /// Where one indicator's 上年完成值 came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// 自评 实际完成值.
        case actual
        /// 运行监控's 全年预计完成值, marked with `estimateMark`.
        case estimate
        /// Neither: left empty for the unit to fill.
        case none

        public var label: String {
            switch self {
            case .actual: return "自评实际完成值"
            case .estimate: return "监控全年预计完成值（标“预计”）"
            case .none: return "无（待填写）"
            }
        }
    }

    /// One carried indicator: its row in the new table and where its 上年完成值 came from.
    public struct Line: Sendable, Hashable, Codable {
        public var row: Int
        public var name: String
        public var previousId: String?
        public var lastYear: String?
        public var source: Source
    }

    public struct Result: Sendable, Hashable {
        /// Next year's draft.
        public var table: GoalTable
        public var lines: [Line]

        public func count(_ source: Source) -> Int { lines.count { $0.source == source } }

        /// `上年完成值：取自评实际 5 项，取监控预计 1 项，空 1 项`
        public var summary: String {
            var parts: [String] = []
            if count(.actual) > 0 { parts.append("取自评实际完成值 \(count(.actual)) 项") }
            if count(.estimate) > 0 { parts.append("取监控全年预计完成值 \(count(.estimate)) 项（标“预计”）") }
            if count(.none) > 0 { parts.append("未填 \(count(.none)) 项") }
            return "上年完成值：" + (parts.isEmpty ? "无指标" : parts.joined(separator: "，"))
        }
    }

    /// Next year's draft of `source`. `estimates`: 全年预计完成值 of the last monitoring round by indicator id,
    /// used where 自评 has no 实际完成值. `make` gives new ids (tests pass a counter).
    public static func nextYear(
        from source: GoalTable, estimates: [String: String] = [:], make: () -> String = GoalTable.newIndicatorID
    ) -> Result {
        let withIDs = source.withIndicatorIDs(make: make)
        var t = withIDs.goalPart
        t.year = source.year.map { $0 + 1 }
        t.signoff = nil
        let reached = withIDs.evaluationsByRow.map(\.actual)
        var lines: [Line] = []
        var taken = Set(t.indicators.compactMap(\.id))
        for i in t.indicators.indices {
            let previous = t.indicators[i].id
            var fresh = make()
            while !taken.insert(fresh).inserted { fresh = make() }
            t.indicators[i].previousId = previous
            t.indicators[i].id = fresh
            let actual = i < reached.count ? reached[i].map(TextNormalizer.trim) : nil
            let estimate = previous.flatMap { estimates[$0] }.map(TextNormalizer.trim)
            let line: (String?, Source)
            if let actual, !actual.isEmpty {
                line = (actual, .actual)
            } else if let estimate, !estimate.isEmpty {
                line = (marked(estimate: estimate), .estimate)
            } else {
                line = (nil, .none)
            }
            t.indicators[i].lastYear = line.0
            lines.append(Line(row: i, name: t.indicators[i].name, previousId: previous, lastYear: line.0, source: line.1))
        }
        return Result(table: t, lines: lines)
    }

    /// `1.83万人` → `1.83万人（预计）` (a value already marked stays as it is).
    public static func marked(estimate: String) -> String {
        reading(estimate).isEstimate ? estimate : estimate + estimateMark
    }

    /// A 上年完成值 as written, with the estimate mark taken off: `1.83万人（预计）` → (`1.83万人`, true).
    /// The half-width `(预计)` is read the same.
    public static func reading(_ lastYear: String) -> (value: String, isEstimate: Bool) {
        let t = TextNormalizer.trim(lastYear)
        // Both marks end in a closing bracket (`)` or `）`, whose UTF-8 ends in 0x29 or 0x89) and no other
        // character is canonically equivalent to one: any other last byte rules the Character-wise
        // `hasSuffix` out, which the checker otherwise runs twice on every row with a 上年完成值.
        guard let last = t.utf8.last, last == 0x29 || last == 0x89 else { return (t, false) }
        for mark in [estimateMark, "(预计)"] where t.hasSuffix(mark) {
            return (TextNormalizer.trim(t.dropLast(mark.count)), true)
        }
        return (t, false)
    }
}

/// Figures read across years: an actual or a 上年完成值 as a number in an indicator's unit.
public enum YearFigures {
    /// `text`'s number in `unit` (`1.83万人` in 人 → 18300); nil when there is none or the units measure
    /// different things. A number without a unit is taken in `unit`.
    public static func number(_ text: String?, in unit: String?) -> Double? {
        guard let text else { return nil }
        let value = CarryForward.reading(text).value
        guard !value.isEmpty else { return nil }
        let parsed = Target.parse(value)
        guard let n = parsed.number else { return nil }
        guard let written = parsed.unit, !written.isEmpty else { return n }
        guard let unit, !unit.isEmpty else { return nil }
        return MeasureUnit(written).convert(n, to: MeasureUnit(unit))
    }
}

extension GoalTable {
    /// Next year's draft of this table (`CarryForward.nextYear` without monitoring estimates).
    public func nextYearDraft(make: () -> String = GoalTable.newIndicatorID) -> GoalTable {
        CarryForward.nextYear(from: self, make: make).table
    }
}
