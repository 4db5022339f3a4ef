import Foundation
import Testing
@testable import GoalCore

/// Issue #14, item 2: the approved goals are the plan; the self-evaluation is recorded beside it, by indicator id.
@Suite("自评记在计划旁边：按指标编号")
struct SelfEvaluationTests {
    static func plan() -> GoalTable {
        GoalTable(
            kind: .project, year: 2026, unit: "某单位",
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "培训人数", type: .atLeast, value: "100", unit: "人", weight: 40,
                    id: "a"),
                Indicator(
                    level1: "满意度指标", level2: "服务对象满意度指标", name: "满意度", type: .atLeast, value: "90", unit: "%",
                    weight: 30, id: "b"),
                Indicator(
                    level1: "产出指标", level2: "时效指标", name: "培训及时率", type: .atLeast, value: "95", unit: "%", weight: 30,
                    id: "c"),
            ])
    }

    static func entered() -> GoalTable {
        var t = plan()
        t.setActual("120", at: 0)
        t.setActual("93", at: 1)
        t.setActual("80", at: 2)
        t.setDeviation("培训场地延期", at: 2)
        t.execution = Execution(budget: 10, spent: 9.5, weight: 10)
        return t
    }

    @Test("填了实际值后移动、改名、删除指标：实际值跟着指标（按编号），不跟着行")
    func actualFollowsTheIndicator() throws {
        let before = Self.entered()
        var t = before
        t.indicators.swapAt(0, 1)
        t.indicators[0].name = "服务对象满意度"
        t.indicators.removeLast()
        #expect(t.indicators.map(\.id) == ["b", "a"])
        #expect(t.actual(at: 0) == "93" && t.actual(at: 1) == "120")
        #expect(t[evaluationOf: "b"].actual == "93")
        #expect(t.deviation(at: 0) == nil && t.deviation(at: 1) == nil)
        // the diff sees a move and a rename, not two changed actuals
        let changes = TableDiff.changes(from: before, to: t)
        #expect(changes.contains { $0.field == "位置" })
        #expect(changes.contains { $0.field == "三级指标" && $0.after == "服务对象满意度" })
        #expect(!changes.contains { $0.field == "实际完成值" })
        #expect(changes.contains { $0.field == "删除指标" && $0.before.contains("实际完成值 80") })
        // written out, each actual is on its own indicator's object
        let back = try GoalDocument.decode(GoalDocument(tables: [t]).encoded()).tables[0]
        #expect(back == t.withoutOrphanedEvaluation)
        #expect(back[evaluationOf: "a"].actual == "120" && back[evaluationOf: "b"].actual == "93")
    }

    @Test("没有编号的表：先按行记，给了编号后随编号走；去掉编号后回到按行")
    func rowsWithoutIDs() {
        var t = Self.entered().withoutIndicatorIDs
        #expect(t.evaluationKey(at: 0) == .row(0))
        #expect(t.actual(at: 2) == "80" && t.deviation(at: 2) == "培训场地延期")
        var n = 0
        t = t.withIndicatorIDs {
            n += 1; return "id\(n)"
        }
        #expect(t.evaluationKey(at: 0) == .id("id1"))
        #expect(t.evaluationsByRow.map(\.actual) == ["120", "93", "80"])
        t.indicators.swapAt(0, 2)
        #expect(t.evaluationsByRow.map(\.actual) == ["80", "93", "120"])
        #expect(t.withoutIndicatorIDs.evaluationsByRow.map(\.actual) == ["80", "93", "120"])
        // a repeated id names no second indicator: that row keeps its values by row until it gets an id
        var twice = Self.entered()
        twice.indicators[1].id = "a"
        #expect(twice.evaluationKey(at: 1) == .row(1))
        twice.setActual("91", at: 1)
        #expect(twice.actual(at: 0) == "120" && twice.actual(at: 1) == "91")
        let fixed = twice.withIndicatorIDs { "fresh" }
        #expect(fixed.indicators[1].id == "fresh" && fixed.actual(at: 1) == "91" && fixed.actual(at: 0) == "120")
    }

    @Test("goalPart 去掉全部自评；withEvaluation 按行放回；调整按编号带入")
    func phases() {
        let t = Self.entered()
        #expect(t.goalPart.evaluation.isEmpty && t.goalPart.indicators == t.indicators)
        #expect(t.goalPart.withEvaluation(of: t) == t)
        #expect(t.hasSameGoals(as: t.goalPart))
        var adjusted = t.goalPart
        adjusted.indicators.swapAt(0, 1)
        adjusted.indicators.removeLast()
        let carried = adjusted.carryingPhaseValues(from: t)
        #expect(carried.table.evaluationsByRow.map(\.actual) == ["93", "120"])
        #expect(carried.table.execution?.spent == 9.5)
        #expect(carried.orphans.map(\.indicator.id) == ["c"] && carried.orphans.first?.evaluation.deviation == "培训场地延期")
    }

    @Test("交换格式 JSON 往返：actual、deviation 仍写在各自的指标对象上，execution 在表上")
    func interchangeRoundTrip() throws {
        let t = Self.entered()
        for data in [GoalDocument(tables: [t]).encoded(), try JSONEncoder().encode(GoalDocument(tables: [t]))] {
            let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            let table = try #require((object["tables"] as? [[String: Any]])?.first)
            let objects = try #require(table["indicators"] as? [[String: Any]])
            #expect(objects.map { $0["id"] as? String } == ["a", "b", "c"])
            #expect(objects.map { $0["actual"] as? String } == ["120", "93", "80"])
            #expect(objects.map { $0["deviation"] as? String } == [nil, nil, "培训场地延期"])
            #expect(!objects[0].keys.contains("deviation"))
            #expect((table["execution"] as? [String: Any])?["spent"] as? Double == 9.5)
            #expect(try GoalDocument.decode(data).tables == [t])
            #expect(try JSONDecoder().decode(GoalDocument.self, from: data).tables == [t])
        }
    }

    /// A document as the previous release stored it in `goal_tables.document` (`StoredJSON`: JSONEncoder,
    /// sorted keys), actuals on the indicator objects.
    static let storedByPreviousRelease = #"""
        {"duty":null,"execution":{"budget":10,"spent":9.5,"weight":10},"funds":null,"goal":null,"indicators":[{"actual":"120","basis":null,"evidence":null,"explanation":null,"id":"a","lastYear":null,"level1":"产出指标","level2":"数量指标","name":"培训人数","note":null,"scoring":null,"type":"≥","unit":"人","value":"100","weight":40},{"actual":"93","basis":null,"evidence":null,"explanation":null,"id":"b","lastYear":null,"level1":"满意度指标","level2":"服务对象满意度指标","name":"满意度","note":null,"scoring":null,"type":"≥","unit":"%","value":"90","weight":30},{"actual":"80","basis":null,"deviation":"培训场地延期","evidence":null,"explanation":null,"id":"c","lastYear":null,"level1":"产出指标","level2":"时效指标","name":"培训及时率","note":null,"scoring":null,"type":"≥","unit":"%","value":"95","weight":30}],"kind":"project","project":null,"signoff":null,"tasks":[],"title":"项目支出绩效目标表","unit":"某单位","year":2026}
        """#

    @Test("上一版本存入数据库的文档（实际值写在指标上）照样读出实际值，再存时一字不差")
    func documentOfThePreviousRelease() throws {
        let text = Self.storedByPreviousRelease
        let fast = try #require(InterchangeReader.readTable(Data(text.utf8)))
        let slow = try JSONDecoder().decode(GoalTable.self, from: Data(text.utf8))
        #expect(fast == Self.entered() && slow == Self.entered())
        #expect(slow.actual(at: 2) == "80" && slow.deviation(at: 2) == "培训场地延期")
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try e.encode(slow), as: UTF8.self) == text)
    }
}

extension GoalTable {
    /// The table with the values of indicators it no longer holds dropped (what its JSON says).
    var withoutOrphanedEvaluation: GoalTable {
        var t = self
        let values = evaluationsByRow
        t.evaluation = SelfEvaluation(execution: execution)
        t.setEvaluationsByRow(values)
        return t
    }
}
