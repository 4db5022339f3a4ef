import Fluent
import NIOCore
import SQLKit
import Vapor

/// SQLite chooses an index from the statistics only `ANALYZE` writes; a server that never runs it
/// plans a province's 首页 as if every table were empty. PostgreSQL's autovacuum keeps its own
/// statistics, so this is SQLite's alone.
///
/// Run once the migrations have run and then every hour: `analysis_limit` makes `ANALYZE` read a
/// sample of each index (a few milliseconds at 100,000 tables) rather than all of it. The statistics
/// are stored in the file, and every pooled connection reloads them when they change.
enum PlannerStatistics {
    static let interval: TimeAmount = .hours(1)

    static func refresh(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA analysis_limit = 1000").run()
        try await sql.raw("ANALYZE").run()
    }

    /// Refreshes now, then every `interval` until the application shuts down.
    static func keepFresh(_ app: Application) async throws {
        try await refresh(app.db)
        guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        let db = app.db, logger = app.logger
        let task = app.eventLoopGroup.any().scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            Task {
                do { try await refresh(db) } catch { logger.warning("统计信息更新失败：\(String(describing: error))") }
            }
        }
        app.storage[Key.self] = task
        app.lifecycle.use(Stop())
    }

    struct Key: StorageKey { typealias Value = RepeatedTask }

    struct Stop: LifecycleHandler {
        func shutdown(_ application: Application) { application.storage[Key.self]?.cancel() }
    }
}
