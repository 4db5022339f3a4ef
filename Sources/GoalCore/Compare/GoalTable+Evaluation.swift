/// A table has two parts with different owners in time: the goals, fixed once finance approves them,
/// and the self-evaluation entered after the year (actuals, 偏差原因, 预算执行), kept beside them in
/// `evaluation`. The workflow lets the second change while the first is frozen; these say which is which.
extension GoalTable {
    /// The table with every self-evaluation input removed: what finance approved.
    public var goalPart: GoalTable {
        var t = self
        var rows = t.rows
        for i in rows.indices {
            for f in IndicatorField.stored(in: .selfEvaluation) { f.clear(in: &rows[i]) }
        }
        // values of indicators no longer in the plan go too (`setRows`), and 预算执行
        t.setRows(rows)
        t.execution = nil
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
        var rows = t.rows
        let theirs = other.rows
        for i in rows.indices where i < theirs.count {
            for f in IndicatorField.stored(in: .selfEvaluation) { f.copy(from: theirs[i], to: &rows[i]) }
        }
        t.setRows(rows)
        t.execution = other.execution
        return t
    }
}
