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
/// Monitoring (2026 unless said; 执行率 = 1-N月执行数 ÷ 全年预算数 of 年度资金总额):
///
/// | round | period, kind, due | a2 (甲) | b1 (乙) |
/// | --- | --- | --- | --- |
/// | r3 | 1-3月 self, 40 days ago | 填报中 (逾期), 黄, 2 of 10 → 20 % | 填报中 (逾期), nothing entered |
/// | r6 | 1-6月 self, today | 已审核, 红, 4 of 10 → 40 % | 待财政审核, 绿, 12 of 20 (调整后) → 60 % |
/// | r6k | 1-6月 key, yesterday | 填报中 (逾期), 黄, 5 of 10 → 50 % | — |
/// | r9 (2025) | 1-9月 self, 400 days ago | a0 (2025) 填报中 (逾期, another year) | — |
///
/// so 逾期未报 甲 2, 乙 1; the latest period is 6 (序时进度 50 %): 甲 (40 + 50) ÷ 2 = 45 %, 差距 −5; 乙 60 %, +10.
///
/// Finance sees all, the supervising department D1 (`businessD1`) 甲, 乙 and 丁, the filler of 甲 only 甲.
@Suite("总览：各项统计与手工计数一致，并按可见范围")
struct OverviewStoreTests {
    @Test("SQLite：进度、退回、未启动、质量、自评、偏差、预警灯、同一指标跨单位与上年对比")
    func aggregates() async throws { try await Self.aggregates(.sqliteMemory) }

