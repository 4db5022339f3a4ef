import Foundation
import Testing
import GoalCore
import TestSupport
@testable import GoalScoring

@Suite("整表评分")
struct TableScoreTests {
    func table(_ rows: [EnteredRow], budget: Double = 100, spent: Double = 100, explanation: String? = nil) -> GoalTable {
        GoalTable(
            kind: .project, indicators: rows,
            execution: Execution(budget: budget, spent: spent, weight: 10, explanation: explanation))
    }

    @Test("execution: weight × min(spent / budget, 1), explained")
    func execution() {
        #expect(ExecutionScore.compute(Execution(budget: 329.26, spent: 320, weight: 10)).score == 9.72)
        let over = ExecutionScore.compute(Execution(budget: 100, spent: 120, weight: 10))
        #expect(over.score == 10)
        #expect(over.explanation.contains("按100%计"))
        let zero = ExecutionScore.compute(Execution(budget: 0, spent: 5, weight: 10))
        #expect(zero.score == 0 && zero.rate == nil)
        var scorer = Scorer()
        let s = scorer.score(table([row(nil, actual: "100")], budget: 0, spent: 5))
        #expect(s.flags.contains { $0.kind == .executionInvalid && $0.severity == .error })
    }

    @Test("execution under 90% needs an explanation")
    func executionExplanation() {
        var scorer = Scorer()
        let bare = scorer.score(table([row(nil, actual: "100")], spent: 85))
        #expect(bare.flags.contains { $0.kind == .executionUnexplained && $0.message.contains("85%") })
        let explained = scorer.score(table([row(nil, actual: "100")], spent: 85, explanation: "项目延期至次年"))
        #expect(!explained.flags.contains { $0.kind == .executionUnexplained })
        #expect(!scorer.score(table([row(nil, actual: "100")], spent: 95)).flags.contains { $0.kind == .executionUnexplained })
    }

