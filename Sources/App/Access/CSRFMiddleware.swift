import Foundation
import Vapor

/// Every change made with a session cookie must carry the session's CSRF token: the `_csrf` field of a
/// form, or the `X-CSRF-Token` header of a script or API client. Another site can make a browser send
/// the cookie, but cannot read the token, so it cannot forge a change.
struct CSRFMiddleware: AsyncMiddleware {
    static let header = "X-CSRF-Token"
    static let field = "_csrf"
    let maxBodyBytes: Int

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method), let user = req.user else {
            return try await next.respond(to: req)
        }
        var sent = req.headers.first(name: Self.header)
        if sent == nil, req.headers.contentType == .urlEncodedForm || req.headers.contentType?.type == "multipart" {
            // the field is inside the body: collect it now (the route reads the same collected body)
            _ = try await req.body.collect(max: maxBodyBytes).get()
            sent = try? req.content.get(String.self, at: Self.field)
        }
        guard let sent, Self.same(sent, user.csrfToken) else {
            throw Abort(.forbidden, reason: "安全校验失败：页面已过期或请求缺少安全令牌（CSRF），请刷新页面后重试")
        }
        return try await next.respond(to: req)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
