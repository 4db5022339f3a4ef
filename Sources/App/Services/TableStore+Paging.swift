import Fluent
import Foundation
import GoalCheck
import GoalCore
import GoalMonitoring
import GoalScoring
import GoalWorkflow
import SQLKit

/// 首页 of a province with thousands of tables: filters and one page at a time, in SQL.
extension TableStore {
    /// One page of live tables matching `query` (by unit, newest year first, then name), and how many match in all.
    /// `user` is whose 待我处理 `query.mine` means.
    static func page(
        _ query: TableListQuery, in scope: Access.Scope, for user: CurrentUser? = nil,
        on db: any Database
    ) async throws -> TableListPage {
        let matching = GoalTableRecord.query(on: db).live().visible(in: scope)
        // every word of the name: 培训 项目 finds 某某培训补助项目
        for word in query.words { matching.filter(\.$name ~~ word) }
        if let state = query.state { state.apply(to: matching) }
        if query.mine, let user { waitingFilter(matching, for: user) }
        // a unit by any part of its name: people type 社会保险 rather than the whole 某某县社会保险服务中心.
        // The few names that match are found first, among the distinct names (`unitNames`), so the
        // tables are then found by the names' index entries instead of a LIKE over every table.
        if let unit = query.unit {
            if let names = try await unitNames(containing: unit, on: db) {
                matching.filter(\.$unit ~~ names)
            } else {
                matching.filter(\.$unit ~~ unit)
            }
        }
        if let year = query.year { matching.filter(\.$year == year) }
        if let kind = query.kind { matching.filter(\.$kind == kind.rawValue) }
        // 自评等级 and 预警灯: the 总览's bars link here, so the list takes what they filter by
        if let grade = query.grade { matching.filter(\.$grade == grade.rawValue) }
        if let rule = query.rule {
            matching.filter(.sql(embed: "goal_tables.finding_codes LIKE \(bind: "%," + rule + ",%")"))
        }
        if let light = query.light {
            matching.filter(
                .sql(
                    embed:
                        "goal_tables.id IN (SELECT table_id FROM monitoring_entries WHERE light = \(bind: light.light.rawValue))")
            )
        }
        let total = try await matching.copy().count()
        // a page past the end (a bookmark, a deletion since) shows the last page rather than nothing
        let pageCount = max(1, (total + query.perPage - 1) / query.perPage)
        let page = min(max(1, query.page), pageCount)
        // The page's ids first, from the list index alone (it holds every column the order and the filters
        // read), then only their rows: a deep page passes over index entries, not over the rows before it
        // (page 1000 of 100,000 on PostgreSQL fetched 50,000 rows to throw away). Id last keeps pages stable.
        let ids =
            try await matching.copy()
            .field(\.$id)
            .sort(\.$unit).sort(\.$year, .descending).sort(\.$name).sort(\.$id)
            .offset((page - 1) * query.perPage).limit(query.perPage)
            .all().compactMap(\.id)
        let found = try await GoalTableRecord.query(on: db).summaryFields().filter(\.$id ~~ ids).all()
        let byID = Dictionary(found.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        let rows = try ids.compactMap { byID[$0] }.map(TableSummaryDTO.init)
        return TableListPage(rows: rows, total: total, page: page, pageCount: pageCount)
    }

    /// The units and years that have live tables, for the filter's choices (capped: a datalist, not a report).
    /// Only from the tables `scope` sees: a filter must not name another unit's tables.
    static func facets(limit: Int = 2000, in scope: Access.Scope, on db: any Database) async throws -> TableListFacets {
        guard let sql = db as? any SQLDatabase else { return TableListFacets(units: [], years: []) }
        let visible: SQLQueryString
        switch scope {
        case .all: visible = ""
        case .organisation(let id): visible = " AND organisation_id = \(bind: id)"
        case .subtree(let path):
            if sql.dialect.name == "sqlite", let upper = Access.pathsAfter(path) {
                visible = " AND org_path >= \(bind: path) AND org_path < \(bind: upper)"
            } else {
                visible = " AND org_path LIKE \(bind: path + "%")"
            }
        }
        // PostgreSQL: by probes, except for one organisation, whose few tables its own index lists
        if sql.dialect.name == "postgresql" {
            if case .organisation = scope {} else { return try await probedFacets(limit: limit, visible: visible, on: sql) }
        }
        let units = try await sql.raw(
            """
            SELECT DISTINCT unit FROM goal_tables WHERE deleted_at IS NULL\(visible) ORDER BY unit LIMIT \(bind: limit)
            """
        ).all().compactMap { try? $0.decode(column: "unit", as: String.self) }
        let years = try await sql.raw(
            """
            SELECT DISTINCT year FROM goal_tables WHERE deleted_at IS NULL AND year IS NOT NULL\(visible) ORDER BY year DESC LIMIT 200
            """
        ).all().compactMap { try? $0.decode(column: "year", as: Int.self) }
        return TableListFacets(units: units.filter { !$0.isEmpty }, years: years)
    }

    /// The distinct unit names of live tables that contain `part` (the database's own LIKE, as the
    /// filter was before), one index probe per distinct name; nil past `limit` names, where the caller
    /// filters the tables themselves.
    static func unitNames(containing part: String, limit: Int = 5_000, on db: any Database) async throws -> [String]? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let names = try await sql.raw(
            """
            \(unitProbes(visible: "", upTo: limit + 1)) SELECT unit, n FROM next_unit WHERE unit IS NOT NULL \
            AND (unit LIKE \(bind: "%" + part + "%") OR n > \(bind: limit))
            """
        ).all()
        // a probe that ran out before the last name: too many names to list, filter the tables instead
        if names.contains(where: { ((try? $0.decode(column: "n", as: Int.self)) ?? 0) > limit }) { return nil }
        return names.compactMap { try? $0.decode(column: "unit", as: String.self) }
    }

