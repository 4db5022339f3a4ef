import Foundation

/// Indicator identity: every indicator gets an id when it is created or imported, and keeps it.
extension GoalTable {
    /// This table with an id on every indicator: ids it has are kept, missing ones are made, and a
    /// repeated id (a row copied with its id, or hostile input) is replaced on the later row, so that
    /// within one table an id names one indicator.
    /// Self-evaluation values kept by row until now (`IndicatorKey.row`) are filed under the new ids.
    public func withIndicatorIDs(make: () -> String = GoalTable.newIndicatorID) -> GoalTable {
        var t = self
        var seen = Set<String>()
        t.rekeyingEvaluation { indicators in
            for i in indicators.indices {
                if let id = indicators[i].id, !id.isEmpty, seen.insert(id).inserted { continue }
                var fresh = make()
                while !seen.insert(fresh).inserted { fresh = make() }
                indicators[i].id = fresh
            }
        }
        return t
    }

    /// A new id: random, so two units' tables never share one.
    public static func newIndicatorID() -> String { UUID().uuidString.lowercased() }

    /// Gives indicators that arrive without an id (a client that dropped it, a row typed in a spreadsheet)
    /// the id of the stored indicator at the same row with the same 三级 name; the rest get new ones.
    public func withIndicatorIDs(keepingFrom stored: GoalTable) -> GoalTable {
        var t = self
        let taken = Set(t.indicators.compactMap(\.id))
        t.rekeyingEvaluation { indicators in
            for i in indicators.indices where (indicators[i].id ?? "").isEmpty {
                if i < stored.indicators.count, let old = stored.indicators[i].id, !taken.contains(old),
                    stored.indicators[i].name == indicators[i].name
                {
                    indicators[i].id = old
                }
            }
        }
        return t.withIndicatorIDs()
    }

    /// The index of the indicator with `id`.
    public func indicatorIndex(id: String) -> Int? {
        indicators.firstIndex { $0.id == id }
    }

    /// This table's goals with the self-evaluation values (actual, 偏差原因) and 预算执行 of `source`
    /// carried over by indicator id, where this table has none of its own: an approved 调整 keeps what
    /// the unit already entered on the version it replaces. Returns the indicators of `source` whose
    /// values had no indicator to go to (removed by the adjustment), with those values, for the record.
    public func carryingPhaseValues(from source: GoalTable)
        -> (table: GoalTable, orphans: [(indicator: Indicator, values: IndicatorEvaluation)])
    {
        var t = self
        let phaseFields = IndicatorField.stored(in: .selfEvaluation)
        var orphans: [(indicator: Indicator, values: IndicatorEvaluation)] = []
        for (i, old) in source.indicators.enumerated()
        where phaseFields.contains(where: { ($0.text(at: i, in: source) ?? "").isEmpty == false }) {
            guard let id = old.id, let k = t.indicatorIndex(id: id) else {
                orphans.append((old, source[evaluationAt: i]))
                continue
            }
            for f in phaseFields where (f.text(at: k, in: t) ?? "").isEmpty {
                f.copy(from: source, at: i, to: &t, at: k)
            }
        }
        if t.execution == nil { t.execution = source.execution }
        return (t, orphans)
    }
}

extension GoalTable {
    /// The table without indicator ids: its content alone, for comparing two readings of the same form.
    /// Self-evaluation values go back to being kept by row.
    public var withoutIndicatorIDs: GoalTable {
        var t = self
        t.rekeyingEvaluation { indicators in
            for i in indicators.indices { indicators[i].id = nil; indicators[i].previousId = nil }
        }
        // values of indicators no longer in the table are no content of it
        t.evaluation = SelfEvaluation(
            execution: t.execution, indicators: t.evaluation.indicators.filter { if case .row = $0.key { true } else { false } })
        return t
    }
}

extension GoalTable {
    /// Next year's draft of this table: the same goals for `year + 1`, every indicator a new one that
    /// records this one as its predecessor (`previousId`), with this year's actual as 上年完成值 where
    /// there is one; nothing of this year's self-evaluation, 预算执行 or sign-off. Carry forward (issue #19)
    /// builds on this.
    public func nextYearDraft(make: () -> String = GoalTable.newIndicatorID) -> GoalTable {
        var t = goalPart.withIndicatorIDs(make: make)
        t.year = year.map { $0 + 1 }
        t.signoff = nil
        for i in t.indicators.indices {
            t.indicators[i].previousId = t.indicators[i].id
            t.indicators[i].id = make()
            if i < indicators.count, let actual = actual(at: i), !actual.isEmpty { t.indicators[i].lastYear = actual }
        }
        return t
    }
}
