import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

/// The production app (`configure`) with test configuration: a private in-memory SQLite by default,
/// migrated before the test and reverted after it.
/// Every test world has the organisations and accounts of `Persona` (created before the test runs, unless
/// `world` is false: an empty database, as `jixiao-server import` needs);
/// `app.send` acts as a persona, `.fillerA` unless told otherwise, with its session cookie and CSRF token.
func withJixiao(
    database: AppConfig.Database = .sqliteMemory, seeds: String? = nil, maxBodyBytes: Int = 10 * 1024 * 1024,
    demo: Bool = false, world: Bool = true, adjust: (inout AppConfig) -> Void = { _ in },
    _ test: (Application) async throws -> Void
) async throws {
    var config = AppConfig(
        rootDirectory: SharedFiles.packageRoot.path, database: database, seedDirectory: seeds,
        maxBodyBytes: maxBodyBytes, demo: demo, bcryptCost: 4)
    adjust(&config)
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, config)
        if world { try await TestWorld.build(on: app.db) }
        try await test(app)
        try await app.autoRevert()
    } catch {
        try? await app.autoRevert()
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// PostgreSQL for the tests when `DATABASE_URL` is set (`.ci/run` starts a throwaway one).
enum TestDatabases {
    static let postgresURL: String? = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var hasPostgres: Bool { postgresURL != nil }
}

/// A small 项目支出 table, with an indicator named like an attack to prove escaping.
func sampleTable(name: String = "<script>alert(1)</script>", unit: String = "测试单位") -> GoalTable {
    GoalTable(
        kind: .project, year: 2026, unit: unit, goal: "完成培训任务",
        project: ProjectInfo(name: "示例培训项目", manager: "张三"), funds: Funds(total: 10, fiscal: 10, other: 0),
        indicators: [
            Indicator(
                level1: "产出指标", level2: "数量指标", name: "培训人数", type: .atLeast, value: "100", unit: "人",
                scoring: "达到目标值得满分，否则按比例得分", weight: 50),
            Indicator(
                level1: "满意度指标", level2: "服务对象满意度指标", name: name, type: .atLeast, value: "90", unit: "%",
                scoring: "达到目标值得满分，否则按比例得分", weight: 50),
        ])
}

/// Small request helpers so tests read as a story.
extension Application {
    /// A request as `persona` (nil: nobody signed in). Changes carry the persona's CSRF token unless `csrf` is false.
    func send(
        _ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, raw: String? = nil,
        contentType: HTTPMediaType = .json, as persona: Persona? = .fillerA, csrf: Bool = true,
        headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var session: SessionCache.Entry? = nil
        if let persona { session = try await signIn(persona) }
        return try await testing().sendRequest(
            method, path,
            beforeRequest: { req in
                if let session {
                    req.headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(session.token)")
                    if csrf { req.headers.add(name: CSRFMiddleware.header, value: session.csrf) }
                }
                for (name, value) in extra { req.headers.add(name: name, value: value) }
                if let json {
                    try req.content.encode(AnyEncodable(json), as: .json)
                } else if let raw {
                    req.headers.contentType = contentType
                    req.body = ByteBuffer(string: raw)
                }
            })
    }

    func create(_ table: GoalTable, status: String? = nil, as persona: Persona = .fillerA) async throws -> TableDetailDTO {
        let res = try await send(
            .POST, SitePath.api(.tables).path, json: TableInputDTO(table: table, status: status), as: persona)
        #expect(res.status == .created, "新建应返回 201：\(res.body.string)")
        return try res.content.decode(TableDetailDTO.self)
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension TestingHTTPResponse {
    var reason: String { (try? content.decode(ErrorDTO.self).reason) ?? body.string }
}

/// The people of every test world. Two units (A, B) under one department (D1), a unit C under a second
/// department (D2), all under one finance bureau (F): enough to test own unit, other unit and other subtree.
enum Persona: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fillerA, headA, fillerB, fillerC, businessD1, businessD2, performance, finance, admin

    var role: Role {
        switch self {
        case .fillerA, .fillerB, .fillerC: return .filler
        case .headA: return .unitHead
        case .businessD1, .businessD2: return .businessReviewer
        case .performance: return .performanceReviewer
        case .finance: return .financeReviewer
        case .admin: return .admin
        }
    }

    /// Code of the persona's organisation in `TestWorld`.
    var organisation: String {
        switch self {
        case .fillerA, .headA: return "UA"
        case .fillerB: return "UB"
        case .fillerC: return "UC"
        case .businessD1: return "D1"
        case .businessD2: return "D2"
        case .performance, .finance, .admin: return "F"
        }
    }

    var name: String { "测试" + role.label + rawValue }
    /// Prefixed, so the demo accounts (`admin`, …) never collide with a test world's.
    var username: String { "t_" + rawValue.lowercased() }
    static let password = "test-password-1"
    var testDescription: String { "\(rawValue)（\(role.label)）" }
}

enum TestWorld {
    static let organisations: [(code: String, name: String, kind: OrganisationKind, parent: String?)] = [
        ("F", "测试财政局", .finance, nil), ("D1", "测试主管部门一", .department, "F"), ("D2", "测试主管部门二", .department, "F"),
        ("UA", "测试单位甲", .unit, "D1"), ("UB", "测试单位乙", .unit, "D1"), ("UC", "测试单位丙", .unit, "D2"),
    ]

    /// Creates the world unless the database has it already (a file database opened a second time).
    static func build(on db: any Database) async throws {
        if try await OrganisationRecord.query(on: db).filter(\.$code == "F").count() > 0 { return }
        var byCode: [String: OrganisationRecord] = [:]
        for o in organisations {
            byCode[o.code] = try await Organisations.create(
                code: o.code, name: o.name, kind: o.kind,
                parent: o.parent.flatMap { byCode[$0] }, on: db)
        }
        let accounts = Accounts(cost: 4)
        for p in Persona.allCases {
            _ = try await accounts.create(
                username: p.username, name: p.name, password: Persona.password, role: p.role,
                organisation: try byCode[p.organisation]!.requireID(), on: db)
        }
    }
}

/// Signed-in sessions of the personas, made once per test world.
final class SessionCache: @unchecked Sendable {
    struct Entry { var token: String; var csrf: String; var user: CurrentUser }
    private let lock = NSLock()
    private var entries: [Persona: Entry] = [:]
    func get(_ p: Persona) -> Entry? { lock.withLock { entries[p] } }
    func set(_ p: Persona, _ e: Entry) { lock.withLock { entries[p] = e } }
}

private struct SessionCacheKey: StorageKey { typealias Value = SessionCache }

extension Application {
    /// Signs the persona in through the real sign-in API once, and remembers the cookie and token.
    func signIn(_ p: Persona) async throws -> SessionCache.Entry {
        let cache =
            storage[SessionCacheKey.self]
            ?? {
                let c = SessionCache(); storage[SessionCacheKey.self] = c; return c
            }()
        if let e = cache.get(p) { return e }
        let res = try await testing().sendRequest(
            .POST, SitePath.api(.session).path,
            beforeRequest: { req in
                try req.content.encode(["username": p.username, "password": Persona.password], as: .json)
            })
        guard res.status == .ok, let token = res.headers.setCookie?[SessionStore.cookieName]?.string,
            let user = try await SessionStore.user(forToken: token, on: db)
        else {
            throw Abort(.internalServerError, reason: "测试账号 \(p.rawValue) 登录失败：\(res.status) \(res.body.string)")
        }
        let e = SessionCache.Entry(token: token, csrf: user.csrfToken, user: user)
        cache.set(p, e)
        return e
    }

    /// Posts a form as a browser would: urlencoded, with the persona's cookie and the `_csrf` field.
    func postForm(_ path: String, _ fields: [String: String], as persona: Persona = .fillerA) async throws -> TestingHTTPResponse
    {
        let session = try await signIn(persona)
        var all = fields
        all[CSRFMiddleware.field] = session.csrf
        return try await testing().sendRequest(
            .POST, path,
            beforeRequest: { req in
                req.headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(session.token)")
                try req.content.encode(all, as: .urlEncodedForm)
            })
    }

    /// Takes a workflow action through the API as `persona`; expects success.
    /// An adjustment's 提交 gets a 调整理由 and 批复 a 批复文号 unless told.
    @discardableResult
    func act(
        _ action: WorkflowAction, _ id: UUID, as persona: Persona, comment: String? = nil,
        acknowledgeWarnings: Bool = true, approvalNumber: String = "测财预〔2026〕1号",
        approvalDate: String? = nil
    ) async throws -> TableDetailDTO {
        let summary = try await TableStore.find(id, on: db)?.summary
        let said = comment ?? (action == .submit && summary?.adjusts != nil ? "测试：调整理由" : nil)
        let res = try await send(
            .POST, SitePath.api(.tableAction(.value(id), .value(action))).path,
            json: WorkflowController.ActionRequest(
                comment: said, acknowledgeWarnings: acknowledgeWarnings,
                version: summary?.version,
                approvalNumber: action == .approve ? approvalNumber : nil,
                approvalDate: approvalDate),
            as: persona)
        guard res.status == .ok else {
            throw Abort(.internalServerError, reason: "\(action.label)（\(persona.rawValue)）失败：\(res.status) \(res.reason)")
        }
        return try res.content.decode(TableDetailDTO.self)
    }

    /// `path` with `?version=` set to the table's current version, as a client that has just read it sends.
    func versioned(_ path: String, _ id: UUID) async throws -> String {
        let version = try await TableStore.find(id, on: db)?.summary.version ?? 0
        return path + (path.contains("?") ? "&" : "?") + "version=\(version)"
    }

    /// 提交 → 业务股室 → 绩效股 → 批复, each by the right persona.
    func approve(_ id: UUID, filler: Persona = .fillerA) async throws {
        try await act(.submit, id, as: filler)
        try await act(.businessReview, id, as: filler == .fillerC ? .businessD2 : .businessD1)
        try await act(.performanceReview, id, as: .performance)
        try await act(.approve, id, as: .finance)
    }

    /// The persona's cookie and CSRF header, for requests built by hand.
    func signedInHeaders(_ p: Persona = .fillerA) async throws -> HTTPHeaders {
        let s = try await signIn(p)
        return ["Cookie": "\(SessionStore.cookieName)=\(s.token)", CSRFMiddleware.header: s.csrf]
    }

    /// The persona's organisation, as the owner of tables made directly through `TableStore`.
    func owner(_ p: Persona = .fillerA) async throws -> TableStore.Owner { .init(try await user(p)) }

    /// A unit named `name` under the persona's organisation (made once), as the owner of tables made directly
    /// through `TableStore`: a table is filed under its owner's name, whatever its form prints.
    func owner(named name: String, under p: Persona = .fillerA) async throws -> TableStore.Owner {
        let o: OrganisationRecord
        if let existing = try await OrganisationRecord.query(on: db).filter(\.$name == name).first() {
            o = existing
        } else {
            let parent = try await OrganisationRecord.find(try await user(p).organisationID, on: db)
            o = try await Organisations.create(code: nil, name: name, kind: .unit, parent: parent, on: db)
        }
        return .init(id: try o.requireID(), path: o.path, name: o.name)
    }

    /// The persona as the store functions see it.
    func user(_ p: Persona) async throws -> CurrentUser { try await signIn(p).user }
}