    @Test("迁移：加上 execution_rate 之前写入的监控表，迁移后按所填的执行数补上执行率")
    func executionRateBackfill() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try useDatabase(app, .sqliteMemory)
            for m in JixiaoMigrations.all.prefix(while: { !($0 is AddMonitoringExecutionRate) }) { app.migrations.add(m) }
            try await app.autoMigrate()
            let sql = try Self.sql(app)
            let round = UUID()
            try await sql.raw(
                """
                INSERT INTO monitoring_rounds (id, year, period, kind, profile, title, scope, due_at, org_path, opened_by) \
                VALUES (\(bind: round), 2026, 7, 'self', 'default', '2026年1-7月', '所辖全部单位', \(bind: Date()), '/', '测试')
                """
            ).run()
            var spent = MonitoringEntry.blank(for: sampleTable(name: "满意度"), period: 7)
            spent.budget = [BudgetRow(item: .total, initial: 600, adjusted: 800, spent: 210)]
            var blank = spent
            blank.budget[0].spent = nil
            let rows: [(UUID, String?)] = [
                (UUID(), MonitoringEntryForm.encode(spent)), (UUID(), MonitoringEntryForm.encode(blank)), (UUID(), nil),
                (UUID(), "不是 JSON"),
            ]
            for (id, entered) in rows {
                try await sql.raw(
                    """
                    INSERT INTO monitoring_entries (id, round_id, table_id, table_name, unit, org_path, status, rectification, \
                    version, entered) VALUES (\(bind: id), \(bind: round), \(bind: UUID()), '表', '单位', '/', 'filling', 'none', 1, \
                    \(bind: entered))
                    """
                ).run()
            }
            app.migrations.add(AddMonitoringExecutionRate())
            try await app.autoMigrate()
            struct Rate: Decodable { var execution_rate: Double? }
            var rates: [Double?] = []
            for (id, _) in rows {
                rates.append(
                    try await sql.raw("SELECT execution_rate FROM monitoring_entries WHERE id = \(bind: id)").first(
                        decoding: Rate.self)?.execution_rate)
            }
            // 210 of 全年预算数 800 (调整后, not 年初 600): 26.25 %, as the budget light reads it
            #expect(rates == [26.25, nil, nil, nil])
            #expect(rates[0] == spent.executionRate)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

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
        let a0 = try await approved(app, table("上年培训项目", year: 2025), actuals: ("70", "85"), spent: 10, filler: .fillerA)
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
        // the monitoring rounds of the table above, their entries as the monitoring store leaves them
        let day = 86_400.0
        let r3 = try await round(app, year: 2026, period: 3, kind: "self", due: Date().addingTimeInterval(-40 * day))
        try await entry(app, r3, a2, "filling", .yellow, budget: (10, nil, 2))
        try await entry(app, r3, b1, "filling", nil, budget: nil)
        let r6 = try await round(app, year: 2026, period: 6, kind: "self", due: Date())
        try await entry(app, r6, a2, "accepted", .red, budget: (10, nil, 4))
        try await entry(app, r6, b1, "departmentReviewed", .green, budget: (10, 20, 12))
        let r6k = try await round(app, year: 2026, period: 6, kind: "key", due: Date().addingTimeInterval(-day))
        try await entry(app, r6k, a2, "filling", .yellow, budget: (10, nil, 5))
        let r9 = try await round(app, year: 2025, period: 9, kind: "self", due: Date().addingTimeInterval(-400 * day))
        try await entry(app, r9, a0, "filling", .red, budget: (10, nil, 1))
        return World(a1: a1, a2: a2, a3: a3, b1: b1, c1: c1)
    }

    static func round(_ app: Application, year: Int, period: Int, kind: String, due: Date) async throws -> UUID {
        let round = MonitoringRoundRecord()
        round.year = year; round.period = period; round.kind = kind; round.profile = "default"
        round.title = "\(year)年1-\(period)月"; round.scope = "[]"; round.dueAt = due; round.orgPath = "/"; round.openedBy = "测试"
        try await round.create(on: app.db)
        return try round.requireID()
    }

    /// An entry of `table` in `round`; `budget` is 年度资金总额's (年初预算数, 全年预算数, 执行数) as the unit entered it.
    static func entry(
        _ app: Application, _ round: UUID, _ table: UUID, _ status: String, _ light: Light?,
        budget: (Double, Double?, Double)?
    ) async throws {
        let r = try #require(try await GoalTableRecord.find(table, on: app.db))
        let e = MonitoringEntryRecord()
        e.roundID = round; e.tableID = table; e.tableName = r.name; e.unit = r.unit
        e.organisationID = r.organisationID; e.orgPath = r.orgPath; e.status = status; e.rectification = "none"
        e.version = 1; e.light = light?.rawValue
        if let budget {
            var entered = MonitoringEntry.blank(for: try TableDetailDTO(r).table, period: 6)
            entered.budget = [BudgetRow(item: .total, initial: budget.0, adjusted: budget.1, spent: budget.2)]
            e.enter(MonitoringEntryForm.encode(entered))
        }
        try await e.create(on: app.db)
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

            // lights: periods 3 and 6 of 2026 (not 2025's 9); 甲 红 and 黄 in 6, 黄 in 3; 乙 绿 in 6, none yet in 3
            let lights = try await OverviewStore.lights(try await filter(app, .finance), on: sql)
            #expect(lights.periods == [3, 6])
            #expect(lights.units.map(\.unit) == [甲, 乙].sorted())
            #expect(lights.units.first { $0.unit == 甲 }?.periods[6] == [.red: 1, .yellow: 1])
            #expect(lights.units.first { $0.unit == 甲 }?.periods[3] == [.yellow: 1])
            #expect(lights.units.first { $0.unit == 乙 }?.periods[6] == [.green: 1])
            #expect(lights.units.first { $0.unit == 乙 }?.periods[3] == [.undetermined: 1])
            #expect(try await OverviewStore.lights(try await filter(app, .businessD2), on: sql).units.isEmpty)
            let red = try await OverviewStore.progress(
                try await filter(
                    app, .finance, TableListQuery(q: nil, unit: nil, year: "2026", kind: nil, light: "red", page: nil)), on: sql)
            #expect(red.total == 1 && red.units.map(\.unit) == [甲])

            // 逾期未报: 甲 r3 and r6k, 乙 r3; r6 is due today and handed in; 2025's r9 is another year
            func overdue(_ p: Persona, _ query: TableListQuery = TableListQuery(year: 2026), now: Date = Date()) async throws
                -> [String: Int]
            {
                let o = try await OverviewStore.overdue(try await filter(app, p, query), now: now, on: sql)
                #expect(o.map(\.entries) == o.map(\.entries).sorted(by: >), "most first")
                return Dictionary(uniqueKeysWithValues: o.map { ($0.unit, $0.entries) })
            }
            #expect(try await overdue(.finance) == [甲: 2, 乙: 1])
            #expect(try await OverviewStore.overdue(try await filter(app, .finance), on: sql).first?.unit == 甲)
            #expect(try await overdue(.businessD1) == [甲: 2, 乙: 1])
            #expect(try await overdue(.fillerA) == [甲: 2])
            #expect(try await overdue(.businessD2).isEmpty)
            #expect(try await overdue(.finance, words) == [乙: 1])
            // thirty days ago only r3 was past its due day
            #expect(try await overdue(.finance, now: Date().addingTimeInterval(-30 * 86_400)) == [甲: 1, 乙: 1])
            #expect(try await overdue(.finance, TableListQuery(year: 2025)) == ["测试单位甲": 1])

            // 执行率 against 序时进度, period 6 (50 %): 甲 (40 + 50) ÷ 2 = 45, 乙 60; lowest first
            let budget = try #require(try await OverviewStore.budget(try await filter(app, .finance), on: sql))
            #expect(budget.period == 6 && budget.timeProgress == 50)
            #expect(budget.units == [.init(unit: 甲, tables: 2, averageRate: 45), .init(unit: 乙, tables: 1, averageRate: 60)])
            #expect(try await OverviewStore.budget(try await filter(app, .businessD1), on: sql) == budget)
            let budgetA = try await OverviewStore.budget(try await filter(app, .fillerA), on: sql)
            #expect(budgetA?.period == 6 && budgetA?.units == [.init(unit: 甲, tables: 2, averageRate: 45)])
            #expect(try await OverviewStore.budget(try await filter(app, .businessD2), on: sql) == nil)
            let budgetWords = try await OverviewStore.budget(try await filter(app, .finance, words), on: sql)
            #expect(budgetWords?.units == [.init(unit: 乙, tables: 1, averageRate: 60)])
            let lastYear = try await OverviewStore.budget(try await filter(app, .finance, TableListQuery(year: 2025)), on: sql)
            #expect(lastYear?.period == 9 && lastYear?.units == [.init(unit: 甲, tables: 1, averageRate: 10)])

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
            // an approved 调整 supersedes b1: the facts' questions count the new version once, never the old
            let adjusted = try await app.act(.adjust, w.b1, as: .fillerB).summary.id
            try await app.approve(adjusted, filler: .fillerB)
            let cmpAfter = try await OverviewStore.comparison(indicator: "满意度", year: 2026, f, on: sql)
            #expect(cmpAfter.units.first { $0.unit == 乙 }?.tables == 1)
            let devAfter = try await OverviewStore.deviations(f, on: sql)
            #expect(devAfter.filter { $0.percent == -30 }.map(\.tableID) == [adjusted])
            _ = (w.a1, w.a3, w.c1)
        }
    }
}
