import Fluent
import Foundation
import GoalCore
import SQLKit
import Testing
import VaporTesting
@testable import App

/// 投入管理 indicators of the provincial form (seed 004) from the system's records, against the world of
/// `OverviewStoreTests` counted by hand: 2026 项目支出 tables a1 (F04 error), a2 (approved, 自评 submitted,
/// monitoring 已审核), a3 (draft), b1 (approved, monitoring still with the department), c1 (draft, D2).
@Suite("投入管理指标：监控完成率、自评完成率、目标完整率由系统记录计算")
struct InputIndicatorsTests {
    @Test("按手工计数：财政全部、主管部门 D1 的下属、D2 没有已批复项目时写明无法计算；部门整体支出表的自评页给出算式和提示值")
    func computed() async throws { try await Self.computed(.sqliteMemory) }

    static func computed(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let w = try await OverviewStoreTests.world(app)
            let sql = try #require(app.db as? any SQLDatabase)
            func percents(_ scope: Access.Scope) async throws -> [String: Double?] {
                let c = try await InputIndicators.compute(year: 2026, scope: scope, on: sql)
                return Dictionary(uniqueKeysWithValues: c.items.map { ($0.name, $0.percent) })
            }
            // finance: monitored 1 (a2) of 2 approved, evaluated 1 of 2, error-free 4 of 5
            #expect(try await percents(.all) == ["部门绩效监控完成率": 50, "绩效自评完成率": 50, "目标完整率": 80])
            let d1 = Access.scope(of: try await app.user(.businessD1))
            // D1: a1, a2, a3, b1 — 1 of 2, 1 of 2, 3 of 4
            #expect(try await percents(d1) == ["部门绩效监控完成率": 50, "绩效自评完成率": 50, "目标完整率": 75])
            let d2 = try await InputIndicators.compute(
                year: 2026, scope: Access.scope(of: try await app.user(.businessD2)), on: sql)
            #expect(d2.items[0].percent == nil)
            #expect(d2.items[0].arithmetic == "部门项目总数为 0，无法计算")
            #expect(d2.items[2].arithmetic == "检查无错误的项目目标表数 1 ÷ 项目目标表总数 1 × 100% = 100%")

            // D1's own 部门整体支出 table asks for two of them: its 自评 page shows the arithmetic and offers the values
            let dept = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "D1").first())
            var t = GoalTable(kind: .department, year: 2026, unit: dept.name, goal: "履职")
            t.indicators = [
                Indicator(
                    level1: "投入管理指标", level2: "预算和财务管理", name: "部门绩效监控完成率", type: .equal, value: "100", unit: "%",
                    weight: 10),
                Indicator(
                    level1: "投入管理指标", level2: "预算和财务管理", name: "绩效自评完成率", type: .equal, value: "100", unit: "%", weight: 10),
                Indicator(level1: "产出指标", level2: "数量指标", name: "参保人数", type: .atLeast, value: "100", unit: "人", weight: 10),
            ]
            let made = try await TableStore.createAll(
                [t], owner: .init(id: try dept.requireID(), path: dept.path, name: dept.name), by: nil, on: app.db)
            let id = try #require(made.first)
            let page = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path, as: .businessD1)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("已完成绩效监控项目数 1 ÷ 部门项目总数 2 × 100% = 50%"))
            #expect(html.contains("已完成自评项目数 1 ÷ 部门项目总数 2 × 100% = 50%"))
            #expect(!html.contains("目标完整率"), "the table does not ask for it")
            let ids = try #require(try await TableStore.find(id, on: app.db)).table.indicators.compactMap(\.id)
            #expect(html.contains("&quot;\(ids[0])&quot;:&quot;50&quot;"))
            // a 项目支出 table is offered none
            let project = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(w.a2)).path, as: .fillerA)
            #expect(project.status == .ok && !project.body.string.contains("computed-note"))
        }
    }
}
