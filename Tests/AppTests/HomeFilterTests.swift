import Fluent
import Foundation
import SQLKit
import GoalCore
import TestSupport
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
            _ = try await TableStore.createAll(
                Self.tables(3, unit: "甲县社会保险服务中心", year: 2026), owner: try await app.owner(named: "甲县社会保险服务中心"), by: nil,
                on: app.db)
            _ = try await TableStore.createAll(
                Self.tables(2, unit: "甲县社会保险服务中心", year: 2025), owner: try await app.owner(named: "甲县社会保险服务中心"), by: nil,
                on: app.db)
            _ = try await TableStore.createAll(
                Self.tables(4, unit: "乙县教育局", year: 2026, kind: .department), owner: try await app.owner(named: "乙县教育局"), by: nil,
                on: app.db)

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

    @Test("筛选项（单位、年度）逐个从索引读出：已删除的表不算，按上限截断")
    func facetsOnSQLite() async throws { try await Self.facetsFromIndexes(.sqliteMemory) }

    /// Finance's facets come from index probes on PostgreSQL (`TableStore.everyFacet`), from `DISTINCT`
    /// on SQLite and for a subtree; the unit filter's names from probes on both. Each must name exactly
    /// the units and years of the live tables the account sees.
    static func facetsFromIndexes(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            for (unit, year) in [("乙县教育局", 2026), ("甲县社会保险服务中心", 2024), ("甲县社会保险服务中心", 2026), ("丙县卫生院", 2023)] {
                _ = try await TableStore.createAll(
                    Self.tables(2, unit: unit, year: year), owner: try await app.owner(named: unit), by: nil, on: app.db)
            }
            // 丙县卫生院's only tables are deleted: neither the unit nor 2023 is offered any more
            try await GoalTableRecord.query(on: app.db).filter(\.$unit == "丙县卫生院").delete()
            try await PlannerStatistics.refresh(app.db)
            let all = try await TableStore.facets(in: .all, on: app.db)
            #expect(all.units == ["乙县教育局", "甲县社会保险服务中心"])
            #expect(all.years == [2026, 2024])
            #expect(try await TableStore.facets(limit: 1, in: .all, on: app.db).units == ["乙县教育局"])
            // the unit filter finds the names first: a deleted unit's name is no match, too many names fall back
            #expect(try await TableStore.unitNames(containing: "社会保险", on: app.db) == ["甲县社会保险服务中心"])
            #expect(try await TableStore.unitNames(containing: "卫生院", on: app.db) == [])
            #expect(try await TableStore.unitNames(containing: "县", limit: 1, on: app.db) == nil)
            #expect(try await TableStore.page(TableListQuery(unit: "县"), in: .all, on: app.db).total == 6)
            // the same tables seen as a subtree (every unit here is under 测试单位甲): the same facets by DISTINCT
            let subtree = try await TableStore.facets(in: .subtree(try await app.user(.fillerA).organisationPath), on: app.db)
            #expect(subtree.units == all.units && subtree.years == all.years)
        }
    }

    @Test("统计信息更新后，首页的查询走有效表的列表索引，而不是已删除表的索引")
    func plannerTakesTheListIndex() async throws {
        try await withJixiao { app in
            _ = try await TableStore.createAll(
                Self.tables(40, unit: "甲县社会保险服务中心", year: 2026), owner: try await app.owner(named: "甲县社会保险服务中心"), by: nil,
                on: app.db)
            try await PlannerStatistics.refresh(app.db)
            let sql = try #require(app.db as? any SQLDatabase)
            let plan = try await sql.raw(
                """
                EXPLAIN QUERY PLAN SELECT id, unit, year, name FROM goal_tables WHERE deleted_at IS NULL \
                ORDER BY unit, year DESC, name, id LIMIT 50
                """
            ).all().compactMap { try? $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
            #expect(plan.contains("goal_tables_live_list"), "\(plan)")
            #expect(!plan.contains("goal_tables_deleted"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    @Test("首页显示筛选条件和分页链接，条件保留在链接里")
    func homePaging() async throws {
        try await withJixiao { app in
            _ = try await TableStore.createAll(
                Self.tables(TableListQuery.defaultPerPage + 5, unit: "丙单位", year: 2026), owner: try await app.owner(named: "丙单位"),
                by: nil, on: app.db)
            _ = try await TableStore.createAll(
                Self.tables(1, unit: "丁单位", year: 2024, kind: .provincial), owner: try await app.owner(named: "丁单位"), by: nil,
                on: app.db)

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

    // MARK: issue #15 item 6: finding things

    @Test("按项目名称中的词（每个词都要有）和状态筛选；条件保留在分页链接里，选中的状态仍选中")
    func byNameWordsAndState() async throws {
        try await withJixiao { app in
            let names = ["职业技能培训补助项目", "就业培训中心运行经费", "社会保险经办补助"]
            var ids: [UUID] = []
            for n in names {
                var t = sampleTable(name: "满意度")
                t.project = ProjectInfo(name: n)
                ids.append(try await app.create(t).summary.id)
            }
            try await app.act(.submit, ids[1], as: .fillerA)
            let training = try await app.send(.GET, "/?q=%E5%9F%B9%E8%AE%AD", as: .finance).body.string // 培训
            #expect(training.contains("符合条件的 2 张表"))
            #expect(training.contains(names[0]) && training.contains(names[1]) && !training.contains(names[2]))
            let both = try await app.send(.GET, "/?q=%E5%9F%B9%E8%AE%AD+%E8%A1%A5%E5%8A%A9", as: .finance).body.string // 培训 补助
            #expect(both.contains("符合条件的 1 张表") && both.contains(names[0]))
            #expect(both.contains("name=\"q\" value=\"培训 补助\""))

            let submitted = try await app.send(.GET, "/?state=submitted", as: .finance).body.string
            #expect(submitted.contains("符合条件的 1 张表") && submitted.contains(names[1]))
            #expect(submitted.contains("<option value=\"submitted\" selected>已提交</option>"))
            let drafts = try await app.send(.GET, "/?state=%E8%8D%89%E7%A8%BF", as: .finance).body.string // 草稿, by its label
            #expect(drafts.contains("符合条件的 2 张表"))
            let odd = try await app.send(.GET, "/?state=done", as: .finance).body.string
            #expect(odd.contains("状态“done”无法识别"))
            // the filters go into the page links
            #expect(
                TableListQuery(q: "培训 补助", state: "submitted", mine: "1", unit: nil, year: nil, kind: nil, page: nil).link(
                    page: 2)
                    == "/?q=%E5%9F%B9%E8%AE%AD%20%E8%A1%A5%E5%8A%A9&state=submitted&mine=1&page=2")
        }
    }

    @Test("待我处理：审核人只看到轮到自己的表，填报人看到自己的草稿；管理员没有这个选项")
    func waitingForMe() async throws {
        try await withJixiao { app in
            let first = try await app.create(sampleTable(name: "满意度")).summary.id
            let second = try await app.create(sampleTable(name: "满意度")).summary.id
            try await app.act(.submit, first, as: .fillerA)
            let reviewer = try await app.send(.GET, "/?mine=1", as: .businessD1).body.string
            #expect(reviewer.contains("符合条件的 1 张表"))
            #expect(reviewer.contains("href=\"\(SitePath.table(.value(first)).path)\""))
            #expect(reviewer.contains("name=\"mine\" value=\"1\" checked"))
            let filler = try await app.send(.GET, "/?mine=1", as: .fillerA).body.string
            #expect(filler.contains("符合条件的 1 张表"))
            #expect(filler.contains("href=\"\(SitePath.tableEdit(.value(second)).path)\""))
            #expect(!(try await app.send(.GET, "/", as: .admin).body.string).contains("待我处理"))
        }
    }

    @Test("填报人的草稿是下一步：待办列出每张还缺什么，没有错误的说可以提交")
    func draftsAsNextSteps() async throws {
        try await withJixiao { app in
            var missing = sampleTable(name: "满意度")
            missing.year = nil
            missing.project = ProjectInfo(name: "缺年度的项目")
            let bad = try await app.create(missing).summary.id
            var fine = sampleTable(name: "满意度")
            fine.project = ProjectInfo(name: "填好的项目")
            let good = try await app.create(fine).summary.id
            var noUnit = sampleTable(name: "满意度")
            noUnit.indicators[0].value = ""
            noUnit.project = ProjectInfo(name: "缺指标值的项目")
            let other = try await app.create(noUnit).summary.id
            let html = try await app.send(.GET, SitePath.home.path).body.string
            #expect(html.contains("待办（3）"))
            // each draft with errors names its own, beside its own link (their documents are read together)
            func item(_ id: UUID) throws -> String {
                let link = "<a href=\"\(SitePath.table(.value(id)).path)\">"
                return try #require(html.components(separatedBy: link).dropFirst().first?.components(separatedBy: "</li>").first)
            }
            #expect(try item(bad).contains("缺年度的项目") && item(bad).contains("还有 1 个错误需改正（表头“年度”未填写"))
            #expect(try item(other).contains("缺指标值的项目") && !item(other).contains("“年度”未填写"))
            let otherItem = try item(other)
            #expect(otherItem.contains("个错误需改正（"), "\(otherItem)")
            #expect(html.contains("<a href=\"\(SitePath.table(.value(good)).path)\">填好的项目</a>"))
            #expect(html.contains("草稿：可以提交审核"))
            // a reviewer's list has no drafts to do
            #expect(!(try await app.send(.GET, SitePath.home.path, as: .businessD1).body.string).contains("待办（"))
        }
    }

    @Test("识别后没有保存的导入预览出现在待办，点开可以继续保存；保存后消失")
    func unsavedImportIsANextStep() async throws {
        let seed = try String(contentsOf: SharedFiles.seeds.appendingPathComponent("003_9f3eda296765d47b.txt"), encoding: .utf8)
        try await withJixiao { app in
            let preview = try await app.postForm(SitePath.importPreview.path, ["text": seed])
            let draft = try ImportTests.draft(in: preview.body.string)
            let link = SitePath.importDraft(.value(try #require(UUID(uuidString: draft)))).path
            let home = try await app.send(.GET, SitePath.home.path).body.string
            #expect(home.contains("尚未保存"))
            #expect(home.contains("href=\"\(link)\""))
            // only its own account sees it
            #expect(!(try await app.send(.GET, SitePath.home.path, as: .headA).body.string).contains("尚未保存"))
            let again = try await app.send(.GET, link)
            #expect(again.status == .ok)
            #expect(again.body.string.contains("导入预览"))
            #expect(again.body.string.contains("name=\"draft\" value=\"\(draft)\""))
            #expect(try await app.send(.GET, link, as: .headA).status == .gone)
            let saved = try await app.postForm(SitePath.importSave.path, ["draft": draft])
            #expect(saved.status == .seeOther)
            #expect(!(try await app.send(.GET, SitePath.home.path).body.string).contains("尚未保存"))
        }
    }
}
