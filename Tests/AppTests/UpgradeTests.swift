import Fluent
import FluentSQLiteDriver
import Foundation
import GoalCore
import GoalWorkflow
import SQLKit
import TestSupport
import Testing
import VaporTesting
@testable import App

/// Issue #14: a database written by the previous release (its schema, its data, written the way it
/// wrote them) upgrades to this one without losing a table, an actual or an audit entry.
@Suite("升级：上一版本的数据库迁移后不丢数据")
struct UpgradeTests {
    @Test("SQLite：四张表（草稿、已批复带实际值、调整中、退回）和审计记录迁移后都在，阶段和指标事实已补齐")
    func sqlite() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.upgrade(.sqliteFile(dir.appendingPathComponent("old.sqlite").path))
    }

    /// One stored row as the previous release wrote it: no printed unit, no phases, no facts, no ids.
    struct OldRow {
        var id = UUID()
        var table: GoalTable
        var status: String
        var evaluation = "draft"
        var version: Int
        var adjusts: UUID?
        var returnComment: String?
    }

    static func upgrade(_ database: AppConfig.Database) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try useDatabase(app, database)
            for m in JixiaoMigrations.previousRelease { app.migrations.add(m) }
            try await app.autoMigrate()
            let db = app.db
            let sql = try #require(db as? any SQLDatabase)

            // the previous release's world: an organisation, an account, four tables and their trail
            // the organisation and the account as that release wrote them (today's models have columns its schema lacks)
            let unit = OrganisationRecord(code: "U1", name: "升级测试单位", kind: .unit, parent: nil)
            try await sql.raw(
                """
                INSERT INTO organisations (id, code, name, kind, parent_id, path, created_at) \
                VALUES (\(bind: try unit.requireID()), 'U1', \(bind: unit.name), 'unit', NULL, \(bind: unit.path), \(bind: Date()))
                """
            ).run()
            let account = AccountRecord()
            account.id = UUID(); account.username = "old_filler"; account.displayName = "老填报人"; account.role = "filler"
            try await sql.raw(
                """
                INSERT INTO accounts (id, username, display_name, password_hash, role, organisation_id, active, created_at, updated_at) \
                VALUES (\(bind: try account.requireID()), 'old_filler', '老填报人', \(bind: try await Accounts.hash("old-password-1", cost: 4)), \
                'filler', \(bind: try unit.requireID()), \(bind: true), \(bind: Date()), \(bind: Date()))
                """
            ).run()
            var withActuals = sampleTable(name: "受益人员满意度")
            withActuals.setActual("120", at: 0)
            withActuals.setActual("93", at: 1)
            withActuals.execution = Execution(budget: 10, spent: 9, weight: 10)
            let approved = OldRow(table: withActuals, status: "approved", version: 6)
            let adjustment = OldRow(
                table: sampleTable(name: "受益人员满意度").goalPart, status: "draft", version: 2, adjusts: approved.id)
            let returned = OldRow(table: sampleTable(unit: "表上另一个名称"), status: "draft", version: 3, returnComment: "请补充指标解释")
            let draft = OldRow(table: sampleTable(), status: "draft", version: 1)
            let rows = [draft, approved, adjustment, returned]
            for r in rows {
                let e = JSONEncoder()
                e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let document = String(decoding: try e.encode(r.table), as: UTF8.self)
                try await sql.raw(
                    """
                    INSERT INTO goal_tables (id, unit, year, kind, title, name, status, version, document, error_count, warning_count, \
                    score, score_max, grade, created_at, updated_at, organisation_id, org_path, evaluation_status, adjusts_id, return_comment) \
                    VALUES (\(bind: r.id), \(bind: r.table.unit), \(bind: r.table.year), \(bind: r.table.kind.rawValue), \(bind: r.table.title), \
                    \(bind: r.table.project?.name ?? ""), \(bind: r.status), \(bind: r.version), \(bind: document), 0, 0, NULL, NULL, NULL, \
                    \(bind: Date()), \(bind: Date()), \(bind: try unit.requireID()), \(bind: unit.path), \(bind: r.evaluation), \
                    \(bind: r.adjusts), \(bind: r.returnComment))
                    """
                ).run()
            }
            let user = CurrentUser(
                id: try account.requireID(), username: account.username, name: account.displayName, role: .filler,
                organisationID: try unit.requireID(), organisationName: unit.name, organisationPath: unit.path,
                sessionID: UUID(), csrfToken: "x")
            // the previous release's trail rows (no change lines yet), each with the snapshot of its table
            for (k, r) in rows.enumerated() {
                let e = JSONEncoder()
                e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let after = """
                    {"status":"\(r.status)","evaluationStatus":"\(r.evaluation)","version":\(r.version),"table":\
                    \(String(decoding: try e.encode(r.table), as: UTF8.self))}
                    """
                try await sql.raw(
                    """
                    INSERT INTO audit_events (id, at, account_id, account_name, role, action, table_id, subject, comment, before, after) \
                    VALUES (\(bind: UUID()), \(bind: Date()), \(bind: user.id), \(bind: user.name), \(bind: "填报人"), \
                    \(bind: k == 0 ? "create" : "import"), \(bind: r.id), \(bind: r.table.project?.name ?? ""), \
                    \(bind: "旧版本第 \(k + 1) 条"), NULL, \(bind: after))
                    """
                ).run()
            }
            let auditBefore = try await AuditEventRecord.query(on: db).count()

            // this release's migrations on top
            for m in JixiaoMigrations.thisRelease { app.migrations.add(m) }
            try await app.autoMigrate()

            // every table, with its state, version, actuals and comment
            #expect(try await TableStore.count(on: db) == rows.count)
            for r in rows {
                let now = try #require(try await TableStore.find(r.id, on: db))
                #expect(now.summary.status == r.status)
                #expect(now.summary.version == r.version)
                #expect(now.summary.returnComment == r.returnComment)
                #expect(now.table.evaluationsByRow.map(\.actual) == r.table.evaluationsByRow.map(\.actual))
                #expect(now.table.execution == r.table.execution)
                // filed under the organisation; the printed name kept
                #expect(now.summary.unit == "升级测试单位")
                #expect(now.table.unit == r.table.unit)
                let phases = try await TablePhases.rows(r.id, on: db)
                #expect(phases.map(\.phase) == ["goals", "self-evaluation"])
                #expect(phases.first?.state == r.status && phases.last?.state == r.evaluation)
            }
            #expect(try await TableStore.find(returned.id, on: db)?.summary.printedUnit == "表上另一个名称")
            // the trail is whole and still append-only
            #expect(try await AuditEventRecord.query(on: db).count() == auditBefore)
            // an old event's change lines are still shown on the table page, worked out from its snapshot
            let oldTrail = try await AuditLog.trail(forTable: approved.id, on: db)
            #expect(oldTrail.map { AuditLog.changeLines($0) } == [["（新建为第 6 版，共 \(withActuals.indicators.count) 项指标）"]])
            // facts for every indicator of every live table, queryable
            #expect(try await IndicatorFacts.count(on: db) == rows.reduce(0) { $0 + $1.table.indicators.count })
            let byLevel = try await IndicatorFacts.countByLevel2(year: 2026, on: db)
            #expect(byLevel.reduce(0) { $0 + $1.n } == 8)
            #expect(byLevel.contains { $0.level2 == "服务对象满意度指标" && $0.n == 4 })

            // the old account still signs in and is not asked to change its password; no unit head step appears
            let old = try await Accounts(cost: 4).verify(username: "old_filler", password: "old-password-1", on: db)
            #expect(old?.displayName == "老填报人")
            #expect(old?.mustChangePassword != true)
            #expect(try await Organisations.wantsHeadConfirmation(path: unit.path, on: db) == false)

            // and the upgraded data works: the old adjustment goes through review and takes the old actuals along
            try await TestWorld.build(on: db)
            let head = try await Self.headOf(unit, on: db)
            let v = try #require(try await TableStore.find(adjustment.id, on: db)).summary.version
            let submitted = try await TableStore.act(
                .submit, on: adjustment.id, by: head, comment: "年中调整：培训人数增加", acknowledgeWarnings: true,
                expectedVersion: v, on: db)
            #expect(submitted.summary.status == "submitted")
            #expect(submitted.summary.version == v) // a workflow step is not a content change
            #expect(submitted.summary.adjustmentReason == "年中调整：培训人数增加")
            try await app.autoRevert()
        } catch {
            try? await app.autoRevert()
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A unit head of `unit` (the test world's accounts belong to other organisations).
    static func headOf(_ unit: OrganisationRecord, on db: any Database) async throws -> CurrentUser {
        let a = try await Accounts(cost: 4).create(
            username: "old_head", name: "老负责人", password: "old-password-2", role: .unitHead,
            organisation: try unit.requireID(), on: db)
        return CurrentUser(
            id: try a.requireID(), username: a.username, name: a.displayName, role: .unitHead,
            organisationID: try unit.requireID(), organisationName: unit.name, organisationPath: unit.path,
            sessionID: UUID(), csrfToken: "x")
    }
}
