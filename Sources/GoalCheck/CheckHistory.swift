import GoalCore

/// What one table cannot show by itself: the same table's earlier years and other units' tables of the same
/// year (issue #19). The checker reads it and stays pure: the caller (the web app) gathers it — earlier years
/// by the `previousId` chain of the indicators, points lost from the scorer, other units' tables within what
/// the reader may know of — and passes it in.
public struct CheckHistory: Sendable, Hashable {
    /// Earlier years' approved versions, newest first: `earlier[0]` is last year's table, whose indicator ids
    /// this table's `previousId`s name; `earlier[1]` the year before that, named by `earlier[0]`'s, and so on.
    public var earlier: [EarlierYear]
    /// Other units' tables of the same year.
    public var peers: [PeerTable]

    public init(earlier: [EarlierYear] = [], peers: [PeerTable] = []) {
        self.earlier = earlier; self.peers = peers
    }

    public var isEmpty: Bool { earlier.isEmpty && peers.isEmpty }
}

/// One earlier year of the table: its approved goals with the 自评 actuals, and the points each indicator lost.
public struct EarlierYear: Sendable, Hashable {
    public var table: GoalTable
    /// Points lost in that year's 自评 by indicator id (weight minus score, from the scorer); an indicator not
    /// listed lost none or was not scored.
    public var lostPoints: [String: Double]

    public init(table: GoalTable, lostPoints: [String: Double] = [:]) {
        self.table = table; self.lostPoints = lostPoints
    }
}

/// Another unit's table of the same year.
public struct PeerTable: Sendable, Hashable {
    /// The unit and the table's name, as a message may show them: nil when the reader may not see that unit
    /// (the message then says 另一单位 and nothing more).
    public var unit: String?
    public var name: String?
    public var table: GoalTable

    public init(unit: String?, name: String?, table: GoalTable) {
        self.unit = unit; self.name = name; self.table = table
    }
}

extension Checker {
    /// The rules across years and units (codes `Y01`–`Y05`) for `table`, under the profile it is checked by.
    /// Separate from `check`: they need `history`, which a pasted or uploaded table does not have.
    public func checkAcrossYears(_ table: GoalTable, history: CheckHistory, at index: Int = 0) -> [Finding] {
        let rules =
            compiled ?? CompiledProfile.builtIn[Checker.profile(for: table).name] ?? CompiledProfile(Checker.profile(for: table))
        var run = TableCheck(table: table, index: index, rules: rules)
        run.historyRules(history)
        var out = run.findings
        out.sort(by: Finding.documentOrder)
        for k in out.indices {
            if let i = out[k].indicator, i < table.indicators.count { out[k].indicatorId = table.indicators[i].id }
        }
        return out
    }

    /// Whether `table` has an 指标解释 or 评（扣）分标准 long enough for Y05 to compare: when it has none, the
    /// caller need not gather other units' tables at all.
    public func hasTextToCompare(_ table: GoalTable) -> Bool {
        let minLength = (profile ?? Checker.profile(for: table)).check.history.copiedTextMinLength
        return table.indicators.contains { ind in
            [ind.explanation, ind.scoring].contains { (TableCheck.copyKey($0)?.unicodeScalars.count ?? 0) >= minLength }
        }
    }
}
