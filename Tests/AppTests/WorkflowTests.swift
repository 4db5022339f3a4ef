import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import SQLKit
import TestSupport
import Testing
import VaporTesting
@testable import App

@Suite("审核流程：提交、审核、退回、批复、调整、自评")
struct WorkflowTests {
    static func status(_ app: Application, _ id: UUID, as p: Persona = .fillerA) async throws -> TableSummaryDTO {
        try await app.send(.GET, SitePath.api(.table(.value(id))).path, as: p).content.decode(TableDetailDTO.self).summary
    }

    static func detail(_ app: Application, _ id: UUID) async throws -> TableDetailDTO {
        try await app.send(.GET, SitePath.api(.table(.value(id))).path).content.decode(TableDetailDTO.self)
    }

    @Test("草稿 → 已提交 → 业务股室已审 → 绩效股已审 → 已批复，签署栏由操作的账号和日期填写")
    func fullPath() async throws { try await Self.fullPath(.sqliteMemory) }

    static func fullPath(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let t = try await app.create(sampleTable())
            let id = t.summary.id
            #expect(try await app.act(.submit, id, as: .fillerA).summary.status == "submitted")
            #expect(try await app.act(.businessReview, id, as: .businessD1).summary.status == "businessReviewed")
            #expect(try await app.act(.performanceReview, id, as: .performance).summary.status == "performanceReviewed")
            let approved = try await app.act(.approve, id, as: .finance)
            #expect(approved.summary.status == "approved")
            #expect(approved.summary.statusLabel == "已批复")
            let s = try #require(approved.table.signoff)
            #expect(s.filledBy == Persona.fillerA.name)
            #expect(s.filledOn?.count == 10)
            #expect(s.businessReviewer?.hasPrefix(Persona.businessD1.name + " 20") == true)
            #expect(s.performanceReviewer?.hasPrefix(Persona.performance.name + " 20") == true)
            // the page shows who did what
            let html = try await app.send(.GET, SitePath.table(.value(id)).path, as: .finance).body.string
            #expect(html.contains("审计记录"))
            #expect(html.contains("批复"))
            #expect(html.contains("状态：绩效股已审 → 已批复"))
        }
    }

    @Test("退回必须写意见，退回的表回到草稿，不能直接批复")
    func returnedCannotBeApproved() async throws { try await Self.returnedCannotBeApproved(.sqliteMemory) }

    static func returnedCannotBeApproved(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let id = try await app.create(sampleTable()).summary.id
            try await app.act(.submit, id, as: .fillerA)
            let noComment = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.sendBack))).path, id),
                json: WorkflowController.ActionRequest(comment: "  "), as: .businessD1)
            #expect(noComment.status == .badRequest)
            #expect(noComment.reason.contains("必须填写意见"))
            let back = try await app.act(.sendBack, id, as: .businessD1, comment: "满意度指标值偏低，请按上年完成值调整")
            #expect(back.summary.status == "draft")
            #expect(back.summary.returnComment == "满意度指标值偏低，请按上年完成值调整")
            for (action, persona) in [
                (WorkflowAction.approve, Persona.finance), (.performanceReview, .performance),
                (.businessReview, .businessD1),
            ] {
                let res = try await app.send(
                    .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(action))).path, id),
                    as: persona)
                #expect(res.status == .conflict, "\(action.label)")
                #expect(res.reason.contains("草稿"))
            }
            #expect(try await Self.status(app, id).status == "draft")
            // the filler sees the comment on the table page
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(html.contains("满意度指标值偏低"))
            // a reviewer cannot return a table that is not at its step
            try await app.act(.submit, id, as: .fillerA)
            let early = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.sendBack))).path, id),
                json: WorkflowController.ActionRequest(comment: "不同意"), as: .finance)
            #expect(early.status == .conflict)
        }
    }

    @Test("检查有错误时不能提交；有警告时须确认")
    func submissionNeedsACleanCheck() async throws {
        try await withJixiao { app in
            var bad = sampleTable(name: "满意度")
            bad.indicators[0].value = "约一百" // a quantitative target must be a number
            let errors = Analysis.findings([bad]).filter { $0.severity == .error }
            try #require(!errors.isEmpty)
            let id = try await app.create(bad).summary.id
            let refused = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submit))).path, id),
                json: WorkflowController.ActionRequest(acknowledgeWarnings: true))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.reason.contains("\(errors.count) 个错误"))
            #expect(refused.reason.contains(Analysis.oneTable(errors[0].message)))
            #expect(!refused.reason.contains("第1张表")) // one table: its messages start at the row

            let warned = try await app.create(sampleTable())
            try #require(warned.summary.warnings > 0 && warned.summary.errors == 0)
            let unacknowledged = try await app.send(
                .POST,
                try await app.versioned(
                    SitePath.api(.tableAction(.value(warned.summary.id), .value(.submit))).path, warned.summary.id))
            #expect(unacknowledged.status == .unprocessableEntity)
            #expect(unacknowledged.reason.contains("警告"))
            #expect(
                try await app.act(.submit, warned.summary.id, as: .fillerA, acknowledgeWarnings: true).summary.status
                    == "submitted")
        }
    }

    @Test("已批复的表不能直接修改目标，只能填写自评；调整生成新版本，批复后取代旧表")
    func approvedIsFrozen() async throws { try await Self.approvedIsFrozen(.sqliteMemory) }

    static func approvedIsFrozen(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let t = try await app.create(sampleTable())
            let id = t.summary.id
            try await app.approve(id)
            let approved = try await app.send(.GET, SitePath.api(.table(.value(id))).path).content.decode(TableDetailDTO.self)

            var changed = approved.table
            changed.indicators[0].value = "120"
            let put = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: changed, version: approved.summary.version))
            #expect(put.status == .conflict)
            #expect(put.reason.contains("调整"))
            let del = try await app.send(.DELETE, try await app.versioned(SitePath.api(.table(.value(id))).path, id))
            #expect(del.status == .conflict)

            // the self-evaluation may be entered
            var actuals = approved.table
            actuals.setActual("110", at: 0)
            actuals.setActual("95", at: 1)
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: actuals, version: approved.summary.version))
            #expect(saved.status == .ok, "\(saved.reason)")
            #expect(try saved.content.decode(TableDetailDTO.self).summary.score == 100)

            // 调整: a new draft, linked, comparable
            let adj = try await app.act(.adjust, id, as: .fillerA)
            #expect(adj.summary.id != id)
            #expect(adj.summary.adjusts == id)
            #expect(adj.summary.status == "draft")
            #expect(adj.table.actual(at: 0) == nil)
            var newGoals = adj.table
            newGoals.indicators[0].value = "120"
            let putAdj = try await app.send(
                .PUT, SitePath.api(.table(.value(adj.summary.id))).path,
                json: TableInputDTO(table: newGoals, version: adj.summary.version))
            #expect(putAdj.status == .ok)
            let compare = try await app.send(.GET, SitePath.tableCompare(.value(adj.summary.id)).path, as: .finance)
            #expect(compare.status == .ok)
            #expect(compare.body.string.contains("≥100人"))
            #expect(compare.body.string.contains("≥120人"))
            // only one open adjustment at a time
            let second = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.adjust))).path, id))
            #expect(second.status == .conflict)

            try await app.approve(adj.summary.id)
            #expect(try await Self.status(app, id).status == "superseded")
            #expect(try await Self.status(app, adj.summary.id).status == "approved")
        }
    }

    @Test("自评：草稿 → 已提交 → 已复核；退回自评须写意见；复核后不能再改")
    func selfEvaluation() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            // not before approval
            let early = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submitEvaluation))).path, id))
            #expect(early.status == .conflict)
            try await app.approve(id)
            // not without actuals, nor with points lost and no 偏差原因
            let empty = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submitEvaluation))).path, id))
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.reason.contains("自评还有 2 处未填写"))
            #expect(empty.reason.contains("培训人数") && empty.reason.contains("未填写实际完成值"))
            var filled = try await Self.detail(app, id).table
            filled.setActual("80", at: 0)
            filled.setActual("95", at: 1)
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: filled, version: try await Self.status(app, id).version))
            #expect(saved.status == .ok)
            let noReason = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submitEvaluation))).path, id))
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.reason.contains("自评还有 1 处未填写"))
            #expect(noReason.reason.contains("培训人数") && noReason.reason.contains("未填写偏差原因分析及改进措施"))
            filled.setDeviation("下半年报名人数少于计划，明年提前宣传", at: 0)
            let explained = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: filled, version: try await Self.status(app, id).version))
            #expect(explained.status == .ok)
            #expect(try await app.act(.submitEvaluation, id, as: .fillerA).summary.evaluationStatus == "submitted")
            let bare = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.returnEvaluation))).path, id),
                as: .finance)
            #expect(bare.status == .badRequest)
            #expect(
                try await app.act(.returnEvaluation, id, as: .finance, comment: "请补充偏差原因").summary.evaluationStatus == "draft")
            try await app.act(.submitEvaluation, id, as: .headA)
            // a business reviewer does not review self-evaluations
            let wrongRole = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.reviewEvaluation))).path, id),
                as: .businessD1)
            #expect(wrongRole.status == .forbidden)
            let reviewed = try await app.act(.reviewEvaluation, id, as: .performance)
            #expect(reviewed.summary.evaluationStatus == "reviewed")
            var t = reviewed.table
            t.setActual("1", at: 0)
            let put = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: t, version: reviewed.summary.version))
            #expect(put.status == .conflict)
        }
    }

    @Test("流程按钮只显示当前账号现在能做的操作")
    func pageShowsOnlyPossibleActions() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            let filler = try await app.send(.GET, SitePath.table(.value(id)).path, as: .fillerA).body.string
            #expect(filler.contains(SitePath.tableAction(.value(id), .value(.submit)).path))
            #expect(filler.contains("已阅读 2 条警告，确认提交"))
            let reviewer = try await app.send(.GET, SitePath.table(.value(id)).path, as: .businessD1).body.string
            #expect(!reviewer.contains(SitePath.tableAction(.value(id), .value(.submit)).path))
            #expect(!reviewer.contains(SitePath.tableAction(.value(id), .value(.businessReview)).path))
            try await app.act(.submit, id, as: .fillerA)
            let after = try await app.send(.GET, SitePath.table(.value(id)).path, as: .businessD1).body.string
            #expect(after.contains(SitePath.tableAction(.value(id), .value(.businessReview)).path))
            #expect(after.contains(SitePath.tableAction(.value(id), .value(.sendBack)).path))
        }
    }

    @Test("首页待办：审核人看到轮到自己的表，填报人看到被退回的表")
    func todo() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable(name: "满意度")).summary.id
            func todoLinks(_ p: Persona) async throws -> Bool {
                let html = try await app.send(.GET, SitePath.home.path, as: p).body.string
                return html.contains("待办（") && html.contains("href=\"\(SitePath.table(.value(id)).path)\"")
            }
            #expect(try await todoLinks(.businessD1) == false)
            try await app.act(.submit, id, as: .fillerA)
            #expect(try await todoLinks(.businessD1))
            #expect(try await todoLinks(.businessD2) == false) // not its subtree
            #expect(try await todoLinks(.performance) == false) // not its step yet
            try await app.act(.sendBack, id, as: .businessD1, comment: "请补充")
            #expect(try await todoLinks(.businessD1) == false)
            #expect(try await todoLinks(.fillerA))
            let html = try await app.send(.GET, SitePath.home.path, as: .fillerA).body.string
            #expect(html.contains("已退回，请按意见修改后重新提交"))
        }
    }

    @Test("编辑页和自评页事先说明为什么不能保存，保存按钮不可用")
    func editPagesSayWhyTheyAreLocked() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            let draft = try await app.send(.GET, SitePath.tableEdit(.value(id)).path).body.string
            #expect(!draft.contains("id=\"save\" disabled"))
            let reviewer = try await app.send(.GET, SitePath.tableEdit(.value(id)).path, as: .businessD1).body.string
            #expect(reviewer.contains("只能查看这张表"))
            #expect(reviewer.contains("id=\"save\" disabled"))
            try await app.approve(id)
            let edit = try await app.send(.GET, SitePath.tableEdit(.value(id)).path).body.string
            #expect(edit.contains("绩效目标不能直接修改"))
            #expect(edit.contains("id=\"save\" disabled"))
            let selfEval = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path).body.string
            #expect(!selfEval.contains("id=\"save\" disabled"))
            // the editor no longer offers the status: only the workflow changes it
            #expect(!edit.contains("name=\"status\""))
        }
    }

    @Test("页面表单：带安全令牌的提交成功并回到表格页，缺令牌的被拒绝")
    func formActionsNeedCSRF() async throws {
        try await withJixiao { app in
            let t = try await app.create(sampleTable())
            let path = SitePath.tableAction(.value(t.summary.id), .value(.submit)).path
            let session = try await app.signIn(.fillerA)
            let without = try await app.testing().sendRequest(
                .POST, path,
                headers: [
                    "Cookie": "\(SessionStore.cookieName)=\(session.token)", "Content-Type": "application/x-www-form-urlencoded",
                ], body: ByteBuffer(string: "acknowledgeWarnings=on&version=1"))
            #expect(without.status == .forbidden)
            #expect(without.body.string.contains("安全校验失败"))
            #expect(try await Self.status(app, t.summary.id).status == "draft")

            let with = try await app.testing().sendRequest(
                .POST, path,
                headers: [
                    "Cookie": "\(SessionStore.cookieName)=\(session.token)", "Content-Type": "application/x-www-form-urlencoded",
                ], body: ByteBuffer(string: "acknowledgeWarnings=on&version=1&_csrf=\(session.csrf)"))
            #expect(with.status == .seeOther)
            #expect(with.headers.first(name: .location) == SitePath.table(.value(t.summary.id)).path)
            #expect(try await Self.status(app, t.summary.id).status == "submitted")

            // the API needs the header just the same
            let put = try await app.send(
                .PUT, SitePath.api(.table(.value(t.summary.id))).path,
                json: TableInputDTO(table: t.table, version: 2), csrf: false)
            #expect(put.status == .forbidden)
        }
    }

    @Test("审计记录：每次修改都有修改前后，可导出 CSV，数据库拒绝改写")
    func auditTrail() async throws { try await Self.auditTrail(.sqliteMemory) }

    static func auditTrail(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let t = try await app.create(sampleTable())
            let id = t.summary.id
            // the table page keeps its trail per state of the trail, read with the table: a new event shows
            let page = { try await app.send(.GET, SitePath.table(.value(id)).path, as: .performance).body.string }
            #expect(try await page().contains("审计记录（1 条）"))
            var changed = t.table
            changed.indicators[0].value = "120"
            _ = try await app.send(.PUT, SitePath.api(.table(.value(id))).path, json: TableInputDTO(table: changed, version: 1))
            try await app.act(.submit, id, as: .fillerA)
            try await app.act(.sendBack, id, as: .businessD1, comment: "=HYPERLINK(\"http://x\") 请补充成本指标")

            let events = try await app.send(.GET, SitePath.api(.tableAudit(.value(id))).path, as: .performance)
                .content.decode([AuditEventDTO].self)
            #expect(events.map(\.action) == ["create", "update", "submit", "return"])
            #expect(events[0].changes == ["（新建为第 1 版，共 \(t.table.indicators.count) 项指标）"])
            #expect(events[1].changes.contains { $0.contains("指标值") && $0.contains("≥100人") })
            #expect(events[1].before != nil && events[1].after != nil)
            #expect(events[3].account.contains(Persona.businessD1.username))
            #expect(events[3].comment?.hasSuffix("请补充成本指标") == true)
            #expect(events[3].changes.contains("状态：已提交 → 草稿"))
            let after = try await page()
            #expect(after.contains("审计记录（4 条）") && after.contains("请补充成本指标"))

            let csv = try await app.send(.GET, SitePath.tableAuditCSV(.value(id)).path)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let text = csv.body.string
            #expect(text.hasPrefix("\u{FEFF}时间,账号,角色,操作,意见,变更"))
            #expect(text.contains("请补充成本指标"))
            #expect(!text.contains(",=HYPERLINK")) // no formula reaches a spreadsheet

            // append-only, whatever the app does
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET comment = 'x'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$tableID == id).count() == 4)
        }
    }
}
