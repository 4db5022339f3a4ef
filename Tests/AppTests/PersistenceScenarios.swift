import Foundation
import GoalCore
import Testing
import VaporTesting
@testable import App

/// The persistence and CRUD stories, run against SQLite always and PostgreSQL when `DATABASE_URL` is set.
enum Scenarios {
    static func createListGet(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let created = try await app.create(sampleTable())
            #expect(created.summary.version == 1)
            // filed under the account's unit; the form's own 预算单位 is kept and shown beside it
            #expect(created.summary.unit == "测试单位甲")
            #expect(created.summary.printedUnit == "测试单位")
            #expect(created.summary.name == "示例培训项目")
            #expect(created.table.indicators.count == 2)

            let list = try await app.send(.GET, SitePath.api(.tables).path)
            #expect(list.status == .ok)
            let rows = try list.content.decode([TableSummaryDTO].self)
            #expect(rows.map(\.id) == [created.summary.id])

            let got = try await app.send(.GET, SitePath.api(.table(.value(created.summary.id))).path)
            #expect(got.status == .ok)
            #expect(try got.content.decode(TableDetailDTO.self).table == created.table)

            let missing = try await app.send(.GET, SitePath.api(.table(.value(UUID()))).path)
            #expect(missing.status == .notFound)
            #expect(missing.reason.contains("找不到目标表"))
        }
    }

    /// The session's read and the table page's, which PostgreSQL runs as statements prepared once per
    /// connection (`PreparedRead`): right on every request, past the fifth (after which PostgreSQL may keep one
    /// plan for every value), for each table asked and only for whoever may see it; on PostgreSQL both are
    /// kept under their names on the connection that ran them.
    static func preparedReads(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let mine = try await app.create(sampleTable(name: "甲单位的指标"))
            let theirs = try await app.create(sampleTable(name: "乙单位的指标"), as: .fillerB)
            for _ in 1...8 {
                let page = try await app.send(.GET, SitePath.table(.value(mine.summary.id)).path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("甲单位的指标"))
                #expect(!page.body.string.contains("乙单位的指标"))
                let other = try await app.send(.GET, SitePath.table(.value(theirs.summary.id)).path, as: .fillerB)
                #expect(other.status == .ok)
                #expect(other.body.string.contains("乙单位的指标"))
                // the same read for a table the account may not see, and for one that does not exist
                let hidden = try await app.send(.GET, SitePath.table(.value(theirs.summary.id)).path)
                #expect(hidden.status == .notFound)
                let missing = try await app.send(.GET, SitePath.table(.value(UUID())).path)
                #expect(missing.status == .notFound)
                // a cookie with no session behind it signs nobody in
                let stranger = try await app.send(
                    .GET, SitePath.table(.value(mine.summary.id)).path, as: nil,
                    headers: ["Cookie": "\(SessionStore.cookieName)=\(SessionStore.randomToken())"])
                #expect(stranger.status != .ok)
                #expect(!stranger.body.string.contains("甲单位的指标"))
            }
            guard case .postgres = db else { return }
            let token = try await app.signIn(.fillerA).token
            let id = mine.summary.id
            let prepared = try await app.db.withConnection { connection in
                // the plan PostgreSQL keeps for every value, for certain on this connection
                try await TablePhases.sql(connection).raw("SET plan_cache_mode = force_generic_plan").run()
                let user = try #require(try await SessionStore.user(forToken: token, on: connection))
                #expect(user.username == Persona.fillerA.username)
                for _ in 1...3 {
                    #expect(try await TableRead.page(id, for: user, on: connection).table.summary.name == "示例培训项目")
                    await #expect(throws: TableStore.Failure.self) {
                        try await TableRead.page(theirs.summary.id, for: user, on: connection)
                    }
                }
                try await TablePhases.sql(connection).raw("RESET plan_cache_mode").run()
                return try await TablePhases.sql(connection).raw(
                    "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'jixiao_%' ORDER BY name"
                ).all().map { row in
                    (try row.decode(column: "name", as: String.self), try row.decode(column: "statement", as: String.self))
                }
            }
            let names = Set(prepared.map(\.0))
            #expect(names.isSuperset(of: ["jixiao_session", "jixiao_table_page"]))
            #expect(prepared.allSatisfy { $0.1.contains("$1") })
        }
    }

    static func updateAndConflict(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let created = try await app.create(sampleTable())
            let id = created.summary.id
            var changed = created.table
            changed.unit = "改名后的单位"
            // the status cannot be changed by a save: that is the workflow's business
            let sneaky = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: changed, status: "approved", version: 1))
            #expect(sneaky.status == .badRequest)
            #expect(sneaky.reason.contains("状态不能在保存时修改"))
            let ok = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: changed, status: "draft", version: 1))
            #expect(ok.status == .ok, "\(ok.body.string)")
            let saved = try ok.content.decode(TableDetailDTO.self)
            #expect(saved.summary.version == 2)
            #expect(saved.table.unit == "改名后的单位")
            #expect(saved.summary.printedUnit == "改名后的单位")
            #expect(saved.summary.unit == "测试单位甲")
            #expect(saved.summary.statusLabel == "草稿")

            // a second editor still holding version 1
            var stale = created.table
            stale.unit = "旧版本的修改"
            let conflict = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: stale, version: 1))
            #expect(conflict.status == .conflict)
            let body = try conflict.content.decode(ConflictDTO.self)
            #expect(body.yourVersion == 1)
            #expect(body.currentVersion == 2)
            #expect(body.current.table.unit == "改名后的单位")
            #expect(body.reason.contains("保存冲突"))

            // nothing was overwritten
            let after = try await TableStore.find(id, on: app.db)
            #expect(after?.table.unit == "改名后的单位")
            #expect(after?.summary.version == 2)
        }
    }

    static func deleteAndRestore(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let created = try await app.create(sampleTable())
            let id = created.summary.id
            // without the version it was made from, a delete is refused (428) and nothing is lost
            #expect(try await app.send(.DELETE, SitePath.api(.table(.value(id))).path).status == .preconditionRequired)
            #expect(try await app.send(.DELETE, SitePath.api(.table(.value(id))).path + "?version=9").status == .conflict)
            let del = try await app.send(.DELETE, SitePath.api(.table(.value(id))).path + "?version=1")
            #expect(del.status == .ok)
            let restoreURL = try del.content.decode(DeletedDTO.self).restore
            #expect(restoreURL == SitePath.api(.tableRestore(.value(id))).path + "?version=1")
            #expect(try await TableStore.list(in: .all, on: app.db).isEmpty)
            #expect(try await app.send(.GET, SitePath.api(.table(.value(id))).path).status == .notFound)
            // 首页 no longer lists it
            #expect(!(try await app.send(.GET, SitePath.home.path).body.string.contains("示例培训项目")))

            let restored = try await app.send(.POST, restoreURL)
            #expect(restored.status == .ok)
            #expect(try await TableStore.list(in: .all, on: app.db).map(\.id) == [id])

            // restoring a live table, and restoring too late
            #expect(try await app.send(.POST, restoreURL).status == .badRequest)
            let filler = try await app.user(.fillerA)
            try await TableStore.delete(id, expectedVersion: 1, by: filler, on: app.db)
            await #expect(throws: TableStore.Failure.self) {
                try await TableStore.restore(
                    id, expectedVersion: 1, window: 600, by: filler, now: Date().addingTimeInterval(601), on: app.db)
            }
        }
    }

    /// A large import is written a batch of tables at a time: every table, its two phases, its facts and its
    /// audit event arrive as saving each on its own writes them (created in the order given, its phases
    /// drafts of version 1, a fact per indicator, one 导入 event naming it), across batch boundaries and for
    /// a table whose facts need several statements.
    static func importInBatches(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            var tables = (0..<(2 * TableStore.insertBatch + 30)).map { i in
                var t = sampleTable(name: "满意度\(i)")
                t.project?.name = "导入项目\(i)"
                return t
            }
            tables[150].indicators = (0..<3_000).map { i in
                Indicator(level1: "产出指标", level2: "数量指标", name: "指标\(i)", type: .atLeast, value: "\(i)", unit: "人")
            }
            let owner = try await app.owner(named: "甲县社会保险服务中心")
            // saved at a whole microsecond, where stamps one microsecond apart came out equal on PostgreSQL
            // (its driver truncates) and the list swapped neighbours
            let ids = try await TableStore.createAll(
                TableStore.New.all(tables, owner: owner), by: nil,
                now: Date(timeIntervalSinceReferenceDate: 818_000_000.000_001), on: app.db)
            #expect(ids.count == tables.count && Set(ids).count == tables.count)
            for i in [0, 99, 100, 150, tables.count - 1] {
                let got = try #require(try await TableStore.find(ids[i], on: app.db))
                #expect(got.summary.name == "导入项目\(i)", "in the order given")
                #expect(got.summary.unit == "甲县社会保险服务中心" && got.summary.version == 1)
                #expect(got.table.indicators.map(\.name) == tables[i].indicators.map(\.name))
                #expect(got.table.indicators.allSatisfy { $0.id != nil }, "every indicator has its id")
                let expected = Analysis.findings([got.table])
                #expect(got.summary.errors == expected.count { $0.severity == .error })
                let trail = try await AuditLog.events(forTable: ids[i], on: app.db)
                #expect(trail.map(\.action) == ["import"])
                #expect(trail.first?.subject == got.summary.name)
                #expect(
                    trail.first.map(AuditLog.changeLines) == [
                        AuditLog.created(version: 1, indicators: tables[i].indicators.count)
                    ])
                struct PhaseRow: Decodable, Equatable { var phase: String; var state: String; var version: Int }
                let phases = try await TablePhases.sql(app.db).raw(
                    "SELECT phase, state, version FROM table_phases WHERE table_id = \(bind: ids[i]) ORDER BY phase"
                ).all(decoding: PhaseRow.self)
                #expect(
                    phases == [
                        .init(phase: "goals", state: "draft", version: 1),
                        .init(phase: "self-evaluation", state: "draft", version: 1),
                    ])
                struct FactRow: Decodable { var table_id: UUID; var row_number: Int; var name: String }
                let facts = try await TablePhases.sql(app.db).raw(
                    "SELECT table_id, row_number, name FROM indicator_facts WHERE table_id = \(bind: ids[i]) ORDER BY row_number"
                ).all(decoding: FactRow.self)
                #expect(facts.map(\.name) == tables[i].indicators.map(\.name))
                #expect(facts.map(\.row_number) == Array(1...tables[i].indicators.count))
            }
            // created (and so listed) in the order given, as one save after another
            struct Made: Decodable { var id: UUID }
            let order = try await TablePhases.sql(app.db).raw(
                "SELECT id FROM goal_tables ORDER BY created_at, updated_at"
            ).all(decoding: Made.self)
            #expect(order.map(\.id) == ids)
            let sql = try TablePhases.sql(app.db)
            struct N: Decodable { var n: Int }
            let phases = try await sql.raw("SELECT COUNT(*) AS n FROM table_phases").first(decoding: N.self)?.n
            #expect(phases == 2 * tables.count)
            #expect(try await IndicatorFacts.count(on: app.db) == tables.reduce(0) { $0 + $1.indicators.count })
        }
    }

    /// Two saves of one import draft at once: the first claims the draft in its transaction, the second
    /// finds it gone and writes nothing.
    static func draftClaimedOnce(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            let owner = try await app.owner(named: "甲县社会保险服务中心")
            let tables = (0..<5).map { i in sampleTable(name: "满意度\(i)") }
            let draft = try await ImportDrafts.keep(GoalDocument(tables: tables), for: UUID(), on: app.db)
            struct Lost: Error {}
            @Sendable func save() async -> Bool {
                let ids = try? await TableStore.createAll(TableStore.New.all(tables, owner: owner), by: nil, on: app.db) {
                    tx in
                    guard try await ImportDrafts.claim(draft, on: tx) else { throw Lost() }
                }
                return ids != nil
            }
            async let a = save()
            async let b = save()
            let saved = await [a, b]
            #expect(saved.filter { $0 }.count == 1, "\(saved)")
            #expect(try await TableStore.list(in: .all, on: app.db).count == tables.count)
        }
    }

    static func derivedColumns(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            var t = sampleTable(name: "满意度")
            t.setActual("80", at: 0)
            t.setActual("95", at: 1)
            let created = try await app.create(t)
            // 50 × 80/100 + 50 = 90: the list shows the score computed by GoalScoring
            #expect(created.summary.score == 90)
            #expect(created.summary.grade == "优")
            let expected = Analysis.findings([t])
            #expect(created.summary.errors == expected.count { $0.severity == .error })
            #expect(created.summary.warnings == expected.count { $0.severity == .warning })
        }
    }
}

