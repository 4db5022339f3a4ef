import Foundation
import GoalCore
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

/// The production app (`configure`) with test configuration: a private in-memory SQLite by default,
/// migrated before the test and reverted after it.
func withJixiao(
    database: AppConfig.Database = .sqliteMemory, seeds: String? = nil, maxBodyBytes: Int = 10 * 1024 * 1024,
    _ test: (Application) async throws -> Void
) async throws {
    let config = AppConfig(rootDirectory: SharedFiles.packageRoot.path, database: database, seedDirectory: seeds,
                           maxBodyBytes: maxBodyBytes)
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, config)
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
            Indicator(level1: "产出指标", level2: "数量指标", name: "培训人数", type: .atLeast, value: "100", unit: "人",
                      scoring: "达到目标值得满分，否则按比例得分", weight: 50),
            Indicator(level1: "满意度指标", level2: "服务对象满意度指标", name: name, type: .atLeast, value: "90", unit: "%",
                      scoring: "达到目标值得满分，否则按比例得分", weight: 50),
        ])
}

/// Small request helpers so tests read as a story.
extension Application {
    func send(_ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, raw: String? = nil,
              contentType: HTTPMediaType = .json) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(method, path, beforeRequest: { req in
            if let json {
                try req.content.encode(AnyEncodable(json), as: .json)
            } else if let raw {
                req.headers.contentType = contentType
                req.body = ByteBuffer(string: raw)
            }
        })
    }

    func create(_ table: GoalTable, status: String? = nil) async throws -> TableDetailDTO {
        let res = try await send(.POST, SitePath.api(.tables).path, json: TableInputDTO(table: table, status: status))
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
