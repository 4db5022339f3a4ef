import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import Testing
import VaporTesting
@testable import App

/// 结转到下一年 (issue #19), as the unit and finance see it.
@Suite("结转到下一年")
struct CarryForwardTests {
    /// The live tables of `year`.
    static func tables(_ app: Application, year: Int) async throws -> [GoalTableRecord] {
        try await GoalTableRecord.query(on: app.db).filter(\.$year == year).all()
    }

    @Test("单位结转一张表：编号链接、上年完成值取自评实际或监控预计、审计记录；再结转不重复；按钮只在能成功时出现")
    func oneTable() async throws { try await Self.oneTable(.sqliteMemory) }

    static func oneTable(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let (a, _, _) = try await MonitoringTests.world(app)
            let source = try #require(try await TableStore.find(a, on: app.db))
            let ids = source.table.indicators.compactMap(\.id)
            // monitoring expects 96 for 满意度; 自评 has 120 for 培训人数 only
            let e = try await MonitoringTests.entry(app, table: a)
            let saved = try await app.postForm(
                SitePath.monitoringEntry(.value(e.id!)).path,
                [
                    "version": "1", MonitoringEntryForm.indicatorField(ids[1], "completed"): "80%",
                    MonitoringEntryForm.indicatorField(ids[1], "expected"): "96%",
                ])
            #expect(saved.status == .seeOther || saved.status == .ok, "\(saved.status) \(saved.body.string.prefix(3000))")
            var t = source.table
            t.setActual("120人", at: 0)
            _ = try await TableStore.update(
                a, table: t, expectedVersion: source.summary.version, by: try await app.user(.fillerA), on: app.db)

            // a draft offers no carry; the approved table does, to the unit and to finance, not to 业务股室
            let draft = try await app.create(sampleTable(name: "草稿")).summary.id
            #expect(!(try await app.send(.GET, SitePath.table(.value(draft)).path).body.string.contains("id=\"carry-forward\"")))
            let page = try await app.send(.GET, SitePath.table(.value(a)).path).body.string
            #expect(page.contains("id=\"carry-forward\"") && page.contains("结转到2027年度"))
            #expect(try await app.send(.GET, SitePath.table(.value(a)).path, as: .finance).body.string.contains("结转到2027年度"))
            #expect(
                !(try await app.send(.GET, SitePath.table(.value(a)).path, as: .businessD1).body.string.contains(
                    "id=\"carry-forward\"")))

