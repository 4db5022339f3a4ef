import Fluent
import Foundation
import GoalCore
import GoalMonitoring
import GoalScoring
import GoalWorkflow
import SQLKit
import Testing
import VaporTesting
@testable import App

/// The 总览's figures against a small world counted by hand:
///
/// | unit (department) | 2026 tables | what happened |
/// | --- | --- | --- |
/// | 测试单位甲 (D1) | a1 草稿 with an empty 指标值 (F04); a2 已批复, actuals 80 / 95, 执行 10 of 10, 自评 submitted, monitored (已审核); a3 草稿 after two 退回 | 2025: a0 已批复, 满意度 85 |
/// | 测试单位乙 (D1) | b1 已批复, actuals 70 / 95, 执行 8 of 10, monitoring not yet 已审核 | |
/// | 测试单位丙 (D2) | c1 草稿 | |
/// | 测试单位丁 (D1) | none: not started | |
///
/// Finance sees all, the supervising department D1 (`businessD1`) 甲, 乙 and 丁, the filler of 甲 only 甲.
@Suite("总览：各项统计与手工计数一致，并按可见范围")
struct OverviewStoreTests {
    @Test("SQLite：进度、退回、未启动、质量、自评、偏差、预警灯、同一指标跨单位与上年对比")
    func aggregates() async throws { try await Self.aggregates(.sqliteMemory) }

    struct World { var a1, a2, a3, b1, c1: UUID }

    static func table(_ project: String, year: Int = 2026) -> GoalTable {
        var t = sampleTable(name: "满意度")
        t.year = year
        t.project = ProjectInfo(name: project, manager: "张三")
        return t
    }

    /// Approves a table, then enters its actuals (培训人数 of 100, 满意度 of 90) and 执行 of a budget of 10,
    /// as the unit does on approved goals.
    static func approved(_ app: Application, _ t: GoalTable, actuals: (String, String), spent: Double, filler: Persona)
        async throws -> UUID
    {
        let id = try await app.create(t, as: filler).summary.id
        try await app.approve(id, filler: filler)
        var entered = try #require(try await TableStore.find(id, on: app.db))
        entered.table.setActual(actuals.0, at: 0)
        entered.table.setActual(actuals.1, at: 1)
        entered.table.setDeviation("报名人数不足", at: 0)
        entered.table.execution = Execution(budget: 10, spent: spent, weight: 10)
        let saved = try await app.send(
            .PUT, SitePath.api(.table(.value(id))).path,
            json: TableInputDTO(table: entered.table, version: entered.summary.version),
            as: filler)
        #expect(saved.status == .ok, "\(saved.body.string.prefix(200))")
        return id
    }

    static func world(_ app: Application) async throws -> World {
        _ = try await approved(app, table("上年培训项目", year: 2025), actuals: ("70", "85"), spent: 10, filler: .fillerA)
        var broken = table("培训项目一")
        broken.indicators[0].value = ""
        let a1 = try await app.create(broken, as: .fillerA).summary.id
        let a2 = try await approved(app, table("培训项目二"), actuals: ("80", "95"), spent: 10, filler: .fillerA)
        let a3 = try await app.create(table("培训项目三"), as: .fillerA).summary.id
        for _ in 0..<2 {
            try await app.act(.submit, a3, as: .fillerA)
            try await app.act(.sendBack, a3, as: .businessD1, comment: "请补充测算依据")
        }
        try await app.act(.submitEvaluation, a2, as: .fillerA)
        let b1 = try await approved(app, table("补助项目"), actuals: ("70", "95"), spent: 8, filler: .fillerB)
        let c1 = try await app.create(table("建设项目"), as: .fillerC).summary.id
        _ = try await app.owner(named: "测试单位丁", under: .businessD1)
        // a monitoring round of period 6 with lights on a2 (红, 已审核) and b1 (绿, still with the department),
        // as the monitoring store leaves them
        let round = MonitoringRoundRecord()
        round.year = 2026; round.period = 6; round.kind = "self"; round.profile = "default"; round.title = "2026年1—6月"
        round.scope = "[]"; round.dueAt = Date(); round.orgPath = "/"; round.openedBy = "测试"
        try await round.create(on: app.db)
        for (id, light, status) in [(a2, Light.red, "accepted"), (b1, Light.green, "departmentReviewed")] {
            let r = try #require(try await GoalTableRecord.find(id, on: app.db))
            let e = MonitoringEntryRecord()
            e.roundID = try round.requireID(); e.tableID = id; e.tableName = r.name; e.unit = r.unit
            e.organisationID = r.organisationID; e.orgPath = r.orgPath; e.status = status; e.rectification = "none"
            e.version = 1; e.light = light.rawValue
            try await e.create(on: app.db)
        }
        return World(a1: a1, a2: a2, a3: a3, b1: b1, c1: c1)
    }

