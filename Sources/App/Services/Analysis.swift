import GoalCheck
import GoalCore
import GoalScoring

/// The one place the app asks the domain modules about tables: the checker's findings and the scorer's
/// scores, under the profile the checker picks for each table. No rule lives here.
enum Analysis {
    static func findings(_ tables: [GoalTable], importNotes: [ImportNote] = []) -> [Finding] {
        Checker().check(tables, importNotes: importNotes)
    }

    /// Scores each table under the scoring settings of the profile its check uses.
    static func scores(_ tables: [GoalTable]) -> [TableScore] {
        tables.enumerated().map { i, t in
            var scorer = Scorer(settings: Checker.profile(for: t).scoring)
            return scorer.score(t, index: i)
        }
    }

    /// Scores with the what-if of each table (the 自评 page shows both as the user types).
    static func scoresWithWhatIf(_ tables: [GoalTable]) -> [(TableScore, WhatIfReport)] {
        tables.enumerated().map { i, t in
            var scorer = Scorer(settings: Checker.profile(for: t).scoring)
            let score = scorer.score(t, index: i)
            return (score, WhatIf.analyse(t, score, scorer: &scorer))
        }
    }

    /// Why a self-evaluation cannot be submitted yet: rows without an actual, rows that lost points
    /// without 偏差原因分析及改进措施, each named with its row. Empty when it can.
    /// The checker's errors, as the messages a refused submission lists.
    static func errorMessages(_ table: GoalTable) -> [String] {
        findings([table]).filter { $0.severity == .error }.map { oneTable($0.message) }
    }

    /// A message about the only table of a page without its `第1张表` (`第1张表 第3行…` → `第3行…`,
    /// `第1张表：表头…` → `表头…`): on a page of one table the place is the row.
    static func oneTable(_ message: String) -> String {
        for prefix in ["第1张表 ", "第1张表："] where message.hasPrefix(prefix) {
            return String(message.dropFirst(prefix.count))
        }
        return message
    }

    static func warningCount(_ table: GoalTable) -> Int {
        findings([table]).count { $0.severity == .warning }
    }

    static func evaluationGaps(_ table: GoalTable) -> [String] {
        scores([table])[0].indicators.flatMap { s in
            s.flags.filter { $0.kind == .missingActual || $0.kind == .deviationMissing }.map { oneTable($0.message) }
        }
    }

    /// What the list page shows of one table: error and warning counts, and the score once anything is scored.
    struct Summary: Sendable, Equatable {
        var errors: Int
        var warnings: Int
        var score: Double?
        var scoreMax: Double?
        var grade: String?
        /// 预算执行率 in %, when the 自评 gives 预算执行 (the 总览's scatter).
        var executionRate: Double? = nil
        /// Every rule code found, once, between commas (`,F04,D01,`); nil when none (the 总览's rule counts).
        var findingCodes: String? = nil
    }

    static func summary(_ table: GoalTable) -> Summary { summaryAndScore(table).0 }

    /// The summary and the score it rests on (the indicator facts store each indicator's score).
    static func summaryAndScore(_ table: GoalTable) -> (Summary, TableScore) {
        let f = findings([table])
        let s = scores([table])[0]
        return (
            Summary(
                errors: f.count { $0.severity == .error }, warnings: f.count { $0.severity == .warning },
                score: s.hasScores ? s.total : nil, scoreMax: s.hasScores ? s.max : nil,
                grade: s.hasScores ? s.grade.rawValue : nil,
                executionRate: s.execution?.rate.map { ($0 * 10_000).rounded() / 100 },
                findingCodes: codes(f)), s
        )
    }

    /// `,F04,D01,`: each code once, sorted, so equal tables store equal text.
    static func codes(_ findings: [Finding]) -> String? {
        let codes = Set(findings.map(\.code)).sorted()
        return codes.isEmpty ? nil : "," + codes.joined(separator: ",") + ","
    }

    /// Taxonomy choices for the editor's dropdowns: 一级 → its 二级, under the profile for that form.
    static func taxonomy(for table: GoalTable) -> [Taxonomy.Group] {
        Checker.profile(for: table).taxonomy.groups
    }
}
