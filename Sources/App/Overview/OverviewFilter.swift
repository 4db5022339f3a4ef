import Foundation
import GoalWorkflow
import SQLKit

/// The 首页's filter (`TableListQuery`) said in SQL over `goal_tables t`, for the 总览's aggregates: the
/// overview and the list read the same address (`?unit=…&kind=…&state=…&grade=…&light=…&q=…&mine=1`),
/// so every figure of the overview links to the list of exactly the tables it counts.
///
/// Live tables only, said as the partial indexes say it (`deleted_at IS NULL`), and never a version an
/// approved 调整 replaced: it is kept for the record, not counted twice.
struct OverviewFilter: Sendable {
    var query: TableListQuery
    var scope: Access.Scope
    var user: CurrentUser?
    var dialect: String

    init(_ query: TableListQuery, scope: Access.Scope, user: CurrentUser?, dialect: String) {
        self.query = query; self.scope = scope; self.user = user; self.dialect = dialect
    }

    /// `t.deleted_at IS NULL AND …`: every condition of the filter, the year included unless `withYear` is false
    /// (this year against last reads two years).
    func conditions(withYear: Bool = true) -> SQLQueryString {
        var s: SQLQueryString = "t.deleted_at IS NULL AND t.status <> \(bind: TableStatus.superseded.rawValue)"
        s = s + Self.scope(scope, path: "t.org_path", organisation: "t.organisation_id", dialect: dialect)
        for word in query.words { s = s + " AND " + Self.contains("t.name", word) }
        if let unit = query.unit { s = s + " AND " + Self.contains("t.unit", unit) }
        if withYear, let year = query.year { s = s + " AND t.year = \(bind: year)" }
        if let kind = query.kind { s = s + " AND t.kind = \(bind: kind.rawValue)" }
        if let state = query.state { s = s + " AND " + state.sqlCondition }
        if let grade = query.grade { s = s + " AND t.grade = \(bind: grade.rawValue)" }
        if let light = query.light { s = s + " AND " + Self.lightCondition(light) }
        if let rule = query.rule { s = s + " AND t.finding_codes LIKE \(bind: "%," + rule + ",%")" }
        if query.mine {
            let states = user.map { TableStore.waitingStates(for: $0) } ?? []
            if states.isEmpty {
                s = s + " AND 1 = 0"
            } else {
                var any: SQLQueryString = " AND ("
                for (i, w) in states.enumerated() { any = any + (i == 0 ? "" : " OR ") + "(" + w.sqlCondition + ")" }
                s = s + any + ")"
            }
        }
        return s
    }

    /// The filter said over `indicator_facts f` alone, without the tables: possible when every condition is one
    /// a fact carries (scope, unit, year, kind, a state of the goals), since the facts are written for live tables
    /// only and follow every save and step (`IndicatorFacts`). nil when a condition needs the table (name
    /// words, grade, light, rule, 待我处理, a 自评 state).
    func factConditions(withYear: Bool = true) -> SQLQueryString? {
        guard query.words.isEmpty, query.grade == nil, query.light == nil, query.rule == nil, !query.mine else { return nil }
        // no `status <> superseded`: a superseded version's facts are removed when its 调整 is approved, and a
        // condition on a column outside `indicator_facts_year_name` sent the default indicator's question to a
        // wider index (94 ms against 19 ms for a province on PostgreSQL)
        var s: SQLQueryString = "1 = 1"
        s = s + Self.scope(scope, path: "f.org_path", organisation: "f.organisation_id", dialect: dialect)
        if let unit = query.unit { s = s + " AND " + Self.contains("f.unit", unit) }
        if withYear, let year = query.year { s = s + " AND f.year = \(bind: year)" }
        if let kind = query.kind { s = s + " AND f.kind = \(bind: kind.rawValue)" }
        if let state = query.state {
            guard state != .evaluationSubmitted, state != .evaluationReviewed else { return nil }
            s = s + " AND f.status = \(bind: state.rawValue)"
        }
        return s
    }

    /// `FROM indicator_facts f WHERE …` for the 总览's questions over the facts: the facts alone when
    /// `factConditions` holds (their own indexes answer), the tables joined otherwise. The facts' own year is
    /// named in both, so the planner starts from the year's facts rather than every fact of every year.
    func facts(withYear: Bool = true) -> SQLQueryString {
        if let alone = factConditions(withYear: withYear) { return "FROM indicator_facts f WHERE \(alone)" }
        let year: SQLQueryString = withYear ? query.year.map { " AND f.year = \(bind: $0)" } ?? "" : ""
        return "FROM indicator_facts f JOIN goal_tables t ON t.id = f.table_id WHERE \(conditions(withYear: withYear))\(year)"
    }

    /// `column LIKE '%text%'`, the text's `%` and `_` taken as letters.
    static func contains(_ column: String, _ text: String) -> SQLQueryString {
        "\(unsafeRaw: column) LIKE \(bind: "%" + likeEscaped(text) + "%") ESCAPE '\\'"
    }

    /// `AND …` for the tables an account may see, as `Access` decides it. On SQLite a subtree is a range
    /// of bytes (its `LIKE` ignores case and cannot use an index), on PostgreSQL a prefix.
    static func scope(_ scope: Access.Scope, path: String, organisation: String, dialect: String) -> SQLQueryString {
        switch scope {
        case .all: return ""
        case .organisation(let id): return " AND \(unsafeRaw: organisation) = \(bind: id)"
        case .subtree(let p):
            if dialect == "sqlite", let upper = Access.pathsAfter(p) {
                return " AND \(unsafeRaw: path) >= \(bind: p) AND \(unsafeRaw: path) < \(bind: upper)"
            }
            return " AND \(unsafeRaw: path) LIKE \(bind: likeEscaped(p) + "%") ESCAPE '\\'"
        }
    }

    /// A table with this light in any monitoring round of its year (`monitoring_entries_table`).
    static func lightCondition(_ light: ListLight) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM monitoring_entries e WHERE e.table_id = t.id AND e.light = \(bind: light.light.rawValue))"
    }

    /// `%` and `_` typed by a user are letters, not wildcards.
    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension ListState {
    /// This state over `goal_tables t`, as `apply(to:)` says it to Fluent.
    var sqlCondition: SQLQueryString {
        switch self {
        case .evaluationSubmitted:
            return
                "t.status = \(bind: TableStatus.approved.rawValue) AND t.evaluation_status = \(bind: EvaluationStatus.submitted.rawValue)"
        case .evaluationReviewed:
            return
                "t.status = \(bind: TableStatus.approved.rawValue) AND t.evaluation_status = \(bind: EvaluationStatus.reviewed.rawValue)"
        default:
            return "t.status = \(bind: rawValue)"
        }
    }
}

extension TableStore.WaitingState {
    /// This waiting state over `goal_tables t`, as `apply(to:)` says it to Fluent.
    var sqlCondition: SQLQueryString {
        var s: SQLQueryString = "t.status = \(bind: status.rawValue)"
        if let evaluation { s = s + " AND t.evaluation_status = \(bind: evaluation.rawValue)" }
        if returned { s = s + " AND t.return_comment IS NOT NULL" }
        return s
    }
}
