import Fluent
import GoalWorkflow
import Foundation
import Vapor

/// 登录, 退出, 修改密码: pages and their API twins (`/api/v1/session`).
struct AuthController {
    let config: AppConfig
    let accounts: Accounts

    /// Before sign-in there is no session to hold a CSRF token, so the sign-in form uses a
    /// double-submit cookie: the same random value in a cookie and in the form.
    static let loginCSRFCookie = "jixiao_login_csrf"

    func register(open: any RoutesBuilder, signedIn: any RoutesBuilder) {
        open.get(SitePath.login.pathComponents, use: loginPage)
        open.post(SitePath.login.pathComponents, use: login)
        open.post(SitePath.api(.session).pathComponents, use: apiLogin)
        signedIn.post(SitePath.logout.pathComponents, use: logout)
        signedIn.get(SitePath.password.pathComponents, use: passwordPage)
        signedIn.post(SitePath.password.pathComponents, use: changePassword)
        signedIn.get(SitePath.api(.session).pathComponents, use: apiMe)
        signedIn.delete(SitePath.api(.session).pathComponents, use: apiLogout)
        signedIn.put(SitePath.api(.sessionPassword).pathComponents, use: apiChangePassword)
    }

    // MARK: Pages

    struct LoginPage: Encodable {
        var title = "登录"
        var action = SitePath.login.path
        var next: String
        var username: String
        var error: String?
        var token: String
        var noAccounts: Bool
        var demo: Bool
        var demoAccounts: [DemoLine]
        struct DemoLine: Encodable { var username: String; var role: String; var organisation: String }
    }

