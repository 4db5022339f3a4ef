/// A table has two parts with different owners in time: the goals, fixed once finance approves them,
/// and the self-evaluation entered after the year (actuals, 偏差原因, 预算执行), kept beside them in
/// `evaluation`. The workflow lets the second change while the first is frozen; these say which is which.
extension GoalTable {
    /// The table with every self-evaluation input removed: what finance approved.
    public var goalPart: GoalTable {
        var t = self
        for i in t.indicators.indices {
            for f in IndicatorField.stored(in: .selfEvaluation) { f.clear(at: i, in: &t) }
        }
        // values of indicators no longer in the plan, and 预算执行, go too
        t.evaluation = SelfEvaluation()
        return t
    }

    /// True when `other` differs from this table only in its self-evaluation inputs.
    public func hasSameGoals(as other: GoalTable) -> Bool {
        goalPart == other.goalPart
    }
}

extension GoalTable {
    /// These goals with the self-evaluation values of `other` (by row), for telling which phase a save changed.
    public func withEvaluation(of other: GoalTable) -> GoalTable {
        var t = self
        t.execution = other.execution
        for i in t.indicators.indices where i < other.indicators.count {
            for f in IndicatorField.stored(in: .selfEvaluation) { f.copy(from: other, at: i, to: &t, at: i) }
        }
        return t
    }
}
