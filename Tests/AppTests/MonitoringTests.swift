import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalMonitoring
import GoalWorkflow
import TestSupport
import Testing
import VaporTesting
@testable import App

/// 运行监控 (issue #18) through the pages: finance opens a round, every approved table in scope gets an
/// entry, each unit sees its own, fills it with lights, and it goes 单位负责人 → 主管部门 → 财政 with 退回 and 整改.
@Suite("运行监控：轮次、范围、可见性、填报与预警、流程、退回、整改、逾期")
struct MonitoringTests {
    static func day(_ offset: Int) -> String { Workflow.day(Date().addingTimeInterval(Double(offset) * 86_400)) }

    /// Two approved tables (units 甲 and 丙) and a draft (甲), then a round over all of finance's units.
    static func world(_ app: Application) async throws -> (a: UUID, c: UUID, round: UUID) {
        let a = try await app.create(sampleTable(name: "受益人员满意度")).summary.id
        try await app.approve(a)
        let c = try await app.create(sampleTable(name: "丙单位满意度", unit: "测试单位丙"), as: .fillerC).summary.id
        try await app.approve(c, filler: .fillerC)
        _ = try await app.create(sampleTable(name: "草稿不监控"))
        let res = try await app.postForm(
            SitePath.monitoringRounds.path,
            [
                "year": "2026", "period": "7", "kind": "self", "profile": "default", "due": day(10), "scope": "all",
            ], as: .finance)
        #expect(res.status == .seeOther, "\(res.body.string)")
        let round = try #require(try await MonitoringRoundRecord.query(on: app.db).first())
        return (a, c, try round.requireID())
    }

    static func entry(_ app: Application, table: UUID) async throws -> MonitoringEntryRecord {
        try #require(try await MonitoringEntryRecord.query(on: app.db).filter(\.$tableID == table).first())
    }

    @Test("开启轮次：范围内每张已批复的表一份监控表，草稿没有；同期再开只补新批复的；单位只看到自己的")
    func roundsScopeAndVisibility() async throws { try await Self.roundsScopeAndVisibility(.sqliteMemory) }

