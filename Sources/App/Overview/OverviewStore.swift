import Fluent
import Foundation
import GoalCheck
import GoalMonitoring
import GoalScoring
import GoalWorkflow
import SQLKit

/// The 总览's figures: each one `GROUP BY` in SQL over the tables the filter and the account's scope allow
/// (`OverviewFilter`), the same text on SQLite and PostgreSQL. No document is opened: the counts come from
/// the columns every save fills (`status`, `grade`, `score`, `execution_rate`, `finding_codes`), from
/// `indicator_facts`, the audit trail's 退回 and the monitoring entries. docs/ARCHITECTURE.md says which
/// index serves which.
enum OverviewStore {
    /// A step of the goals' year, as the 总览 counts them. 调整中 is an adjustment not yet approved,
    /// counted there and not in its own state, so every table is in exactly one step.
    enum Step: String, CaseIterable, Sendable {
        case draft, awaitingConfirmation, submitted, businessReviewed, performanceReviewed, approved, adjusting

        var label: String {
            switch self {
            case .draft: return "草稿"
            case .awaitingConfirmation: return "待确认"
            case .submitted: return "已提交"
            case .businessReviewed: return "业务股室已审"
            case .performanceReviewed: return "绩效股已审"
            case .approved: return "已批复"
            case .adjusting: return "调整中"
            }
        }

        /// The list's state filter for this step (none for 调整中, which is several states).
        var listState: ListState? { ListState(rawValue: rawValue) }

        init(status: String, adjusting: Bool) {
            if adjusting && status != TableStatus.approved.rawValue {
                self = .adjusting
            } else {
                self = Step(rawValue: status) ?? .draft
            }
        }
    }

    struct UnitProgress: Sendable, Equatable {
        var unit: String
        var counts: [Step: Int]
        var total: Int { counts.values.reduce(0, +) }
        var notApproved: Int { total - (counts[.approved] ?? 0) }
    }

    struct Progress: Sendable, Equatable {
        var totals: [Step: Int]
        /// Every unit with tables, most tables still on their way first.
        var units: [UnitProgress]
        var total: Int { totals.values.reduce(0, +) }
    }

