import Foundation
import GoalCore
import OfficeXML
import Testing
import VaporTesting
@testable import App

@Suite("总览页：图、数据表、下钻链接、导出、可见范围")
struct OverviewPageTests {
    @Test("财政看到全部单位的图和表，每个柱链接到首页的筛选；主管部门只看到下属单位；导航只给审核角色")
    func page() async throws {
        try await withJixiao { app in
            _ = try await OverviewStoreTests.world(app)
            // a unit named like an attack, with one draft: its name must stay text in the SVG and the tables
            let hostile = "<b>坏单位</b>"
            _ = try await TableStore.createAll(
                [OverviewStoreTests.table("某项目")], owner: try await app.owner(named: hostile, under: .businessD2), by: nil,
                on: app.db)

            let res = try await app.send(.GET, SitePath.overview.path + "?year=2026", as: .finance)
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("<h1>总览"))
            // the unit field suggests every unit, the hostile name as text
            #expect(html.contains("<option value=\"测试单位甲\">") && html.contains("<option value=\"&lt;b&gt;坏单位&lt;/b&gt;\">"))
            for heading in ["填报进度", "审核质量", "绩效自评", "运行监控", "同一指标跨单位对比", "投入管理指标"] {
                #expect(html.contains("<h2>\(heading)</h2>"), "缺少“\(heading)”")
            }
            // eleven charts of the four sections, each with its table, and the comparison's chart beside its own table
            #expect(html.components(separatedBy: "<svg ").count - 1 == 12)
            #expect(html.components(separatedBy: "<summary>数据表</summary>").count - 1 == 11)
            // 逾期未报 (OverviewStoreTests: 甲 2, 乙 1) as a card and a chart; 执行率 against 序时进度 of 1-6月
            #expect(html.contains("<span class=\"card-label\">逾期未报</span> <b>3</b> <span class=\"hint\">份</span>"))
            #expect(html.contains("逾期未报的监控表（按单位）"), "both units are drawn: no “最多的” in the title")
            #expect(OverviewPage.mostFirst("逾期未报的监控表", "逾期最多", 40, 15) == "逾期未报的监控表（逾期最多的 15 个单位，共 40 个）")
            #expect(OverviewPage.mostFirst("逾期未报的监控表", "逾期最多", 0, 15) == "逾期未报的监控表（按单位）")
            #expect(html.contains("1-6月预算执行率（各单位平均，序时进度 50%，执行率最低的 2 个单位）"))
            #expect(html.contains("<th scope=\"col\">差距（百分点）</th>"))
            // drill-down: 测试单位甲's drafts, as the 首页 reads them
            let draftsOfA = TableListQuery(q: nil, state: "draft", unit: "测试单位甲", year: "2026", kind: nil, page: nil).link(
                page: 1)
            #expect(html.contains("href=\"\(draftsOfA.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let list = try await app.send(.GET, draftsOfA, as: .finance)
            #expect(list.body.string.contains("共 2 张表") || list.body.string.contains("符合条件的 2 张表"))
            // the rule F04 bar goes down to a1, the one table that breaks it
            let f04 = TableListQuery(q: nil, unit: nil, year: "2026", kind: nil, rule: "F04", page: nil).link(page: 1)
            #expect(html.contains("href=\"\(f04.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let broken = try await app.send(.GET, f04, as: .finance).body.string
            #expect(broken.contains("符合条件的 1 张表") && broken.contains("培训项目一"))
            // not started, and the hostile name escaped everywhere
            #expect(html.contains("测试单位丁"))
            #expect(!html.contains(hostile))
            #expect(html.contains("&lt;b&gt;坏单位&lt;/b&gt;"))
            // the nav offers 总览 to reviewers only
            #expect(html.contains("<a href=\"/overview\">总览</a>"))
            let own = try await app.send(.GET, "/", as: .fillerA)
            #expect(!own.body.string.contains("<a href=\"/overview\">总览</a>"))

            // the supervising department D1 sees 甲 and 乙, never 丙 of D2
            let d1 = try await app.send(.GET, SitePath.overview.path + "?year=2026", as: .businessD1).body.string
            #expect(d1.contains("测试单位甲") && d1.contains("测试单位乙"))
            #expect(!d1.contains("测试单位丙") && !d1.contains("坏单位"))

            // the print view opens every table and drops the filters
            let print = try await app.send(.GET, SitePath.overview.path + "?year=2026&print=1", as: .finance).body.string
            #expect(print.contains("print-view"))
            #expect(print.components(separatedBy: "<details open>").count - 1 == 11)
        }
    }

    @Test("预算执行率图：最新监控期还没有单位填写执行数时，标题这样说，不说“最低的 0 个单位”")
    func budgetTitleWithNoRates() {
        let chart = OverviewPage.budget(.init(period: 6, units: []), query: TableListQuery(), unitsDrawn: 30)
        #expect(chart.title == "1-6月预算执行率（序时进度 50%，尚无单位填写执行数）")
        #expect(OverviewPage.budget(nil, query: TableListQuery(), unitsDrawn: 30).title == "预算执行率与序时进度")
    }

    @Test("未启动的单位：查到的比计数多一个时卡片写“500 个以上”，不写 500 个")
    func notStartedPastTheCount() {
        let n = OverviewStore.notStartedCounted
        #expect(OverviewPage.notStartedCard(n + 1).value == "\(n)" && OverviewPage.notStartedCard(n + 1).note == "个以上")
        #expect(OverviewPage.notStartedCard(n).value == "\(n)" && OverviewPage.notStartedCard(n).note == "个")
        #expect(OverviewPage.notStartedCard(0).value == "0")
    }

    @Test("同一指标跨单位：单位多时图只画实际完成值最低的 30 个，表格列出全部单位")
    func comparisonOfMany() {
        let rows = (0..<45).map { i in
            OverviewStore.Comparison.Row(
                unit: "单位\(i)", target: 90, actual: i == 7 ? nil : Double(100 - i), lastYearActual: nil, tables: 1)
        }
        let c = OverviewStore.Comparison(indicator: "受益人员满意率", year: 2026, units: rows)
        let (chart, table) = OverviewPage.comparison(c, query: TableListQuery(year: 2026))
        #expect(chart.title == "“受益人员满意率”实际完成值最低的 30 个单位（共 44 个，2026年度）")
        #expect(chart.table.rows.count == 30)
        #expect(chart.table.rows.first?.first?.text == "单位44", "the lowest actual first")
        #expect(table.rows.count == 45, "every unit in the table, also the one without an actual")
    }

    @Test("导出 .xlsx：每张图一个工作表，数字是数字，主管部门的工作簿没有别的单位")
    func export() async throws {
        try await withJixiao { app in
            _ = try await OverviewStoreTests.world(app)
            let res = try await app.send(.GET, SitePath.overviewExport.path + "?year=2026", as: .finance)
            #expect(res.status == .ok)
            #expect(res.headers.first(name: "Content-Disposition")?.contains("overview.xlsx") == true)
            let book = try XLSXReader().read(data: Data(buffer: res.body))
            let names = book.sheets.map(\.name)
            #expect(names.contains { $0.contains("各环节目标表数") })
            #expect(names.contains { $0.contains("未启动填报的单位") })
            let steps = try #require(book.sheets.first { $0.name.contains("各环节目标表数") })
            // row 5 on: 草稿 3, …, 已批复 2 — as counted by hand in OverviewStoreTests
            let values = steps.rows.filter { $0.index >= 5 }.map { row in row.cells.map(\.value) }
            #expect(values.contains([.string("草稿"), .number(3)]))
            #expect(values.contains([.string("已批复"), .number(2)]))
            let input = try #require(book.sheets.first { $0.name.contains("投入管理") })
            #expect(input.rows.contains { $0.cells.contains { $0.value == .string("部门绩效监控完成率") } })
            // 执行率 against 序时进度: 甲 45 % of 50 %, −5; 逾期未报: 甲 2
            let cells = book.sheets.flatMap { $0.rows.map { row in row.cells.map(\.value) } }
            #expect(cells.contains([.string("测试单位甲"), .string("1-6月"), .number(2), .number(45), .number(50), .number(-5)]))
            let overdue = try #require(book.sheets.first { $0.name.contains("逾期") })
            #expect(overdue.rows.contains { $0.cells.map(\.value) == [.string("测试单位甲"), .number(2)] })

            let d2 = try XLSXReader().read(
                data: Data(buffer: try await app.send(.GET, SitePath.overviewExport.path + "?year=2026", as: .businessD2).body))
            let texts = d2.sheets.flatMap { $0.rows.flatMap { $0.cells.map(\.value) } }
            #expect(!texts.contains(.string("测试单位甲")))
            #expect(texts.contains(.string("测试单位丙")))
        }
    }
}