@Suite("目标表的保存、冲突、删除（SQLite）")
struct SQLitePersistenceTests {
    @Test func createListGet() async throws { try await Scenarios.createListGet(.sqliteMemory) }
    @Test func preparedReads() async throws { try await Scenarios.preparedReads(.sqliteMemory) }
    @Test func updateAndConflict() async throws { try await Scenarios.updateAndConflict(.sqliteMemory) }
    @Test func deleteAndRestore() async throws { try await Scenarios.deleteAndRestore(.sqliteMemory) }
    @Test func derivedColumns() async throws { try await Scenarios.derivedColumns(.sqliteMemory) }
    @Test func importInBatches() async throws { try await Scenarios.importInBatches(.sqliteMemory) }
    @Test func draftClaimedOnce() async throws { try await Scenarios.draftClaimedOnce(.sqliteMemory) }
    @Test func purgeExpired() async throws { try await Scenarios.purgeExpired(.sqliteMemory) }

    @Test("SQLite 文件路径不存在时自动创建目录")
    func sqliteFileFolderIsCreated() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withJixiao(database: .sqliteFile(dir.path + "/data/jixiao.sqlite")) { app in
            _ = try await app.create(sampleTable())
        }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/data/jixiao.sqlite"))
    }
}

@Suite(
    "目标表的保存、冲突、删除（PostgreSQL）", .serialized,
    .enabled(if: TestDatabases.hasPostgres, "未设置 DATABASE_URL：跳过 PostgreSQL 测试（.ci/run 会启动临时 PostgreSQL 并设置它）"))
