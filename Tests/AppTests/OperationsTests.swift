import Fluent
import Foundation
import GoalCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// Issue #17: health, readiness, metrics, the request id, backups, export and import.
@Suite("运维：健康检查、指标、请求编号")
struct OperationsTests {
    static let token = "metrics-token-0123456789"

    @Test("/healthz answers; /readyz is ready when migrated, not when unmigrated or the database is gone")
    func healthAndReadiness() async throws {
        try await withJixiao { app in
            let health = try await app.send(.GET, "/healthz", as: nil)
            #expect(health.status == .ok && health.body.string == "ok\n")
            let ready = try await app.send(.GET, "/readyz", as: nil)
            #expect(ready.status == .ok)
            #expect(try ready.content.decode(Readiness.Report.self) == .init(ready: true, database: "ok", pendingMigrations: []))

            // unmigrated: every migration this build knows is pending
            try await app.autoRevert()
            let unmigrated = try await app.send(.GET, "/readyz", as: nil)
            #expect(unmigrated.status == .serviceUnavailable)
            let report = try unmigrated.content.decode(Readiness.Report.self)
            #expect(!report.ready && report.pendingMigrations == JixiaoMigrations.all.map(\.name))
            #expect(try await app.send(.GET, "/healthz", as: nil).status == .ok)
            try await app.autoMigrate()

            // database gone: a file SQLite cannot open becomes the default database
            app.databases.use(
                .sqlite(.file("/nonexistent-jixiao-\(UUID().uuidString)/db.sqlite")), as: .init(string: "down"), isDefault: true)
            let down = try await app.send(.GET, "/readyz", as: nil)
            #expect(down.status == .serviceUnavailable)
            #expect(try down.content.decode(Readiness.Report.self).database.hasPrefix("数据库无法访问"))
            #expect(try await app.send(.GET, "/healthz", as: nil).status == .ok)
            app.databases.default(to: .sqlite)
            #expect(try await app.send(.GET, "/readyz", as: nil).status == .ok)
        }
    }

    @Test("/metrics: not served without a configured token; refused without the token; counts after a few requests")
    func metrics() async throws {
        try await withJixiao { app in
            let off = try await app.send(.GET, "/metrics", as: nil)
            #expect(off.status == .notFound)
        }
        try await withJixiao(adjust: { $0.metricsToken = Self.token }) { app in
            let id = try await app.create(sampleTable()).summary.id
            _ = try await app.send(.GET, "/healthz", as: nil)
            _ = try await app.send(.GET, "/healthz", as: nil)
            _ = try await app.send(.GET, SitePath.api(.table(.value(id))).path)
            _ = try await app.send(.POST, "/api/v1/check", raw: "{}", as: nil)
            _ = try await app.send(
                .POST, SitePath.api(.session).path, json: ["username": "t_fillera", "password": "wrong-password-1"], as: nil)

            #expect(try await app.send(.GET, "/metrics", as: nil).status == .unauthorized)
            #expect(
                try await app.send(.GET, "/metrics", as: nil, headers: ["Authorization": "Bearer wrong-token-0123456789"]).status
                    == .unauthorized)
            let res = try await app.send(.GET, "/metrics", as: nil, headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "plain")
            let text = res.body.string
            #expect(
                text.contains(#"jixiao_http_requests_total{method="GET",route="/healthz",status="200"} 2"#),
                "\(text.prefix(3000))")
            // the route pattern, not the path: one series for every table
            #expect(text.contains(#"route="/api/v1/tables/:id",status="200"} 1"#))
            #expect(!text.contains(id.uuidString))
            #expect(text.contains(#"jixiao_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="#))
            #expect(text.contains(#"jixiao_operations_total{operation="check",outcome="refused"} 1"#))
            #expect(text.contains(#"jixiao_operation_duration_seconds_count{operation="check"} 1"#))
            #expect(text.contains(#"jixiao_sign_in_failures_total{status="401"} 1"#))
            #expect(text.contains(#"jixiao_workflow_rows{phase="goals",state="draft"} 1"#))
            // the database pool: its size and how long a connection and SELECT 1 take now (answered: not -1)
            #expect(text.contains("jixiao_db_pool_connections "))
            let ping = text.split(separator: "\n").first { $0.hasPrefix("jixiao_db_acquire_and_ping_seconds ") }
            let seconds = try #require(ping.flatMap { Double($0.split(separator: " ").last ?? "") })
            #expect(seconds >= 0 && seconds < 5)
        }
    }

    @Test("every response carries X-Request-Id; the Chinese error page shows it; a forged id is replaced")
    func requestID() async throws {
        try await withJixiao { app in
            let page = try await app.send(.GET, "/no-such-page", as: nil)
            #expect(page.status == .notFound)
            let id = try #require(page.headers.first(name: "X-Request-Id"))
            #expect(id.count >= 8)
            #expect(page.body.string.contains("请求编号：<code>\(id)</code>"))

            let api = try await app.send(.GET, SitePath.api(.table(.value(UUID()))).path)
            #expect(api.status == .notFound && api.headers.first(name: "X-Request-Id") != nil)

            // a proxy's plain id is kept, so one id follows the request through both logs
            let kept = try await app.send(.GET, "/healthz", as: nil, headers: ["X-Request-Id": "lb-7f3a9c21"])
            #expect(kept.headers.first(name: "X-Request-Id") == "lb-7f3a9c21")
            let forged = try await app.send(.GET, "/no-such-page", as: nil, headers: ["X-Request-Id": "<b>x</b> injected"])
            let replaced = try #require(forged.headers.first(name: "X-Request-Id"))
            #expect(replaced != "<b>x</b> injected" && !forged.body.string.contains("<b>x</b>"))
        }
    }

    @Test("the log line's duration_ms: milliseconds to one decimal, as printf's %.1f writes them")
    func durationInTheLogLine() {
        #expect(RequestLogMiddleware.milliseconds(.zero) == "0.0")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(1_260)) == "1.3")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(940)) == "0.9")
        #expect(RequestLogMiddleware.milliseconds(.seconds(12) + .microseconds(40)) == "12000.0")
        for micros in [1, 49, 51, 999, 12_345, 99_999, 1_000_049] {
            let d = Duration.microseconds(micros)
            #expect(RequestLogMiddleware.milliseconds(d) == String(format: "%.1f", Double(micros) / 1000), "\(micros) µs")
        }
    }

    @Test("RequestID.accept: short plain ids only")
    func requestIDRule() {
        #expect(RequestID.accept("3F2504E0-4F89-11D3-9A0C-0305E82C3301") != nil)
        #expect(RequestID.accept("short") == nil)
        #expect(RequestID.accept("a b c d e f g h") == nil)
        #expect(RequestID.accept(String(repeating: "a", count: 65)) == nil)
    }
}

