import Foundation

/// Everything the server reads from its surroundings, read once at boot (`fromEnvironment`).
/// Tests build one directly, so the production `configure` runs with test settings.
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        /// A SQLite file; its folder is created when missing.
        case sqliteFile(String)
        /// A private in-memory SQLite database (tests).
        case sqliteMemory
        /// `postgres://user:password@host:port/database`
        case postgres(String)
    }

    /// Where `Resources/Views` and `Public/` are found (the package root by default).
    public var rootDirectory: String
    public var database: Database
    /// A folder of `.txt`/`.md`/`.json` goal tables loaded into an empty database in demo mode; nil: none.
    public var seedDirectory: String?
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// How long a deleted table can be restored, in seconds.
    public var restoreWindow: TimeInterval
    /// Leaf caches templates unless this is false (development: edit a template, reload the page).
    public var cacheTemplates: Bool
    /// 演示模式: on an empty database, create demo organisations and accounts and load `seedDirectory`.
    public var demo: Bool
    /// Bcrypt cost of new passwords (12 in production; tests use 4, the minimum, to stay fast).
    public var bcryptCost: Int
    /// Mark the session cookie Secure (set when the site is served over HTTPS).
    public var secureCookies: Bool
    /// `/api/v1/convert`, `/check` and `/score` only for signed-in accounts (`JIXIAO_TOOLS_REQUIRE_ACCOUNT=1`).
    public var toolsRequireAccount: Bool
    /// `/metrics` is served only to requests with `Authorization: Bearer <token>`; nil: not served at all.
    public var metricsToken: String?
    /// Largest 佐证材料 file accepted, in bytes (never more than the body limit lets through).
    public var maxEvidenceBytes: Int = 8 * 1024 * 1024
    /// How much parsing and exporting may run at once, and per client (`HeavyWork`).
    var heavyWork: HeavyWork.Limits = .init()
    /// Database connections per event loop (`JIXIAO_DB_POOL`). SQLite keeps one: its writes take turns anyway.
    /// PostgreSQL gets 4, so a page waiting on a slow query does not hold up the loop's other requests;
    /// instances × cores × this must stay under the server's `max_connections`.
    public var databasePoolPerLoop: Int?

    public init(
        rootDirectory: String, database: Database, seedDirectory: String? = nil,
        maxBodyBytes: Int = 10 * 1024 * 1024, restoreWindow: TimeInterval = 600, cacheTemplates: Bool = true,
        demo: Bool = false, bcryptCost: Int = 12, secureCookies: Bool = false, toolsRequireAccount: Bool = false
    ) {
        self.rootDirectory = rootDirectory.hasSuffix("/") ? rootDirectory : rootDirectory + "/"
        self.database = database; self.seedDirectory = seedDirectory; self.maxBodyBytes = maxBodyBytes
        self.restoreWindow = restoreWindow; self.cacheTemplates = cacheTemplates
        self.demo = demo; self.bcryptCost = bcryptCost; self.secureCookies = secureCookies
        self.toolsRequireAccount = toolsRequireAccount
    }

    /// `jixiao-server` commands that work on the data as it is (no demo data is loaded before them).
    public static let maintenanceCommands: Set<String> = ["backup", "restore", "export", "import"]

    /// Connections per event loop actually used for `database`.
    var poolPerLoop: Int {
        if let n = databasePoolPerLoop { return n }
        if case .postgres = database { return 4 }
        return 1
    }

    /// A problem in the environment, listing every variable that is wrong at once.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var problems: [String]
        public var description: String { "服务器配置有误：\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
    }

    /// Reads the configuration from environment variables:
    /// `JIXIAO_ROOT` (package root, default: current directory), `DATABASE_URL` (postgres://… selects PostgreSQL),
    /// `JIXIAO_SQLITE` (SQLite file, default `<root>/data/jixiao.sqlite`), `JIXIAO_SEEDS` (demo tables folder,
    /// default `<root>/../shared/seeds`; `none` for none), `JIXIAO_MAX_BODY_MB` (default 10),
    /// `JIXIAO_MAX_EVIDENCE_MB` (one 佐证材料 file, default 8; an upload is bounded by the body limit too),
    /// `JIXIAO_DEMO` (1/0: demo accounts and data on an empty database; default 1 on SQLite, 0 on PostgreSQL),
    /// `JIXIAO_SECURE_COOKIES` (1 behind HTTPS), `JIXIAO_TOOLS_REQUIRE_ACCOUNT` (1: the open tools need a sign-in),
    /// `JIXIAO_HEAVY_PER_MINUTE` (uploads and large checks one client may start a minute, default 60),
    /// `JIXIAO_HEAVY_PER_CLIENT` (how many of them one client may have running or queued, default 2),
    /// `JIXIAO_METRICS_TOKEN` (16+ characters: `/metrics` for Prometheus with that bearer token; unset: no `/metrics`),
    /// `JIXIAO_DB_POOL` (database connections per event loop; default 1 on SQLite, 4 on PostgreSQL).
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(Invalid) -> AppConfig {
        var problems: [String] = []
        let root = env["JIXIAO_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? currentDirectory
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: root + "/Resources/Views", isDirectory: &isDir) || !isDir.boolValue {
            problems.append("JIXIAO_ROOT：在“\(root)”下找不到 Resources/Views（请在仓库根目录运行，或设置 JIXIAO_ROOT）")
        }
        let database: Database
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url)
            } else {
                problems.append("DATABASE_URL：应以 postgres:// 开头，实为“\(url)”（不设置则使用 SQLite）")
                database = .sqliteMemory
            }
        } else {
            database = .sqliteFile(env["JIXIAO_SQLITE"].flatMap { $0.isEmpty ? nil : $0 } ?? root + "/data/jixiao.sqlite")
        }
        var seeds: String? = env["JIXIAO_SEEDS"] ?? root + "/../shared/seeds"
        if seeds == "none" || seeds == "" { seeds = nil }
        var maxBody = 10
        if let s = env["JIXIAO_MAX_BODY_MB"] {
            if let n = Int(s), n > 0 { maxBody = n } else { problems.append("JIXIAO_MAX_BODY_MB：应为正整数，实为“\(s)”") }
        }
        var maxEvidence: Int?
        if let s = env["JIXIAO_MAX_EVIDENCE_MB"], !s.isEmpty {
            if let n = Int(s), n > 0 { maxEvidence = n } else { problems.append("JIXIAO_MAX_EVIDENCE_MB：应为正整数，实为“\(s)”") }
        }
        func flag(_ name: String, default value: Bool) -> Bool {
            guard let s = env[name], !s.isEmpty else { return value }
            switch s.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: problems.append("\(name)：应为 1 或 0，实为“\(s)”"); return value
            }
        }
        // a province's PostgreSQL must never get accounts with a published password by accident
        var isPostgres = false
        if case .postgres = database { isPostgres = true }
        let demo = flag("JIXIAO_DEMO", default: !isPostgres)
        let secure = flag("JIXIAO_SECURE_COOKIES", default: false)
        let toolsNeedAccount = flag("JIXIAO_TOOLS_REQUIRE_ACCOUNT", default: false)
        var heavy = HeavyWork.Limits()
        if let s = env["JIXIAO_HEAVY_PER_MINUTE"] {
            if let n = Int(s), n > 0 {
                heavy.perClientPerMinute = n
            } else {
                problems.append("JIXIAO_HEAVY_PER_MINUTE：应为正整数，实为“\(s)”")
            }
        }
        if let s = env["JIXIAO_HEAVY_PER_CLIENT"] {
            if let n = Int(s), n > 0 {
                heavy.perClientRunning = n
            } else {
                problems.append("JIXIAO_HEAVY_PER_CLIENT：应为正整数，实为“\(s)”")
            }
        }
        var pool: Int? = nil
        if let s = env["JIXIAO_DB_POOL"], !s.isEmpty {
            if let n = Int(s), (1...64).contains(n) { pool = n } else { problems.append("JIXIAO_DB_POOL：应为 1 到 64 的整数，实为“\(s)”") }
        }
        var metricsToken: String? = nil
        if let t = env["JIXIAO_METRICS_TOKEN"], !t.isEmpty {
            // a short token is guessable, and the scrape endpoint would then be as good as public
            if t.count >= 16 { metricsToken = t } else { problems.append("JIXIAO_METRICS_TOKEN：至少 16 个字符（实为 \(t.count) 个）") }
        }
        guard problems.isEmpty else { throw Invalid(problems: problems) }
        var config = AppConfig(
            rootDirectory: root, database: database, seedDirectory: seeds, maxBodyBytes: maxBody * 1024 * 1024,
            demo: demo, secureCookies: secure, toolsRequireAccount: toolsNeedAccount)
        config.heavyWork = heavy
        config.metricsToken = metricsToken
        config.databasePoolPerLoop = pool
        if let maxEvidence { config.maxEvidenceBytes = maxEvidence * 1024 * 1024 }
        return config
    }
}