            // refused where it cannot succeed: a draft (409), another unit's table (404, as for none), 业务股室 (403)
            let onDraft = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(draft))).path)
            #expect(onDraft.status == .conflict && onDraft.reason.contains("只有已批复的目标表可以结转"))
            #expect(try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path, as: .fillerB).status == .notFound)
            #expect(
                try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path, as: .businessD1).status == .forbidden)

            // the unit presses 结转到2027年度 and lands on the new draft
            let res = try await app.postForm(SitePath.tableCarryForward(.value(a)).path, [:])
            #expect(res.status == .seeOther)
            let carried = try await Self.tables(app, year: 2027)
            #expect(carried.count == 1)
            let nextID = try #require(carried.first?.id)
            let next = try #require(try await TableStore.find(nextID, on: app.db))
            #expect(res.headers.first(name: .location) == SitePath.table(.value(next.summary.id)).path)
            #expect(next.summary.statusLabel == "草稿" && next.summary.unit == "测试单位甲")
            #expect(next.summary.carriedFrom == a)
            #expect(next.table.year == 2027 && next.table.project?.name == "示例培训项目")
            #expect(next.table.indicators.map(\.previousId) == ids)
            #expect(Set(next.table.indicators.compactMap(\.id)).isDisjoint(with: Set(ids)))
            #expect(next.table.indicators.map(\.lastYear) == ["120人", "96%（预计）"])
            #expect(next.table.evaluation.isEmpty && next.table.signoff?.approvalNumber == nil)

            // the trail says where it came from and where 上年完成值 came from
            let trail = try await app.send(.GET, SitePath.table(.value(next.summary.id)).path).body.string
            #expect(trail.contains("由上年结转生成"))
            #expect(trail.contains("上年完成值：取自评实际完成值 1 项，取监控全年预计完成值 1 项（标“预计”）"))
            #expect(trail.contains("由2026年度已批复的“示例培训项目”结转而来") && trail.contains("与上年对比"))
            let after = try await app.send(.GET, SitePath.table(.value(a)).path).body.string
            #expect(after.contains("已结转为2027年度草稿（草稿）") && !after.contains("id=\"carry-forward\""))
            #expect(after.contains("结转到下一年"))

            // again, from the API: nothing new, the draft made before
            let again = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            #expect(again.status == .ok)
            let body = try again.content.decode(CarryController.CarryDTO.self)
            #expect(!body.created && body.table.id == next.summary.id && body.note.contains("已结转过，未重复生成"))
            #expect(try await Self.tables(app, year: 2027).count == 1)

            // a deleted draft gives the carry back
            try await TableStore.delete(next.summary.id, expectedVersion: 1, by: try await app.user(.fillerA), on: app.db)
            let redo = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            #expect(redo.status == .created)
            #expect(try await Self.tables(app, year: 2027).count == 1)
        }
    }

    @Test("调整后批复的新版本与原版本算同一张表：已结转则不再结转；被取代的版本不能结转")
    func adjustmentKeepsTheCarry() async throws {
        try await withJixiao { app in
            let a = try await app.create(sampleTable(name: "满意度")).summary.id
            try await app.approve(a)
            _ = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            let adj = try await app.act(.adjust, a, as: .fillerA).summary.id
            try await app.approve(adj)
            let superseded = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            #expect(superseded.status == .conflict && superseded.reason.contains("已被调整后批复的版本取代"))
            let page = try await app.send(.GET, SitePath.table(.value(adj)).path).body.string
            #expect(page.contains("已结转为2027年度草稿") && !page.contains("id=\"carry-forward\""))
            #expect(try await app.send(.POST, SitePath.api(.tableCarryForward(.value(adj))).path).status == .ok)
            #expect(try await Self.tables(app, year: 2027).count == 1)
        }
    }

    @Test("财政批量结转一个年度：进度与汇总；第二次全部跳过；并发结转同一张表只生成一张")
    func bulk() async throws { try await Self.bulk(.sqliteMemory) }

    static func bulk(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let (a, c, _) = try await MonitoringTests.world(app)
            _ = try await app.send(.POST, SitePath.api(.tableCarryForward(.value(a))).path)
            // 单位 cannot open the bulk page
            #expect(try await app.send(.GET, SitePath.carryForward.path).status == .forbidden)
            let list = try await app.send(.GET, SitePath.carryForward.path, as: .finance).body.string
            #expect(list.contains("2026年度已批复的目标表 2 张：待结转 <b id=\"carry-pending\">1</b> 张，已结转 1 张"))
            #expect(list.contains("全部结转到2027年度（1 张）"))
            #expect(list.contains("data-carry=\"\(SitePath.api(.tableCarryForward(.value(c))).path)\""))
            #expect(list.contains("id=\"carry-progress\"") && list.contains("/js/carry.js"))

            let first = try await app.postForm(SitePath.carryForward.path, ["year": "2026"], as: .finance).body.string
            #expect(first.contains("已生成 1 张2027年度草稿，1 张已结转过（跳过）"))
            let second = try await app.postForm(SitePath.carryForward.path, ["year": "2026"], as: .finance).body.string
            #expect(second.contains("已生成 0 张2027年度草稿，2 张已结转过（跳过）"))
            #expect(try await Self.tables(app, year: 2027).count == 2)
            // the draft of 丙 belongs to 丙, not to the finance bureau that carried it
            let cNext = try #require(try await GoalTableRecord.query(on: app.db).filter(\.$carriedFromID == c).first())
            #expect(cNext.unit == "测试单位丙")
            #expect(try await app.send(.GET, SitePath.table(.value(cNext.id!)).path, as: .fillerC).status == .ok)

            // four carries of one table at once: one draft
            let d = try await app.create(sampleTable(name: "并发")).summary.id
            try await app.approve(d)
            let finance = try await app.user(.finance)
            let made = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await TableStore.carryForward(d, by: finance, on: app.db).created }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(made.count { $0 } == 1)
            #expect(try await GoalTableRecord.query(on: app.db).filter(\.$carriedFromID == d).count() == 1)
        }
    }
}
