import GoalCore
import GoalScoring

/// Monitoring into the year end (自评): the last round's 全年预计完成值 as a first guess of each
/// 实际完成值, and the contradiction of a goal called 完全不可能 in monitoring and scored full marks.
public enum YearEnd {
    /// A suggested 实际完成值: never written into the table by itself; the page shows it marked as a
    /// guess and the unit accepts or types over it.
    public struct ActualGuess: Sendable, Hashable, Codable {
        public var id: String
        public var row: Int
        public var name: String
        /// The 全年预计完成值 as the unit wrote it.
        public var value: String
        /// Always true: this is a guess, not an actual.
        public var isGuess: Bool
        /// "预填：1-9月监控的全年预计完成值，请按实际核实".
        public var label: String
    }

    /// One guess per indicator of `table` that has no 实际完成值 yet and a 全年预计完成值 in `lastRound`
    /// (matched by id). Indicators already filled are left alone: a guess never replaces a value.
    public static func firstGuesses(table: GoalTable, lastRound: MonitoringEntry) -> [ActualGuess] {
        var byID: [String: IndicatorProgress] = [:]
        for p in lastRound.indicators where byID[p.id] == nil { byID[p.id] = p }
        var guesses: [ActualGuess] = []
        for (row, (indicator, entered)) in zip(table.indicators, table.evaluationsByRow).enumerated() {
            guard let id = indicator.id, entered.actual.map({ $0.allSatisfy(\.isWhitespace) }) ?? true,
                let expected = byID[id]?.expected.map(TextNormalizer.trim), !expected.isEmpty
            else { continue }
            guesses.append(
                ActualGuess(
                    id: id, row: row, name: indicator.name, value: expected, isGuess: true,
                    label: "预填：\(lastRound.periodLabel)监控的全年预计完成值，请按实际核实"))
        }
        return guesses
    }

    /// A checker warning: monitoring said 完全不可能, the year end scored full marks.
    public struct Contradiction: Sendable, Hashable, Codable {
        public var id: String
        public var row: Int
        public var name: String
        public var score: Double
        public var fullMarks: Double
        /// "第4行“媒体播出”在1-7月监控中填报“完全不可能”完成目标，自评却得满分（5 分）：请核实实际完成值或监控填报".
        public var message: String
    }

    /// The indicators flagged 完全不可能 in any of `rounds` that `score` gives full marks.
    /// `score` is the year-end score of `table` (same rows: `IndicatorScore.index` is the row).
    public static func contradictions(table: GoalTable, rounds: [MonitoringEntry], score: TableScore) -> [Contradiction] {
        var impossibleIn: [String: Int] = [:]
        for round in rounds.sorted(by: { $0.period < $1.period }) {
            for p in round.indicators where p.likelihood == .impossible && impossibleIn[p.id] == nil {
                impossibleIn[p.id] = round.period
            }
        }
        guard !impossibleIn.isEmpty else { return [] }
        var found: [Contradiction] = []
        for s in score.indicators {
            guard s.index < table.indicators.count, let id = table.indicators[s.index].id, let period = impossibleIn[id],
                let got = s.score, let full = s.weight, full > 0, got >= full - 0.005
            else { continue }
            let name = table.indicators[s.index].name
            found.append(
                Contradiction(
                    id: id, row: s.index, name: name, score: got, fullMarks: full,
                    message:
                        "第\(s.index + 1)行“\(name)”在\(MonitoringEntry.periodLabel(period))监控中填报“完全不可能”完成目标，自评却得满分（\(Figures.text(full)) 分）：请核实实际完成值或当时的监控填报"
                ))
        }
        return found
    }
}