struct PostgresPersistenceTests {
    var db: AppConfig.Database { .postgres(TestDatabases.postgresURL ?? "") }
    @Test func createListGet() async throws { try await Scenarios.createListGet(db) }
    @Test func preparedReads() async throws { try await Scenarios.preparedReads(db) }
    @Test func updateAndConflict() async throws { try await Scenarios.updateAndConflict(db) }
    @Test func deleteAndRestore() async throws { try await Scenarios.deleteAndRestore(db) }
    @Test func derivedColumns() async throws { try await Scenarios.derivedColumns(db) }
    @Test func importInBatches() async throws { try await Scenarios.importInBatches(db) }
    @Test func draftClaimedOnce() async throws { try await Scenarios.draftClaimedOnce(db) }
    @Test func purgeExpired() async throws { try await Scenarios.purgeExpired(db) }

    // the workflow, visibility, sessions and the append-only audit trail on PostgreSQL as well
    @Test func workflowFullPath() async throws { try await WorkflowTests.fullPath(db) }
    @Test func upgradeFromPreviousRelease() async throws { try await UpgradeTests.upgrade(db) }
    @Test func actualsSurviveAdjustment() async throws { try await IndicatorLifecycleTests.actualsSurviveAdjustment(db) }
    @Test func returnedCannotBeApproved() async throws { try await WorkflowTests.returnedCannotBeApproved(db) }
    @Test func approvedIsFrozen() async throws { try await WorkflowTests.approvedIsFrozen(db) }
    @Test func auditTrailIsAppendOnly() async throws { try await WorkflowTests.auditTrail(db) }
    @Test func monitoringRoundsAndVisibility() async throws { try await MonitoringTests.roundsScopeAndVisibility(db) }
    @Test func monitoringFillAndLights() async throws { try await MonitoringTests.fillWithLightsAndReasons(db) }
    @Test func monitoringWorkflow() async throws { try await MonitoringTests.workflowReturnsRectificationAndOverdue(db) }
    @Test func listsFollowVisibility() async throws { try await AccessMatrixTests.listsFollowVisibility(db) }
    @Test func homeFacetsFromIndexes() async throws { try await HomeFilterTests.facetsFromIndexes(db) }
    @Test func sessionsDoNotMix() async throws { try await AccessMatrixTests.sessionsDoNotMix(db) }
    @Test func loginThrottle() async throws { try await AuthTests.throttled(db) }
    @Test func passwordChange() async throws { try await AuthTests.passwordChange(db) }
    // issue #19: carry forward, once, also when carried at once on several connections
    @Test func carryForwardOneTable() async throws { try await CarryForwardTests.oneTable(db) }
    @Test func carryForwardBulkAndConcurrent() async throws { try await CarryForwardTests.bulk(db) }
    // issue #19: the indicator library from the approved tables, suggestions, marks, .xlsx
    @Test func indicatorLibrary() async throws { try await LibraryScenarios.library(db) }
    @Test("两个实例共用一个 PostgreSQL：一个实例上传的佐证材料，另一个实例照样下载、删除")
    func evidenceAcrossInstances() async throws { try await EvidenceTests.twoInstances(db) }
    @Test func overviewAggregates() async throws { try await OverviewStoreTests.aggregates(db) }
    @Test func overviewInputIndicators() async throws { try await InputIndicatorsTests.computed(db) }
    // the table page's confirmation setting and the 自评表's 主管部门: path-prefix SQL on PostgreSQL too
    @Test func headConfirmationInherited() async throws { try await RolesAndAccountsTests.inheritedSetting(db) }
    @Test func selfEvaluationFormDepartment() async throws { try await SelfEvaluationFormPageTests.download(db) }

