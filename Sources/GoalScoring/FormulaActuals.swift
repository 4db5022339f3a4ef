import GoalCore

/// Rates the forms define by formula (预算执行率 = 预算完成数 ÷ 预算数 …). Where a table gives the inputs
/// instead of the rate — `预算完成数300/预算数320`, `300/320`, or two numbers beside a formula in the
/// explanation — the actual is computed from them and the formula is shown with the numbers.
public enum FormulaActuals {
    /// A rate's formula: what is divided by what.
    public struct Formula: Sendable, Hashable {
        public var name: String
        public var numerator: String
        public var denominator: String
        public init(name: String, numerator: String, denominator: String) {
            self.name = name; self.numerator = numerator; self.denominator = denominator
        }
    }

    /// The formulas of the department and provincial forms (指标解释 of 省级部门整体绩效目标申报表).
    public static let known: [Formula] = [
        .init(name: "预算执行率", numerator: "预算完成数", denominator: "预算数"),
        .init(name: "结转结余率", numerator: "结转结余总额", denominator: "预算数"),
        .init(name: "政府采购执行率", numerator: "实际政府采购金额", denominator: "政府采购预算数"),
        .init(name: "绩效自评完成率", numerator: "已完成自评项目数量", denominator: "应实施自评项目总数"),
        .init(name: "部门绩效评价完成率", numerator: "已完成评价项目数量", denominator: "部门重点绩效评价项目数"),
        .init(name: "绩效监控完成率", numerator: "已完成绩效监控项目数量", denominator: "部门项目总数"),
        .init(name: "评价结果应用率", numerator: "评价提出的意见建议采纳数", denominator: "提出的意见建议总数"),
        .init(name: "专项资金细化率", numerator: "已细化到具体市县和承担单位的资金数", denominator: "部门参与分配资金总数"),
        .init(name: "预算调整率", numerator: "预算调整数", denominator: "年初预算数"),
        .init(name: "三公经费控制率", numerator: "三公经费实际支出数", denominator: "三公经费预算数"),
    ]

    /// What was computed: the value in the target's unit and the formula with its numbers.
    public struct Result: Sendable, Hashable {
        public var value: Double
        public var text: String
    }

    static let numberPattern = TextPattern(#"-?\d+(?:,\d{3})*(?:\.\d+)?"#)
    static let formulaPattern = TextPattern(#"([^=，,；;。:：\s]{2,20})=\(?([^/=，,；;。()]{1,30})\)?/\(?([^/=，,；;。()*]{1,30})"#)

    /// The actual computed from its inputs, or nil when the text is not a pair of inputs.
    /// `normalized` is the actual after `RuleParser.normalize`; `percent` says whether the target is a `%`.
    static func compute(_ normalized: String, name: String, explanation: String?, percent: Bool) -> Result? {
        let numbers = numberPattern.matches(in: normalized)
        guard numbers.count == 2 else { return nil }
        let isSlash = normalized.contains("/")
        // Two numbers joined by / are numerator and denominator in that order;
        // two numbers in a list need a formula to say which is which.
        let formula = formula(for: name, explanation: explanation)
        guard isSlash || formula != nil else { return nil }
        guard let a = number(numbers[0].whole), let b = number(numbers[1].whole) else { return nil }
        let labelA = label(before: numbers[0], in: normalized, after: nil)
        let labelB = label(before: numbers[1], in: normalized, after: numbers[0])
        var num = a, den = b
        var numLabel = labelA, denLabel = labelB
        if !isSlash, let f = formula, !labelA.isEmpty, !labelB.isEmpty,
            similarity(labelA, f.denominator) + similarity(labelB, f.numerator)
                > similarity(labelA, f.numerator) + similarity(labelB, f.denominator)
        {
            swap(&num, &den); swap(&numLabel, &denLabel)
        }
        guard den != 0 else { return nil }
        let value = num / den * (percent ? 100 : 1)
        let n = ArithmeticText.number
        let names =
            formula.map { "\($0.numerator) ÷ \($0.denominator)" }
            ?? (!numLabel.isEmpty && !denLabel.isEmpty ? "\(numLabel) ÷ \(denLabel)" : nil)
        var text = "按公式"
        if let names { text += "\(names) = " } else { text += "：" }
        text += "\(n(num, 4)) ÷ \(n(den, 4))" + (percent ? " × 100%" : "") + " = \(n(value, 2))" + (percent ? "%" : "")
        return Result(value: value, text: text)
    }

    static func number(_ s: String) -> Double? { Double(s.replacingOccurrences(of: ",", with: "")) }

    /// The formula a rate follows: from the indicator's explanation (`预算执行率=（预算完成数/预算数）×100%`),
    /// else the known formula its name names.
    public static func formula(for name: String, explanation: String?) -> Formula? {
        if let e = explanation.map(RuleParser.normalize), let m = formulaPattern.firstMatch(in: e),
            let n = m[1], let a = m[2], let b = m[3]
        {
            return Formula(name: n, numerator: a, denominator: b)
        }
        let key = name.filter { !"“”\"（）() ".contains($0) }
        return known.first { key.contains($0.name) }
    }

    /// The words just before a number: `预算完成数300` → 预算完成数.
    static func label(before m: TextMatch, in s: String, after previous: TextMatch?) -> String {
        let start = previous?.range.upperBound ?? s.startIndex
        var l = Substring(s[start..<m.range.lowerBound])
        let junk: Set<Character> = ["，", ",", "；", ";", "、", "/", ":", "：", "为", "是", "=", "万", "元", "个", "项", "(", ")"]
        while let f = l.first, junk.contains(f) || f.isNumber { l = l.dropFirst() }
        while let e = l.last, junk.contains(e) { l = l.dropLast() }
        return String(l)
    }

    /// How many characters two labels share, in order of the first.
    static func similarity(_ a: String, _ b: String) -> Int {
        let bs = Set(b)
        return a.reduce(0) { $0 + (bs.contains($1) ? 1 : 0) }
    }
}
