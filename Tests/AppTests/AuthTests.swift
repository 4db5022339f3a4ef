import Fluent
import Vapor
import Foundation
import TestSupport
import Testing
import VaporTesting
@testable import App

@Suite("登录、会话、密码、机构与账号")
struct AuthTests {
    /// The sign-in page's cookie and hidden token, as a browser would get them.
    func loginForm(_ app: Application) async throws -> (cookie: String, token: String) {
        let page = try await app.testing().sendRequest(.GET, SitePath.login.path)
        #expect(page.status == .ok)
        let cookie = try #require(page.headers.setCookie?[AuthController.loginCSRFCookie]?.string)
        let html = page.body.string
        let token = try #require(
            html.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
        return (cookie, token)
    }

    func postLogin(
        _ app: Application, _ user: String, _ password: String, next: String = "/",
        token: String? = nil
    ) async throws -> TestingHTTPResponse {
        let form = try await loginForm(app)
        let body =
            "username=\(user)&password=\(password)&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&_csrf=\(token ?? form.token)"
        return try await app.testing().sendRequest(
            .POST, SitePath.login.path,
            headers: [
                "Cookie": "\(AuthController.loginCSRFCookie)=\(form.cookie)", "Content-Type": "application/x-www-form-urlencoded",
            ], body: ByteBuffer(string: body))
    }