    // issue #17: a move between databases is two commands, both ways
    @Test("导出 SQLite → 导入 PostgreSQL：表、版本、审计记录一致")
    func exportSQLiteImportPostgres() async throws { try await MoveScenario.move(from: .sqliteMemory, to: db) }
    @Test("导出 PostgreSQL → 导入 SQLite：表、版本、审计记录一致")
    func exportPostgresImportSQLite() async throws { try await MoveScenario.move(from: db, to: .sqliteMemory) }
    @Test("PostgreSQL：/readyz 就绪")
    func readyOnPostgres() async throws {
        try await withJixiao(database: db) { app in
            let ready = try await app.send(.GET, "/readyz", as: nil)
            #expect(ready.status == .ok)
        }
    }

    // one suite for every PostgreSQL test: suites run in parallel, and they share one database
    @Test("PostgreSQL 上 50 个并发保存：没有 500，每个保存要么成功要么 409")
    func fiftyConcurrentSaves() async throws { try await HardeningTests.concurrentSaves(db) }

    @Test("两个并发保存同一版本，只有一个成功")
    func concurrentSaves() async throws {
        try await withJixiao(database: db) { app in
            let created = try await app.create(sampleTable())
            let filler = try await app.user(.fillerA)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<4 {
                    group.addTask {
                        var t = created.table
                        t.unit = "并发\(i)"
                        do {
                            _ = try await TableStore.update(
                                created.summary.id, table: t, expectedVersion: 1, by: filler, on: app.db)
                            return true
                        } catch TableStore.Failure.conflict { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.count { $0 } == 1)
            #expect(try await TableStore.find(created.summary.id, on: app.db)?.summary.version == 2)
        }
    }
}
