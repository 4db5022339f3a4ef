import Vapor

/// Headers every answer carries: no framing by other sites (a hidden frame could trick a reviewer into
/// pressing 批复), no MIME sniffing of user files, and no page address leaked to other sites.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: "frame-ancestors 'none'")
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return res
    }
}
