/// The checker's settings in a profile. Owned by the checker (GoalCheck); every field has a default
/// so that a profile file may leave it out.
public struct CheckSettings: Sendable, Hashable, Codable {
    /// Weight totals a table may have: 100, or 90 when 10 points go to budget execution.
    public var weightTotals: [Double]

    public init(weightTotals: [Double] = [100, 90]) {
        self.weightTotals = weightTotals
    }

    public init(from decoder: any Decoder) throws {
        let d = CheckSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weightTotals = try c.decodeIfPresent([Double].self, forKey: .weightTotals) ?? d.weightTotals
    }
}
