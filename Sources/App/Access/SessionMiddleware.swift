import Fluent
import Foundation
import Vapor

/// Reads the session cookie, finds the session in the database and sets `req.user`.
/// A request without the cookie costs nothing here, so the stateless tools API stays fast.
///
/// Sessions expire after `SessionStore.idleTimeout` without use; `last_seen_at` is written at most
/// every few minutes, so reading pages does not turn into a database write per request.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = req.cookies[SessionStore.cookieName]?.string, !token.isEmpty {
            req.user = try await SessionStore.user(forToken: token, on: req.db)
        }
        return try await next.respond(to: req)
    }
}

/// Pages and API routes that need a signed-in account. Pages send the browser to 登录 and back;
/// the API answers 401 in Chinese.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.user != nil else {
            if req.url.path.hasPrefix("/api/") { throw Abort(.unauthorized, reason: "请先登录（POST /api/v1/session）") }
            let back = req.method == .GET ? req.url.string : SitePath.home.path
            var comps = URLComponents()
            comps.path = SitePath.login.path
            comps.queryItems = [URLQueryItem(name: "next", value: back)]
            return req.redirect(to: comps.string ?? SitePath.login.path, redirectType: .normal)
        }
        // a password the administrator reset is changed before anything else (signing out stays possible)
        if req.user?.mustChangePassword == true,
            ![SitePath.password.path, SitePath.logout.path, SitePath.api(.session).path, SitePath.api(.sessionPassword).path]
                .contains(req.url.path)
        {
            if req.url.path.hasPrefix("/api/") {
                throw Abort(.forbidden, reason: "管理员已重置您的密码：请先修改密码（PUT /api/v1/session/password）")
            }
            return req.redirect(to: SitePath.password.path, redirectType: .normal)
        }
        return try await next.respond(to: req)
    }
}
