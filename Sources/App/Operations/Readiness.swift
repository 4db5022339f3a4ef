import Fluent
import Foundation
import Vapor

/// `/healthz` and `/readyz` for load balancers and orchestrators. Both are open (no account) and cheap:
/// healthz touches nothing; readyz reads the migration log once, a table of a few rows.
struct HealthController {
    func register(_ app: any RoutesBuilder) {
        // the process answers: nothing else is checked, so a slow database never makes an instance look dead
        app.get(SitePath.healthz.pathComponents) { _ in
            Response(
                status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"],
                body: .init(string: "ok\n"))
        }
        // ready for traffic: the database answers and has run every migration this build knows
        app.get(SitePath.readyz.pathComponents) { req async -> Response in
            let report = await Readiness.check(req.db)
            let res = Response(
                status: report.ready ? .ok : .serviceUnavailable,
                headers: ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store"])
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            res.body = .init(data: (try? e.encode(report)) ?? Data())
            return res
        }
    }
}

/// Whether this instance should get traffic.
enum Readiness {
    struct Report: Codable, Sendable, Equatable {
        var ready: Bool
        /// `ok`, or why not (Chinese, for the operator reading the load balancer's log).
        var database: String
        /// Migrations this build has that the database has not run (another instance may be migrating).
        var pendingMigrations: [String]
    }

    static func check(_ db: any Database) async -> Report {
        let known = JixiaoMigrations.all.map(\.name)
        do {
            let ran = Set(try await MigrationLog.query(on: db).all().map(\.name))
            let pending = known.filter { !ran.contains($0) }
            return Report(
                ready: pending.isEmpty, database: pending.isEmpty ? "ok" : "数据库结构不是最新：有 \(pending.count) 个迁移未执行",
                pendingMigrations: pending)
        } catch {
            // the error's text names the host or file; it says nothing about the data
            return Report(
                ready: false, database: "数据库无法访问：\(String(describing: error).prefix(200))",
                pendingMigrations: known)
        }
    }
}
