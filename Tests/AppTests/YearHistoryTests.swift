import Fluent
import Foundation
import GoalCore
import OfficeXML
import Testing
import VaporTesting
@testable import App

/// The rules across years and units on the table page: the app gathers last year's table (by the carry link) and
/// other units' tables of the year, the checker says what it sees.
@Suite("与上年和其他单位对照（表格页）")
struct YearHistoryTests {
    static let explanation = "培训人数指本年度参加本中心组织的经办业务培训并考核合格的人数，以签到表和考核记录为准。"

    @Test("目标低于上年实际、失分指标分值调低、指标解释与其他单位相同：单位看到“另一单位”，财政看到单位名")
    func onTheTablePage() async throws {
        try await withJixiao { app in
            var t = sampleTable(name: "满意度")
            t.indicators[0].explanation = Self.explanation
            let a = try await app.create(t).summary.id
            try await app.approve(a)
            let approved = try #require(try await TableStore.find(a, on: app.db))
            var done = approved.table
            done.setActual("120人", at: 0)
            done.setActual("80%", at: 1)
            _ = try await TableStore.update(
                a, table: done, expectedVersion: approved.summary.version, by: try await app.user(.fillerA), on: app.db)
            let carried = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            let next = try carried.content.decode(CarryController.CarryDTO.self).table.id

            // the unit lowers 培训人数 below what it reached, and moves 10 points away from 满意度, which lost points
            let draft = try #require(try await TableStore.find(next, on: app.db))
            var edited = draft.table
            edited.indicators[0].value = "110"
            edited.indicators[0].weight = 60
            edited.indicators[1].weight = 40
            _ = try await TableStore.update(next, table: edited, expectedVersion: 1, by: try await app.user(.fillerA), on: app.db)
            // 丙 writes the same explanation for 2027
            var other = sampleTable(name: "满意度", unit: "测试单位丙")
            other.year = 2027
            other.indicators[0].explanation = Self.explanation
            _ = try await app.create(other, as: .fillerC)

            let mine = try await app.send(.GET, SitePath.table(.value(next)).path).body.string
            #expect(mine.contains("id=\"history-findings\"") && mine.contains("与上年和其他单位对照"))
            #expect(mine.contains("第1行“培训人数”（数量指标） 指标值：目标值≥110人低于上年（2026年度）第1行“培训人数”的实际完成值120人"))
            #expect(mine.contains("第2行“满意度”（服务对象满意度指标） 分值：上年（2026年度）第2行“满意度”自评失分5.56分，今年分值由50降为40"))
            #expect(mine.contains("指标解释：与另一单位同年度目标表中的指标解释逐字相同"))
            #expect(!mine.contains("测试单位丙"))
            let finance = try await app.send(.GET, SitePath.table(.value(next)).path, as: .finance).body.string
            #expect(finance.contains("指标解释：与测试单位丙2027年度“示例培训项目”第1行的指标解释逐字相同"))
            // the approved source of 2026 has no earlier year and no copy: no section
            #expect(!(try await app.send(.GET, SitePath.table(.value(a)).path).body.string.contains("id=\"history-findings\"")))
        }
    }
}

@Suite("与上年对比（页面与导出）")
struct YearComparePageTests {
    @Test("结转后修改：页面逐项列出新增、删除、目标提高/降低、分值变化；.xlsx 与 CSV 同样内容；非结转的表 404")
    func pageAndExports() async throws {
        try await withJixiao { app in
            let a = try await app.create(sampleTable(name: "满意度")).summary.id
            try await app.approve(a)
            let approved = try #require(try await TableStore.find(a, on: app.db))
            var done = approved.table
            done.setActual("120人", at: 0)
            _ = try await TableStore.update(
                a, table: done, expectedVersion: approved.summary.version, by: try await app.user(.fillerA), on: app.db)
            let carried = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            let next = try carried.content.decode(CarryController.CarryDTO.self).table.id
            var t = try #require(try await TableStore.find(next, on: app.db)).table
            t.indicators[0].value = "150"
            t.indicators[0].weight = 60
            t.indicators[1].weight = 40
            t.indicators.append(
                Indicator(level1: "效益指标", level2: "社会效益指标", name: "政策知晓率", type: .atLeast, value: "85", unit: "%"))
            t.indicators.remove(at: 1)
            t.funds?.total = 12
            _ = try await TableStore.update(next, table: t, expectedVersion: 1, by: try await app.user(.fillerA), on: app.db)

            let page = try await app.send(.GET, SitePath.tableYearCompare(.value(next)).path)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("与上年对比：示例培训项目"))
            #expect(html.contains("目标提高（≥100人 → ≥150人）") && html.contains("分值变化（50 → 60）"))
            #expect(html.contains("class=\"year-added\"") && html.contains("政策知晓率"))
            #expect(html.contains("class=\"year-removed\"") && html.contains("满意度"))
            #expect(html.contains("<td data-label=\"2026年实际完成值\">120人</td>"))
            #expect(html.contains("资金总额") && html.contains(">10<") && html.contains(">12<"))
            // the source table links here, and so does the draft
            #expect(
                try await app.send(.GET, SitePath.table(.value(a)).path).body.string.contains(
                    SitePath.tableYearCompare(.value(next)).path))

            let csv = try await app.send(.GET, SitePath.tableYearCompareFile(.value(next), .csv).path)
            #expect(csv.status == .ok && csv.headers.contentType?.description.contains("text/csv") == true)
            let text = csv.body.string
            #expect(text.contains("2026年指标值") && text.contains("目标提高（≥100人 → ≥150人）") && text.contains("删除"))
            let xlsx = try await app.send(.GET, SitePath.tableYearCompareFile(.value(next), .xlsx).path)
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1000)
            #expect(xlsx.headers.first(name: "Content-Disposition")?.contains("year-compare.xlsx") == true)
            let sheet = try #require(try XLSXReader().read(data: Data(buffer: xlsx.body)).sheets.first)
            #expect(sheet.name == "与上年对比")

            // a table not made by carrying has nothing to compare with; another unit cannot see either
            #expect(try await app.send(.GET, SitePath.tableYearCompare(.value(a)).path).status == .notFound)
            #expect(try await app.send(.GET, SitePath.tableYearCompare(.value(next)).path, as: .fillerB).status == .notFound)
        }
    }
}