    @Test("登录页：正确的密码进入原来要去的页面，会话 Cookie 为 HttpOnly")
    func loginByForm() async throws {
        try await withJixiao { app in
            let t = try await app.create(sampleTable())
            let next = SitePath.table(.value(t.summary.id)).path
            let res = try await postLogin(app, Persona.fillerA.username, Persona.password, next: next)
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == next)
            let cookie = try #require(res.headers.setCookie?[SessionStore.cookieName])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            let page = try await app.testing().sendRequest(
                .GET, next, headers: ["Cookie": "\(SessionStore.cookieName)=\(cookie.string)"])
            #expect(page.status == .ok)
            #expect(page.body.string.contains(Persona.fillerA.name))
            // another site's address is never a destination
            let evil = try await postLogin(app, Persona.fillerA.username, Persona.password, next: "//evil.example/")
            #expect(evil.headers.first(name: .location) == SitePath.home.path)
        }
    }

    @Test("登录页：错误密码 401、缺少安全令牌 403，都用中文说明，不建立会话")
    func loginFailures() async throws {
        try await withJixiao { app in
            let wrong = try await postLogin(app, Persona.fillerA.username, "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("用户名或密码不正确"))
            #expect(wrong.headers.setCookie?[SessionStore.cookieName] == nil)
            let unknown = try await postLogin(app, "nobody", "whatever-123")
            #expect(unknown.body.string.contains("用户名或密码不正确")) // the same words: names are not revealed
            let forged = try await postLogin(app, Persona.fillerA.username, Persona.password, token: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("安全令牌"))
            #expect(forged.headers.setCookie?[SessionStore.cookieName] == nil)
        }
    }

    @Test("连续 5 次密码错误后暂停登录，正确密码也要等")
    func throttled() async throws { try await Self.throttled(.sqliteMemory) }

    static func throttled(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            for _ in 0..<LoginThrottle.freePerPair {
                let r = try await app.send(
                    .POST, SitePath.api(.session).path, json: ["username": Persona.headA.username, "password": "wrong-password"],
                    as: nil)
                #expect(r.status == .unauthorized)
            }
            let blocked = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.headA.username.uppercased(), "password": Persona.password], as: nil)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.reason.contains("后再试"))
            // another account is not held up
            let other = try await app.send(
                .POST, SitePath.api(.session).path, json: ["username": Persona.fillerB.username, "password": Persona.password],
                as: nil)
            #expect(other.status == .ok)
        }
    }

    @Test("修改密码：旧密码失效，其他设备的登录被注销，当前会话继续")
    func passwordChange() async throws { try await Self.passwordChange(.sqliteMemory) }

    static func passwordChange(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let first = try await app.signIn(.fillerA)
            let second = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerA.username, "password": Persona.password], as: nil)
            let otherToken = try #require(second.headers.setCookie?[SessionStore.cookieName]?.string)

            let wrong = try await app.send(
                .PUT, SitePath.api(.sessionPassword).path,
                json: AuthController.PasswordRequest(current: "nope", new: "new-password-2"))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.reason.contains("当前密码不正确"))
            let short = try await app.send(
                .PUT, SitePath.api(.sessionPassword).path,
                json: AuthController.PasswordRequest(current: Persona.password, new: "short"))
            #expect(short.reason.contains("至少 8 位"))
            let ok = try await app.send(
                .PUT, SitePath.api(.sessionPassword).path,
                json: AuthController.PasswordRequest(current: Persona.password, new: "new-password-2"))
            #expect(ok.status == .noContent)

            let stillMe = try await app.testing().sendRequest(
                .GET, SitePath.api(.session).path,
                headers: ["Cookie": "\(SessionStore.cookieName)=\(first.token)"])
            #expect(stillMe.status == .ok)
            let otherDevice = try await app.testing().sendRequest(
                .GET, SitePath.api(.session).path,
                headers: ["Cookie": "\(SessionStore.cookieName)=\(otherToken)"])
            #expect(otherDevice.status == .unauthorized)
            let old = try await app.send(
                .POST, SitePath.api(.session).path, json: ["username": Persona.fillerA.username, "password": Persona.password],
                as: nil)
            #expect(old.status == .unauthorized)
            let new = try await app.send(
                .POST, SitePath.api(.session).path, json: ["username": Persona.fillerA.username, "password": "new-password-2"],
                as: nil)
            #expect(new.status == .ok)
        }
    }

    @Test("会话令牌的摘要与逐字节格式化的十六进制相同：升级后已登录的会话仍然有效")
    func tokenHashIsTheStoredHex() throws {
        for token in (0..<200).map({ _ in SessionStore.randomToken() }) + ["", "令牌", String(repeating: "x", count: 500)] {
            let byFormat = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(SessionStore.hash(token) == byFormat)
        }
    }

    @Test("链接里的编号与 Foundation 的 uuidString 相同：旧链接、书签和缓存仍然有效")
    func idTextIsUUIDString() throws {
        let ids =
            (0..<500).map { _ in UUID() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
            + [UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in ids {
            #expect(id.text == id.uuidString)
            #expect(SitePath.table(.value(id)).path == "/tables/\(id.uuidString)")
        }
    }

    @Test("退出后会话作废，Cookie 再用也无效")
    func logout() async throws {
        try await withJixiao { app in
            let s = try await app.signIn(.headA)
            let out = try await app.send(.DELETE, SitePath.api(.session).path, as: .headA)
            #expect(out.status == .noContent)
            let after = try await app.testing().sendRequest(
                .GET, SitePath.api(.tables).path,
                headers: ["Cookie": "\(SessionStore.cookieName)=\(s.token)"])
            #expect(after.status == .unauthorized)
            #expect(try await UserSessionRecord.query(on: app.db).filter(\.$id == s.user.sessionID).count() == 0)
        }
    }

    @Test("会话过期后需要重新登录")
    func expiry() async throws {
        try await withJixiao { app in
            let s = try await app.signIn(.fillerB)
            let later = Date().addingTimeInterval(SessionStore.idleTimeout + 60)
            #expect(try await SessionStore.user(forToken: s.token, now: later, on: app.db) == nil)
        }
    }

    @Test("机构 CSV：按上级编码建树；任何一行有误时整批不导入，并指出行号")
    func organisationImport() async throws {
        try await withJixiao { app in
            let good =
                "\u{FEFF}编码,名称,类型,上级编码\r\nX1,某县财政局,财政局,\r\nX2,\"某县教育局,本级\",主管部门,X1\r\nX3,某县第一中学,单位,X2\r\nX4,某县医疗保障局,主管部门,某县财政局\r\n"
            let res = try await app.send(
                .POST, SitePath.api(.organisationsImport).path, raw: good, contentType: .init(type: "text", subType: "csv"),
                as: .admin)
            #expect(res.status == .ok, "\(res.reason)")
            let tree = try await app.send(.GET, SitePath.api(.organisations).path, as: .admin).content.decode(
                [AdminController.OrganisationDTO].self)
            let school = try #require(tree.first { $0.name == "某县第一中学" })
            #expect(school.depth == 2)
            #expect(tree.contains { $0.name == "某县教育局,本级" })
            // a parent named by its name when it has no code
            #expect(tree.first { $0.name == "某县医疗保障局" }?.depth == 1)

            let bad = "编码,名称,类型,上级编码\nY1,甲,单位,NOPE\nY2,,学校,\nY3,丙,单位,X1\n"
            let refused = try await app.send(
                .POST, SitePath.api(.organisationsImport).path, raw: bad, contentType: .plainText, as: .admin)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.reason.contains("第 2 行"))
            #expect(refused.reason.contains("上级编码“NOPE”不存在"))
            #expect(refused.reason.contains("第 3 行"))
            #expect(refused.reason.contains("名称为空"))
            #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "Y3").count() == 0)

            let byFiller = try await app.send(
                .POST, SitePath.api(.organisationsImport).path, raw: good, contentType: .plainText, as: .fillerA)
            #expect(byFiller.status == .forbidden)
        }
    }

    @Test("管理员新建账号；新账号能登录，且只看到本单位")
    func accountCreation() async throws {
        try await withJixiao { app in
            let unitB = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "UB").first())
            let form = AdminController.AccountForm(
                username: "NewUser", name: "新同事", password: "long-enough-1",
                role: "填报人", organisation: try unitB.requireID())
            let res = try await app.send(.POST, SitePath.api(.accounts).path, json: form, as: .admin)
            #expect(res.status == .created, "\(res.reason)")
            #expect(try res.content.decode(AdminController.AccountDTO.self).username == "newuser")
            let again = try await app.send(.POST, SitePath.api(.accounts).path, json: form, as: .admin)
            #expect(again.status == .unprocessableEntity)
            #expect(again.reason.contains("已被使用"))
            let login = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": "newuser", "password": "long-enough-1"], as: nil)
            #expect(login.status == .ok)
            #expect(try login.content.decode(AuthController.SessionDTO.self).organisation == "测试单位乙")
        }
    }

    @Test("演示模式：演示账号可以登录；非演示模式没有任何账号")
    func demoAccountsOnlyInDemoMode() async throws {
        try await withJixiao(demo: true) { app in
            for a in DemoData.accounts {
                let r = try await app.send(
                    .POST, SitePath.api(.session).path,
                    json: ["username": a.username, "password": DemoData.password], as: nil)
                #expect(r.status == .ok, "\(a.username)")
            }
            let page = try await app.send(.GET, SitePath.login.path, as: nil).body.string
            #expect(page.contains("演示账号"))
        }
        try await withJixiao(demo: false) { app in
            let demoAccounts = try await AccountRecord.query(on: app.db).filter(\.$username == "tianbao").count()
            #expect(demoAccounts == 0)
            let page = try await app.send(.GET, SitePath.login.path, as: nil).body.string
            #expect(!page.contains("演示账号"))
        }
        let env = try AppConfig.fromEnvironment(
            ["DATABASE_URL": "postgres://u:p@localhost/db"], currentDirectory: SharedFiles.packageRoot.path)
        #expect(!env.demo) // a PostgreSQL deployment is never a demo unless asked
    }
}
