import Foundation
import GoalCharts
import GoalCheck
import GoalCore
import GoalScoring
import Vapor

/// The 首页's filter form (unit, year, kind) and its page links, built from a `TableListQuery` and one page of rows.
extension PageContext {
    struct HomeFilter: Encodable {
        /// Words of the name, as typed.
        var q: String
        var states: [Option]
        var mine: Bool
        /// 待我处理 is offered (not to the administrator, who acts on no table).
        var canMine = true
        var unit: String
        var year: String
        var kind: String
        /// The unit names offered as the unit field's suggestions: `<option value="…">` each, escaped, written
        /// here rather than by the template (a province offers thousands of names on every view).
        var unitOptions: String
        var years: [Option]
        var kinds: [Option]
        var grades: [Option]
        var lights: [Option]
        var rules: [Option]
        var isFiltered: Bool
        var clear = SitePath.home.path
        /// Where the form sends its choices: the 首页 or the 总览, which read the same filter.
        var action = SitePath.home.path
        /// Parts of the address that could not be read, in Chinese.
        var problems: [String]
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Pager: Encodable {
        var page: Int
        var pageCount: Int
        var total: Int
        /// `第 51–100 张`
        var range: String
        var previous: String?
        var next: String?
        var first: String?
        var last: String?
        var show: Bool
    }
}

extension TableListQuery {
    /// The filter of an address, as the 首页 and the 总览 both read it.
    init(_ req: Request) {
        self.init(
            q: req.query[String.self, at: "q"], state: req.query[String.self, at: "state"],
            mine: req.query[String.self, at: "mine"],
            unit: req.query[String.self, at: "unit"], year: req.query[String.self, at: "year"],
            kind: req.query[String.self, at: "kind"], grade: req.query[String.self, at: "grade"],
            light: req.query[String.self, at: "light"], rule: req.query[String.self, at: "rule"],
            page: req.query[String.self, at: "page"])
    }
}

extension PageContext.HomeFilter {
    /// The form as `query` fills it, with the choices the account's tables offer: the 首页's and the 总览's.
    init(query: TableListQuery, facets: TableListFacets, action: String = SitePath.home.path) {
        let years = facets.years.map(String.init)
        self.init(
            q: query.words.joined(separator: " "),
            states: ListState.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == query.state) },
            mine: query.mine,
            unit: query.unit ?? "", year: query.year.map(String.init) ?? "", kind: query.kind?.rawValue ?? "",
            unitOptions: facets.units.map { "<option value=\"\(SVGText.escape($0))\">" }.joined(),
            years: years.map { .init(value: $0, label: $0 + "年度", selected: $0 == query.year.map(String.init)) },
            kinds: TableKind.allCases.map { .init(value: $0.rawValue, label: $0.shortLabel, selected: $0 == query.kind) },
            grades: Grade.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0 == query.grade) },
            lights: ListLight.allCases.map { .init(value: $0.rawValue, label: $0.light.rawValue, selected: $0 == query.light) },
            rules: RuleCatalogue.all.map {
                .init(value: $0.code, label: "\($0.code) \($0.title)", selected: $0.code == query.rule)
            },
            isFiltered: query.isFiltered, clear: action, action: action, problems: query.problems)
    }
}

extension PageContext.Home {
    init(_ page: TableListPage, query: TableListQuery, facets: TableListFacets) {
        self.init(page.rows)
        count = page.total
        filter = PageContext.HomeFilter(query: query, facets: facets)
        let from = (page.page - 1) * query.perPage + 1
        pager = PageContext.Pager(
            page: page.page, pageCount: page.pageCount, total: page.total,
            range: page.rows.isEmpty ? "" : "第 \(from)–\(from + page.rows.count - 1) 张",
            previous: page.page > 1 ? query.link(page: page.page - 1) : nil,
            next: page.page < page.pageCount ? query.link(page: page.page + 1) : nil,
            first: page.page > 2 ? query.link(page: 1) : nil,
            last: page.page < page.pageCount - 1 ? query.link(page: page.pageCount) : nil,
            show: page.pageCount > 1)
    }
}