    /// `next_unit(unit, n)`: the distinct units of the live tables `visible` admits, in order, one index
    /// probe each (`goal_tables_live_list`): the next unit after the last one found. At most `count` rows,
    /// the last of them null when the units ran out first.
    private static func unitProbes(visible: SQLQueryString, upTo count: Int) -> SQLQueryString {
        """
        WITH RECURSIVE next_unit(unit, n) AS (\
        SELECT MIN(unit), 1 FROM goal_tables WHERE deleted_at IS NULL\(visible) \
        UNION ALL SELECT (SELECT MIN(unit) FROM goal_tables WHERE deleted_at IS NULL AND unit > next_unit.unit\(visible)), n + 1 \
        FROM next_unit WHERE next_unit.unit IS NOT NULL AND n < \(bind: count))
        """
    }

    /// The facets on PostgreSQL, one index probe per distinct value: the next unit after the last one
    /// found (`goal_tables_live_list`), the next year below (`goal_tables_live_year`), each the first
    /// entry the account may see. PostgreSQL answers `DISTINCT` by grouping every entry of an index and
    /// testing its path (118 ms for a subtree of 100,000 tables); together the probes read each entry
    /// at most once and stop at the first visible one of each value. SQLite reads its covering index in
    /// order with the subtree as a byte range, 12 ms for the same, no slower than the probes, and keeps
    /// `DISTINCT`.
    private static func probedFacets(limit: Int, visible: SQLQueryString, on sql: any SQLDatabase) async throws
        -> TableListFacets
    {
        let units = try await sql.raw(
            "\(unitProbes(visible: visible, upTo: limit + 1)) SELECT unit FROM next_unit WHERE unit IS NOT NULL"
        ).all().compactMap { try? $0.decode(column: "unit", as: String.self) }
        let years = try await sql.raw(
            """
            WITH RECURSIVE next_year(year, n) AS (\
            SELECT MAX(year), 1 FROM goal_tables WHERE deleted_at IS NULL\(visible) \
            UNION ALL SELECT (SELECT MAX(year) FROM goal_tables WHERE deleted_at IS NULL AND year < next_year.year\(visible)), n + 1 \
            FROM next_year WHERE next_year.year IS NOT NULL AND n < 200) \
            SELECT year FROM next_year WHERE year IS NOT NULL
            """
        ).all().compactMap { try? $0.decode(column: "year", as: Int.self) }
        return TableListFacets(units: Array(units.filter { !$0.isEmpty }.prefix(limit)), years: years)
    }
}

/// What the 首页 asks for: `?unit=…&year=2026&kind=project&page=2`. Values that cannot be read are
/// dropped and named in `problems`, so a hand-edited address still shows a list.
struct TableListQuery: Sendable, Equatable {
    /// Words of the name (`q`), each of which must appear.
    var words: [String] = []
    var state: ListState?
    /// 待我处理: only what waits for the account asking.
    var mine = false
    var unit: String?
    var year: Int?
    var kind: TableKind?
    /// 自评等级 (优/良/中/差) of the table.
    var grade: Grade?
    /// A monitoring light the table had in any round.
    var light: ListLight?
    /// A checker rule the table breaks (`F04`): the 总览's rule bars link here.
    var rule: String?
    var page: Int = 1
    var perPage: Int = TableListQuery.defaultPerPage
    var problems: [String] = []

    static let defaultPerPage = 50

    init(unit: String? = nil, year: Int? = nil, kind: TableKind? = nil, page: Int = 1, perPage: Int = defaultPerPage) {
        self.unit = unit; self.year = year; self.kind = kind; self.page = page; self.perPage = perPage
    }

