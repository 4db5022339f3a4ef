import Fluent
import GoalWorkflow
import Foundation
import Vapor

/// 机构与账号 (系统管理员 only): the organisation tree, its CSV import and settings (单位负责人确认); accounts:
/// new ones, and editing, disabling, re-enabling and resetting the password of existing ones, each with an audit entry.
struct AdminController {
    let accounts: Accounts

    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.admin.pathComponents, use: page)
        app.post(SitePath.adminOrganisationsImport.pathComponents, use: importPage)
        app.post(SitePath.adminAccounts.pathComponents, use: createAccountPage)
        app.get(SitePath.adminAuditCSV.pathComponents, use: auditCSV)
        app.post(SitePath.adminOrganisationSettings(.key).pathComponents, use: organisationSettings)
        app.post(SitePath.adminAccount(.key).pathComponents, use: editAccount)
        app.post(SitePath.adminAccountActive(.key).pathComponents, use: accountActive)
        app.post(SitePath.adminAccountPassword(.key).pathComponents, use: resetPassword)
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
        /// Set here: fillers' submissions go to the unit head first (this organisation and all below it).
        var headConfirmation: Bool = false
        /// Set on an organisation above: said, since it cannot be switched off here.
        var inheritedConfirmation: Bool = false
        var settings: String = ""
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

    /// An account as the page shows it: with its forms' choices and addresses.
    struct AccountRow: Encodable {
        var account: AccountDTO
        /// Reset by the administrator and not yet changed by its owner.
        var mustChangePassword: Bool
        /// The administrator's own account: it is not offered 停用, which would be refused.
        var isSelf: Bool
        var roles: [Choice]
        var organisations: [Choice]
        var edit: String
        var activeAction: String
        var passwordAction: String
        struct Choice: Encodable { var value: String; var label: String; var selected: Bool }
    }

    struct Page: Encodable {
        var title = "机构与账号"
        var importAction = SitePath.adminOrganisationsImport.path
        var accountAction = SitePath.adminAccounts.path
        var auditCSV = SitePath.adminAuditCSV.path
        /// The API page is linked here only: integrators are set up by the administrator (issue #15 item 8).
        var apiDocs = SitePath.apiDocs.path
        var organisations: [OrganisationDTO]
        var accounts: [AccountRow]
        var roles = Role.allCases.map { Option(value: $0.rawValue, label: $0.label) }
        var message: String?
        var error: String?
        struct Option: Encodable { var value: String; var label: String }
    }

    private func tree(_ db: any Database) async throws -> [OrganisationDTO] {
        let all = try await Organisations.tree(on: db)
        let confirming = Set(all.filter { $0.record.headConfirmation == true }.compactMap(\.record.id))
        return all.map { o, depth in
            let kind = OrganisationKind(rawValue: o.kind) ?? .unit
            let above = o.path.split(separator: "/").dropLast().compactMap { UUID(uuidString: String($0)) }
            return OrganisationDTO(
                id: o.id!, code: o.code, name: o.name, kind: o.kind, kindLabel: kind.label,
                parent: o.parentID, depth: depth, headConfirmation: o.headConfirmation == true,
                inheritedConfirmation: above.contains(where: confirming.contains),
                settings: SitePath.adminOrganisationSettings(.value(o.id!)).path)
        }
    }

    private func accountList(_ db: any Database) async throws -> [AccountDTO] {
        let orgs = Dictionary(uniqueKeysWithValues: try await OrganisationRecord.query(on: db).all().map { ($0.id!, $0.name) })
        return try await AccountRecord.query(on: db).sort(\.$username).all().map {
            AccountDTO(
                id: $0.id!, username: $0.username, name: $0.displayName, role: $0.role,
                roleLabel: Role(rawValue: $0.role)?.label ?? $0.role, organisation: orgs[$0.organisationID] ?? "",
                active: $0.active)
        }
    }

    private func render(
        _ req: Request, message: String? = nil, error: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let organisations = try await tree(req.db)
        let records = Dictionary(uniqueKeysWithValues: try await AccountRecord.query(on: req.db).all().map { ($0.id!, $0) })
        let me = req.user?.id
        let rows = try await accountList(req.db).map { a in
            let r = records[a.id]
            return AccountRow(
                account: a, mustChangePassword: r?.mustChangePassword == true, isSelf: a.id == me,
                roles: Role.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == a.role) },
                organisations: organisations.map {
                    .init(
                        value: $0.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.name,
                        selected: $0.id == r?.organisationID)
                },
                edit: SitePath.adminAccount(.value(a.id)).path, activeAction: SitePath.adminAccountActive(.value(a.id)).path,
                passwordAction: SitePath.adminAccountPassword(.value(a.id)).path)
        }
        let page = Page(organisations: organisations, accounts: rows, message: message, error: error)
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
            return try await render(
                req, error: "机构文件有误，未导入任何机构：" + problems.joined(separator: "；"),
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
        let a = try await accounts.create(
            username: form.username, name: form.name, password: form.password, role: role,
            organisation: form.organisation, on: req.db)
        try await AuditLog.append(
            "account-create", by: user, subject: a.username,
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

    // MARK: settings and existing accounts (pages only: the administrator works here)

    private func adminAndID(_ req: Request) throws -> (CurrentUser, UUID) {
        let user = try req.requireUser()
        try Access.requireAdmin(user)
        guard let s = req.parameters.get(SitePath.idKey), let id = UUID(uuidString: s) else {
            throw Abort(.notFound, reason: "编号“\(req.parameters.get(SitePath.idKey) ?? "")”无效")
        }
        return (user, id)
    }

    private func account(_ id: UUID, on db: any Database) async throws -> AccountRecord {
        guard let a = try await AccountRecord.find(id, on: db) else { throw Abort(.notFound, reason: "找不到该账号") }
        return a
    }

    static func ticked(_ s: String?) -> Bool { ["on", "true", "1", "yes"].contains(s?.lowercased() ?? "") }

    struct SettingsForm: Content { var headConfirmation: String? }

    @Sendable func organisationSettings(req: Request) async throws -> Response {
        let (user, id) = try adminAndID(req)
        guard let o = try await OrganisationRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "找不到该机构") }
        let on = Self.ticked(try req.content.decode(SettingsForm.self).headConfirmation)
        o.headConfirmation = on
        try await o.save(on: req.db)
        let what = on ? "需要单位负责人确认后再提交审核" : "不需要单位负责人确认"
        try await AuditLog.append(
            "organisation-settings", by: user, subject: o.name, comment: "\(o.name)（及下级单位）：\(what)", on: req.db)
        return try await render(req, message: "已保存：\(o.name)及其下级单位\(what)")
    }

    struct EditForm: Content {
        var name: String?
        var role: String?
        var organisation: UUID?
    }

    @Sendable func editAccount(req: Request) async throws -> Response {
        let (user, id) = try adminAndID(req)
        let a = try await account(id, on: req.db)
        let form = try req.content.decode(EditForm.self)
        do {
            guard let role = Role.parse(form.role ?? "") else { throw Accounts.Failure.invalid("角色“\(form.role ?? "")”无效") }
            let changes = try await accounts.update(
                a, name: form.name ?? "", role: role, organisation: form.organisation ?? a.organisationID,
                by: user, on: req.db)
            guard !changes.isEmpty else { return try await render(req, message: "账号“\(a.username)”没有改动") }
            try await AuditLog.append(
                "account-update", by: user, subject: a.username, comment: changes.joined(separator: "；"), on: req.db)
            return try await render(req, message: "已修改账号“\(a.username)”：" + changes.joined(separator: "；"))
        } catch Accounts.Failure.invalid(let why) {
            return try await render(req, error: "修改账号“\(a.username)”失败：" + why, status: .unprocessableEntity)
        }
    }

    struct ActiveForm: Content { var active: String? }

    @Sendable func accountActive(req: Request) async throws -> Response {
        let (user, id) = try adminAndID(req)
        let a = try await account(id, on: req.db)
        let active = Self.ticked(try req.content.decode(ActiveForm.self).active)
        do {
            try await accounts.setActive(a, active, by: user, on: req.db)
        } catch Accounts.Failure.invalid(let why) {
            return try await render(req, error: why, status: .unprocessableEntity)
        }
        try await AuditLog.append(
            active ? "account-enable" : "account-disable", by: user, subject: a.username,
            comment: "\(a.displayName)（\(a.username)）", on: req.db)
        return try await render(req, message: active ? "已启用账号“\(a.username)”" : "已停用账号“\(a.username)”：它已退出登录，也不能再登录")
    }

    struct PasswordForm: Content { var password: String? }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let (user, id) = try adminAndID(req)
        let a = try await account(id, on: req.db)
        do {
            try await accounts.resetPassword(a, to: try req.content.decode(PasswordForm.self).password ?? "", on: req.db)
        } catch Accounts.Failure.invalid(let why) {
            return try await render(req, error: "重置“\(a.username)”的密码失败：" + why, status: .unprocessableEntity)
        }
        try await AuditLog.append(
            "account-reset-password", by: user, subject: a.username,
            comment: "\(a.displayName)（\(a.username)）须在下次登录时修改密码", on: req.db)
        return try await render(req, message: "已重置“\(a.username)”的密码：请把临时密码告诉本人，登录后须先修改密码")
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