@Suite("运维：备份、恢复、导出、导入（SQLite）")
struct BackupAndMoveTests {
    @Test("backup of a running SQLite server while it saves; restore puts that state back")
    func backupAndRestore() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withJixiao(database: .sqliteFile(dir.path + "/live.sqlite")) { app in
            let first = try await app.create(sampleTable(name: "备份前的指标"))
            // saves go on while the backup is taken
            let backupPath = dir.path + "/backups/jixiao.sqlite"
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<5 { group.addTask { _ = try await app.create(sampleTable(name: "并发\(i)")) } }
                group.addTask { try await SQLiteBackup.backup(app.db, to: backupPath) }
                try await group.waitForAll()
            }
            #expect(FileManager.default.fileExists(atPath: backupPath))
            // the same name twice is refused: a backup is never overwritten
            await #expect(throws: SQLiteBackup.Failure.self) { try await SQLiteBackup.backup(app.db, to: backupPath) }

            // a quiet moment: a second backup, and the state it must bring back
            let quietPath = dir.path + "/backups/quiet.sqlite"
            try await SQLiteBackup.backup(app.db, to: quietPath)
            let atBackup = try await snapshot(app.db)
            #expect(atBackup.tables.count == 6)

            // after the backup: a table deleted, another created
            _ = try await app.send(
                .DELETE, try await app.versioned(SitePath.api(.table(.value(first.summary.id))).path, first.summary.id))
            _ = try await app.create(sampleTable(name: "备份后的指标"))
            #expect(try await snapshot(app.db) != atBackup)

            let counts = try await SQLiteBackup.restore(app.db, from: quietPath)
            #expect(counts["goal_tables"] == 6)
            let restored = try await snapshot(app.db)
            #expect(restored == atBackup)
            #expect(try await TableStore.find(first.summary.id, on: app.db)?.table.indicators[1].name == "备份前的指标")

