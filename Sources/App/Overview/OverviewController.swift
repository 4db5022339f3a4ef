import Fluent
import Foundation
import GoalCharts
import GoalIO
import GoalWorkflow
import SQLKit
import Vapor

/// 总览 (issue #20): the page and its workbook. Every signed-in account may open it and sees only what
/// `Access.scope` lets it see (a supervising department its subtree, a unit its own); the navigation
/// offers it to the reviewers, whose work is many units at once.
struct OverviewController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.overview.pathComponents, use: page)
        app.get(SitePath.overviewExport.pathComponents, use: export)
    }

    static func offered(to role: Role) -> Bool {
        role == .businessReviewer || role == .performanceReviewer || role == .financeReviewer
    }

    /// Every figure of the overview for `query` as `user` sees it; the year is the newest with tables when
    /// the address names none (an overview of all years at once would add unlike things).
    /// `points`: how many tables the scatter draws, lowest 得分率 first (the page fewer than the workbook).
    static func figures(
        _ query: TableListQuery, for user: CurrentUser, on db: any Database, indicator: String? = nil,
        points: Int = OverviewPage.pointsDrawn, memo: DefaultIndicatorMemo = DefaultIndicatorMemo(lifetime: 0)
    ) async throws -> (OverviewPage.Figures, TableListFacets) {
        let sql = try TablePhases.sql(db)
        let scope = Access.scope(of: user)
        // the filter form's lists are one more question, asked beside the others, unless the year must come
        // from them first
        let known = query.year == nil ? try await TableStore.facets(in: scope, on: db) : nil
        async let facets: TableListFacets = {
            if let known { return known }
            return try await TableStore.facets(in: scope, on: db)
        }()
        var q = query
        if q.year == nil { q.year = known?.years.first ?? Calendar(identifier: .gregorian).component(.year, from: Date()) }
        let year = q.year!
        let f = OverviewFilter(q, scope: scope, user: user, dialect: sql.dialect.name)
        // the questions are independent: asked side by side, each on a connection of its own, the page
        // waits for the slowest rather than for their sum
        async let progress = OverviewStore.progress(f, on: sql)
        async let notStarted = OverviewStore.notStarted(year: year, scope: scope, on: sql)
        async let returns = OverviewStore.returns(f, on: sql)
        async let quality = OverviewStore.quality(f, on: sql)
        async let evaluation = OverviewStore.evaluation(f, on: sql, pointLimit: points)
        async let deviations = OverviewStore.deviations(f, on: sql)
        async let lights = OverviewStore.lights(f, on: sql)
        async let overdue = OverviewStore.overdue(f, on: sql)
        async let budget = OverviewStore.budget(f, on: sql)
        async let input = InputIndicators.compute(year: year, scope: scope, on: sql)
        let name: String?
        if let indicator, !indicator.isEmpty {
            name = indicator
        } else {
            name = try await memo.name(for: DefaultIndicatorMemo.key(f)) { try await OverviewStore.defaultIndicator(f, on: sql) }
        }
        let comparison = try await name.asyncMap { try await OverviewStore.comparison(indicator: $0, year: year, f, on: sql) }
        let figures = OverviewPage.Figures(
            query: q, progress: try await progress, notStarted: try await notStarted, returns: try await returns,
            quality: try await quality, evaluation: try await evaluation, deviations: try await deviations,
            lights: try await lights, overdue: try await overdue, budget: try await budget, comparison: comparison,
            input: try await input)
        return (figures, try await facets)
    }

    @Sendable func page(req: Request) async throws -> View {
        let user = try req.requireUser()
        let indicator = req.query[String.self, at: "indicator"].map { String($0.prefix(100)) }
        let (f, facets) = try await Self.figures(
            TableListQuery(req), for: user, on: req.db, indicator: indicator, memo: req.application.defaultIndicators)
        let context = OverviewPage(
            f, facets: facets, user: user, links: Self.links(f.query, indicator: indicator),
            printView: req.query[String.self, at: "print"] == "1")
        return try await req.page("overview", context)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let indicator = req.query[String.self, at: "indicator"].map { String($0.prefix(100)) }
        let (f, _) = try await Self.figures(
            TableListQuery(req), for: user, on: req.db, indicator: indicator, points: OverviewPage.pointsExported,
            memo: req.application.defaultIndicators)
        let tables = OverviewPage.tables(f)
        let title = "\(user.organisationName) · \(f.query.year.map { "\($0)年度" } ?? "") · 导出于 \(Self.today())"
        let data = try await req.heavy { try ChartWorkbook.write(tables, title: title) }
        return Response.download(
            data, name: "总览\(f.query.year.map(String.init) ?? "").xlsx", asciiName: "overview.xlsx",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// The workbook and the print view of the overview with the same filter.
    static func links(_ q: TableListQuery, indicator: String?) -> (export: String, print: String) {
        let list = q.link(page: 1)
        var query = list.firstIndex(of: "?").map { String(list[list.index(after: $0)...]) } ?? ""
        if let indicator, !indicator.isEmpty {
            var c = URLComponents()
            c.queryItems = [.init(name: "indicator", value: indicator)]
            query += (query.isEmpty ? "" : "&") + (c.percentEncodedQuery ?? "")
        }
        let export = SitePath.overviewExport.path + (query.isEmpty ? "" : "?" + query)
        let print = SitePath.overview.path + "?" + (query.isEmpty ? "" : query + "&") + "print=1"
        return (export, print)
    }

    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN"); f.timeZone = TimeZone(identifier: "Asia/Shanghai"); f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