    @Test(
        "caps of the total by execution rate, when the profile asks",
        arguments: [
            (75.0, 89.0), (65, 79), (55, 69), (45, 59), (85, 98.5),
        ])
    func caps(rate: Double, total: Double) {
        var scorer = Scorer(settings: ScoringSettings(executionCaps: ExecutionCap.standard))
        let s = scorer.score(table([row(nil, weight: 90, actual: "100")], spent: rate))
        #expect(s.total == total)
        #expect((s.appliedCap != nil) == (rate < 80))
        if rate < 80 { #expect(s.flags.contains { $0.kind == .totalCapped }) }
        var plain = Scorer()
        #expect(plain.score(table([row(nil, weight: 90, actual: "100")], spent: rate)).appliedCap == nil)
    }

    @Test("不适用 drops a row from total and max; no actuals at all scores nothing")
    func dropped() {
        var scorer = Scorer()
        let s = scorer.score(
            GoalTable(kind: .project, indicators: [row(nil, actual: "100"), row(nil, weight: 20, actual: "不适用")]))
        #expect(s.max == 10 && s.total == 10 && s.percent == 100)
        #expect(s.hasScores)
        let empty = scorer.score(GoalTable(kind: .project, indicators: [row(nil, actual: nil)]))
        #expect(!empty.hasScores)
        #expect(empty.percent == 0 || empty.max > 0)
    }

    @Test("profile files may leave scoring settings out, or name the standard caps")
    func profileSettings() throws {
        let d = try JSONDecoder().decode(ScoringSettings.self, from: Data("{}".utf8))
        #expect(d == ScoringSettings())
        let s = try JSONDecoder().decode(
            ScoringSettings.self, from: Data(#"{"steps": "whole", "executionCaps": "standard"}"#.utf8))
        #expect(s.steps == .whole && s.executionCaps == ExecutionCap.standard)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ScoringSettings.self, from: Data(#"{"executionCaps": "strict"}"#.utf8))
        }
        let roundTrip = try JSONDecoder().decode(ScoringSettings.self, from: JSONEncoder().encode(s))
        #expect(roundTrip == s)
    }

    @Test("flags name the place in words finance staff use")
    func places() throws {
        let url = SharedFiles.scoringFixtures.appendingPathComponent("000-department.json")
        let doc = try GoalDocument.decode(SharedFiles.data(url))
        var scorer = Scorer()
        let s = scorer.score(doc.tables[0], index: 0)
        let messages = s.flags.map(\.message)
        #expect(messages.contains { $0.hasPrefix("第1张表 第1行指标“实际缴费人数” 偏差原因分析及改进措施") })
        #expect(s.flags.allSatisfy { $0.location.table == 0 })
    }
}

@Suite("如何提升等级")
struct WhatIfTests {
    func load(_ name: String) throws -> (GoalTable, TableScore, Scorer) {
        let doc = try GoalDocument.decode(SharedFiles.data(SharedFiles.scoringFixtures.appendingPathComponent(name)))
        var scorer = Scorer()
        let s = scorer.score(doc.tables[0], index: 0)
        return (doc.tables[0], s, scorer)
    }

    @Test("000: 良 → 优 needs 7.77 points; only 持续提升养老保障 can give them alone")
    func department() throws {
        var (table, score, scorer) = try load("000-department.json")
        let w = WhatIf.analyse(table, score, scorer: &scorer)
        #expect(w.next == .excellent)
        #expect(w.requiredTotal == 75.6)
        #expect(w.pointsNeeded == 7.77)
        #expect(w.costliest.first?.name == "持续提升养老保障")
        #expect(w.singleChanges.map(\.name) == ["持续提升养老保障"])
        #expect(w.singleChanges.first?.to == "效果明显")
        #expect(w.lines.first == "距“优”还差7.77分（需总分≥75.6）。")
    }

    @Test("003-1: 89.17 → 优; applying the smallest change really reaches 优")
    func project() throws {
        var (table, score, scorer) = try load("003-project-1.json")
        let w = WhatIf.analyse(table, score, scorer: &scorer)
        #expect(w.pointsNeeded == 0.83)
        let best = try #require(w.singleChanges.first)
        var changed = table
        changed.setActual(best.to, at: best.index)
        #expect(scorer.score(changed, index: 0).grade == .excellent)
        #expect(w.singleChanges.count >= 2)
    }

    @Test("the change suggested is the figure a person would write: 60, not the 59.99 that rounds up to enough")
    func roundFigure() throws {
        // 50 × 59.99 ÷ 100 = 29.995, which rounds to 30: enough, but nobody would aim for 59.99
        let table = GoalTable(
            kind: .project,
            indicators: [
                row("按照正常比例赋分", weight: 50, actual: "50%", name: "培训合格率"),
                row("按照正常比例赋分", weight: 50, actual: "100%", name: "覆盖率"),
            ])
        var scorer = Scorer()
        let s = scorer.score(table)
        #expect(s.total == 75)
        let w = WhatIf.analyse(table, s, scorer: &scorer)
        #expect(w.next == .good)
        let change = try #require(w.singleChanges.first)
        #expect(change.name == "培训合格率")
        #expect(change.to == "60", "\(w.lines)")
        var changed = table
        changed.setActual(change.to, at: change.index)
        #expect(scorer.score(changed).grade == .good)
    }

    @Test("优 has no next grade")
    func top() throws {
        var (table, score, scorer) = try load("002-department.json")
        let w = WhatIf.analyse(table, score, scorer: &scorer)
        #expect(w.next == nil)
        #expect(w.lines.first == "已为最高等级“优”。")
    }

    @Test("when no single row suffices, rows together")
    func combined() {
        let rows = (0..<5).map { i in row("按照正常比例赋分", weight: 20, actual: "60", name: "指标\(i)") }
        let table = GoalTable(kind: .project, indicators: rows)
        var scorer = Scorer()
        let s = scorer.score(table)
        #expect(s.grade == .fair)
        let w = WhatIf.analyse(table, s, scorer: &scorer)
        #expect(w.next == .good)
        #expect(w.pointsNeeded == 20)
        #expect(w.singleChanges.isEmpty)
        #expect(w.combined.count == 3)
        #expect(w.lines.contains { $0.contains("没有单项能单独补足") })
        let bad = (0..<2).map { i in row("直接赋分", weight: 10, actual: "0", name: "指标\(i)") } + [row(nil, weight: 80, actual: "0")]
        let t2 = GoalTable(kind: .project, indicators: bad)
        let s2 = scorer.score(t2)
        let w2 = WhatIf.analyse(t2, s2, scorer: &scorer)
        #expect(w2.next == .fair)
        #expect(w2.singleChanges.map(\.name) == ["测试指标"])
    }
}
