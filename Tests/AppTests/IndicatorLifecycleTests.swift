import Foundation
import GoalCore
import SQLKit
import GoalIO
import GoalWorkflow
import Testing
import VaporTesting
@testable import App

/// Issue #14: one indicator followed through the year by its id.
@Suite("指标贯穿全年：编号、调整后自评不丢")
struct IndicatorLifecycleTests {
    @Test("批复 → 填实际值 → 调整（删一项、加一项、移动一行）→ 再批复：新版本的自评还在，被删指标的实际值留在记录里")
    func actualsSurviveAdjustment() async throws { try await Self.actualsSurviveAdjustment(.sqliteMemory) }

    static func actualsSurviveAdjustment(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            var table = sampleTable(name: "受益人员满意度")
            table.indicators.append(
                Indicator(
                    level1: "产出指标", level2: "时效指标", name: "培训及时率", type: .atLeast, value: "90",
                    unit: "%", scoring: "达到目标值得满分，否则按比例得分", weight: 0))
            table.indicators[0].weight = 50; table.indicators[1].weight = 50
            let created = try await app.create(table)
            let ids = created.table.indicators.map(\.id)
            #expect(ids.allSatisfy { ($0 ?? "").count == 36 } && Set(ids).count == 3)
            let id = created.summary.id
            try await app.approve(id)

            // the unit enters its actuals on the approved goals
            var entered = try #require(try await TableStore.find(id, on: app.db))
            entered.table.setActual("96", at: 0)
            entered.table.setActual("97", at: 1)
            entered.table.setActual("80", at: 2)
            entered.table.setDeviation("培训场地延期", at: 2)
            entered.table.execution = Execution(budget: 10, spent: 9.5, weight: 10)
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: entered.table, version: entered.summary.version))
            #expect(saved.status == .ok, "\(saved.body.string.prefix(200))")

            // 调整: drop the third indicator, add one, move the satisfaction row to the top — ids kept by the editor
            let adjustment = try await app.act(.adjust, id, as: .fillerA)
            var goals = adjustment.table
            #expect(goals.indicators.map(\.id) == ids)
            #expect(goals.evaluation.isEmpty)
            goals.indicators.removeLast()
            goals.indicators.swapAt(0, 1)
            goals.indicators.append(
                Indicator(
                    level1: "成本指标", level2: "经济成本指标", name: "人均培训成本", type: .atMost, value: "500",
                    unit: "元/人", scoring: "不高于目标值得满分，否则不得分", weight: 0))
            let put = try await app.send(
                .PUT, SitePath.api(.table(.value(adjustment.summary.id))).path,
                json: TableInputDTO(table: goals, version: adjustment.summary.version))
            #expect(put.status == .ok, "\(put.body.string.prefix(300))")
            try await app.approve(adjustment.summary.id)

            let now = try #require(try await TableStore.find(adjustment.summary.id, on: app.db))
            #expect(now.summary.status == TableStatus.approved.rawValue)
            // the moved rows keep their ids and their actuals; the new row has none yet
            #expect(now.table.indicators[0].id == ids[1] && now.table.actual(at: 0) == "97")
            #expect(now.table.indicators[1].id == ids[0] && now.table.actual(at: 1) == "96")
            #expect(now.table.actual(at: 2) == nil && now.table.indicators[2].id != nil)
            #expect(now.table.execution?.spent == 9.5)
            // the 自评 page is not empty: it scores the carried actuals
            #expect((now.summary.score ?? 0) > 0)

            // the superseded version keeps the removed indicator's actual, and the trail says where it stayed
            let old = try #require(try await TableStore.find(id, on: app.db))
            #expect(old.summary.status == TableStatus.superseded.rawValue)
            #expect(old.table[evaluationOf: try #require(ids[2])].actual == "80")
            let events = try await AuditLog.events(forTable: adjustment.summary.id, on: app.db)
            let carried = try #require(events.first { $0.action == "evaluation-carried" })
            #expect(carried.comment?.contains("培训及时率") == true && carried.comment?.contains("80") == true)

            // the comparison pairs indicators by id: a move is a move, the removed one shows what it had reached
            let changes = TableDiff.changes(from: old.table, to: now.table)
            #expect(changes.contains { $0.field == "位置" && $0.before == "第2行" && $0.after == "第1行" })
            #expect(changes.contains { $0.field == "删除指标" && $0.before.contains("培训及时率") && $0.before.contains("实际完成值 80") })
            #expect(changes.contains { $0.field == "新增指标" && $0.after.contains("人均培训成本") })
            #expect(!changes.contains { $0.field == "三级指标" })
        }
    }

    @Test("上一版本存入的文档（实际值写在指标对象上）照样读出；API 仍把实际值写在各自的指标上")
    func documentOfThePreviousReleaseLoads() async throws {
        try await withJixiao { app in
            let created = try await app.create(sampleTable())
            let id = created.summary.id
            // the document exactly as the previous release's StoredJSON wrote it
            let old = #"""
                {"duty":null,"execution":{"budget":10,"spent":9,"weight":10},"funds":null,"goal":null,"indicators":[{"actual":"120","basis":null,"evidence":null,"explanation":null,"id":"old-a","lastYear":null,"level1":"产出指标","level2":"数量指标","name":"培训人数","note":null,"scoring":"达到目标值得满分，否则按比例得分","type":"≥","unit":"人","value":"100","weight":50},{"actual":"80","basis":null,"deviation":"报名人数不足","evidence":null,"explanation":null,"id":"old-b","lastYear":null,"level1":"满意度指标","level2":"服务对象满意度指标","name":"满意度","note":null,"scoring":"达到目标值得满分，否则按比例得分","type":"≥","unit":"%","value":"90","weight":50}],"kind":"project","project":{"manager":"张三","name":"示例培训项目"},"signoff":null,"tasks":[],"title":"项目支出绩效目标表","unit":"测试单位","year":2026}
                """#
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE goal_tables SET document = \(bind: old) WHERE id = \(bind: id)").run()

            let found = try #require(try await TableStore.find(id, on: app.db))
            #expect(found.table[evaluationOf: "old-a"].actual == "120")
            #expect(found.table[evaluationOf: "old-b"] == IndicatorEvaluation(actual: "80", deviation: "报名人数不足"))
            #expect(found.table.execution?.spent == 9)
            let res = try await app.send(.GET, SitePath.api(.table(.value(id))).path)
            #expect(res.status == .ok)
            let body = try #require(JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
            let objects = try #require((body["table"] as? [String: Any])?["indicators"] as? [[String: Any]])
            #expect(objects.map { $0["id"] as? String } == ["old-a", "old-b"])
            #expect(objects.map { $0["actual"] as? String } == ["120", "80"])
            #expect(objects.last?["deviation"] as? String == "报名人数不足")
        }
    }

    @Test("自评填好后，编辑时把一行移到前面、改了名称：实际值跟着指标走，不留在原来的行上")
    func actualsFollowAMovedRow() async throws {
        try await withJixiao { app in
            var table = sampleTable(name: "受益人员满意度")
            table.setActual("120", at: 0)
            table.setActual("80", at: 1)
            table.setDeviation("报名人数不足", at: 1)
            let created = try await app.create(table)
            let ids = created.table.indicators.compactMap(\.id)
            #expect(created.table.evaluationsByRow.map(\.actual) == ["120", "80"])

            var moved = created.table
            moved.indicators.swapAt(0, 1)
            moved.indicators[0].name = "服务对象满意度"
            let put = try await app.send(
                .PUT, SitePath.api(.table(.value(created.summary.id))).path,
                json: TableInputDTO(table: moved, version: created.summary.version))
            #expect(put.status == .ok, "\(put.body.string.prefix(300))")

            let now = try #require(try await TableStore.find(created.summary.id, on: app.db))
            #expect(now.table.indicators.compactMap(\.id) == [ids[1], ids[0]])
            #expect(now.table.indicators[0].name == "服务对象满意度")
            #expect(now.table.actual(at: 0) == "80" && now.table.deviation(at: 0) == "报名人数不足")
            #expect(now.table.actual(at: 1) == "120" && now.table.deviation(at: 1) == nil)
            // and the score follows too: the 满意度 row is scored on 80, the 培训人数 row on 120
            let score = Analysis.scores([now.table])[0]
            #expect(score.indicators[0].score == 44.44 && score.indicators[1].score == 50)
        }
    }

    @Test("编号：导入时生成，保存时保留；客户端丢了编号按行和名称找回；重复的编号被替换")
    func idsKeptThroughSaves() async throws {
        try await withJixiao { app in
            let created = try await app.create(sampleTable())
            let ids = created.table.indicators.map(\.id)
            var dropped = created.table
            for i in dropped.indicators.indices { dropped.indicators[i].id = nil }
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(created.summary.id))).path,
                json: TableInputDTO(table: dropped, version: 1))
            #expect(try saved.content.decode(TableDetailDTO.self).table.indicators.map(\.id) == ids)
            var twice = created.table
            twice.indicators[1].id = twice.indicators[0].id
            let again = try await app.send(
                .PUT, SitePath.api(.table(.value(created.summary.id))).path,
                json: TableInputDTO(table: twice, version: 2))
            let after = try again.content.decode(TableDetailDTO.self).table.indicators.map(\.id)
            #expect(after[0] == ids[0] && after[1] != ids[0] && after[1] != nil)
        }
    }
}
