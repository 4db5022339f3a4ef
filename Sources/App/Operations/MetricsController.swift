import Foundation
import Vapor

/// `GET /metrics` for Prometheus. Served only when `JIXIAO_METRICS_TOKEN` is set, and then only to a
/// request carrying it as `Authorization: Bearer …`: the counts name routes and states, which a public
/// address should not tell strangers.
struct MetricsController {
    let token: String

    func register(_ app: any RoutesBuilder) {
        let token = self.token
        app.get(SitePath.metrics.pathComponents) { req async throws -> Response in
            guard let sent = req.headers.bearerAuthorization?.token, CSRFMiddleware.same(sent, token) else {
                var headers: HTTPHeaders = ["WWW-Authenticate": "Bearer realm=\"metrics\""]
                headers.contentType = .plainText
                return Response(
                    status: .unauthorized, headers: headers,
                    body: .init(string: "需要令牌：Authorization: Bearer <JIXIAO_METRICS_TOKEN>\n"))
            }
            let metrics = req.application.jixiaoMetrics
            await metrics.refreshWorkflowGauges(req.db)
            let poolPerLoop = req.application.storage[AppConfigKey.self]?.poolPerLoop ?? 1
            await metrics.refreshDatabaseGauges(
                req.db, poolSize: poolPerLoop * req.application.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 })
            return Response(
                status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
                body: .init(string: metrics.text()))
        }
    }
}
