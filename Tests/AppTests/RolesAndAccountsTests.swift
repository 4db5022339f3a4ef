import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import Testing
import VaporTesting
@testable import App

/// Issue #15 item 5: the roles the forms name (单位负责人确认, 调整理由, 批复文号) and the administrator's accounts.
@Suite("角色与账号：单位负责人确认、调整理由、批复文号，账号的修改、停用、重置密码")
struct RolesAndAccountsTests {
    static func organisation(_ app: Application, _ code: String) async throws -> OrganisationRecord {
        try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == code).first())
    }

    static func account(_ app: Application, _ p: Persona) async throws -> AccountRecord {
        try #require(try await AccountRecord.query(on: app.db).filter(\.$username == p.username).first())
    }

    static func printed(_ app: Application, _ id: UUID, as p: Persona = .fillerA) async throws -> String {
        try await app.send(.GET, SitePath.tableExportFile(.value(id), .html).path, as: p).body.string
    }

    @Test("机构要求单位负责人确认时：填报人提交后先到负责人（待办、按钮），确认后进入审核并在表上签署；负责人可退回")
    func headConfirmation() async throws {
        try await withJixiao { app in
            let unit = try await Self.organisation(app, "UA")
            let set = try await app.postForm(
                SitePath.adminOrganisationSettings(.value(try unit.requireID())).path,
                ["headConfirmation": "on"], as: .admin)
            #expect(set.status == .ok)
            #expect(set.body.string.contains("需要单位负责人确认后再提交审核"))
            let id = try await app.create(sampleTable(name: "满意度")).summary.id

            let before = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(before.contains(">提交单位负责人确认</button>"))
            #expect(before.contains("提交后先由单位负责人确认"))

            let waiting = try await app.act(.submit, id, as: .fillerA)
            #expect(waiting.summary.status == "awaitingConfirmation")
            #expect(waiting.summary.statusLabel == "待单位负责人确认")
            // not yet the reviewer's: no 待办, no button, and the API refuses
            let reviewerHome = try await app.send(.GET, SitePath.home.path, as: .businessD1).body.string
            #expect(!reviewerHome.contains("待办（"))
            let early = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.businessReview))).path, id),
                as: .businessD1)
            #expect(early.status == .conflict)
            // the filler can no longer change it; the head sees it waiting, with 确认 and 退回
            let edit = try await app.send(.GET, SitePath.tableEdit(.value(id)).path).body.string
            #expect(edit.contains("正在等待单位负责人确认"))
            let headHome = try await app.send(.GET, SitePath.home.path, as: .headA).body.string
            #expect(headHome.contains("待单位负责人确认：请核对后确认"))
            let headPage = try await app.send(.GET, SitePath.table(.value(id)).path, as: .headA).body.string
            #expect(headPage.contains(SitePath.tableAction(.value(id), .value(.confirm)).path))
            #expect(headPage.contains(SitePath.tableAction(.value(id), .value(.sendBack)).path))

            // 退回 by the head reaches the filler with its comment
            try await app.act(.sendBack, id, as: .headA, comment: "请补充培训人数的测算依据")
            let fillerHome = try await app.send(.GET, SitePath.home.path).body.string
            #expect(fillerHome.contains("请补充培训人数的测算依据"))

            try await app.act(.submit, id, as: .fillerA)
            let confirmed = try await app.act(.confirm, id, as: .headA)
            #expect(confirmed.summary.status == "submitted")
            #expect(confirmed.table.signoff?.head == Persona.headA.name)
            #expect(try await Self.printed(app, id).contains("单位负责人：\(Persona.headA.name)"))
            #expect(try await app.send(.GET, SitePath.home.path, as: .businessD1).body.string.contains("待办（"))

            // another unit, without the setting, submits straight to review
            let other = try await app.create(sampleTable(name: "满意度", unit: "测试单位乙"), as: .fillerB).summary.id
            #expect(try await app.act(.submit, other, as: .fillerB).summary.status == "submitted")
        }
    }

    @Test("设在上级机构上，对下级单位都有效；管理员页面说明“上级机构已设置”")
    func inheritedSetting() async throws { try await Self.inheritedSetting(.sqliteMemory) }

    static func inheritedSetting(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let department = try await Self.organisation(app, "D1")
            _ = try await app.postForm(
                SitePath.adminOrganisationSettings(.value(try department.requireID())).path,
                ["headConfirmation": "on"], as: .admin)
            let id = try await app.create(sampleTable(name: "满意度", unit: "测试单位乙"), as: .fillerB).summary.id
            // the table page asks the setting in the query that reads the table: set above the unit, not beside it (UC is under D2)
            let page = try await app.send(.GET, SitePath.table(.value(id)).path, as: .fillerB).body.string
            #expect(page.contains(">提交单位负责人确认</button>"))
            let elsewhere = try await app.create(sampleTable(name: "满意度", unit: "测试单位丙"), as: .fillerC).summary.id
            let plain = try await app.send(.GET, SitePath.table(.value(elsewhere)).path, as: .fillerC).body.string
            #expect(!plain.contains("提交单位负责人确认") && plain.contains(">提交审核</button>"))
            #expect(try await app.act(.submit, id, as: .fillerB).summary.status == "awaitingConfirmation")
            let admin = try await app.send(.GET, SitePath.admin.path, as: .admin).body.string
            #expect(admin.contains("需要单位负责人确认（上级机构已设置）"))
            let trail = try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string
            #expect(trail.contains("修改机构设置"))
        }
    }

    @Test("提交调整稿必须写调整理由，审核人在表格页看到；批复必须填批复文号，文号和日期打印在表上")
    func adjustmentReasonAndApprovalNumber() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable(name: "满意度")).summary.id
            try await app.act(.submit, id, as: .fillerA)
            try await app.act(.businessReview, id, as: .businessD1)
            try await app.act(.performanceReview, id, as: .performance)
            let page = try await app.send(.GET, SitePath.table(.value(id)).path, as: .finance).body.string
            #expect(page.contains("批复文号（必填）<input name=\"approvalNumber\" required"))
            let bare = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.approve))).path, id),
                as: .finance)
            #expect(bare.status == .badRequest)
            #expect(bare.reason.contains("批复文号"))
            // the page's form, as the finance reviewer sends it
            let version = try #require(try await TableStore.find(id, on: app.db)).summary.version
            let approved = try await app.postForm(
                SitePath.tableAction(.value(id), .value(.approve)).path,
                ["version": "\(version)", "approvalNumber": "测财预〔2026〕7号", "approvalDate": "2026-03-15"],
                as: .finance)
            #expect(approved.status == .seeOther)
            let printed = try await Self.printed(app, id)
            #expect(printed.contains("批复文号：测财预〔2026〕7号"))
            #expect(printed.contains("批复日期：2026-03-15"))

            let adjustment = try await app.act(.adjust, id, as: .fillerA).summary.id
            // the adjustment starts without the old approval
            #expect(!(try await Self.printed(app, adjustment)).contains("测财预〔2026〕7号"))
            let adjPage = try await app.send(.GET, SitePath.table(.value(adjustment)).path).body.string
            #expect(adjPage.contains("调整理由（必填）"))
            let noReason = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(adjustment), .value(.submit))).path, adjustment),
                json: WorkflowController.ActionRequest(comment: " ", acknowledgeWarnings: true))
            #expect(noReason.status == .badRequest)
            #expect(noReason.reason.contains("调整理由"))
            try await app.act(.submit, adjustment, as: .fillerA, comment: "年中追加培训任务")
            let reviewer = try await app.send(.GET, SitePath.table(.value(adjustment)).path, as: .businessD1).body.string
            #expect(reviewer.contains("<b>调整理由</b>：年中追加培训任务"))
        }
    }

    // MARK: accounts

    @Test("管理员修改账号的姓名、角色和所属机构，每次修改记入审计记录")
    func editAccount() async throws {
        try await withJixiao { app in
            let b = try await Self.account(app, .fillerB)
            let unitA = try await Self.organisation(app, "UA")
            let res = try await app.postForm(
                SitePath.adminAccount(.value(try b.requireID())).path,
                ["name": "赵改名", "role": "unitHead", "organisation": try unitA.requireID().uuidString], as: .admin)
            #expect(res.status == .ok)
            #expect(
                res.body.string.contains(
                    "已修改账号“\(Persona.fillerB.username)”：姓名：\(Persona.fillerB.name) → 赵改名；角色：填报人 → 单位负责人；所属机构：测试单位乙 → 测试单位甲"))
            let after = try await Self.account(app, .fillerB)
            #expect(after.displayName == "赵改名" && after.role == "unitHead" && after.organisationID == unitA.id)
            #expect(try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string.contains("修改账号"))
            // an administrator cannot take away its own role
            let me = try await Self.account(app, .admin)
            let own = try await app.postForm(
                SitePath.adminAccount(.value(try me.requireID())).path,
                ["name": "管理员", "role": "filler", "organisation": me.organisationID.uuidString], as: .admin)
            #expect(own.status == .unprocessableEntity)
            #expect(own.body.string.contains("不能取消自己的系统管理员角色"))
            // and nobody else can change accounts
            let filler = try await app.postForm(
                SitePath.adminAccount(.value(try b.requireID())).path, ["name": "x", "role": "admin"], as: .fillerA)
            #expect(filler.status == .forbidden)
        }
    }

    @Test("停用的账号立即退出登录、不能再登录；重新启用后可以登录")
    func disableAndEnable() async throws {
        try await withJixiao { app in
            #expect(try await app.send(.GET, SitePath.home.path, as: .fillerA).status == .ok)
            let a = try await Self.account(app, .fillerA)
            let off = try await app.postForm(
                SitePath.adminAccountActive(.value(try a.requireID())).path, ["active": "off"], as: .admin)
            #expect(off.body.string.contains("已停用账号"))
            #expect(off.body.string.contains("<b>已停用</b>"))
            // the session it had is gone: the page asks to sign in
            let home = try await app.send(.GET, SitePath.home.path, as: .fillerA)
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location)?.hasPrefix(SitePath.login.path) == true)
            let signIn = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerA.username, "password": Persona.password], as: nil)
            #expect(signIn.status == .unauthorized)
            _ = try await app.postForm(SitePath.adminAccountActive(.value(try a.requireID())).path, ["active": "on"], as: .admin)
            let again = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerA.username, "password": Persona.password], as: nil)
            #expect(again.status == .ok)
            let trail = try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string
            #expect(trail.contains("停用账号") && trail.contains("启用账号"))
            // the administrator cannot lock itself out, and is not offered to
            #expect(off.body.string.contains("这是您自己的账号：不能停用自己"))
            let me = try await Self.account(app, .admin)
            let own = try await app.postForm(
                SitePath.adminAccountActive(.value(try me.requireID())).path, ["active": "off"], as: .admin)
            #expect(own.body.string.contains("不能停用自己的账号"))
        }
    }

    @Test("重置密码：临时密码可以登录，但先要修改密码才能做别的事")
    func resetPassword() async throws {
        try await withJixiao { app in
            let b = try await Self.account(app, .fillerB)
            let weak = try await app.postForm(
                SitePath.adminAccountPassword(.value(try b.requireID())).path, ["password": "12345678"], as: .admin)
            #expect(weak.status == .unprocessableEntity)
            let reset = try await app.postForm(
                SitePath.adminAccountPassword(.value(try b.requireID())).path, ["password": "Linshi-2026"], as: .admin)
            #expect(reset.body.string.contains("已重置“\(Persona.fillerB.username)”的密码"))
            #expect(reset.body.string.contains("待本人修改密码"))
            // the old password no longer works; the temporary one does, but only to change it
            let old = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerB.username, "password": Persona.password], as: nil)
            #expect(old.status == .unauthorized)
            let temp = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerB.username, "password": "Linshi-2026"], as: nil)
            #expect(temp.status == .ok)
            let token = try #require(temp.headers.setCookie?[SessionStore.cookieName]?.string)
            let csrf = try temp.content.decode(AuthController.SessionDTO.self).csrfToken
            let cookie: HTTPHeaders = ["Cookie": "\(SessionStore.cookieName)=\(token)"]
            let home = try await app.send(.GET, SitePath.home.path, as: nil, headers: cookie)
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == SitePath.password.path)
            let page = try await app.send(.GET, SitePath.password.path, as: nil, headers: cookie).body.string
            #expect(page.contains("管理员已重置您的密码"))
            let api = try await app.send(.GET, SitePath.api(.tables).path, as: nil, headers: cookie)
            #expect(api.status == .forbidden)
            var headers = cookie
            headers.add(name: CSRFMiddleware.header, value: csrf)
            let changed = try await app.send(
                .PUT, SitePath.api(.sessionPassword).path,
                json: ["current": "Linshi-2026", "new": "Ziji-de-mima-9"], as: nil, headers: headers)
            #expect(changed.status == .noContent)
            #expect(try await app.send(.GET, SitePath.home.path, as: nil, headers: cookie).status == .ok)
            #expect(try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string.contains("重置密码"))
        }
    }
}