    static func filter(_ app: Application, _ p: Persona, _ query: TableListQuery = TableListQuery(year: 2026)) async throws
        -> OverviewFilter
    {
        let user = try await app.user(p)
        return OverviewFilter(query, scope: Access.scope(of: user), user: user, dialect: try sql(app).dialect.name)
    }

    static func sql(_ app: Application) throws -> any SQLDatabase { try #require(app.db as? any SQLDatabase) }

    static func aggregates(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let w = try await world(app)
            let sql = try sql(app)
            let 甲 = "测试单位甲", 乙 = "测试单位乙", 丙 = "测试单位丙"

            // progress: finance sees every unit, D1 its two, the filler its own
            let all = try await OverviewStore.progress(try await filter(app, .finance), on: sql)
            #expect(all.totals == [.draft: 3, .approved: 2])
            #expect(all.units.map(\.unit) == [甲, 丙, 乙], "most tables still on their way first")
            #expect(all.units[0].counts == [.draft: 2, .approved: 1])
            let d1 = try await OverviewStore.progress(try await filter(app, .businessD1), on: sql)
            #expect(d1.totals == [.draft: 2, .approved: 2])
            #expect(Set(d1.units.map(\.unit)) == [甲, 乙])
            let own = try await OverviewStore.progress(try await filter(app, .fillerA), on: sql)
            #expect(own.totals == [.draft: 2, .approved: 1])
            // the filter is the list's: a kind, a grade, a name word
            let graded = try await OverviewStore.progress(
                try await filter(
                    app, .finance, TableListQuery(q: "补助", unit: nil, year: "2026", kind: nil, grade: "良", page: nil)), on: sql)
            #expect(graded.total == 1 && graded.units.map(\.unit) == [乙])

            // not started: 丁 has no table; the filler's scope has no other unit
            #expect(try await OverviewStore.notStarted(year: 2026, scope: .all, on: sql) == ["测试单位丁"])
            let d1Scope = Access.scope(of: try await app.user(.businessD1))
            #expect(try await OverviewStore.notStarted(year: 2026, scope: d1Scope, on: sql) == ["测试单位丁"])
            let d2Scope = Access.scope(of: try await app.user(.businessD2))
            #expect(try await OverviewStore.notStarted(year: 2026, scope: d2Scope, on: sql).isEmpty)
            #expect(try await OverviewStore.notStarted(year: 2027, scope: d2Scope, on: sql) == [丙])

            // 退回: a3 twice
            let returns = try await OverviewStore.returns(try await filter(app, .finance), on: sql)
            #expect(returns == [.init(unit: 甲, times: 2, tables: 1)])
            #expect(try await OverviewStore.returns(try await filter(app, .businessD2), on: sql).isEmpty)

            // quality: a1 alone breaks F04; the rest are error-free
            let q = try await OverviewStore.quality(try await filter(app, .finance), on: sql)
            #expect(q.tables == 5)
            let f04 = try #require(q.rules.first { $0.rule.code == "F04" })
            #expect(f04.tables == 1)
            #expect(q.errorFree == 4)
            #expect(q.units.first { $0.unit == 甲 }?.byRule["F04"] == 1)
            #expect(q.units.first { $0.unit == 乙 }?.byRule["F04"] == nil)
            let qD2 = try await OverviewStore.quality(try await filter(app, .businessD2), on: sql)
            #expect(qD2.tables == 1 && !qD2.rules.contains { $0.rule.code == "F04" })

            // 自评: a2 100 of 110 (90.91 %, 优), b1 35 + 50 + 8 = 93 of 110 (84.55 %, 良)
            let e = try await OverviewStore.evaluation(try await filter(app, .finance), on: sql)
            #expect(e.grades == [.excellent: 1, .good: 1])
            #expect(e.bins == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1], "84.55 % in 80–90, 90.91 % in 90–100")
            #expect(e.points.map(\.percent) == [84.55, 90.91], "lowest 得分率 first")
            #expect(e.pointsInAll == 2)
            let oneDrawn = try await OverviewStore.evaluation(try await filter(app, .finance), on: sql, pointLimit: 1)
            #expect(oneDrawn.points.map(\.id) == [w.b1] && oneDrawn.pointsInAll == 2)
            #expect(Set(e.points.map(\.executionRate)) == [100, 80])
            #expect(e.points.first { $0.id == w.b1 }?.percent == 84.55)
            let eA = try await OverviewStore.evaluation(try await filter(app, .fillerA), on: sql)
            #expect(eA.grades == [.excellent: 1])

            // deviations: b1 培训人数 70 of 100 (−30 %), a2 80 of 100 (−20 %), then a2 满意度 95 of 90 (+5.6 %)
            let dev = try await OverviewStore.deviations(try await filter(app, .finance), on: sql)
            #expect(dev.prefix(3).map(\.percent) == [-30, -20, 5.6])
            #expect(dev.first?.tableID == w.b1 && dev.first?.indicator == "培训人数")
            #expect(try await OverviewStore.deviations(try await filter(app, .businessD2), on: sql).isEmpty)
            // a name word needs the tables: the same answer through the join, for 补助项目 (b1) alone
            let words = TableListQuery(q: "补助", unit: nil, year: "2026", kind: nil, page: nil)
            let devWords = try await OverviewStore.deviations(try await filter(app, .finance, words), on: sql)
            #expect(devWords.map(\.percent) == [-30, 5.6] && Set(devWords.map(\.tableID)) == [w.b1])
            // a 自评 state is the table's: only a2 has its 自评 submitted
            let submitted = TableListQuery(q: nil, state: "evaluation-submitted", unit: nil, year: "2026", kind: nil, page: nil)
            #expect(
                try await OverviewStore.deviations(try await filter(app, .finance, submitted), on: sql).map(\.percent) == [
                    -20, 5.6,
                ])

            // lights: period 6, 甲 红, 乙 绿; D2 sees none
            let lights = try await OverviewStore.lights(try await filter(app, .finance), on: sql)
            #expect(lights.periods == [6])
            #expect(lights.units.map(\.unit) == [甲, 乙].sorted())
            #expect(lights.units.first { $0.unit == 甲 }?.periods[6] == [.red: 1])
            #expect(lights.units.first { $0.unit == 乙 }?.periods[6] == [.green: 1])
            #expect(try await OverviewStore.lights(try await filter(app, .businessD2), on: sql).units.isEmpty)
            let red = try await OverviewStore.progress(
                try await filter(
                    app, .finance, TableListQuery(q: nil, unit: nil, year: "2026", kind: nil, light: "red", page: nil)), on: sql)
            #expect(red.total == 1 && red.units.map(\.unit) == [甲])

            // one indicator across units, this year against last
            let f = try await filter(app, .finance)
            #expect(try await OverviewStore.defaultIndicator(f, on: sql) == "满意度")
            let cmp = try await OverviewStore.comparison(indicator: "满意度", year: 2026, f, on: sql)
            #expect(cmp.units.map(\.unit) == [丙, 乙, 甲].sorted())
            let rowA = try #require(cmp.units.first { $0.unit == 甲 })
            #expect(rowA.tables == 3 && rowA.target == 90 && rowA.actual == 95 && rowA.lastYearActual == 85)
            #expect(cmp.units.first { $0.unit == 丙 }?.actual == nil)
            let cmpD1 = try await OverviewStore.comparison(
                indicator: "满意度", year: 2026, try await filter(app, .businessD1), on: sql)
            #expect(Set(cmpD1.units.map(\.unit)) == [甲, 乙])
            let cmpWords = try await OverviewStore.comparison(
                indicator: "满意度", year: 2026, try await filter(app, .finance, words), on: sql)
            #expect(cmpWords.units.map(\.unit) == [乙] && cmpWords.units.first?.actual == 95)
            #expect(try await OverviewStore.defaultIndicator(try await filter(app, .finance, words), on: sql) == "满意度")
            let byUnit = TableListQuery(q: nil, unit: "乙", year: "2026", kind: nil, page: nil)
            let cmpUnit = try await OverviewStore.comparison(
                indicator: "满意度", year: 2026, try await filter(app, .finance, byUnit), on: sql)
            #expect(cmpUnit.units.map(\.unit) == [乙])
            #expect(
                try await OverviewStore.deviations(try await filter(app, .finance, byUnit), on: sql).map(\.tableID) == [
                    w.b1, w.b1,
                ])
            let approvedOnly = TableListQuery(q: nil, state: "approved", unit: nil, year: "2026", kind: nil, page: nil)
            let cmpApproved = try await OverviewStore.comparison(
                indicator: "满意度", year: 2026, try await filter(app, .finance, approvedOnly), on: sql)
            #expect(Set(cmpApproved.units.map(\.unit)) == [甲, 乙], "丙 has only a 草稿")
            #expect(cmpApproved.units.first { $0.unit == 甲 }?.tables == 1)
            _ = (w.a1, w.a3, w.c1)
        }
    }
}
