import Fluent
import GoalWorkflow
import Foundation
import Vapor

/// 机构与账号 (系统管理员 only): the organisation tree, its CSV import, and new accounts.
struct AdminController {
    let accounts: Accounts

    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.admin.pathComponents, use: page)
        app.post(SitePath.adminOrganisationsImport.pathComponents, use: importPage)
        app.post(SitePath.adminAccounts.pathComponents, use: createAccountPage)
        app.get(SitePath.adminAuditCSV.pathComponents, use: auditCSV)
        app.get(SitePath.api(.organisations).pathComponents, use: organisations)
        app.post(SitePath.api(.organisationsImport).pathComponents, use: importAPI)
        app.get(SitePath.api(.accounts).pathComponents, use: listAccounts)
        app.post(SitePath.api(.accounts).pathComponents, use: createAccountAPI)
    }

    struct OrganisationDTO: Content {
        var id: UUID
        var code: String?
        var name: String
        var kind: String
        var kindLabel: String
        var parent: UUID?
        var depth: Int
    }

    struct AccountDTO: Content {
        var id: UUID
        var username: String
        var name: String
        var role: String
        var roleLabel: String
        var organisation: String
        var active: Bool
    }

    struct Page: Encodable {
        var title = "机构与账号"
        var importAction = SitePath.adminOrganisationsImport.path
        var accountAction = SitePath.adminAccounts.path
        var auditCSV = SitePath.adminAuditCSV.path
        /// The API page is linked here only: integrators are set up by the administrator (issue #15 item 8).
        var apiDocs = SitePath.apiDocs.path
        var organisations: [OrganisationDTO]
        var accounts: [AccountDTO]
        var roles = Role.allCases.map { Option(value: $0.rawValue, label: $0.label) }
        var message: String?
        var error: String?
        struct Option: Encodable { var value: String; var label: String }
    }

    private func tree(_ db: any Database) async throws -> [OrganisationDTO] {
        try await Organisations.tree(on: db).map { o, depth in
            let kind = OrganisationKind(rawValue: o.kind) ?? .unit
            return OrganisationDTO(id: o.id!, code: o.code, name: o.name, kind: o.kind, kindLabel: kind.label,
                                   parent: o.parentID, depth: depth)
        }
    }

    private func accountList(_ db: any Database) async throws -> [AccountDTO] {
        let orgs = Dictionary(uniqueKeysWithValues: try await OrganisationRecord.query(on: db).all().map { ($0.id!, $0.name) })
        return try await AccountRecord.query(on: db).sort(\.$username).all().map {
            AccountDTO(id: $0.id!, username: $0.username, name: $0.displayName, role: $0.role,
                       roleLabel: Role(rawValue: $0.role)?.label ?? $0.role, organisation: orgs[$0.organisationID] ?? "",
                       active: $0.active)
        }
    }

    private func render(_ req: Request, message: String? = nil, error: String? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let page = Page(organisations: try await tree(req.db), accounts: try await accountList(req.db),
                        message: message, error: error)
        let res = try await req.page("admin", page).encodeResponse(for: req)
        res.status = status
        return res
    }

    @Sendable func page(req: Request) async throws -> Response {
        try Access.requireAdmin(try req.requireUser())
        return try await render(req)
    }

    struct ImportForm: Content {
        var file: File?
        var csv: String?
    }

    private func importCSV(_ req: Request, _ data: Data) async throws -> Int {
        let user = try req.requireUser()
        let added = try await Organisations.importCSV(data, on: req.db)
        try await AuditLog.append("organisations-import", by: user, subject: "机构", comment: "导入 \(added) 个机构", on: req.db)
        return added
    }

    @Sendable func importPage(req: Request) async throws -> Response {
        try Access.requireAdmin(try req.requireUser())
        let form = try req.content.decode(ImportForm.self)
        let data: Data
        if let f = form.file, f.data.readableBytes > 0 { data = Data(buffer: f.data) } else { data = Data((form.csv ?? "").utf8) }
        do {
            let n = try await importCSV(req, data)
            return try await render(req, message: "已导入 \(n) 个机构")
        } catch Organisations.Failure.invalidCSV(let problems) {
            return try await render(req, error: "机构文件有误，未导入任何机构：" + problems.joined(separator: "；"),
                                    status: .unprocessableEntity)
        }
    }

    struct AccountForm: Content {
        var username: String
        var name: String
        var password: String
        var role: String
        var organisation: UUID
    }

    private func createAccount(_ req: Request, _ form: AccountForm) async throws -> AccountRecord {
        let user = try req.requireUser()
        guard let role = Role.parse(form.role) else { throw Accounts.Failure.invalid("角色“\(form.role)”无效") }
        let a = try await accounts.create(username: form.username, name: form.name, password: form.password, role: role,
                                          organisation: form.organisation, on: req.db)
        try await AuditLog.append("account-create", by: user, subject: a.username,
                                  comment: "\(a.displayName)，\(role.label)", on: req.db)
        return a
    }

    @Sendable func createAccountPage(req: Request) async throws -> Response {
        try Access.requireAdmin(try req.requireUser())
        guard let form = try? req.content.decode(AccountForm.self) else {
            return try await render(req, error: "新建账号：请填写用户名、姓名、初始密码，并选择角色和所属机构", status: .badRequest)
        }
        do {
            let a = try await createAccount(req, form)
            return try await render(req, message: "已新建账号“\(a.username)”")
        } catch Accounts.Failure.invalid(let why) {
            return try await render(req, error: "新建账号失败：" + why, status: .unprocessableEntity)
        }
    }

    /// The whole trail, newest last. An administrator's view of who signed in and what changed where.
    @Sendable func auditCSV(req: Request) async throws -> Response {
        try Access.requireAdmin(try req.requireUser())
        let events = try await AuditEventRecord.query(on: req.db).sort(\.$at).sort(\.$id).all()
        return AuditLog.csvResponse(events, fileName: "审计记录-全部.csv", withSubject: true)
    }

    // MARK: API

    @Sendable func organisations(req: Request) async throws -> [OrganisationDTO] {
        try Access.requireAdmin(try req.requireUser())
        return try await tree(req.db)
    }

    struct ImportResultDTO: Content { var added: Int }

    /// The body is the CSV file itself (`text/csv`).
    @Sendable func importAPI(req: Request) async throws -> ImportResultDTO {
        try Access.requireAdmin(try req.requireUser())
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "导入机构：请求正文为空，应为 CSV（编码,名称,类型,上级编码）")
        }
        do {
            return ImportResultDTO(added: try await importCSV(req, Data(buffer: body)))
        } catch Organisations.Failure.invalidCSV(let problems) {
            throw Abort(.unprocessableEntity, reason: "机构文件有误，未导入任何机构：" + problems.joined(separator: "；"))
        }
    }

    @Sendable func listAccounts(req: Request) async throws -> [AccountDTO] {
        try Access.requireAdmin(try req.requireUser())
        return try await accountList(req.db)
    }

    @Sendable func createAccountAPI(req: Request) async throws -> Response {
        try Access.requireAdmin(try req.requireUser())
        let form = try req.decodeJSON(AccountForm.self, what: "新建账号")
        do {
            let a = try await createAccount(req, form)
            let list = try await accountList(req.db)
            return try await list.first { $0.id == a.id }!.encodeResponse(status: .created, for: req)
        } catch Accounts.Failure.invalid(let why) {
            throw Abort(.unprocessableEntity, reason: "新建账号：" + why)
        }
    }
}
