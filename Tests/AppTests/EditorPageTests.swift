import Foundation
import GoalCore
import Testing
import VaporTesting
@testable import App

@Suite("编辑页：每个字段都可编辑")
struct EditorPageTests {
    @Test("表头、年度主要任务、签署、指标详情、各表种的下拉选项都在页面上")
    func everyField() async throws {
        var t = sampleTable(name: "<script>alert(1)</script>")
        t.tasks = [AnnualTask(name: "任务<b>一</b>", content: "内容")]
        t.signoff = Signoff(filledBy: "李四", filledOn: "2026-03-01")
        try await withJixiao { app in
            let id = try await app.create(t).summary.id
            let html = try await app.send(.GET, SitePath.tableEdit(.value(id)).path).body.string
            for name in [
                "title", "kind", "year", "unit", "project.name", "project.manager", "funds.total", "funds.fiscal",
                "funds.other", "duty", "goal", "signoff.filledBy", "signoff.phone", "signoff.filledOn",
                "signoff.head", "signoff.businessReviewer", "signoff.performanceReviewer",
            ] {
                #expect(html.contains("name=\"\(name)\""), "缺少表头字段 \(name)")
            }
            #expect(html.contains("年度主要任务"))
            #expect(html.contains("id=\"add-task\""))
            // the two names the script replaces with the 表种's own words (指标赋分规则 on the 项目支出 form)
            #expect(
                html.contains(
                    "<span data-words=\"explanation\">指标解释</span>、<span data-words=\"scoring\">评（扣）分标准</span>、设置依据、上年完成值、佐证资料和备注")
            )
            #expect(html.contains("<option value=\"行业或国家标准\">"))
            // the dropdowns of every kind travel with the page: the provincial form has 投入管理指标
            let taxonomies = try #require(
                html.components(separatedBy: "data-taxonomies=\"").last?.components(separatedBy: "\"").first)
            let json = taxonomies.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            let decoded = try JSONDecoder().decode([String: [String: [String]]].self, from: Data(json.utf8))
            #expect(Set(decoded.keys) == Set(TableKind.allCases.map(\.rawValue)))
            #expect(decoded["provincial"]?.keys.contains("投入管理指标") == true)
            #expect(decoded["project"]?["产出指标"]?.contains("数量指标") == true)
            // table text reaches the page only through the API, never inlined
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(!html.contains("任务<b>一</b>"))

            let js = try await app.send(.GET, "/js/edit.js").body.string
            for field in ["explanation", "scoring", "basis", "lastYear", "evidence", "note"] {
                #expect(js.contains("[\"\(field)\""), "编辑脚本缺少 \(field)")
            }
            let common = try await app.send(.GET, "/js/common.js").body.string
            #expect(common.contains("localStorage"))
        }
    }
}
