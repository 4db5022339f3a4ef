import Foundation
import Vapor

/// Outermost middleware: gives every request an id, returns it as `X-Request-Id` (the error page shows it
/// too, so a user can quote it), writes one log line when the response is ready and counts the request.
///
/// The line carries the request id, method, route pattern, status, duration and account id — never the
/// path's query, a cookie, a header value, a password or anything from a table.
struct RequestLogMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let id = RequestID.accept(request.id) ?? UUID().uuidString
        request.requestID = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // ChineseErrorMiddleware turns errors into responses; this is only what escaped it
            finish(request, status: 500, id: id, started: started)
            throw error
        }
        response.headers.replaceOrAdd(name: Self.header, value: id)
        finish(request, status: response.status.code, id: id, started: started)
        return response
    }

    private func finish(_ req: Request, status: UInt, id: String, started: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - started
        let route = Self.routePattern(req, status: status)
        req.application.jixiaoMetrics.request(method: req.method.rawValue, route: route, status: status, duration: duration)
        // the line's metadata only when the line is written: at LOG_LEVEL=warning a busy server would
        // otherwise build and format it for every request (4 % of the check API under load) to drop it
        let level: Logger.Level = status >= 500 ? .error : .info
        guard level >= req.logger.logLevel else { return }
        var metadata: Logger.Metadata = [
            "request-id": .string(id), "method": .string(req.method.rawValue), "route": .string(route),
            "status": .stringConvertible(status), "duration_ms": .string(Self.milliseconds(duration)),
        ]
        if let user = req.user { metadata["account"] = .string(user.id.uuidString) }
        req.logger.log(level: level, "request", metadata: metadata)
    }

    /// `12.3`: the duration in milliseconds to one decimal, rounded half up.
    static func milliseconds(_ d: Duration) -> String {
        let tenths = (d.components.seconds * 10_000) + (d.components.attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The registered pattern (`/api/v1/tables/:id`); without a route, `static` when FileMiddleware served
    /// a file from Public/ and `unmatched` otherwise, so unknown paths never become series of their own.
    static func routePattern(_ req: Request, status: UInt) -> String {
        if let route = req.route { return "/" + route.path.map(\.description).joined(separator: "/") }
        return status < 400 ? "static" : "unmatched"
    }
}

enum RequestID {
    /// A client's own `X-Request-Id` is kept when it is short and plain (letters, digits, `-`, `_`, `.`),
    /// so a proxy's id follows the request; anything else is replaced, so it cannot forge log lines.
    static func accept(_ s: String) -> String? {
        guard (8...64).contains(s.utf8.count),
            s.utf8.allSatisfy({
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 || $0 == 46
            })
        else { return nil }
        return s
    }
}

private struct RequestIDKey: StorageKey { typealias Value = String }

extension Request {
    /// This request's id, as logged and sent back in `X-Request-Id`.
    var requestID: String {
        get { storage[RequestIDKey.self] ?? id }
        set { storage[RequestIDKey.self] = newValue }
    }
}
