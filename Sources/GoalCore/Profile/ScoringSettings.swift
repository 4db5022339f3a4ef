/// The scorer's settings in a profile. Owned by the scorer (GoalScoring); every field has a default
/// so that a profile file may leave it out. The defaults are the rule set of `scoring.md`.
public struct ScoringSettings: Sendable, Hashable, Codable {
    /// Points for budget execution when a table gives execution figures without a weight.
    public var executionWeight: Double
    /// How step rules (每下降1%扣0.2分) count: in proportion (2.5 points short costs 2.5 steps) or whole steps only.
    public var steps: StepCounting
    /// The pass line of 按完成比例赋分并设置及格门槛 when the text names none: 0.6 (60%).
    public var passLine: Double
    /// 满意度赋分 without bands in the text: from the highest band down, the first whose `atLeast` the actual reaches.
    public var satisfactionBands: [ScoreBand]
    /// 按评判等级赋分: the evaluator's grade words and the share of the points each band gives.
    public var gradeLevels: [GradeLevel]
    /// Caps of the total by budget execution rate (e.g. under 80% → at most 89). Empty: no caps.
    public var executionCaps: [ExecutionCap]
    /// An actual this share or more beyond a `≥` target is flagged as a target set too low (0.3 = 30%).
    public var targetTooLowExcess: Double
    /// Execution rates under this need an explanation (0.9 = 90%).
    public var executionExplanationBelow: Double
    /// The least percent of each grade: 优 90, 良 80, 中 60; below is 差.
    public var gradeThresholds: GradeThresholds
    /// How an actual above an `=` target scores (=973人 with 980): as a deviation like one below
    /// (`deviation`, `scoring.md`'s `w × (1 − |A − T| / T)`) or as met (`met`). Stated in the explanation.
    public var equalOverAchievement: EqualOverAchievement

    public init(
        executionWeight: Double = 10, steps: StepCounting = .proportional, passLine: Double = 0.6,
        satisfactionBands: [ScoreBand] = ScoreBand.satisfactionDefault,
        gradeLevels: [GradeLevel] = GradeLevel.standard, executionCaps: [ExecutionCap] = [],
        targetTooLowExcess: Double = 0.3, executionExplanationBelow: Double = 0.9,
        gradeThresholds: GradeThresholds = .init(), equalOverAchievement: EqualOverAchievement = .deviation
    ) {
        self.executionWeight = executionWeight; self.steps = steps; self.passLine = passLine
        self.satisfactionBands = satisfactionBands; self.gradeLevels = gradeLevels
        self.executionCaps = executionCaps; self.targetTooLowExcess = targetTooLowExcess
        self.executionExplanationBelow = executionExplanationBelow; self.gradeThresholds = gradeThresholds
        self.equalOverAchievement = equalOverAchievement
    }

    enum CodingKeys: String, CodingKey {
        case executionWeight, steps, passLine, satisfactionBands, gradeLevels, executionCaps
        case targetTooLowExcess, executionExplanationBelow, gradeThresholds, equalOverAchievement
    }

    public init(from decoder: any Decoder) throws {
        let d = ScoringSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        executionWeight = try c.decodeIfPresent(Double.self, forKey: .executionWeight) ?? d.executionWeight
        steps = try c.decodeIfPresent(StepCounting.self, forKey: .steps) ?? d.steps
        passLine = try c.decodeIfPresent(Double.self, forKey: .passLine) ?? d.passLine
        satisfactionBands = try c.decodeIfPresent([ScoreBand].self, forKey: .satisfactionBands) ?? d.satisfactionBands
        gradeLevels = try c.decodeIfPresent([GradeLevel].self, forKey: .gradeLevels) ?? d.gradeLevels
        // `"executionCaps": "standard"` names the usual caps; a list gives one's own.
        if let name = try? c.decodeIfPresent(String.self, forKey: .executionCaps) {
            guard name == "standard" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .executionCaps, in: c, debugDescription: "executionCaps 应为 \"standard\" 或一个列表，实为“\(name)”")
            }
            executionCaps = ExecutionCap.standard
        } else {
            executionCaps = try c.decodeIfPresent([ExecutionCap].self, forKey: .executionCaps) ?? d.executionCaps
        }
        targetTooLowExcess = try c.decodeIfPresent(Double.self, forKey: .targetTooLowExcess) ?? d.targetTooLowExcess
        executionExplanationBelow =
            try c.decodeIfPresent(Double.self, forKey: .executionExplanationBelow)
            ?? d.executionExplanationBelow
        gradeThresholds = try c.decodeIfPresent(GradeThresholds.self, forKey: .gradeThresholds) ?? d.gradeThresholds
        equalOverAchievement =
            try c.decodeIfPresent(EqualOverAchievement.self, forKey: .equalOverAchievement)
            ?? d.equalOverAchievement
    }
}

