import Foundation
import GoalCore
import Testing
import TestSupport
import VaporTesting
@testable import App

extension Scenarios {
    /// Deleted tables stay restorable for the window, then are removed for good; live ones are never touched.
    static func purgeExpired(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let a = try await app.create(sampleTable(unit: "甲"))
            let b = try await app.create(sampleTable(unit: "乙"))
            let live = try await app.create(sampleTable(unit: "丙"))
            for id in [a.summary.id, b.summary.id] {
                #expect(
                    try await app.send(.DELETE, try await app.versioned(SitePath.api(.table(.value(id))).path, id)).status == .ok)
            }
            // a deleted table is gone from its page and from the API at once
            #expect(try await app.send(.GET, SitePath.table(.value(a.summary.id)).path).status == .notFound)
            #expect(try await app.send(.GET, SitePath.api(.table(.value(a.summary.id))).path).status == .notFound)
            #expect(try await app.send(.GET, SitePath.table(.value(live.summary.id)).path).status == .ok)
            // within the window nothing goes, and a deleted table can still come back
            #expect(try await TableStore.purgeExpired(window: 600, on: app.db) == 0)
            #expect(try await TableStore.count(on: app.db) == 3)

            // eleven minutes later both deleted rows are gone for good, the live one stays
            let later = Date().addingTimeInterval(660)
            #expect(try await TableStore.purgeExpired(window: 600, now: later, on: app.db) == 2)
            #expect(try await TableStore.count(on: app.db) == 1)
            #expect(try await TableStore.list(in: .all, on: app.db).map(\.id) == [live.summary.id])
            let restore = try await app.send(.POST, SitePath.api(.tableRestore(.value(a.summary.id))).path + "?version=1")
            #expect(restore.status == .notFound)
            #expect(restore.reason.contains("找不到目标表"))
        }
    }
}

@Suite("删除超过恢复期的表被清除")
struct PurgeTests {
    // the SQLite and PostgreSQL runs of Scenarios.purgeExpired are in PersistenceScenarios.swift's suites

    @Test("启动时清除过期的已删除表")
    func atStartup() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-purge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = AppConfig.Database.sqliteFile(dir.path + "/jixiao.sqlite")
        // the same file opened twice, as two server starts; no revert in between
        func start(window: TimeInterval, _ body: (Application) async throws -> Void) async throws {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .warning
            do {
                try await configure(
                    app,
                    AppConfig(
                        rootDirectory: SharedFiles.packageRoot.path, database: database,
                        restoreWindow: window, bcryptCost: 4))
                try await TestWorld.build(on: app.db)
                try await body(app)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
        try await start(window: 600) { (app: Application) async throws in
            let kept = try await app.create(sampleTable(unit: "留下"))
            let gone = try await app.create(sampleTable(unit: "删除"))
            try await TableStore.delete(
                gone.summary.id, expectedVersion: gone.summary.version, by: try await app.user(.fillerA), on: app.db)
            #expect(try await TableStore.count(on: app.db) == 2)
            #expect(kept.summary.version == 1)
        }
        // a restore window of zero: the deleted table has expired by the next start
        try await start(window: 0) { (app: Application) async throws in
            #expect(try await TableStore.count(on: app.db) == 1)
            #expect(try await TableStore.list(in: .all, on: app.db).map(\.printedUnit) == ["留下"])
        }
    }
}