            // the backup taken during the saves is consistent: each table it has, it has with its trail
            _ = try await SQLiteBackup.restore(app.db, from: backupPath)
            let during = try await snapshot(app.db)
            #expect(during.tables.contains { $0.id == first.summary.id })
            for t in during.tables { #expect(during.events.contains { $0.table == t.id && $0.action == "create" }) }
            #expect(Set(during.events.compactMap(\.table)).isSubset(of: Set(during.tables.map(\.id))))
            // still ready, and the app works on the restored data
            #expect(try await app.send(.GET, "/readyz", as: nil).status == .ok)
            _ = try await app.create(sampleTable(name: "恢复后新建"))
        }
    }

    @Test("export → import, SQLite to SQLite: every table, version, phase, audit entry, organisation and account")
    func exportImport() async throws { try await MoveScenario.move(from: .sqliteMemory, to: .sqliteMemory) }

    @Test("export without hashes: accounts.json carries none, and an imported account cannot sign in until reset")
    func noPasswordHashes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withJixiao { app in
            _ = try await app.create(sampleTable())
            try await DataExport.export(app.db, to: dir)
            // a non-empty folder is never written into
            await #expect(throws: DataExport.Failure.self) { try await DataExport.export(app.db, to: dir) }
            // and an export is never imported over data
            await #expect(throws: DataExport.Failure.self) { try await DataImport.run(app.db, from: dir) }
        }
        let accounts = try String(contentsOf: dir.appendingPathComponent("accounts.json"), encoding: .utf8)
        #expect(!accounts.contains("$2b$") && !accounts.contains("$2a$"))
        let csv = try String(contentsOf: dir.appendingPathComponent("accounts.csv"), encoding: .utf8)
        #expect(csv.contains("用户名,姓名,角色,机构,启用,id\r\n"))
        let audit = try String(contentsOf: dir.appendingPathComponent("audit.csv"), encoding: .utf8)
        #expect(audit.contains("新建"))
        try await withJixiao(world: false) { app in
            _ = try await DataImport.run(app.db, from: dir)
            let res = try await app.send(
                .POST, SitePath.api(.session).path,
                json: ["username": Persona.fillerA.username, "password": Persona.password], as: nil)
            #expect(res.status == .unauthorized)
        }
    }
}

/// What an export must carry over, read the same way from either database.
struct DatabaseSnapshot: Equatable {
    struct Table: Equatable {
        var id: UUID; var version: Int; var status: String; var evaluation: String; var deleted: Bool; var adjusts: UUID?;
        var table: GoalTable
    }
    struct Event: Equatable {
        var id: UUID; var action: String; var subject: String; var table: UUID?; var before: String?; var after: String?;
        var at: Int
    }
    var tables: [Table]
    var events: [Event]
    var phases: [DataExport.PhaseRow]
    var organisations: [String]
    var accounts: [String]
    var facts: Int
    /// 运行监控: each round and each entry with its state, version and what was entered.
    var monitoring: [String]
}

func snapshot(_ db: any Database) async throws -> DatabaseSnapshot {
    let tables = try await GoalTableRecord.query(on: db).withDeleted().sort(\.$id).all().map { r in
        DatabaseSnapshot.Table(
            id: try r.requireID(), version: r.version, status: r.status, evaluation: r.evaluationStatus,
            deleted: r.deletedAt != nil, adjusts: r.adjustsID,
            table: try JSONDecoder().decode(GoalTable.self, from: Data(r.document.utf8)))
    }
    let events = try await AuditEventRecord.query(on: db).sort(\.$id).all().map { e in
        DatabaseSnapshot.Event(
            id: try e.requireID(), action: e.action, subject: e.subject, table: e.tableID, before: e.before,
            after: e.after, at: Int(e.at.timeIntervalSince1970))
    }
    let sql = try #require(db as? any SQLDatabase)
    let phases = try await sql.raw("SELECT table_id, phase, period, state, version, updated_at FROM table_phases")
        .all(decoding: DataExport.PhaseRow.self)
        .map {
            var p = $0; p.updatedAt = Date(timeIntervalSince1970: p.updatedAt.timeIntervalSince1970.rounded(.down)); return p
        }
        .sorted { ($0.tableID.uuidString, $0.phase, $0.period) < ($1.tableID.uuidString, $1.phase, $1.period) }
    let orgs = try await OrganisationRecord.query(on: db).all().map {
        "\($0.id!)|\($0.code ?? "")|\($0.name)|\($0.kind)|\($0.path)"
    }.sorted()
    let accounts = try await AccountRecord.query(on: db).all().map {
        "\($0.id!)|\($0.username)|\($0.role)|\($0.organisationID)|\($0.active)"
    }.sorted()
    struct N: Decodable { var n: Int }
    let facts = try await sql.raw("SELECT COUNT(*) AS n FROM indicator_facts").first(decoding: N.self)?.n ?? 0
    let monitoring =
        try await MonitoringRoundRecord.query(on: db).all().map {
            "round|\($0.id!)|\($0.title)|\($0.scope)|\(Int($0.dueAt.timeIntervalSince1970))|\($0.profile)"
        }
        + MonitoringEntryRecord.query(on: db).all().map {
            "entry|\($0.id!)|\($0.roundID)|\($0.tableID)|\($0.status)|\($0.rectification)|\($0.version)|\($0.entered ?? "")|\($0.light ?? "")"
        }
    return DatabaseSnapshot(
        tables: tables, events: events, phases: phases, organisations: orgs, accounts: accounts, facts: facts,
        monitoring: monitoring.sorted())
}

