import Fluent
import Foundation
import Prometheus
import SQLKit
import Vapor

/// The server's metrics, in one Prometheus registry per application (not the global `MetricsSystem`,
/// so tests that boot several applications in one process never share counters).
final class JixiaoMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Latency buckets: a page renders in milliseconds, an upload may take seconds.
    static let requestBuckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map {
        .nanoseconds(Int64($0 * 1e9))
    }

    /// One request: counted by method, route pattern and status, timed by method and route pattern.
    /// `route` is the registered pattern (`/api/v1/tables/:id`), never the path, so ids do not multiply series.
    func request(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "jixiao", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests by method, route pattern and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "jixiao", metricName: "http_request_duration", unitName: "seconds",
                helpText: "HTTP request latency by method and route pattern"),
            labels: [("method", method), ("route", route)], buckets: Self.requestBuckets
        ).record(duration)
        if let op = Operation.of(method: method, route: route) {
            let outcome = status < 400 ? "ok" : (status < 500 ? "refused" : "error")
            registry.makeCounter(
                descriptor: .init(
                    namespace: "jixiao", metricName: "operations", unitName: "total",
                    helpText: "Imports, checks and scores by outcome (ok, refused, error)"),
                labels: [("operation", op.rawValue), ("outcome", outcome)]
            ).increment()
            registry.makeDurationHistogram(
                descriptor: .init(
                    namespace: "jixiao", metricName: "operation_duration", unitName: "seconds",
                    helpText: "Duration of imports, checks and scores"),
                labels: [("operation", op.rawValue)], buckets: Self.requestBuckets
            ).record(duration)
        }
        if SignIn.isFailure(method: method, route: route, status: status) {
            registry.makeCounter(
                descriptor: .init(
                    namespace: "jixiao", metricName: "sign_in_failures", unitName: "total",
                    helpText: "Failed sign-ins by status (400 empty, 401 wrong password, 403 stale form, 429 throttled)"),
                labels: [("status", String(status))]
            ).increment()
        }
    }

    /// Rows of `table_phases` in each phase and state, read when scraped (a grouped count over an index).
    func refreshWorkflowGauges(_ db: any Database) async {
        guard let sql = db as? any SQLDatabase else { return }
        struct Row: Decodable { var phase: String; var state: String; var n: Int }
        guard
            let rows = try? await sql.raw("SELECT phase, state, COUNT(*) AS n FROM table_phases GROUP BY phase, state")
                .all(decoding: Row.self)
        else { return }
        for r in rows {
            registry.makeGauge(
                descriptor: .init(
                    namespace: "jixiao", metricName: "workflow_rows", unitName: "",
                    helpText: "Goal tables in each workflow phase and state"),
                labels: [("phase", r.phase), ("state", r.state)]
            ).set(to: Double(r.n))
        }
    }

    /// The database pool as Prometheus sees it: its size (connections per event loop × loops), and how long
    /// taking a connection and answering `SELECT 1` takes right now — near zero while connections are free,
    /// rising when every connection is busy and requests queue for one (the pool's own counters are private).
    func refreshDatabaseGauges(_ db: any Database, poolSize: Int) async {
        registry.makeGauge(
            descriptor: .init(
                namespace: "jixiao", metricName: "db_pool_connections", unitName: "",
                helpText: "Database connections this instance may open (per event loop x event loops)")
        ).set(to: Double(poolSize))
        guard let sql = db as? any SQLDatabase else { return }
        let start = ContinuousClock.now
        let answered = (try? await sql.raw("SELECT 1").run()) != nil
        let waited = ContinuousClock.now - start
        registry.makeGauge(
            descriptor: .init(
                namespace: "jixiao", metricName: "db_acquire_and_ping", unitName: "seconds",
                helpText: "Time to take a pooled connection and run SELECT 1, at the last scrape (-1: no answer)")
        ).set(to: answered ? Double(waited.components.attoseconds) / 1e18 + Double(waited.components.seconds) : -1)
    }

    func text() -> String { registry.emitToString() }

    /// The heavy operations worth their own series, named by the route that runs them.
    enum Operation: String {
        case `import`, check, score

        static func of(method: String, route: String) -> Operation? {
            guard method == "POST" else { return nil }
            switch route {
            case SitePath.importPreview.pattern, SitePath.importSave.pattern, SitePath.api(.convert).pattern: return .import
            case SitePath.api(.check).pattern: return .check
            case SitePath.api(.score).pattern: return .score
            default: return nil
            }
        }
    }

    enum SignIn {
        /// A sign-in through the page or the API that did not start a session.
        static func isFailure(method: String, route: String, status: UInt) -> Bool {
            guard method == "POST", route == SitePath.login.pattern || route == SitePath.api(.session).pattern else {
                return false
            }
            return [400, 401, 403, 429].contains(status)
        }
    }
}

struct JixiaoMetricsKey: StorageKey { typealias Value = JixiaoMetrics }

extension Application {
    var jixiaoMetrics: JixiaoMetrics {
        if let m = storage[JixiaoMetricsKey.self] { return m }
        let m = JixiaoMetrics()
        storage[JixiaoMetricsKey.self] = m
        return m
    }
}

extension SitePath {
    /// The pattern as `RequestLogMiddleware` reports a matched route: `/tables/:id`.
    var pattern: String { "/" + pathComponents.map(\.description).joined(separator: "/") }
}
