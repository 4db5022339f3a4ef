import Fluent
import Foundation
import Vapor

/// `jixiao-server create-admin --username NAME [--name 姓名] [--organisation 机构名称]`: the first
/// administrator of a production database. The password is read from `JIXIAO_ADMIN_PASSWORD` when set
/// (for scripts), else asked for twice without echo. When the organisation does not exist it is created
/// as the root 财政局 of the tree.
struct CreateAdminCommand: AsyncCommand {
    let accounts: Accounts

    struct Signature: CommandSignature {
        @Option(name: "username", help: "用户名") var username: String?
        @Option(name: "name", help: "姓名（默认：系统管理员）") var name: String?
        @Option(name: "organisation", help: "所属机构名称（默认：财政局）") var organisation: String?
        init() {}
    }

    var help: String { "创建系统管理员账号" }

    /// Ends the command with a Chinese message and a non-zero exit.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        let db = context.application.db
        guard let username = signature.username, !username.isEmpty else {
            throw Failure("请用 --username 指定用户名，例如：swift run jixiao-server create-admin --username admin")
        }
        let password: String
        if let p = ProcessInfo.processInfo.environment["JIXIAO_ADMIN_PASSWORD"], !p.isEmpty {
            password = p
        } else {
            console.output("密码（至少 8 位）：", newLine: false)
            let a = console.input(isSecure: true)
            console.output("再次输入密码：", newLine: false)
            let b = console.input(isSecure: true)
            guard a == b else { throw Failure("两次输入的密码不一致，未创建账号") }
            password = a
        }
        let orgName = signature.organisation ?? "财政局"
        let org: OrganisationRecord
        if let o = try await OrganisationRecord.query(on: db).filter(\.$name == orgName).first() {
            org = o
        } else {
            org = try await Organisations.create(code: nil, name: orgName, kind: .finance, parent: nil, on: db)
            console.info("已创建机构“\(orgName)”（财政局，机构树的根）")
        }
        do {
            let a = try await accounts.create(
                username: username, name: signature.name ?? "系统管理员", password: password,
                role: .admin, organisation: try org.requireID(), on: db)
            try await AuditLog.append("account-create", by: nil, subject: a.username, comment: "create-admin 命令", on: db)
            console.success("已创建系统管理员“\(a.username)”，所属机构“\(org.name)”")
        } catch Accounts.Failure.invalid(let why) {
            throw Failure("未创建账号：\(why)")
        }
    }
}
