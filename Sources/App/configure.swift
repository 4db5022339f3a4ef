import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import Vapor

/// Builds the production app from a configuration: the server's entry point and the tests both call this.
public func configure(_ app: Application, _ config: AppConfig) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: config.rootDirectory)
    app.storage[AppConfigKey.self] = config

    try useDatabase(app, config.database, poolPerLoop: config.poolPerLoop)
    for migration in JixiaoMigrations.all { app.migrations.add(migration) }

    app.storage[HeavyWorkKey.self] = HeavyWork(limits: config.heavyWork)
    app.lifecycle.use(HeavyWorkLifecycle())

    app.views.use(.leaf)
    app.leaf.cache.isEnabled = config.cacheTemplates
    // Leaf's default source (the files in Resources/Views) kept once: while unset, Leaf builds it anew on
    // every render (2 % of the table page's samples under load)
    app.leaf.sources = app.leaf.sources
    app.storage[RenderedPartsKey.self] = RenderedParts(capacity: config.cacheTemplates ? 2_000 : 0)
    app.storage[DefaultIndicatorMemoKey.self] = DefaultIndicatorMemo()
    app.storage[LibraryStoreKey.self] = LibraryStore(seedTables: DemoData.readSeeds(config.seedDirectory, logger: app.logger))

    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    app.middleware = Middlewares()
    // first: the request id, the one log line and the metrics see every response, error pages included
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ChineseErrorMiddleware(maxBodyBytes: config.maxBodyBytes))
    app.middleware.use(BodyLimitMiddleware(maxBodyBytes: config.maxBodyBytes))
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    // who is asking: after the static files (which need no database), before every route
    app.middleware.use(SessionMiddleware())

    app.asyncCommands.use(CreateAdminCommand(accounts: Accounts(cost: config.bcryptCost)), as: "create-admin")
    app.asyncCommands.use(StoreBenchCommand(), as: "bench-store")
    app.asyncCommands.use(ListBenchCommand(), as: "bench-list")
    app.asyncCommands.use(OverviewBenchCommand(), as: "bench-overview")
    app.asyncCommands.use(LibraryBenchCommand(), as: "bench-library")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(ImportCommand(), as: "import")

    try await WriteTransaction.prepareSQLite(app.db)
    try await app.autoMigrate()
    if config.demo {
        try await DemoData.loadIfEmpty(
            seeds: config.seedDirectory, accounts: Accounts(cost: config.bcryptCost),
            on: app.db, logger: app.logger)
    }
    try await TableStore.purgeExpired(window: config.restoreWindow, on: app.db)
    try await PlannerStatistics.keepFresh(app)
    try routes(app, config)
}

struct AppConfigKey: StorageKey { typealias Value = AppConfig }

/// Connects the app to its database (the file's folder made for SQLite).
func useDatabase(_ app: Application, _ database: AppConfig.Database, poolPerLoop: Int = 1) throws {
    switch database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .sqliteFile(let path):
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: poolPerLoop), as: .sqlite)
    case .postgres(let url):
        try app.databases.use(.postgres(url: url, maxConnectionsPerEventLoop: poolPerLoop), as: .psql)
    }
}

/// Every migration, in order. Migrations are added, never edited: a database written by any release
/// upgrades by running the ones it has not seen (`UpgradeTests` proves it from the previous release).
enum JixiaoMigrations {
    /// The schema of the release before issue #14 (stop 11).
    static let previousRelease: [any Migration] = [
        CreateGoalTables(), CreateOrganisations(), CreateAccounts(), CreateAuditEvents(), AddWorkflowToGoalTables(),
        AddGoalTableListIndexes(),
    ]
    /// Added since: server-side import drafts, the printed unit, phases and indicator facts; the unit head's
    /// confirmation setting, the 调整理由, and a reset password that must be changed; audit change lines;
    /// 运行监控 rounds and entries; the links of 结转到下一年; the 首页's indexes over live tables;
    /// the indicator library (facts' texts, its indexes, finance's marks); the planner's indexes; 佐证材料,
    /// 自评报告 drafts and 自评抽查 (issue #21); the 总览's execution rate and rule codes, and its indexes.
    /// `AddConfirmationAndAccountControls`, `AddCarryForwardLinks` and `AddOverviewColumns` come first: the later ones read the models,
    /// which have their columns (a database that ran the others already runs them alone).
    static let thisRelease: [any Migration] = [
        AddConfirmationAndAccountControls(), AddCarryForwardLinks(), AddOverviewColumns(), CreateImportDrafts(),
        AddPrintedUnitToGoalTables(),
        CreatePhasesAndFacts(), AddChangesToAuditEvents(), CreateMonitoring(), AddLiveTableIndexes(),
        CreateIndicatorLibrary(), AddPlannerIndexes(), CreateEvidence(), CreateReportDrafts(), CreateSpotChecks(),
        AddOverviewIndexes(), AddMonitoringExecutionRate(),
    ]
    static var all: [any Migration] { previousRelease + thisRelease }
}
