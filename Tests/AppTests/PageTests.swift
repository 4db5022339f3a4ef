import Foundation
import GoalCore
import GoalIO
import GoalWorkflow
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

@Suite("页面：中文、可用、转义")
struct PageTests {
    @Test("首页按单位和年度分组，显示表种、状态、错误数、得分")
    func home() async throws {
        try await withJixiao { app in
            _ = try await app.create(sampleTable(name: "满意度", unit: "甲单位"))
            var b = sampleTable(name: "满意度", unit: "乙单位")
            b.year = 2025
            let approved = try await app.create(b)
            try await app.approve(approved.summary.id)
            let res = try await app.send(.GET, SitePath.home.path)
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("目标表一览"))
            #expect(html.contains("甲单位"))
            #expect(html.contains("2025年度"))
            #expect(html.contains("项目支出"))
            #expect(html.contains("已批复"))
            #expect(html.contains("未评分"))
            #expect(html.contains(SitePath.tableEdit(.key).path.components(separatedBy: ":").first ?? "/tables/"))
        }
    }

    @Test("空数据库的首页提示导入")
    func emptyHome() async throws {
        try await withJixiao { app in
            let html = try await app.send(.GET, SitePath.home.path).body.string
            #expect(html.contains("还没有目标表"))
        }
    }

    @Test("表格页按官方版式显示，问题写在所在行旁")
    func tablePage() async throws {
        var t = sampleTable(name: "满意度")
        t.indicators[0].level2 = "效益指标"
        try await withJixiao { app in
            let created = try await app.create(t)
            let res = try await app.send(.GET, SitePath.table(.value(created.summary.id)).path)
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("项目支出绩效目标表"))
            // the year as this form prints it (issue #15: not 2026年度 on screen against 2026年 on paper)
            #expect(html.contains("（2026年）"))
            #expect(!html.contains("2026年度"))
            let printed = try await app.send(.GET, SitePath.tableExportFile(.value(created.summary.id), .html).path).body.string
            #expect(printed.contains("（2026年）"))
            // and its columns in its own words, as printed
            #expect(html.contains("<th>指标分值权重</th>") && printed.contains(">指标分值权重<"))
            #expect(html.contains("<th>指标赋分规则</th>") && !html.contains("<th>分值</th>"))
            let edit = try await app.send(.GET, SitePath.tableEdit(.value(created.summary.id)).path).body.string
            #expect(edit.contains("data-field-labels=\"{&quot;department&quot;"))
            #expect(edit.contains("&quot;project&quot;:{") && edit.contains("&quot;weight&quot;:&quot;指标分值权重&quot;"))
            #expect(html.contains("预算单位"))
            #expect(html.contains("示例培训项目"))
            #expect(html.contains("≥100人"))
            #expect(html.contains("检查结果"))
            // the finding sits in row 1's own row
            let row1 = html.components(separatedBy: "id=\"row-1\"").last?.components(separatedBy: "id=\"row-2\"").first ?? ""
            let first = try #require(Analysis.findings([t]).first { $0.indicator == 0 })
            #expect(row1.contains(Analysis.oneTable(first.message))) // one table on the page: no 第1张表
            #expect(row1.contains(first.severity.label))
        }
    }

    @Test("用户输入的 <script> 显示为文字，不会被执行")
    func escaping() async throws {
        try await withJixiao { app in
            let created = try await app.create(sampleTable(name: "<script>alert(1)</script>", unit: "<b>单位</b>"))
            for path in [
                SitePath.home.path, SitePath.table(.value(created.summary.id)).path,
                SitePath.tableEdit(.value(created.summary.id)).path,
                SitePath.tableExportFile(.value(created.summary.id), .html).path,
            ] {
                let html = try await app.send(.GET, path).body.string
                #expect(!html.contains("<script>alert(1)</script>"), "\(path) 未转义")
                #expect(!html.contains("<b>单位</b>"), "\(path) 未转义")
                #expect(html.contains("&lt;b&gt;单位&lt;/b&gt;") || path != SitePath.home.path)
            }
            let table = try await app.send(.GET, SitePath.table(.value(created.summary.id)).path).body.string
            #expect(table.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("表格页的表单部分每个保存状态只渲染一次：保存或流程一步之后立即显示新内容，各账号看到的一样")
    func renderedOncePerSavedState() async throws {
        try await withJixiao { app in
            let created = try await app.create(sampleTable(name: "培训满意度"))
            let id = created.summary.id, path = SitePath.table(.value(id)).path
            let first = try await app.send(.GET, path).body.string
            #expect(first.contains("培训满意度"))
            // another account of the unit sees the same form (from the kept rendering), with its own buttons
            let head = try await app.send(.GET, path, as: .headA).body.string
            #expect(head.contains("培训满意度"))
            let stored = try #require(try await TableStore.find(id, on: app.db))
            #expect(app.renderedParts.part(RenderedParts.key(stored.summary)) != nil)

            // a save: the next view shows the new name, not the kept rendering of the old version
            var edited = created.table
            edited.indicators[1].name = "学员满意度"
            _ = try await TableStore.update(
                id, table: edited, expectedVersion: created.summary.version,
                by: try await app.user(.fillerA), on: app.db)
            let after = try await app.send(.GET, path).body.string
            #expect(after.contains("学员满意度"))
            #expect(!after.contains(">培训满意度<"))
            #expect(after.contains("第 \(created.summary.version + 1) 版"))

            // a workflow step keeps the version but the page follows the state
            try await app.act(.submit, id, as: .fillerA)
            let submitted = try await app.send(.GET, path).body.string
            #expect(submitted.contains("状态：\(TableStatus.submitted.label)"))
            #expect(submitted.contains("学员满意度"))

            // the 审计记录 is kept per state of the trail: each new event shows at once, its words escaped
            func events(_ html: String) -> Int? {
                html.firstMatch(of: /审计记录（(\d+) 条）/).flatMap { Int($0.1) }
            }
            let before = try #require(events(after))
            #expect(events(submitted) == before + 1)
            try await app.act(.sendBack, id, as: .businessD1, comment: "<script>x</script>缺少佐证")
            let sentBack = try await app.send(.GET, path, as: .headA).body.string
            #expect(events(sentBack) == before + 2)
            #expect(sentBack.contains("&lt;script&gt;x&lt;/script&gt;缺少佐证"))
            #expect(!sentBack.contains("<script>x</script>"))
        }
    }

    @Test("表单缓存有条数和字节两道上限：超大的表单不缓存，旧的先出")
    func renderedPartsAreBounded() {
        let parts = RenderedParts(capacity: 10, byteBudget: 400)
        func part(_ n: Int) -> RenderedParts.Part {
            .init(html: String(repeating: "x", count: n), errors: 0, warnings: 0, hints: 0, score: "")
        }
        for i in 0..<6 { parts.keep(part(90), as: "t\(i)") }
        #expect(parts.kept.bytes <= 400)
        #expect(parts.kept.entries == 4)
        #expect(parts.part("t0") == nil && parts.part("t5") != nil) // first in, first out
        parts.keep(part(150), as: "giant") // over a quarter of the budget
        #expect(parts.part("giant") == nil)
    }

    @Test("编辑、自评、导出页面")
    func editorPages() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            let edit = try await app.send(.GET, SitePath.tableEdit(.value(id)).path)
            #expect(edit.status == .ok)
            #expect(edit.body.string.contains("添加一行指标"))
            #expect(edit.body.string.contains("产出指标")) // the taxonomy for the dropdowns
            #expect(edit.body.string.contains("/js/edit.js"))

            let score = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path)
            #expect(score.status == .ok)
            #expect(score.body.string.contains("实际完成值"))
            #expect(score.body.string.contains("预算执行"))

            let export = try await app.send(.GET, SitePath.tableExport(.value(id)).path)
            #expect(export.status == .ok)
            for format in ExportFormat.allCases {
                #expect(export.body.string.contains(SitePath.tableExportFile(.value(id), format).path))
            }
        }
    }

    @Test("导出：JSON、Excel、CSV、打印版都能下载，且 JSON 和 Excel 能原样导回")
    func exports() async throws {
        try await withJixiao { app in
            // (a name such as "<script>…" does not survive GoalIO's .xlsx round trip: its reader drops tag-like text)
            let table = sampleTable(name: "受益人员满意度")
            let id = try await app.create(table).summary.id
            func get(_ f: ExportFormat) async throws -> TestingHTTPResponse {
                let res = try await app.send(.GET, SitePath.tableExportFile(.value(id), f).path)
                #expect(res.status == .ok, "\(f)")
                return res
            }
            let json = try await get(.json)
            #expect(json.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let exported = try GoalDocument.decode(Data(buffer: json.body)).tables
            #expect(exported.map(\.withoutIndicatorIDs) == [table.withoutIndicatorIDs])
            // the ids it was stored with go out with it, so the file imports back as the same indicators
            #expect(
                exported.first?.indicators.map(\.id) == (try await TableStore.find(id, on: app.db))?.table.indicators.map(\.id))

            let xlsx = try await get(.xlsx)
            #expect(xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let back = try DocumentReader.read(data: Data(buffer: xlsx.body), name: "导出.xlsx")
            #expect(back.tables.first?.indicators.map(\.name) == table.indicators.map(\.name))
            #expect(back.tables.first?.unit == "测试单位")

            let csv = try await get(.csv)
            #expect(csv.body.string.contains("培训人数"))

            let print = try await get(.html)
            #expect(print.headers.first(name: .contentDisposition)?.hasPrefix("inline") == true)
            #expect(print.body.string.contains("项目支出绩效目标表"))
        }
    }

    @Test("静态文件可以取到")
    func assets() async throws {
        try await withJixiao { app in
            for path in ["/css/app.css", "/js/common.js", "/js/edit.js", "/js/selfeval.js", "/js/table.js"] {
                let status = try await app.send(.GET, path).status
                #expect(status == .ok, "\(path)")
            }
            // the editors warn before leaving with unsaved changes
            let common = try await app.send(.GET, "/js/common.js").body.string
            #expect(common.contains("beforeunload"))
        }
    }

    @Test("导入：粘贴文本 → 预览（列出修复）→ 保存")
    func importFlow() async throws {
        let seed = try String(contentsOf: SharedFiles.seeds.appendingPathComponent("003_9f3eda296765d47b.txt"), encoding: .utf8)
        try await withJixiao { app in
            let page = try await app.send(.GET, SitePath.importPage.path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("粘贴表格文本"))

            let preview = try await app.postForm(SitePath.importPreview.path, ["text": seed])
            #expect(preview.status == .ok)
            let html = preview.body.string
            #expect(html.contains("导入预览"))
            #expect(html.contains("已修复"))
            #expect(html.contains("库尔勒市社会保险中心"))

            // the 保存 button names the recovered tables kept on the server
            let tables = try await ImportTests.document(in: html, app).tables
            #expect(!tables.isEmpty)
            let saved = try await app.postForm(SitePath.importSave.path, ["draft": try ImportTests.draft(in: html)])
            #expect(saved.status == .seeOther)
            #expect(try await TableStore.list(in: .all, on: app.db).count == tables.count)
        }
    }

    @Test("导入：空白内容和无法识别的文本给出中文提示")
    func importErrors() async throws {
        try await withJixiao { app in
            let empty = try await app.postForm(SitePath.importPreview.path, ["text": "  "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("请粘贴表格文本"))
            let prose = try await app.postForm(SitePath.importPreview.path, ["text": "今天天气很好"])
            #expect(prose.status == .unprocessableEntity)
            #expect(prose.body.string.contains("今天天气很好")) // the text is kept in the box
        }
    }

    @Test("空数据库启动时载入示例表")
    func seeding() async throws {
        try #require(!SharedFiles.seedNames.isEmpty, "../shared/seeds 不存在")
        try await withJixiao(seeds: SharedFiles.seeds.path, demo: true) { app in
            let rows = try await TableStore.list(in: .all, on: app.db)
            #expect(rows.count >= 4)
            #expect(rows.contains { $0.unit == "库尔勒市社会保险中心" })
            // the demo filler of that unit sees its tables
            let login = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": "tianbao", "password": DemoData.password], as: nil)
            #expect(login.status == .ok)
            let token = try #require(login.headers.setCookie?[SessionStore.cookieName]?.string)
            let html = try await app.testing().sendRequest(
                .GET, SitePath.home.path, headers: ["Cookie": "\(SessionStore.cookieName)=\(token)"]
            ).body.string
            #expect(html.contains("库尔勒市社会保险中心"))
            #expect(!html.contains("芷江侗族自治县社会保险服务中心"))
        }
    }
}