    static func roundsScopeAndVisibility(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let (a, c, round) = try await Self.world(app)
            #expect(try await MonitoringEntryRecord.query(on: app.db).count() == 2)
            let ea = try await Self.entry(app, table: a), ec = try await Self.entry(app, table: c)
            // the unit's form has a row per indicator of its approved goals, 年初预算数 from its 资金
            let entered = MonitoringEntryForm.decode(
                ea.entered, table: try #require(try await TableStore.find(a, on: app.db)).table, period: 7)
            #expect(entered.indicators.count == 2)
            #expect(entered.totalBudget?.initial == 10)
            #expect(ea.executionRate == nil, "nothing spent entered yet")

            // 甲 sees its entry in 待办 with the due day, not 丙's (404, as for none at all)
            let mine = try await app.send(.GET, SitePath.monitoring.path, as: .fillerA).body.string
            #expect(mine.contains("2026年1-7月部门自行监控待填报（截止 \(Self.day(10))）"))
            #expect(mine.contains("测试单位甲") && !mine.contains("测试单位丙"))
            // and on the home page's 待办, beside the tables
            #expect(try await app.send(.GET, SitePath.home.path, as: .fillerA).body.string.contains("待填报（截止 \(Self.day(10))）"))
            #expect(try await app.send(.GET, SitePath.monitoringEntry(.value(ec.id!)).path, as: .fillerA).status == .notFound)
            // 主管部门一 sees 甲's, not 丙's (under 主管部门二); finance sees both on the round page
            #expect(try await app.send(.GET, SitePath.monitoringEntry(.value(ea.id!)).path, as: .businessD1).status == .ok)
            #expect(try await app.send(.GET, SitePath.monitoringEntry(.value(ec.id!)).path, as: .businessD1).status == .notFound)
            let roundPage = try await app.send(.GET, SitePath.monitoringRound(.value(round)).path, as: .finance).body.string
            #expect(roundPage.contains("测试单位甲") && roundPage.contains("测试单位丙"))
            let unitRound = try await app.send(.GET, SitePath.monitoringRound(.value(round)).path, as: .fillerA).body.string
            #expect(unitRound.contains("测试单位甲") && !unitRound.contains("测试单位丙"))

            // a unit cannot open rounds; the same period again finds nothing new and says so, keeping the form
            #expect(
                try await app.postForm(
                    SitePath.monitoringRounds.path,
                    [
                        "year": "2026", "period": "7", "kind": "self",
                        "due": Self.day(5),
                    ], as: .fillerA
                ).status == .forbidden)
            let again = try await app.postForm(
                SitePath.monitoringRounds.path,
                [
                    "year": "2026", "period": "7", "kind": "self", "due": Self.day(5), "scope": "all",
                ], as: .finance)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("都已在2026年1-7月部门自行监控中"))
            #expect(again.body.string.contains("value=\"\(Self.day(5))\""))
            // a due day in the past is refused in words
            let past = try await app.postForm(
                SitePath.monitoringRounds.path,
                [
                    "year": "2026", "period": "8", "kind": "self", "due": Self.day(-3), "scope": "all",
                ], as: .finance)
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.string.contains("早于今天"))
            // chosen tables only: 财政重点监控 of 丙's table
            let key = try await app.postForm(
                SitePath.monitoringRounds.path,
                [
                    "year": "2026", "period": "9", "kind": "key", "due": Self.day(20), "scope": "tables",
                    "tables[]": c.uuidString,
                ], as: .finance)
            #expect(key.status == .seeOther)
            let keyRound = try #require(try await MonitoringRoundRecord.query(on: app.db).filter(\.$kind == "key").first())
            #expect(
                try await MonitoringEntryRecord.query(on: app.db).filter(\.$roundID == keyRound.id!).all().map(\.tableID) == [c])
        }
    }

    @Test("填报：灯随数值变化并写出算式；红灯缺偏差原因不能提交并指出行；金额写错指出行列且保留所填")
    func fillWithLightsAndReasons() async throws { try await Self.fillWithLightsAndReasons(.sqliteMemory) }

    static func fillWithLightsAndReasons(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let (a, _, _) = try await Self.world(app)
            let e = try await Self.entry(app, table: a)
            let path = SitePath.monitoringEntry(.value(e.id!)).path
            let ids = try #require(try await TableStore.find(a, on: app.db)).table.indicators.compactMap(\.id)
            func field(_ i: Int, _ name: String) -> String { MonitoringEntryForm.indicatorField(ids[i], name) }

            // an amount that is not a number: named by row and column, nothing saved, what was typed kept
            let bad = try await app.postForm(
                path,
                [
                    "version": "1", MonitoringEntryForm.budgetField(.total, .spent): "很多", field(0, "completed"): "20",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("资金第 1 行“年度资金总额”的“1-7月执行数”：“很多”不是金额（万元）"))
            #expect(bad.body.string.contains("value=\"很多\""))
            #expect(try await Self.entry(app, table: a).version == 1)

            // while typing: the lights of what is typed, with the arithmetic, nothing saved
            let live = try await app.postForm(SitePath.monitoringEntryLights(.value(e.id!)).path, [field(0, "completed"): "20"])
            #expect(live.status == .ok)
            let answer = try live.content.decode(MonitoringController.LightsAnswer.self)
            #expect(answer.rows.first?.light.light == "红")
            #expect(answer.rows.first?.light.explanation.contains("34.3") == true)
            #expect(answer.rows.first?.reasonMissing == true)
            #expect(try await Self.entry(app, table: a).version == 1)

            // 20 of 100 人 by July: 20 ÷ (100 × 7/12) = 34.3% → 红; 满意度 95 of 90% is a rate, not prorated → 绿
            let saved = try await app.postForm(
                path,
                [
                    "version": "1", MonitoringEntryForm.budgetField(.total, .spent): "5", field(0, "completed"): "20",
                    field(1, "completed"): "95",
                ])
            #expect(saved.status == .seeOther)
            // the table's audit trail says what the save changed, in the form's words
            let trail = try await app.send(.GET, SitePath.tableAuditCSV(.value(a)).path).body.string
            #expect(trail.contains("运行监控：保存填报") && trail.contains("年度资金总额 1-7月执行数：（空） → 5"))
            #expect(trail.contains("第1行“") && trail.contains("1-7月完成值：（空） → 20"))
            #expect(!trail.contains("完成目标可能性：")) // untouched fields are not listed
            let page = try await app.send(.GET, path).body.string
            #expect(page.contains("红"))
            #expect(page.contains("34.3"))
            #expect(page.contains("红灯须填写偏差原因"))
            #expect(try await Self.entry(app, table: a).light == Light.red.rawValue)
            // the 总览's 执行率 is written with what was entered: 5 of 年初预算数 10
            #expect(try await Self.entry(app, table: a).executionRate == 50)
            // the unit's light on the round page is the worst of its tables'
            let roundPage = try await app.send(.GET, SitePath.monitoringRound(.value(e.roundID)).path, as: .finance).body.string
            let unitRow = try #require(roundPage.components(separatedBy: "<td>测试单位甲</td>").dropFirst().first)
            #expect(unitRow.hasPrefix("<td><span class=\"lamp light-red\">红</span></td>"))

            // 提交 is refused while the red row has no reason, naming the row
            let refused = try await app.postForm(
                SitePath.monitoringEntryAction(.value(e.id!), .value(.submit)).path, ["version": "2"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("第1行") && refused.body.string.contains("培训人数"))
            // said on the form itself, which stays as it was
            #expect(refused.body.string.contains("id=\"monitoring-form\"") && refused.body.string.contains("id=\"refusal\""))
            #expect(try await Self.entry(app, table: a).version == 2)

            // 提交 from the form carries what is typed: saved first (nothing typed is lost), then refused the same way
            let typed = try await app.postForm(
                SitePath.monitoringEntryAction(.value(e.id!), .value(.submit)).path,
                [
                    "version": "2", MonitoringEntryForm.budgetField(.total, .spent): "5", field(0, "completed"): "21",
                    field(1, "completed"): "95",
                ])
            #expect(typed.status == .unprocessableEntity)
            #expect(typed.body.string.contains("value=\"21\"") && typed.body.string.contains("第1行"))
            #expect(try await Self.entry(app, table: a).version == 3)

            // with a category ticked and the reason written it goes, straight from the form
            let ok = try await app.postForm(
                SitePath.monitoringEntryAction(.value(e.id!), .value(.submit)).path,
                [
                    "version": "3", MonitoringEntryForm.budgetField(.total, .spent): "5", field(0, "completed"): "20",
                    field(1, "completed"): "95", MonitoringEntryForm.causeField(ids[0], .funding): "on",
                    field(0, "causeText"): "培训经费 8 月才到位", field(0, "likelihood"): Likelihood.possible.rawValue,
                ])
            #expect(ok.status == .seeOther, "\(ok.body.string)")
            // 甲's organisation does not ask for its head's confirmation: straight to the department
            #expect(
                MonitoringEntryForm.decode(
                    try await Self.entry(app, table: a).entered,
                    table: try #require(try await TableStore.find(a, on: app.db)).table,
                    period: 7
                ).indicators.first?.causeText == "培训经费 8 月才到位")
            #expect(MonitoringStatus(stored: try await Self.entry(app, table: a).status) == .confirmed)
            // handed in: no longer editable, the form says so by having no 保存
            #expect(!(try await app.send(.GET, path).body.string.contains(">保存</button>")))
            // a save without its version is refused (428), as every change
            #expect(try await app.postForm(path, [field(0, "completed"): "1"]).status == .preconditionRequired)
        }
    }

    @Test("流程：单位负责人确认 → 主管部门审核 → 财政退回（意见给单位）→ 再报 → 财政审核 → 整改要求、结果、确认；逾期标出")
    func workflowReturnsRectificationAndOverdue() async throws {
        try await Self.workflowReturnsRectificationAndOverdue(.sqliteMemory)
    }

    static func workflowReturnsRectificationAndOverdue(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let (a, _, round) = try await Self.world(app)
            let e = try await Self.entry(app, table: a)
            let id = e.id!
            func act(_ action: MonitoringAction, as p: Persona, comment: String? = nil) async throws -> TestingHTTPResponse {
                let v = try await Self.entry(app, table: a).version
                var f = ["version": String(v)]
                if let comment { f["comment"] = comment }
                return try await app.postForm(SitePath.monitoringEntryAction(.value(id), .value(action)).path, f, as: p)
            }
            // 甲's organisation asks its head to confirm (the same setting as for the goals)
            let ua = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "UA").first())
            ua.headConfirmation = true
            try await ua.save(on: app.db)
            #expect(try await app.send(.GET, SitePath.monitoringEntry(.value(id)).path).body.string.contains("提交单位负责人确认"))
            // overdue: the due day passed while still filling
            let r = try #require(try await MonitoringRoundRecord.find(round, on: app.db))
            r.dueAt = Date().addingTimeInterval(-3 * 86_400)
            try await r.save(on: app.db)
            #expect(
                try await app.send(.GET, SitePath.monitoringRound(.value(round)).path, as: .finance).body.string.contains("已逾期"))
            #expect(try await app.send(.GET, SitePath.monitoring.path, as: .fillerA).body.string.contains("已逾期"))

            // the blank form has no light that asks a reason (no values yet): it can be handed in
            #expect(try await act(.submit, as: .fillerA).status == .seeOther)
            // the department cannot review before the head confirms, and the page offers it no button
            #expect(try await act(.departmentReview, as: .businessD1).status == .conflict)
            #expect(
                !(try await app.send(.GET, SitePath.monitoringEntry(.value(id)).path, as: .businessD1).body.string
                    .contains("主管部门审核通过</button>")))
            #expect(try await act(.confirm, as: .headA).status == .seeOther)
            #expect(try await act(.departmentReview, as: .businessD1).status == .seeOther)
            // finance sends back: the comment is required, then reaches the unit on the page and in 待办
            #expect(try await act(.sendBack, as: .finance).status == .badRequest)
            #expect(try await act(.sendBack, as: .finance, comment: "执行数与国库数据不符").status == .seeOther)
            #expect(
                try await app.send(.GET, SitePath.monitoringEntry(.value(id)).path).body.string.contains("已被退回，意见：执行数与国库数据不符"))
            #expect(try await app.send(.GET, SitePath.monitoring.path).body.string.contains("退回意见：执行数与国库数据不符"))
            for (step, who) in [
                (MonitoringAction.submit, Persona.fillerA), (.confirm, .headA), (.departmentReview, .businessD1),
                (.accept, .finance),
            ] {
                #expect(try await act(step, as: who).status == .seeOther, "\(step)")
            }
            #expect(MonitoringStatus(stored: try await Self.entry(app, table: a).status) == .accepted)

            // 整改: finance asks, the unit answers, finance confirms
            #expect(try await act(.requestRectification, as: .finance, comment: "补充上半年培训签到表").status == .seeOther)
            #expect(try await app.send(.GET, SitePath.monitoring.path).body.string.contains("整改要求：补充上半年培训签到表"))
            #expect(try await act(.answerRectification, as: .fillerA, comment: "已上传签到表 12 份").status == .seeOther)
            #expect(try await act(.confirmRectification, as: .finance).status == .seeOther)
            let page = try await app.send(.GET, SitePath.monitoringEntry(.value(id)).path, as: .finance).body.string
            #expect(page.contains("整改已确认") && page.contains("整改结果：已上传签到表 12 份"))

            // every step is in the table's audit trail, in words
            let trail = try await AuditLog.events(forTable: a, on: app.db).map { AuditLog.label($0.action) }
            #expect(trail.contains("运行监控：单位负责人确认"))
            #expect(trail.contains("运行监控：退回"))
            #expect(trail.contains("运行监控：确认整改"))
        }
    }

    @Test("导出：执行监控表和监控汇总表是能读回的 Excel，数值相同")
    func exports() async throws {
        try await withJixiao { app in
            let (a, _, round) = try await Self.world(app)
            let e = try await Self.entry(app, table: a)
            let ids = try #require(try await TableStore.find(a, on: app.db)).table.indicators.compactMap(\.id)
            _ = try await app.postForm(
                SitePath.monitoringEntry(.value(e.id!)).path,
                [
                    "version": "1", MonitoringEntryForm.indicatorField(ids[0], "completed"): "70",
                    MonitoringEntryForm.indicatorField(ids[1], "completed"): "92",
                ])
            let form = try await app.send(.GET, SitePath.monitoringEntryForm(.value(e.id!)).path)
            #expect(form.status == .ok)
            #expect(form.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let back = try MonitoringReader.read(data: Data(buffer: form.body), name: "执行监控表.xlsx")
            #expect(back.tables.first?.entry.indicators.map(\.completed) == ["70", "92"])

            let summary = try await app.send(.GET, SitePath.monitoringRoundSummary(.value(round)).path, as: .finance)
            #expect(summary.status == .ok)
            #expect(summary.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            // the unit's summary has only its own table
            let unitSummary = try await app.send(.GET, SitePath.monitoringRoundSummary(.value(round)).path, as: .fillerC)
            #expect(unitSummary.status == .ok)
            #expect(try await app.send(.GET, SitePath.monitoringEntryPrint(.value(e.id!)).path).body.string.contains("70"))
        }
    }

    static func upload(_ app: Application, _ path: String, file: (name: String, data: Data), version: Int) async throws
        -> TestingHTTPResponse
    {
        let boundary = "jixiao-monitoring-test"
        var body = Data()
        func add(_ s: String) { body.append(contentsOf: Data(s.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n\(version)\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\n")
        add("Content-Type: application/octet-stream\r\n\r\n")
        body.append(file.data)
        add("\r\n--\(boundary)--\r\n")
        let signedIn = try await app.signedInHeaders()
        return try await app.testing().sendRequest(
            .POST, path,
            beforeRequest: { req in
                req.headers.add(contentsOf: signedIn)
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = ByteBuffer(data: body)
            })
    }

    @Test("导入已填写的监控表：本系统导出的 Excel 按指标读回（期间不同时说明）；真实 .xls 的问题单元格逐个列出")
    func importFilledForms() async throws {
        try await withJixiao { app in
            let (a, _, _) = try await Self.world(app)
            let first = try await Self.entry(app, table: a)
            let ids = try #require(try await TableStore.find(a, on: app.db)).table.indicators.compactMap(\.id)
            _ = try await app.postForm(
                SitePath.monitoringEntry(.value(first.id!)).path,
                [
                    "version": "1", MonitoringEntryForm.indicatorField(ids[0], "completed"): "70",
                    MonitoringEntryForm.indicatorField(ids[1], "completed"): "92",
                ])
            let xlsx = Data(buffer: try await app.send(.GET, SitePath.monitoringEntryForm(.value(first.id!)).path).body)
            // a 1-9月 round of the same table: the July form imports into it
            _ = try await app.postForm(
                SitePath.monitoringRounds.path,
                [
                    "year": "2026", "period": "9", "kind": "key", "due": Self.day(20), "scope": "tables",
                    "tables[]": a.uuidString,
                ], as: .finance)
            let keyRound = try #require(try await MonitoringRoundRecord.query(on: app.db).filter(\.$kind == "key").first())
            let second = try #require(
                try await MonitoringEntryRecord.query(on: app.db).filter(\.$roundID == keyRound.id!).first())
            let res = try await Self.upload(
                app, SitePath.monitoringEntryImport(.value(second.id!)).path,
                file: ("执行监控表.xlsx", xlsx), version: 1)
            #expect(res.status == .ok, "\(res.body.string.prefix(500))")
            #expect(res.body.string.contains("导入 2 项指标的完成值"))
            #expect(res.body.string.contains("文件的监控期间为1-7月，本轮为1-9月"))
            let stored = MonitoringEntryForm.decode(
                try #require(try await MonitoringEntryRecord.find(second.id!, on: app.db)).entered,
                table: try #require(try await TableStore.find(a, on: app.db)).table, period: 9)
            #expect(stored.indicators.map(\.completed) == ["70", "92"])
            #expect(stored.period == 9)

            // the real filled form of another project: its rows match none of these goals and its odd cells are named
            let real = try Data(
                contentsOf: SharedFiles.shared.appendingPathComponent("realfiles/doexecl-2019-pku-zuqiu-template.xls"))
            let odd = try await Self.upload(
                app, SitePath.monitoringEntryImport(.value(first.id!)).path,
                file: ("监控表.xls", real), version: 2)
            #expect(odd.status == .ok)
            #expect(odd.body.string.contains("在已批复的目标中找不到，没有导入"))
            #expect(odd.body.string.contains("F22"))
            // over an older version it is refused (409) like any save
            #expect(
                try await Self.upload(
                    app, SitePath.monitoringEntryImport(.value(first.id!)).path,
                    file: ("x.xlsx", xlsx), version: 1
                ).status == .conflict)
        }
    }

    @Test("自评：上一轮监控的全年预计完成值作为灰色提示（不填入）；监控称“完全不可能”却得满分的指标给出警告")
    func intoTheYearEnd() async throws {
        try await withJixiao { app in
            let (a, _, _) = try await Self.world(app)
            let e = try await Self.entry(app, table: a)
            let ids = try #require(try await TableStore.find(a, on: app.db)).table.indicators.compactMap(\.id)
            _ = try await app.postForm(
                SitePath.monitoringEntry(.value(e.id!)).path,
                [
                    "version": "1", MonitoringEntryForm.indicatorField(ids[0], "completed"): "60",
                    MonitoringEntryForm.indicatorField(ids[0], "expected"): "110",
                    MonitoringEntryForm.indicatorField(ids[1], "completed"): "50",
                    MonitoringEntryForm.indicatorField(ids[1], "likelihood"): Likelihood.impossible.rawValue,
                ])
            // 自评 opens: the guess is offered, marked, and not written into the table
            let selfeval = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(a)).path).body.string
            #expect(selfeval.contains("2026年1-7月部门自行监控填报的全年预计完成值，仅供参考，没有填入"))
            #expect(selfeval.contains("&quot;\(ids[0])&quot;:&quot;110&quot;") || selfeval.contains("\"\(ids[0])\":\"110\""))
            // each target as the server writes it (`Indicator.targetText`): the page shows it, never composes one
            let first = try #require(try await TableStore.find(a, on: app.db)).table.indicators[0]
            #expect(selfeval.contains("data-targets=\"{&quot;"))
            #expect(selfeval.contains("&quot;\(ids[0])&quot;:&quot;\(first.targetText)&quot;"), "\(first.targetText)")
            #expect(try #require(try await TableStore.find(a, on: app.db)).table.actual(at: 0) == nil)

            // the unit reports 满意度 met in full: monitoring called it 完全不可能 — a warning on the table and 自评 pages
            let stored = try #require(try await TableStore.find(a, on: app.db))
            var t = stored.table
            t.setActual("100", at: 0)
            t.setActual("95", at: 1)
            _ = try await TableStore.update(
                a, table: t, expectedVersion: stored.summary.version, by: try await app.user(.fillerA), on: app.db)
            let page = try await app.send(.GET, SitePath.table(.value(a)).path).body.string
            #expect(page.contains("id=\"monitoring-warnings\""))
            #expect(page.contains("完全不可能"))
            #expect(try await app.send(.GET, SitePath.tableSelfEvaluation(.value(a)).path).body.string.contains("完全不可能"))
        }
    }
}
