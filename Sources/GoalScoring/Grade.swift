import GoalCore

/// 优 / 良 / 中 / 差 by percent: 优 ≥ 90 (90.00 exactly is 优), 良 80 to under 90, 中 60 to under 80, 差 under 60.
public enum Grade: String, Sendable, Hashable, Codable, CaseIterable {
    case excellent = "优"
    case good = "良"
    case fair = "中"
    case poor = "差"

    public init(percent: Double, thresholds: GradeThresholds = .init()) {
        // percent is already rounded to 2 decimals: compare without binary noise
        let p = ArithmeticText.round(percent)
        if p >= thresholds.excellent {
            self = .excellent
        } else if p >= thresholds.good {
            self = .good
        } else if p >= thresholds.fair {
            self = .fair
        } else {
            self = .poor
        }
    }

    /// The next grade up and the least percent it needs; nil for 优.
    public func next(thresholds: GradeThresholds = .init()) -> (grade: Grade, percent: Double)? {
        switch self {
        case .excellent: return nil
        case .good: return (.excellent, thresholds.excellent)
        case .fair: return (.good, thresholds.good)
        case .poor: return (.fair, thresholds.fair)
        }
    }
}
