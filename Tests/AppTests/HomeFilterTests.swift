import Foundation
import GoalCore
import Testing
import VaporTesting
@testable import App

@Suite("首页：按单位、年度、表种筛选，分页")
struct HomeFilterTests {
    /// `count` tables named 项目01…, of `unit`, `year` and `kind`.
    static func tables(_ count: Int, unit: String, year: Int, kind: TableKind = .project) -> [GoalTable] {
        (1...count).map { i in
            var t = sampleTable(name: "满意度", unit: unit)
            t.kind = kind
            t.year = year
            t.project = ProjectInfo(name: String(format: "项目%02d", i))
            return t
        }
    }

    @Test("筛选在数据库里完成：单位（名称的一部分）、年度、表种，总数按条件计算")
    func filtersInSQL() async throws {
        try await withJixiao { app in
            _ = try await TableStore.createAll(Self.tables(3, unit: "甲县社会保险服务中心", year: 2026), owner: try await app.owner(named: "甲县社会保险服务中心"), by: nil, on: app.db)
            _ = try await TableStore.createAll(Self.tables(2, unit: "甲县社会保险服务中心", year: 2025), owner: try await app.owner(named: "甲县社会保险服务中心"), by: nil, on: app.db)
            _ = try await TableStore.createAll(Self.tables(4, unit: "乙县教育局", year: 2026, kind: .department), owner: try await app.owner(named: "乙县教育局"), by: nil, on: app.db)

            let all = try await TableStore.page(TableListQuery(perPage: 4), in: .all, on: app.db)
            #expect(all.total == 9)
            #expect(all.pageCount == 3)
            #expect(all.rows.count == 4)
            // unit, newest year first, then name
            #expect(all.rows.map(\.unit) == ["乙县教育局", "乙县教育局", "乙县教育局", "乙县教育局"])
            let second = try await TableStore.page(TableListQuery(page: 2, perPage: 4), in: .all, on: app.db)
            #expect(second.rows.map(\.year) == [2026, 2026, 2026, 2025])
            #expect(Set(second.rows.map(\.id)).isDisjoint(with: all.rows.map(\.id)))

            let social = try await TableStore.page(TableListQuery(unit: "社会保险"), in: .all, on: app.db)
            #expect(social.total == 5)
            let y2025 = try await TableStore.page(TableListQuery(unit: "社会保险", year: 2025), in: .all, on: app.db)
            #expect(y2025.rows.map(\.name) == ["项目01", "项目02"])
            let departments = try await TableStore.page(TableListQuery(kind: .department), in: .all, on: app.db)
            #expect(departments.total == 4)
            #expect(departments.rows.allSatisfy { $0.kind == "department" })

            // a page past the end shows the last one
            let late = try await TableStore.page(TableListQuery(page: 99, perPage: 4), in: .all, on: app.db)
            #expect(late.page == 3)
            #expect(late.rows.count == 1)

            let facets = try await TableStore.facets(in: .all, on: app.db)
            #expect(facets.units == ["乙县教育局", "甲县社会保险服务中心"])
            #expect(facets.years == [2026, 2025])
        }
    }

    @Test("首页显示筛选条件和分页链接，条件保留在链接里")
    func homePaging() async throws {
        try await withJixiao { app in
            _ = try await TableStore.createAll(Self.tables(TableListQuery.defaultPerPage + 5, unit: "丙单位", year: 2026), owner: try await app.owner(named: "丙单位"), by: nil, on: app.db)
            _ = try await TableStore.createAll(Self.tables(1, unit: "丁单位", year: 2024, kind: .provincial), owner: try await app.owner(named: "丁单位"), by: nil, on: app.db)

            // units of their own under 测试单位甲: the finance bureau sees them all
            let first = try await app.send(.GET, "/", as: .finance)
            #expect(first.status == .ok)
            let html = first.body.string
            #expect(html.contains("共 \(TableListQuery.defaultPerPage + 6) 张表"))
            #expect(html.contains("第 1 / 2 页"))
            #expect(html.contains("下一页"))
            #expect(html.contains("<option value=\"2024\">2024年度</option>"))
            #expect(html.contains("<option value=\"丙单位\">"))

            let filtered = try await app.send(.GET, "/?unit=%E4%B8%99&year=2026&kind=project&page=2", as: .finance)
            let page2 = filtered.body.string
            #expect(page2.contains("符合条件的 \(TableListQuery.defaultPerPage + 5) 张表"))
            #expect(page2.contains("第 2 / 2 页"))
            #expect(page2.contains("项目55"))
            #expect(!page2.contains("<h2>丁单位"))
            // the previous-page link keeps the filters
            #expect(page2.contains("?unit=%E4%B8%99&amp;year=2026&amp;kind=project\" rel=\"prev\""))
            #expect(page2.contains("<option value=\"project\" selected>"))
            #expect(page2.contains("清除条件"))

            let none = try await app.send(.GET, "/?kind=department").body.string
            #expect(none.contains("没有符合条件的目标表"))
        }
    }

    @Test("无法读取的条件被忽略并用中文说明；输入的 <script> 原样显示为文字")
    func badAndHostileInput() async throws {
        try await withJixiao { app in
            _ = try await app.create(sampleTable(name: "满意度"))
            let res = try await app.send(.GET, "/?year=abc&kind=budget&page=-1")
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("年度“abc”不是有效的年份"))
            #expect(html.contains("表种“budget”无法识别"))
            #expect(html.contains("页码“-1”无效"))
            #expect(html.contains("共 1 张表"))

            let hostile = try await app.send(.GET, "/?unit=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body.string
            #expect(!hostile.contains("<script>alert(1)</script>"))
            #expect(hostile.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
            #expect(hostile.contains("没有符合条件的目标表"))
        }
    }
}