    /// Tables per step, in all and per unit: one `GROUP BY unit, status` (`goal_tables_overview`).
    static func progress(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> Progress {
        struct Row: Decodable { var unit: String; var status: String; var adjusting: Int; var n: Int }
        let rows = try await sql.raw(
            """
            SELECT t.unit AS unit, t.status AS status, CASE WHEN t.adjusts_id IS NULL THEN 0 ELSE 1 END AS adjusting, \
            COUNT(*) AS n FROM goal_tables t WHERE \(f.conditions()) \
            GROUP BY t.unit, t.status, CASE WHEN t.adjusts_id IS NULL THEN 0 ELSE 1 END
            """
        ).all(decoding: Row.self)
        var totals: [Step: Int] = [:], byUnit: [String: [Step: Int]] = [:]
        for r in rows {
            let step = Step(status: r.status, adjusting: r.adjusting != 0)
            totals[step, default: 0] += r.n
            byUnit[r.unit, default: [:]][step, default: 0] += r.n
        }
        let units = byUnit.map { UnitProgress(unit: $0.key, counts: $0.value) }
            .sorted { ($0.notApproved, $1.unit) > ($1.notApproved, $0.unit) }
        return Progress(totals: totals, units: units)
    }

    /// The units of the scope (organisations of kind 单位) with no live table of the year at all: who has
    /// not started. Served by `goal_tables_live_org (organisation_id, …, year)`, one probe per unit.
    /// Asks one more than `notStartedCounted`, so the page can say “500 个以上” rather than a false 500.
    static func notStarted(
        year: Int, scope: Access.Scope, on sql: any SQLDatabase, limit: Int = notStartedCounted + 1
    ) async throws -> [String] {
        struct Row: Decodable { var name: String }
        let inScope = OverviewFilter.scope(scope, path: "o.path", organisation: "o.id", dialect: sql.dialect.name)
        return try await sql.raw(
            """
            SELECT o.name AS name FROM organisations o WHERE o.kind = \(bind: OrganisationKind.unit.rawValue)\(inScope) \
            AND NOT EXISTS (SELECT 1 FROM goal_tables t WHERE t.organisation_id = o.id AND t.year = \(bind: year) \
            AND t.deleted_at IS NULL) ORDER BY o.name LIMIT \(bind: limit)
            """
        ).all(decoding: Row.self).map(\.name)
    }

    /// How many units that have not started the page counts and the workbook lists.
    static let notStartedCounted = 500

    struct Returns: Sendable, Equatable {
        var unit: String
        /// 退回 events (goals and 自评).
        var times: Int
        /// Tables sent back at least once.
        var tables: Int
    }

    /// 退回 and how often, per unit, most first (`audit_events_action (action, table_id)`).
    static func returns(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> [Returns] {
        struct Row: Decodable { var unit: String; var times: Int; var tables: Int }
        return try await sql.raw(
            """
            SELECT t.unit AS unit, COUNT(*) AS times, COUNT(DISTINCT a.table_id) AS tables FROM audit_events a \
            JOIN goal_tables t ON t.id = a.table_id \
            WHERE a.action IN (\(bind: WorkflowAction.sendBack.rawValue), \(bind: WorkflowAction.returnEvaluation.rawValue)) \
            AND \(f.conditions()) GROUP BY t.unit ORDER BY COUNT(*) DESC, t.unit
            """
        ).all(decoding: Row.self).map { Returns(unit: $0.unit, times: $0.times, tables: $0.tables) }
    }

    struct Quality: Sendable, Equatable {
        var tables: Int
        /// Tables without a checker error.
        var errorFree: Int
        /// Rules found in at least one table, most tables first: the rule and its count.
        var rules: [(rule: Rule, tables: Int)]
        /// Per unit, the tables of each rule (by code).
        var units: [(unit: String, tables: Int, byRule: [String: Int])]

        var errorFreeShare: Double? { tables == 0 ? nil : Double(errorFree) / Double(tables) * 100 }

        static func == (a: Quality, b: Quality) -> Bool {
            a.tables == b.tables && a.errorFree == b.errorFree && a.rules.map(\.rule.code) == b.rules.map(\.rule.code)
                && a.rules.map(\.tables) == b.rules.map(\.tables)
        }
    }

    /// Checker findings by rule, in all and per unit, and the error-free share: one `GROUP BY unit,
    /// finding_codes` over `goal_tables_overview` (tables of a unit mostly share their set of codes, so the
    /// groups are few), the codes split here. Codes outside the catalogue are not counted.
    static func quality(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> Quality {
        struct Row: Decodable { var unit: String; var codes: String?; var n: Int; var clean: Int }
        let rows = try await sql.raw(
            """
            SELECT t.unit AS unit, t.finding_codes AS codes, COUNT(*) AS n, \
            SUM(CASE WHEN t.error_count = 0 THEN 1 ELSE 0 END) AS clean \
            FROM goal_tables t WHERE \(f.conditions()) GROUP BY t.unit, t.finding_codes
            """
        ).all(decoding: Row.self)
        let rules = RuleCatalogue.all
        let index = Dictionary(rules.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        var tables = 0, clean = 0, perRule = Array(repeating: 0, count: rules.count)
        var units: [String: (tables: Int, byRule: [String: Int])] = [:]
        for row in rows {
            tables += row.n
            clean += row.clean
            var unit = units[row.unit] ?? (0, [:])
            unit.tables += row.n
            for code in Set((row.codes ?? "").split(separator: ",").map(String.init)) {
                guard let i = index[code] else { continue }
                perRule[i] += row.n
                unit.byRule[code, default: 0] += row.n
            }
            units[row.unit] = unit
        }
        let found = rules.indices.filter { perRule[$0] > 0 }.map { (rule: rules[$0], tables: perRule[$0]) }
            .sorted { ($0.tables, $1.rule.code) > ($1.tables, $0.rule.code) }
        return Quality(
            tables: tables, errorFree: clean, rules: found,
            units: units.sorted { $0.key < $1.key }.map { (unit: $0.key, tables: $0.value.tables, byRule: $0.value.byRule) })
    }

    struct Evaluation: Sendable, Equatable {
        /// Approved tables with a score, per grade.
        var grades: [Grade: Int]
        /// Approved tables with a score, per bin of their score in % of the maximum (`binEdges`).
        var bins: [Int]
        /// 执行率 against 得分 (%) for the tables that have both, lowest 得分率 first: at most `pointLimit`.
        var points: [Point]
        /// How many tables have both, drawn or not.
        var pointsInAll: Int

        /// The histogram's bins, 0–100 % in tens: a value on an inner edge belongs to the bin above it, 100 to
        /// the last (`Histogram.counting`'s rule, said in SQL here).
        static let binEdges: [Double] = stride(from: 0.0, through: 100, by: 10).map { $0 }

        struct Point: Sendable, Equatable {
            var id: UUID
            var name: String
            var unit: String
            var executionRate: Double
            var percent: Double
        }
    }

    /// The 自评 of approved tables: grades, the histogram's bins and how many can be drawn, in one
    /// `GROUP BY` over `goal_tables_overview`; then the scatter's points, the lowest 得分率 first (a top-N over
    /// the same index, the names fetched for those alone).
    static func evaluation(_ f: OverviewFilter, on sql: any SQLDatabase, pointLimit: Int = 2000) async throws -> Evaluation {
        let approved: SQLQueryString = "\(f.conditions()) AND t.status = \(bind: TableStatus.approved.rawValue)"
        let edges = Evaluation.binEdges
        let p: SQLQueryString = "t.score * 100.0 / t.score_max"
        var bin: SQLQueryString = "CASE WHEN t.score_max > 0 THEN CASE"
        for i in 0..<(edges.count - 1) {
            bin =
                bin + " WHEN \(p) >= \(unsafeRaw: String(Int(edges[i]))) AND \(p) "
                + "\(unsafeRaw: i == edges.count - 2 ? "<=" : "<") \(unsafeRaw: String(Int(edges[i + 1]))) THEN \(unsafeRaw: String(i))"
        }
        bin = bin + " END END"
        let drawn: SQLQueryString = "CASE WHEN t.score_max > 0 AND t.execution_rate IS NOT NULL THEN 1 ELSE 0 END"
        struct Row: Decodable { var grade: String?; var bin: Int?; var drawable: Int; var n: Int }
        // the counts and the points are asked side by side (two connections)
        async let counted = sql.raw(
            """
            SELECT t.grade AS grade, \(bin) AS bin, \(drawn) AS drawable, COUNT(*) AS n FROM goal_tables t \
            WHERE \(approved) AND t.score IS NOT NULL GROUP BY 1, 2, 3
            """
        ).all(decoding: Row.self)
        async let lowest = points(of: approved, limit: pointLimit, on: sql)
        let rows = try await counted
        var byGrade: [Grade: Int] = [:], bins = Array(repeating: 0, count: edges.count - 1), inAll = 0
        for r in rows {
            if let grade = r.grade.flatMap(Grade.init(rawValue:)) { byGrade[grade, default: 0] += r.n }
            if let b = r.bin, bins.indices.contains(b) { bins[b] += r.n }
            if r.drawable == 1 { inAll += r.n }
        }

        return Evaluation(grades: byGrade, bins: bins, points: try await lowest, pointsInAll: inAll)
    }

    /// The scatter's points among `approved`: the lowest 得分率 first, at most `limit`.
    private static func points(of approved: SQLQueryString, limit: Int, on sql: any SQLDatabase) async throws
        -> [Evaluation.Point]
    {
        let drawable: SQLQueryString = "\(approved) AND t.score IS NOT NULL AND t.score_max > 0 AND t.execution_rate IS NOT NULL"
        struct PointRow: Decodable {
            var id: UUID; var name: String; var unit: String; var score: Double; var score_max: Double; var execution_rate: Double
        }
        return try await sql.raw(
            """
            SELECT p.id AS id, p.name AS name, p.unit AS unit, p.score AS score, p.score_max AS score_max, \
            p.execution_rate AS execution_rate FROM goal_tables p JOIN (SELECT t.id AS id, t.score / t.score_max AS r, \
            t.unit AS unit FROM goal_tables t WHERE \(drawable) ORDER BY t.score / t.score_max, t.unit, t.id \
            LIMIT \(bind: limit)) low ON low.id = p.id ORDER BY low.r, low.unit, low.id
            """
        ).all(decoding: PointRow.self).map {
            Evaluation.Point(
                id: $0.id, name: $0.name, unit: $0.unit, executionRate: $0.execution_rate,
                percent: ($0.score / $0.score_max * 10_000).rounded() / 100)
        }
    }

    struct Deviation: Sendable, Equatable {
        var tableID: UUID
        var tableName: String
        var unit: String
        var indicator: String
        var target: Double
        var actual: Double
        var unitOfMeasure: String?
        /// (actual − target) ÷ target, in %.
        var percent: Double
    }

    /// The indicators whose 实际完成值 lies furthest from the 指标值, relative to it, largest first.
    /// `indicator_facts_deviation` holds the facts of a year in that order, so the ten are the first ten read
    /// that pass the filter (`OverviewFilter.facts`);
    /// only those ten are joined to their tables for the name. The expression is the index's, word for word.
    static func deviations(_ f: OverviewFilter, on sql: any SQLDatabase, limit: Int = 10) async throws -> [Deviation] {
        struct Row: Decodable {
            var table_id: UUID; var table_name: String; var unit: String; var name: String
            var target_value: Double; var actual_value: Double; var target_unit: String?
        }
        let measured: SQLQueryString =
            "f.target_value IS NOT NULL AND f.target_value <> 0 AND f.actual_value IS NOT NULL"
        let rows = try await sql.raw(
            """
            SELECT d.table_id AS table_id, g.name AS table_name, d.unit AS unit, d.name AS name, \
            d.target_value AS target_value, d.actual_value AS actual_value, d.target_unit AS target_unit FROM \
            (SELECT f.table_id AS table_id, f.unit AS unit, f.name AS name, f.target_value AS target_value, \
            f.actual_value AS actual_value, f.target_unit AS target_unit, \
            ABS(f.actual_value - f.target_value) / ABS(f.target_value) AS deviation \(f.facts()) AND \(measured) \
            ORDER BY ABS(f.actual_value - f.target_value) / ABS(f.target_value) DESC, f.unit, f.name LIMIT \(bind: limit)) d \
            JOIN goal_tables g ON g.id = d.table_id ORDER BY d.deviation DESC, d.unit, d.name
            """
        ).all(decoding: Row.self)
        return rows.map {
            Deviation(
                tableID: $0.table_id, tableName: $0.table_name, unit: $0.unit, indicator: $0.name, target: $0.target_value,
                actual: $0.actual_value, unitOfMeasure: $0.target_unit,
                percent: (($0.actual_value - $0.target_value) / abs($0.target_value) * 1000).rounded() / 10)
        }
    }

    struct UnitLights: Sendable, Equatable {
        var unit: String
        /// Per monitoring period (1–12), the tables per light.
        var periods: [Int: [Light: Int]]
    }

    /// Monitoring lights per unit and round of the year (`monitored`).
    static func lights(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> (periods: [Int], units: [UnitLights]) {
        struct Row: Decodable { var unit: String; var period: Int; var light: String?; var n: Int }
        let rows = try await sql.raw(
            """
            SELECT t.unit AS unit, r.period AS period, e.light AS light, COUNT(*) AS n \(monitored(f)) \
            GROUP BY t.unit, r.period, e.light
            """
        ).all(decoding: Row.self)
        var byUnit: [String: [Int: [Light: Int]]] = [:]
        for r in rows {
            let light = r.light.flatMap(Light.init(rawValue:)) ?? .undetermined
            byUnit[r.unit, default: [:]][r.period, default: [:]][light, default: 0] += r.n
        }
        let periods = Set(rows.map(\.period)).sorted()
        return (periods, byUnit.map { UnitLights(unit: $0.key, periods: $0.value) }.sorted { $0.unit < $1.unit })
    }

    /// A year's monitoring entries over the tables the filter counts, said once for the questions that read
    /// them: `FROM … WHERE …` with the year of the round when the filter names one. Reaches the entries from
    /// `goal_tables_overview` through `monitoring_entries_overview` (table_id, round_id, status, light,
    /// execution_rate), so what is read of an entry is its index entry.
    static func monitored(_ f: OverviewFilter) -> SQLQueryString {
        let year: SQLQueryString = f.query.year.map { " AND r.year = \(bind: $0)" } ?? ""
        return """
            FROM monitoring_entries e JOIN monitoring_rounds r ON r.id = e.round_id JOIN goal_tables t ON t.id = e.table_id \
            WHERE \(f.conditions())\(year)
            """
    }

    struct Overdue: Sendable, Equatable {
        var unit: String
        /// Monitoring entries still 填报中 after their due day.
        var entries: Int
    }

    /// 逾期未报 per unit, most first: the entries of the year still 填报中 whose due day has passed
    /// (`MonitoringWorkflow.isOverdue`, said as a due instant before the start of today in Beijing,
    /// `Workflow.startOfDay`).
    static func overdue(_ f: OverviewFilter, now: Date = Date(), on sql: any SQLDatabase) async throws -> [Overdue] {
        struct Row: Decodable { var unit: String; var n: Int }
        return try await sql.raw(
            """
            SELECT t.unit AS unit, COUNT(*) AS n \(monitored(f)) AND e.status = \(bind: MonitoringStatus.filling.rawValue) \
            AND r.due_at < \(bind: Workflow.startOfDay(now)) GROUP BY t.unit ORDER BY COUNT(*) DESC, t.unit
            """
        ).all(decoding: Row.self).map { Overdue(unit: $0.unit, entries: $0.n) }
    }

    struct BudgetProgress: Sendable, Equatable {
        /// The latest monitoring period of the year in the scope (7 for 1-7月).
        var period: Int
        /// Per unit, lowest average first.
        var units: [Unit]

        /// 序时进度 in % at the end of the period.
        var timeProgress: Double { BudgetLight.timeProgress(period) }

        struct Unit: Sendable, Equatable {
            var unit: String
            /// Entries of the period with a 执行率.
            var tables: Int
            /// Their average 执行率 in %, to two decimals.
            var averageRate: Double
        }
    }

    /// 执行率 against 序时进度: per unit, the average `execution_rate` of the entries of the latest monitoring
    /// period of the year among those the filter counts (rounds of several kinds for the same period count
    /// together). nil when the year has no monitoring entries. One `GROUP BY unit, period`; the latest period
    /// is chosen here from its few rows.
    static func budget(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> BudgetProgress? {
        struct Row: Decodable { var unit: String; var period: Int; var rate: Double?; var n: Int }
        let rows = try await sql.raw(
            """
            SELECT t.unit AS unit, r.period AS period, AVG(e.execution_rate) AS rate, COUNT(e.execution_rate) AS n \
            \(monitored(f)) GROUP BY t.unit, r.period
            """
        ).all(decoding: Row.self)
        guard let period = rows.map(\.period).max() else { return nil }
        let units = rows.filter { $0.period == period && $0.n > 0 }.compactMap { r in
            r.rate.map { BudgetProgress.Unit(unit: r.unit, tables: r.n, averageRate: rounded($0)) }
        }
        return BudgetProgress(period: period, units: units.sorted { ($0.averageRate, $0.unit) < ($1.averageRate, $1.unit) })
    }

    struct Comparison: Sendable, Equatable {
        var indicator: String
        var year: Int
        var units: [Row]

        struct Row: Sendable, Equatable {
            var unit: String
            /// Averages over the unit's tables that have the indicator; nil where none gives a number.
            var target: Double?
            var actual: Double?
            var lastYearActual: Double?
            var tables: Int
        }
    }

    /// The indicator most tables of the scope have whose name holds 满意 (受益人员满意率 and its kin):
    /// what the comparison shows unless the address names another. `indicator_facts_names` (year, name,
    /// org_path) alone when the filter is the facts' own with no kind or state (`OverviewFilter.facts`).
    static func defaultIndicator(_ f: OverviewFilter, on sql: any SQLDatabase) async throws -> String? {
        struct Row: Decodable { var name: String; var n: Int }
        return try await sql.raw(
            """
            SELECT f.name AS name, COUNT(*) AS n \(f.facts()) AND f.name LIKE \(bind: "%满意%") \
            GROUP BY f.name ORDER BY COUNT(*) DESC, f.name LIMIT 1
            """
        ).first(decoding: Row.self)?.name
    }

    /// One indicator across units: target and actual this year, actual last year. `indicator_facts_compare`
    /// (year, name, org_path, kind, status, unit, values) answers alone when the filter is the facts' own.
    static func comparison(indicator: String, year: Int, _ f: OverviewFilter, on sql: any SQLDatabase) async throws -> Comparison
    {
        struct Row: Decodable { var unit: String; var year: Int; var target: Double?; var actual: Double?; var n: Int }
        let rows = try await sql.raw(
            """
            SELECT f.unit AS unit, f.year AS year, AVG(f.target_value) AS target, AVG(f.actual_value) AS actual, COUNT(*) AS n \
            \(f.facts(withYear: false)) AND f.name = \(bind: indicator) AND f.year IN (\(bind: year), \(bind: year - 1)) \
            GROUP BY f.unit, f.year ORDER BY f.unit
            """
        ).all(decoding: Row.self)
        var units: [String: Comparison.Row] = [:]
        for r in rows {
            var row = units[r.unit] ?? Comparison.Row(unit: r.unit, target: nil, actual: nil, lastYearActual: nil, tables: 0)
            if r.year == year {
                row.target = r.target.map(Self.rounded); row.actual = r.actual.map(Self.rounded); row.tables = r.n
            } else {
                row.lastYearActual = r.actual.map(Self.rounded)
            }
            units[r.unit] = row
        }
        return Comparison(
            indicator: indicator, year: year, units: units.values.filter { $0.tables > 0 }.sorted { $0.unit < $1.unit })
    }

    static func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