    /// From the query string's texts (`nil` or empty: no filter).
    init(
        q: String? = nil, state: String? = nil, mine: String? = nil, unit: String?, year: String?, kind: String?,
        grade: String? = nil, light: String? = nil, rule: String? = nil, page: String?
    ) {
        func given(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return t
        }
        if let q = given(q) {
            words = Array(
                q.prefix(100).split(whereSeparator: { $0.isWhitespace || $0 == "，" || $0 == "," }).map(String.init).prefix(8))
        }
        if let s = given(state) {
            if let st = ListState(rawValue: s) ?? ListState.allCases.first(where: { $0.label == s }) {
                self.state = st
            } else {
                problems.append("状态“\(s)”无法识别，已忽略该条件")
            }
        }
        self.mine = ["1", "on", "true", "yes"].contains(given(mine)?.lowercased() ?? "")
        self.unit = given(unit).map { String($0.prefix(100)) }
        if let y = given(year) {
            if let n = Int(y), (1900...2200).contains(n) { self.year = n } else { problems.append("年度“\(y)”不是有效的年份，已忽略该条件") }
        }
        if let k = given(kind) {
            if let t = TableKind(rawValue: k) ?? TableKind.allCases.first(where: { $0.shortLabel == k }) {
                self.kind = t
            } else {
                problems.append("表种“\(k)”无法识别，已忽略该条件")
            }
        }
        if let g = given(grade) {
            if let v = Grade(rawValue: g) ?? Grade.allCases.first(where: { "\($0)" == g }) {
                self.grade = v
            } else {
                problems.append("等级“\(g)”无法识别，已忽略该条件")
            }
        }
        if let l = given(light) {
            if let v = ListLight(rawValue: l) ?? ListLight.allCases.first(where: { $0.light.rawValue == l }) {
                self.light = v
            } else {
                problems.append("预警灯“\(l)”无法识别，已忽略该条件")
            }
        }
        if let r = given(rule) {
            if let known = RuleCatalogue.all.first(where: { $0.code == r.uppercased() }) {
                self.rule = known.code
            } else {
                problems.append("检查规则“\(r.prefix(20))”无法识别，已忽略该条件")
            }
        }
        if let p = given(page) {
            if let n = Int(p), n >= 1 { self.page = n } else { problems.append("页码“\(p)”无效，已显示第 1 页") }
        }
    }

    /// The query string for another page with the same filters (`?unit=…&page=3`).
    func link(page: Int) -> String {
        var items: [URLQueryItem] = []
        if !words.isEmpty { items.append(.init(name: "q", value: words.joined(separator: " "))) }
        if let state { items.append(.init(name: "state", value: state.rawValue)) }
        if mine { items.append(.init(name: "mine", value: "1")) }
        if let unit { items.append(.init(name: "unit", value: unit)) }
        if let year { items.append(.init(name: "year", value: String(year))) }
        if let kind { items.append(.init(name: "kind", value: kind.rawValue)) }
        if let grade { items.append(.init(name: "grade", value: grade.rawValue)) }
        if let light { items.append(.init(name: "light", value: light.rawValue)) }
        if let rule { items.append(.init(name: "rule", value: rule)) }
        if page > 1 { items.append(.init(name: "page", value: String(page))) }
        var c = URLComponents()
        c.queryItems = items
        return SitePath.home.path + (items.isEmpty ? "" : "?" + (c.percentEncodedQuery ?? ""))
    }

    var isFiltered: Bool {
        unit != nil || year != nil || kind != nil || !words.isEmpty || state != nil || mine || grade != nil || light != nil
            || rule != nil
    }
}

/// The 首页's 预警灯 filter: a light the table's monitoring showed (`?light=red`).
enum ListLight: String, CaseIterable, Sendable {
    case red, yellow, green, blue, undetermined

    var light: Light {
        switch self {
        case .red: return .red
        case .yellow: return .yellow
        case .green: return .green
        case .blue: return .blue
        case .undetermined: return .undetermined
        }
    }

    init(_ light: Light) {
        self = ListLight.allCases.first { $0.light == light } ?? .undetermined
    }
}

/// The 首页's 状态 filter: where the goals stand, and for approved tables where their 自评 stands.
enum ListState: String, CaseIterable, Sendable {
    case draft, awaitingConfirmation, submitted, businessReviewed, performanceReviewed, approved
    case evaluationSubmitted = "evaluation-submitted"
    case evaluationReviewed = "evaluation-reviewed"

    var label: String {
        switch self {
        case .evaluationSubmitted: return "自评已提交"
        case .evaluationReviewed: return "自评已复核"
        default: return TableStatus(stored: rawValue).label
        }
    }

    func apply(to q: QueryBuilder<GoalTableRecord>) {
        switch self {
        case .evaluationSubmitted:
            q.filter(\.$status == TableStatus.approved.rawValue).filter(
                \.$evaluationStatus == EvaluationStatus.submitted.rawValue)
        case .evaluationReviewed:
            q.filter(\.$status == TableStatus.approved.rawValue).filter(\.$evaluationStatus == EvaluationStatus.reviewed.rawValue)
        default:
            q.filter(\.$status == rawValue)
        }
    }
}

struct TableListPage: Sendable {
    var rows: [TableSummaryDTO]
    /// How many tables match the filters, on every page.
    var total: Int
    /// The page shown (1-based, within 1…pageCount).
    var page: Int
    var pageCount: Int
}

struct TableListFacets: Sendable {
    var units: [String]
    var years: [Int]
}
