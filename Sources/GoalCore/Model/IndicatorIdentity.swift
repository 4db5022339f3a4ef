import Foundation

/// Indicator identity: every indicator gets an id when it is created or imported, and keeps it.
extension GoalTable {
    /// This table with an id on every indicator: ids it has are kept, missing ones are made, and a
    /// repeated id (a row copied with its id, or hostile input) is replaced on the later row, so that
    /// within one table an id names one indicator.
    /// Self-evaluation values kept by row until now (`IndicatorKey.row`) are filed under the new ids;
    /// values of indicators no longer in the table are dropped.
    public func withIndicatorIDs(make: () -> String = GoalTable.newIndicatorID) -> GoalTable {
        var rows = self.rows
        var seen = Set<String>()
        for i in rows.indices {
            if let id = rows[i].indicator.id, !id.isEmpty, seen.insert(id).inserted { continue }
            var fresh = make()
            while !seen.insert(fresh).inserted { fresh = make() }
            rows[i].indicator.id = fresh
        }
        var t = self
        t.setRows(rows)
        return t
    }

    /// A new id: random, so two units' tables never share one.
    public static func newIndicatorID() -> String { UUID().uuidString.lowercased() }

    /// Gives indicators that arrive without an id (a client that dropped it, a row typed in a spreadsheet)
    /// the id of the stored indicator at the same row with the same 三级 name; the rest get new ones.
    public func withIndicatorIDs(keepingFrom stored: GoalTable) -> GoalTable {
        var rows = self.rows
        let taken = Set(indicators.compactMap(\.id))
        for i in rows.indices where (rows[i].indicator.id ?? "").isEmpty {
            if i < stored.indicators.count, let old = stored.indicators[i].id, !taken.contains(old),
                stored.indicators[i].name == rows[i].indicator.name
            {
                rows[i].indicator.id = old
            }
        }
        var t = self
        t.setRows(rows)
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
    public func carryingPhaseValues(from source: GoalTable) -> (table: GoalTable, orphans: [IndicatorRow]) {
        var t = self
        let phaseFields = IndicatorField.stored(in: .selfEvaluation)
        var rows = t.rows
        var rowOfID: [String: Int] = [:]
        for (k, r) in rows.enumerated() { if let id = r.indicator.id, rowOfID[id] == nil { rowOfID[id] = k } }
        var orphans: [IndicatorRow] = []
        for old in source.rows where phaseFields.contains(where: { ($0.text(of: old) ?? "").isEmpty == false }) {
            guard let id = old.indicator.id, let k = rowOfID[id] else { orphans.append(old); continue }
            for f in phaseFields where (f.text(of: rows[k]) ?? "").isEmpty { f.copy(from: old, to: &rows[k]) }
        }
        t.setRows(rows)
        if t.execution == nil { t.execution = source.execution }
        return (t, orphans)
    }
}

extension GoalTable {
    /// The table without indicator ids: its content alone, for comparing two readings of the same form.
    /// Self-evaluation values go back to being kept by row.
    public var withoutIndicatorIDs: GoalTable {
        var rows = self.rows
        for i in rows.indices { rows[i].indicator.id = nil; rows[i].indicator.previousId = nil }
        var t = self
        t.setRows(rows)
        return t
    }
}
