/// The scorer's settings in a profile. Owned by the scorer (GoalScoring); every field has a default
/// so that a profile file may leave it out.
public struct ScoringSettings: Sendable, Hashable, Codable {
    /// Points for budget execution when a table gives execution figures without a weight.
    public var executionWeight: Double

    public init(executionWeight: Double = 10) {
        self.executionWeight = executionWeight
    }

    public init(from decoder: any Decoder) throws {
        let d = ScoringSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        executionWeight = try c.decodeIfPresent(Double.self, forKey: .executionWeight) ?? d.executionWeight
    }
}
