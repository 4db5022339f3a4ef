/// A rule that turns an indicator's actual into points, read from its 评（扣）分标准 or chosen by default
/// (see `scoring.md`). Points written in a rule are the text's points; the scorer scales them to the
/// indicator's weight when the two differ.
public enum ScoringRule: Sendable, Hashable {
    /// 达到计划值得满分，否则按实际值/计划值×分值: `w` when met, else `w × A / T` (`≤` `<`: `w × T / A`;
    /// `=`: `w × (1 − |A − T| / T)`).
    case ratio
    /// 完成率小于60%不得分，大于等于60%的按(完成率−60%)/(1−60%)×分值: `line` is 0.6 for 60%.
    case passLine(Double)
    /// 每下降1%扣0.2分: points off per step below the target.
    case stepDown(Step)
    /// 每超出10%扣2分: points off per step beyond the target.
    case stepOver(Step)
    /// 每推迟1天扣0.5分: points off per day after the day the target names.
    case lateDays(Step)
    /// 满意度≥95%得10分，80%–95%得8分 …: the band the actual falls in.
    case bands([Band])
    /// 效果明显得15分，效果一般得5分，否则不得分: the points of the grade the actual names.
    case fixedGrades([GradePoints], otherwise: Double)
    /// 直接赋分: `w` when met, else 0.
    case direct
    /// 按评判等级赋分: `w` when the actual is the target text, else by the evaluator's grade.
    case grade
    /// 满意度赋分 without bands: the profile's satisfaction bands.
    case satisfaction

    /// The rule's name as the explanations write it.
    public var label: String {
        switch self {
        case .ratio: return "按比例"
        case .passLine(let p): return "及格线\(ArithmeticText.percent(p))按比例"
        case .stepDown(let s): return "每\(s.belowVerb)\(s.sizeText)扣\(ArithmeticText.number(s.deduction))分"
        case .stepOver(let s): return "每超出\(s.sizeText)扣\(ArithmeticText.number(s.deduction))分"
        case .lateDays(let s): return "每推迟\(ArithmeticText.number(s.size))天扣\(ArithmeticText.number(s.deduction))分"
        case .bands: return "分档"
        case .fixedGrades: return "按等级定分"
        case .direct: return "直接赋分"
        case .grade: return "按评判等级"
        case .satisfaction: return "满意度赋分"
        }
    }
}

/// One step of a step rule: `deduction` points per `size` of `kind`.
public struct Step: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// 每下降1%: percentage points for a `%` target, percent of the target otherwise.
        case percent
        /// 每下降1个百分点: percentage points (of the completion rate when the target is not a `%`).
        case percentagePoint
        /// 每少1人, 每推迟1天: in a unit of measure (nil: the target's own unit).
        case absolute(unit: String?)
    }
    public var deduction: Double
    public var size: Double
    public var kind: Kind
    /// At most this many points off in all (最多扣5分); nil: until none are left (扣完为止).
    public var maxDeduction: Double?

    public init(deduction: Double, size: Double, kind: Kind, maxDeduction: Double? = nil) {
        self.deduction = deduction; self.size = size; self.kind = kind; self.maxDeduction = maxDeduction
    }

    var belowVerb: String {
        if case .absolute = kind { return "少" }
        return "下降"
    }
    var sizeText: String {
        switch kind {
        case .percent: return ArithmeticText.number(size) + "%"
        case .percentagePoint: return ArithmeticText.number(size) + "个百分点"
        case .absolute(let unit): return ArithmeticText.number(size) + (unit ?? "")
        }
    }
}

/// One band: an actual between `lower` and `upper` (either may be open) gets `award`.
public struct Band: Sendable, Hashable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool
    public var award: Award
    /// The bounds were written as percentages (满意度≥95%): against a count target they mean the completion rate.
    public var percent: Bool

    public enum Award: Sendable, Hashable {
        /// The points written.
        case points(Double)
        /// 得满分: the full points.
        case full
        /// 按比例得分 inside the band.
        case ratio
        /// 得分值的80%: a share of the full points.
        case share(Double)
    }

    public init(
        lower: Double?, lowerInclusive: Bool = true, upper: Double?, upperInclusive: Bool = false, award: Award,
        percent: Bool = false
    ) {
        self.lower = lower; self.lowerInclusive = lowerInclusive; self.upper = upper
        self.upperInclusive = upperInclusive; self.award = award; self.percent = percent
    }

    public func contains(_ x: Double) -> Bool {
        if let l = lower { if lowerInclusive ? x < l - 1e-9 : x <= l + 1e-9 { return false } }
        if let u = upper { if upperInclusive ? x > u + 1e-9 : x >= u - 1e-9 { return false } }
        return true
    }

    /// `80–95`, `≥95`, `<60` as explanations write the band.
    public var rangeText: String {
        let n = ArithmeticText.number
        switch (lower, upper) {
        case let (l?, u?): return "\(n(l, 4))\(lowerInclusive ? "（含）" : "")–\(n(u, 4))\(upperInclusive ? "（含）" : "")"
        case let (l?, nil): return (lowerInclusive ? "≥" : ">") + n(l, 4)
        case let (nil, u?): return (upperInclusive ? "≤" : "<") + n(u, 4)
        case (nil, nil): return "其余"
        }
    }
}

/// One grade of a fixed-grade rule: 效果明显 → 15, 基本实现 → 80% of the points.
public struct GradePoints: Sendable, Hashable {
    public var words: String
    public var award: Band.Award
    /// `words` normalised for matching actuals.
    var key: String
    public init(words: String, award: Band.Award) {
        self.words = words; self.award = award; key = QualitativeJudge.key(words)
    }
    public init(words: String, points: Double) { self.init(words: words, award: .points(points)) }
}

/// Where the rule in force came from.
public enum RuleSource: String, Sendable, Hashable, Codable {
    /// Read from the indicator's 评（扣）分标准.
    case text
    /// The method named in 指标赋分规则 (按照正常比例赋分, 直接赋分 …).
    case method
    /// The default for the indicator's type (`scoring.md`): no usable text.
    case typeDefault

    public var label: String {
        switch self {
        case .text: return "评分标准"
        case .method: return "赋分方法"
        case .typeDefault: return "按指标类型默认"
        }
    }
}

/// What the parser read from one scoring text. Depends on the text only, so it is cached by text.
public struct ParsedScoring: Sendable, Hashable {
    /// The rule, or nil when the text names none that the parser knows (the type default then applies).
    public var rule: ScoringRule?
    /// `.text` or `.method` when `rule` is set.
    public var source: RuleSource
    /// The full points the text names (达到计划值得满分5分 → 5), if any.
    public var fullPoints: Double?
    /// A zero line: a completion rate (or `%` actual) under this gets no points (低于60%不得分), in percent.
    public var zeroBelow: Double?
    /// Why the text could not be used, for the flag; nil when it was.
    public var problem: String?
    /// The start of explanations under this rule, rendered once (set by `Scorer`).
    var prefix: String?

    public init(
        rule: ScoringRule?, source: RuleSource, fullPoints: Double? = nil, zeroBelow: Double? = nil, problem: String? = nil
    ) {
        self.rule = rule; self.source = source; self.fullPoints = fullPoints; self.zeroBelow = zeroBelow; self.problem = problem
    }
}