    private func renderLogin(
        _ req: Request, next: String, username: String = "", error: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let token = SessionStore.randomToken()
        let noAccounts = try await AccountRecord.query(on: req.db).count() == 0
        let demoLines =
            config.demo
            ? DemoData.accounts.map { a -> LoginPage.DemoLine in
                let org: String
                switch a.place {
                case .finance: org = DemoData.financeName
                case .department: org = DemoData.departmentName
                case .unit(let name): org = name
                }
                return .init(username: a.username, role: a.role.label, organisation: org)
            } : []
        let page = LoginPage(
            next: next, username: username, error: error, token: token, noAccounts: noAccounts,
            demo: config.demo, demoAccounts: demoLines)
        let res = try await req.page("login", page).encodeResponse(for: req)
        res.status = status
        res.cookies[Self.loginCSRFCookie] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: SitePath.login.path, isSecure: config.secureCookies, isHTTPOnly: true,
            sameSite: .strict)
        return res
    }

    /// Only a path of this site, parsed, never a string passed through: `next=https://elsewhere`,
    /// `//host`, `/\\host` or `/%09/host` (browsers drop the tab and read `//host`) must not turn
    /// sign-in into a redirect for phishing, and CR/LF must never reach the `Location` header.
    static func safeNext(_ next: String?) -> String {
        let home = SitePath.home.path
        guard let raw = next, !raw.isEmpty, raw.utf8.count <= 2048 else { return home }
        // Chinese in a query (`?q=社保`) is kept, percent-encoded as a Location header must be.
        let next = raw.unicodeScalars.map { s in
            s.value < 0x80 ? String(s) : String(s).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
        // Printable ASCII only, without the characters browsers treat as a slash or strip (\\, space, controls).
        let allowed = next.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7F && s != "\\" && s != "\"" && s != "<" && s != ">" && s != "`"
        }
        guard allowed, next.hasPrefix("/"), !next.hasPrefix("//"),
            let url = URLComponents(string: next), url.scheme == nil, url.host == nil, url.user == nil,
            url.percentEncodedPath.hasPrefix("/"), !url.percentEncodedPath.hasPrefix("//"),
            !url.percentEncodedPath.hasPrefix(SitePath.login.path)
        else { return home }
        // A path whose decoded form starts with two slashes or a backslash is another origin to some browsers.
        let decoded = url.path
        guard !decoded.hasPrefix("//"), !decoded.hasPrefix("/\\") else { return home }
        return next
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        let next = Self.safeNext(req.query[String.self, at: "next"])
        if req.user != nil { return req.redirect(to: next, redirectType: .normal) }
        return try await renderLogin(req, next: next)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
        var _csrf: String?
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        let username = form.username ?? ""
        guard let cookie = req.cookies[Self.loginCSRFCookie]?.string, let sent = form._csrf,
            CSRFMiddleware.same(cookie, sent)
        else {
            return try await renderLogin(
                req, next: next, username: username,
                error: "登录页面已过期（缺少安全令牌），请重新输入后登录", status: .forbidden)
        }
        switch try await signIn(req, username: username, password: form.password ?? "") {
        case .success(let token):
            let res = req.redirect(to: next, redirectType: .normal)
            res.cookies[SessionStore.cookieName] = SessionStore.cookie(token, secure: config.secureCookies)
            // cleared on the path it was set on, or the browser keeps it
            res.cookies[Self.loginCSRFCookie] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: SitePath.login.path,
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .strict)
            return res
        case .failure(let status, let reason):
            return try await renderLogin(req, next: next, username: username, error: reason, status: status)
        }
    }

    enum SignIn {
        case success(token: String)
        case failure(HTTPResponseStatus, String)
    }

    /// Throttle, check the password, start a session and record it. Shared by the page and the API.
    private func signIn(_ req: Request, username: String, password: String) async throws -> SignIn {
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        if username.trimmingCharacters(in: .whitespaces).isEmpty || password.isEmpty {
            return .failure(.badRequest, "请输入用户名和密码")
        }
        // counted before the password is checked, so parallel guesses cannot all get through
        let attempt = try await LoginThrottle.begin(username: username, address: address, on: req.db)
        if let wait = attempt.wait {
            return .failure(.tooManyRequests, "登录失败次数过多，请 \(LoginThrottle.waitText(wait))后再试")
        }
        guard let account = try await accounts.verify(username: username, password: password, on: req.db) else {
            try await LoginThrottle.forgetOld(on: req.db)
            return .failure(.unauthorized, "用户名或密码不正确")
        }
        try await LoginThrottle.succeeded(username: username, address: address, on: req.db)
        let (token, _) = try await SessionStore.start(for: account, on: req.db)
        let user = try await SessionStore.user(forToken: token, on: req.db)
        try await AuditLog.append("login", by: user, subject: account.username, comment: "来自 \(address)", on: req.db)
        return .success(token: token)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await SessionStore.end(user.sessionID, on: req.db)
        try await AuditLog.append("logout", by: user, subject: user.username, on: req.db)
        let res = req.redirect(to: SitePath.login.path, redirectType: .normal)
        res.cookies[SessionStore.cookieName] = .expired
        return res
    }

    struct PasswordPage: Encodable {
        var title = "修改密码"
        var action = SitePath.password.path
        var error: String?
        var done: Bool
        /// The administrator reset the password: the page says why it is shown.
        var forced = false
    }

    @Sendable func passwordPage(req: Request) async throws -> View {
        try await req.page("password", PasswordPage(error: nil, done: false, forced: try req.requireUser().mustChangePassword))
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await change(req, current: form.current ?? "", new: form.new ?? "", confirm: form.confirm ?? form.new ?? "")
        } catch Accounts.Failure.invalid(let why) {
            let res = try await req.page(
                "password", PasswordPage(error: why, done: false, forced: try req.requireUser().mustChangePassword)
            )
            .encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
        return try await req.page("password", PasswordPage(error: nil, done: true)).encodeResponse(for: req)
    }

    /// Changes the password and ends the account's other sessions (a stolen session dies with the old password).
    private func change(_ req: Request, current: String, new: String, confirm: String) async throws {
        let user = try req.requireUser()
        guard let account = try await AccountRecord.find(user.id, on: req.db) else { throw Abort(.unauthorized) }
        // the current password is a password check like sign-in's: throttled the same way
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let attempt = try await LoginThrottle.begin(username: user.username, address: address, on: req.db)
        if let wait = attempt.wait {
            throw Abort(.tooManyRequests, reason: "修改密码：尝试次数过多，请 \(LoginThrottle.waitText(wait))后再试")
        }
        do {
            try await accounts.changePassword(account, current: current, new: new, confirm: confirm, on: req.db)
        } catch Accounts.Failure.wrongPassword {
            throw Accounts.Failure.invalid("当前密码不正确")
        } catch {
            // the current password was right: this attempt was no guess
            try await LoginThrottle.succeeded(username: user.username, address: address, on: req.db)
            throw error
        }
        try await LoginThrottle.succeeded(username: user.username, address: address, on: req.db)
        try await SessionStore.endOthers(of: user.id, keeping: user.sessionID, on: req.db)
        try await AuditLog.append("password", by: user, subject: user.username, on: req.db)
    }

    // MARK: API

    struct LoginRequest: Content { var username: String; var password: String }

    struct SessionDTO: Content {
        var username: String
        var name: String
        var role: String
        var roleLabel: String
        var organisation: String
        /// Send it back as the `X-CSRF-Token` header with every change.
        var csrfToken: String

        init(_ u: CurrentUser) {
            username = u.username; name = u.name; role = u.role.rawValue; roleLabel = u.role.label
            organisation = u.organisationName; csrfToken = u.csrfToken
        }
    }

    /// Needs a JSON body: a cross-site form cannot send one, so this needs no CSRF token.
    @Sendable func apiLogin(req: Request) async throws -> Response {
        guard req.headers.contentType == .json else {
            throw Abort(.unsupportedMediaType, reason: "登录：请求正文应为 JSON：{\"username\": …, \"password\": …}")
        }
        let body = try req.decodeJSON(LoginRequest.self, what: "登录")
        switch try await signIn(req, username: body.username, password: body.password) {
        case .success(let token):
            guard let user = try await SessionStore.user(forToken: token, on: req.db) else { throw Abort(.internalServerError) }
            let res = try await SessionDTO(user).encodeResponse(for: req)
            res.cookies[SessionStore.cookieName] = SessionStore.cookie(token, secure: config.secureCookies)
            return res
        case .failure(let status, let reason):
            throw Abort(status, reason: reason)
        }
    }

    @Sendable func apiMe(req: Request) async throws -> SessionDTO { SessionDTO(try req.requireUser()) }

    @Sendable func apiLogout(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await SessionStore.end(user.sessionID, on: req.db)
        try await AuditLog.append("logout", by: user, subject: user.username, on: req.db)
        let res = Response(status: .noContent)
        res.cookies[SessionStore.cookieName] = .expired
        return res
    }

    struct PasswordRequest: Content { var current: String; var new: String }

    @Sendable func apiChangePassword(req: Request) async throws -> Response {
        let body = try req.decodeJSON(PasswordRequest.self, what: "修改密码")
        do {
            try await change(req, current: body.current, new: body.new, confirm: body.new)
        } catch Accounts.Failure.invalid(let why) {
            throw Abort(.unprocessableEntity, reason: "修改密码：\(why)")
        }
        return Response(status: .noContent)
    }
}