enum MoveScenario {
    /// A year's worth of history in `from` (approved, adjusted, superseded, deleted), exported, imported into
    /// an empty `to`, compared row by row; the accounts sign in there with their passwords.
    static func move(from: AppConfig.Database, to: AppConfig.Database) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-move-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var before: DatabaseSnapshot?
        var draftID: UUID?
        var liveID: UUID?
        try await withJixiao(database: from) { app in
            let approved = try await app.create(sampleTable(name: "满意度"))
            try await app.approve(approved.summary.id)
            let adjustment = try await app.act(.adjust, approved.summary.id, as: .fillerA)
            try await app.approve(adjustment.summary.id)
            let deleted = try await app.create(sampleTable(name: "将删除"))
            _ = try await app.send(
                .DELETE, try await app.versioned(SitePath.api(.table(.value(deleted.summary.id))).path, deleted.summary.id))
            let draftC = try await app.create(sampleTable(name: "草稿=1+1"), as: .fillerC)
            draftID = draftC.summary.id
            // a monitoring round with an entry filled and handed in
            _ = try await app.postForm(
                SitePath.monitoringRounds.path,
                [
                    "year": "2026", "period": "7", "kind": "self", "due": MonitoringTests.day(10), "scope": "all",
                ], as: .finance)
            let entry = try #require(try await MonitoringEntryRecord.query(on: app.db).first())
            let ids = try #require(try await TableStore.find(entry.tableID, on: app.db)).table.indicators.compactMap(\.id)
            _ = try await app.postForm(
                SitePath.monitoringEntry(.value(entry.id!)).path,
                ["version": "1", MonitoringEntryForm.indicatorField(ids[0], "completed"): "70"])
            _ = try await app.postForm(SitePath.monitoringEntryAction(.value(entry.id!), .value(.submit)).path, ["version": "2"])
            // 佐证材料 and a 自评报告 draft on the approved adjustment (issue #21)
            let live = adjustment.summary.id
            liveID = live
            #expect(try await EvidenceTests.upload(app, live, name: "验收报告.pdf", EvidenceTests.pdf).status == .seeOther)
            _ = try await app.postForm(SitePath.tableReport(.value(live)).path, ["basic": "迁移前写下的基本情况。"])
            before = try await snapshot(app.db)
            let m = try await DataExport.export(app.db, to: dir, withPasswordHashes: true)
            #expect(m.counts["goal_tables"] == 4)
            #expect(m.counts["evidence_files"] == 1 && m.counts["report_drafts"] == 1)
        }
        let expected = try #require(before)
        #expect(expected.tables.contains { $0.status == "superseded" } && expected.tables.contains(where: \.deleted))
        try await withJixiao(database: to, world: false) { app in
            #expect(try await Readiness.check(app.db).ready)
            _ = try await DataImport.run(app.db, from: dir)
            let after = try await snapshot(app.db)
            #expect(after.tables == expected.tables)
            #expect(after.events == expected.events)
            #expect(after.phases == expected.phases)
            #expect(after.organisations == expected.organisations)
            #expect(after.accounts == expected.accounts)
            #expect(after.facts == expected.facts)
            #expect(after.monitoring == expected.monitoring)
            #expect(expected.monitoring.contains { $0.hasPrefix("entry|") && $0.contains("|confirmed|") })
            // exported with hashes: people sign in on the new database as before, and see their tables
            let list = try await app.send(.GET, SitePath.api(.tables).path, as: .fillerC)
            let draft = try #require(draftID).uuidString
            #expect(list.status == .ok && list.body.string.contains(draft))
            // the evidence is served from the new database, byte for byte, and the report keeps its words
            let live = try #require(liveID)
            let file = try #require(try await EvidenceRecord.query(on: app.db).first())
            let got = try await app.send(.GET, SitePath.tableEvidenceFile(.value(live), .value(try file.requireID())).path)
            #expect(got.status == .ok && Data(buffer: got.body) == EvidenceTests.pdf)
            #expect(try await ReportDrafts.load(of: live, on: app.db).texts[.basic] == "迁移前写下的基本情况。")
        }
    }
}