/// How an actual above an `=` target scores.
public enum EqualOverAchievement: String, Sendable, Hashable, Codable {
    /// Above the target deviates from it as much as below it does: `w × (1 − |A − T| / T)`.
    case deviation
    /// At or above the target is met (a count that must reach a figure, not hit it exactly).
    case met
}

/// How step rules count steps.
public enum StepCounting: String, Sendable, Hashable, Codable {
    /// 2.5 points short at 0.2 per point costs 0.5.
    case proportional
    /// 2.5 points short at 0.2 per point costs 0.4 (two whole steps).
    case whole
}

/// One band of a banded rule: an actual at or above `atLeast` (in the indicator's unit) gets `share` of the points.
public struct ScoreBand: Sendable, Hashable, Codable {
    public var atLeast: Double
    public var share: Double
    public init(atLeast: Double, share: Double) { self.atLeast = atLeast; self.share = share }

    /// ≥ 90 → w; 80–90 → 0.8 w; 60–80 → 0.5 w; < 60 → 0.
    public static let satisfactionDefault: [ScoreBand] = [
        .init(atLeast: 90, share: 1), .init(atLeast: 80, share: 0.8), .init(atLeast: 60, share: 0.5),
    ]
}

/// A grade an evaluator writes for a qualitative indicator (基本达成, 部分实现, 较低) and its band of the points.
public struct GradeLevel: Sendable, Hashable, Codable {
    /// Words that name the grade in an actual, e.g. 基本达成, 基本实现.
    public var words: [String]
    /// The band as shares of the points, e.g. 0.8 to 1.0.
    public var low: Double
    public var high: Double
    public init(words: [String], low: Double, high: Double) { self.words = words; self.low = low; self.high = high }

    public static let standard: [GradeLevel] = [
        .init(words: ["基本达成", "基本实现", "基本完成", "基本达到"], low: 0.8, high: 1.0),
        .init(words: ["部分实现", "部分达成", "部分完成", "部分达到", "一般"], low: 0.6, high: 0.8),
        .init(words: ["程度较低", "较低", "较差"], low: 0, high: 0.6),
    ]
}

/// A cap of the total by budget execution rate: an execution rate under `below` percent caps the total
/// at `atMost` percent of the maximum.
public struct ExecutionCap: Sendable, Hashable, Codable {
    public var below: Double
    public var atMost: Double
    public init(below: Double, atMost: Double) { self.below = below; self.atMost = atMost }

    /// 70–80% → at most 89, 60–70% → 79, under 60% → 69, under 50% → 59.
    public static let standard: [ExecutionCap] = [
        .init(below: 80, atMost: 89), .init(below: 70, atMost: 79), .init(below: 60, atMost: 69),
        .init(below: 50, atMost: 59),
    ]
}

/// The least percent of each grade.
public struct GradeThresholds: Sendable, Hashable, Codable {
    public var excellent: Double
    public var good: Double
    public var fair: Double
    public init(excellent: Double = 90, good: Double = 80, fair: Double = 60) {
        self.excellent = excellent; self.good = good; self.fair = fair
    }
}
