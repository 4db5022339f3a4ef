import Foundation
import GoalWorkflow
import GoalCore
import TestSupport
import Testing
import VaporTesting
@testable import App

/// Role × route × own/other unit. The table belongs to 测试单位甲 (UA, under D1); each persona asks for it.
/// 404 where the persona may not see it (as for no table at all), 403 where it sees it but may not act.
@Suite("权限矩阵：角色 × 路由 × 本单位/外单位")
struct AccessMatrixTests {
    /// Who sees unit A's tables: its own accounts, D1's reviewer, finance and the administrator.
    static let seesA: Set<Persona> = [.fillerA, .headA, .businessD1, .performance, .finance, .admin]
    /// Who may change them: unit A's own accounts.
    static let editsA: Set<Persona> = [.fillerA, .headA]

    static func expected(_ p: Persona, success: HTTPStatus, forEditors: Bool) -> HTTPStatus {
        guard seesA.contains(p) else { return .notFound }
        if forEditors, !editsA.contains(p) { return .forbidden }
        return success
    }

    struct Route: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPMethod
        var path: @Sendable (UUID) -> String
        var body: (@Sendable (TableDetailDTO) -> any Encodable & Sendable)?
        var success: HTTPStatus
        var editorsOnly: Bool
        var testDescription: String { name }
    }

    static let routes: [Route] = [
        Route(name: "API 读取", method: .GET, path: { SitePath.api(.table(.value($0))).path }, success: .ok, editorsOnly: false),
        Route(name: "表格页", method: .GET, path: { SitePath.table(.value($0)).path }, success: .ok, editorsOnly: false),
        Route(name: "编辑页", method: .GET, path: { SitePath.tableEdit(.value($0)).path }, success: .ok, editorsOnly: false),
        Route(
            name: "自评页", method: .GET, path: { SitePath.tableSelfEvaluation(.value($0)).path }, success: .ok, editorsOnly: false),
        Route(name: "导出页", method: .GET, path: { SitePath.tableExport(.value($0)).path }, success: .ok, editorsOnly: false),
        Route(
            name: "导出 Excel", method: .GET, path: { SitePath.tableExportFile(.value($0), .xlsx).path }, success: .ok,
            editorsOnly: false),
        Route(
            name: "审计记录 API", method: .GET, path: { SitePath.api(.tableAudit(.value($0))).path }, success: .ok, editorsOnly: false
        ),
        Route(
            name: "审计记录 CSV", method: .GET, path: { SitePath.tableAuditCSV(.value($0)).path }, success: .ok, editorsOnly: false),
        Route(
            name: "API 保存", method: .PUT, path: { SitePath.api(.table(.value($0))).path },
            body: { TableInputDTO(table: $0.table, version: $0.summary.version) }, success: .ok, editorsOnly: true),
        Route(
            name: "API 删除", method: .DELETE, path: { SitePath.api(.table(.value($0))).path + "?version=1" }, success: .ok,
            editorsOnly: true),
        Route(
            name: "页面提交（表单）", method: .POST, path: { SitePath.tableAction(.value($0), .value(.submit)).path },
            body: { _ in WorkflowController.ActionForm(acknowledgeWarnings: "on", version: 1) }, success: .seeOther,
            editorsOnly: true),
        Route(
            name: "API 提交", method: .POST, path: { SitePath.api(.tableAction(.value($0), .value(.submit))).path },
            body: { _ in WorkflowController.ActionRequest(acknowledgeWarnings: true, version: 1) }, success: .ok,
            editorsOnly: true),
    ]

    @Test("每个角色对甲单位的表：能看的看得到，不能看的 404，能看不能改的 403", arguments: routes)
    func matrix(route: Route) async throws {
        try await withJixiao { app in
            for persona in Persona.allCases {
                // a fresh table for each persona, so that a delete or a submission does not change the next case
                let t = try await app.create(sampleTable(), as: .fillerA)
                let res = try await app.send(route.method, route.path(t.summary.id), json: route.body?(t), as: persona)
                let want = Self.expected(persona, success: route.success, forEditors: route.editorsOnly)
                #expect(
                    res.status == want, "\(route.name) as \(persona.testDescription): \(res.status) \(res.reason.prefix(120))")
                if want == .notFound { #expect(res.reason.contains("找不到") || res.body.string.contains("找不到")) }
                if want == .forbidden { #expect(res.reason.contains("角色") || res.body.string.contains("角色")) }
            }
        }
    }

    @Test("没有登录：页面转到登录页，接口返回 401，不泄露内容")
    func anonymous() async throws {
        try await withJixiao { app in
            let t = try await app.create(sampleTable())
            let id = t.summary.id
            for path in [
                SitePath.home.path, SitePath.table(.value(id)).path, SitePath.tableEdit(.value(id)).path,
                SitePath.importPage.path, SitePath.admin.path, SitePath.tableExportFile(.value(id), .json).path,
            ] {
                let res = try await app.send(.GET, path, as: nil)
                #expect(res.status == .seeOther, "\(path)")
                #expect(res.headers.first(name: .location)?.hasPrefix(SitePath.login.path + "?next=") == true, "\(path)")
                #expect(!res.body.string.contains("示例培训项目"))
            }
            for (method, path) in [
                (HTTPMethod.GET, SitePath.api(.tables).path), (.GET, SitePath.api(.table(.value(id))).path),
                (.PUT, SitePath.api(.table(.value(id))).path), (.DELETE, SitePath.api(.table(.value(id))).path),
                (.POST, SitePath.api(.tableAction(.value(id), .value(.submit))).path),
            ] {
                let res = try await app.send(method, path, as: nil)
                #expect(res.status == .unauthorized, "\(method) \(path)")
                #expect(res.reason.contains("请先登录"))
            }
            // no page may be framed by another site, errors included
            let login = try await app.send(.GET, SitePath.login.path, as: nil)
            #expect(login.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(login.headers.first(name: "X-Content-Type-Options") == "nosniff")
            // the stateless tools stay open: they store nothing and read only what they are sent
            let check = try await app.send(.POST, SitePath.api(.check).path, json: ["tables": [sampleTable()]], as: nil)
            #expect(check.status == .ok)
        }
    }

    @Test("表格清单只列出看得见的表：本单位、所辖单位、全部")
    func listsFollowVisibility() async throws { try await Self.listsFollowVisibility(.sqliteMemory) }

    static func listsFollowVisibility(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let a = try await app.create(sampleTable(unit: "甲"), as: .fillerA)
            let b = try await app.create(sampleTable(unit: "乙"), as: .fillerB)
            let c = try await app.create(sampleTable(unit: "丙"), as: .fillerC)
            let want: [Persona: Set<UUID>] = [
                .fillerA: [a.summary.id], .headA: [a.summary.id], .fillerB: [b.summary.id], .fillerC: [c.summary.id],
                .businessD1: [a.summary.id, b.summary.id], .businessD2: [c.summary.id],
                .performance: [a.summary.id, b.summary.id, c.summary.id], .finance: [a.summary.id, b.summary.id, c.summary.id],
                .admin: [a.summary.id, b.summary.id, c.summary.id],
            ]
            for p in Persona.allCases {
                let res = try await app.send(.GET, SitePath.api(.tables).path, as: p)
                #expect(res.status == .ok)
                let ids = Set(try res.content.decode([TableSummaryDTO].self).map(\.id))
                #expect(ids == want[p], "\(p.testDescription)")
                // the 首页 agrees with the API
                let html = try await app.send(.GET, SitePath.home.path, as: p).body.string
                for (unit, id) in [("甲", a.summary.id), ("乙", b.summary.id), ("丙", c.summary.id)] {
                    #expect(
                        html.contains(SitePath.table(.value(id)).path) == want[p]!.contains(id), "\(p.testDescription) 首页 \(unit)"
                    )
                }
            }
        }
    }

    @Test("导入和新建只属于单位的填报人、负责人；机构与账号只属于系统管理员")
    func roleOnlyPages() async throws {
        try await withJixiao { app in
            for p in Persona.allCases {
                let importPage = try await app.send(.GET, SitePath.importPage.path, as: p)
                #expect(importPage.status == (p.role.isUnitRole ? .ok : .forbidden), "导入 \(p.testDescription)")
                let create = try await app.send(
                    .POST, SitePath.api(.tables).path, json: TableInputDTO(table: sampleTable()), as: p)
                #expect(create.status == (p.role.isUnitRole ? .created : .forbidden), "新建 \(p.testDescription)")
                let admin = try await app.send(.GET, SitePath.admin.path, as: p)
                #expect(
                    admin.status == (p == .admin ? .ok : .forbidden),
                    "机构与账号 \(p.testDescription) \(admin.body.string.suffix(300))")
                let audit = try await app.send(.GET, SitePath.adminAuditCSV.path, as: p)
                #expect(audit.status == (p == .admin ? .ok : .forbidden), "全部审计记录 \(p.testDescription)")
                if p == .admin { #expect(audit.body.string.contains("登录")) }
                let accounts = try await app.send(.GET, SitePath.api(.accounts).path, as: p)
                #expect(accounts.status == (p == .admin ? .ok : .forbidden), "账号 API \(p.testDescription)")
            }
        }
    }

    @Test("一个账号的会话不能替另一个账号操作")
    func sessionsDoNotMix() async throws { try await Self.sessionsDoNotMix(.sqliteMemory) }

    static func sessionsDoNotMix(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let t = try await app.create(sampleTable(), as: .fillerA)
            let a = try await app.signIn(.fillerA), b = try await app.signIn(.fillerB)
            let path = SitePath.api(.table(.value(t.summary.id))).path + "?version=1"
            // B's cookie with A's CSRF token: refused before anything happens
            let mixed = try await app.testing().sendRequest(
                .DELETE, path,
                headers: [
                    "Cookie": "\(SessionStore.cookieName)=\(b.token)", CSRFMiddleware.header: a.csrf,
                ])
            #expect(mixed.status == .forbidden)
            #expect(mixed.reason.contains("安全校验失败"))
            // B with its own token still cannot see A's table
            let own = try await app.testing().sendRequest(
                .DELETE, path,
                headers: [
                    "Cookie": "\(SessionStore.cookieName)=\(b.token)", CSRFMiddleware.header: b.csrf,
                ])
            #expect(own.status == .notFound)
            // a made-up cookie is nobody
            let forged = try await app.testing().sendRequest(
                .GET, path, headers: ["Cookie": "\(SessionStore.cookieName)=\(a.token)x"])
            #expect(forged.status == .unauthorized)
            #expect(try await TableStore.find(t.summary.id, on: app.db) != nil)
        }
    }
}
