import Foundation
import GoalCore
import GoalScoring
import Testing
@testable import GoalMonitoring

@Suite("监控数据与年终自评")
struct EntryAndYearEndTests {
    @Test("an entry is Codable; 完成值 sent as a JSON number is kept as its text; lights are written 红/黄/绿/蓝/无法判断")
    func codable() throws {
        let json =
            #"{"period": 7, "budget": [{"item": "年度资金总额", "initial": 190, "spent": 0}],"#
            + #""indicators": [{"id": "a", "completed": 520, "likelihood": "有可能", "causes": ["经费保障", "其他"], "causeText": "资金未到位"}]}"#
        let entry = try JSONDecoder().decode(MonitoringEntry.self, from: Data(json.utf8))
        #expect(entry.indicators[0].completed == "520")
        #expect(entry.indicators[0].causes == [.funding, .other])
        #expect(entry.totalBudget?.rate == 0)
        #expect(try JSONDecoder().decode(MonitoringEntry.self, from: JSONEncoder().encode(entry)) == entry)
        let encoded = String(decoding: try JSONEncoder().encode([Light.red, .undetermined]), as: UTF8.self)
        #expect(encoded == #"["红","无法判断"]"#)
    }

    @Test("a round opens a blank entry: one row per indicator id, 年初预算数 from the table's 资金; its lights say what is not filled")
    func blankEntry() {
        var table = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "a"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "b"),
        ])
        table.funds = Funds(total: 50, fiscal: 45, other: 5)
        let entry = MonitoringEntry.blank(for: table, period: 7)
        #expect(entry.indicators.map(\.id) == ["a", "b"])
        #expect(entry.budget.map(\.item) == [.total, .fiscal, .carriedOver, .other])
        #expect(entry.totalBudget?.initial == 50 && entry.totalBudget?.spent == nil)
        let lights = Monitor().lights(table: table, entry: entry)
        #expect(lights.indicators.allSatisfy { $0.light == .undetermined && $0.unreadable == "1-7月完成值未填" })
        #expect(lights.budget.unreadable == "年度资金总额的1-7月执行数未填")
        #expect(Monitor().submissionCheck(table: table, entry: entry).unfilled.count == 2)
    }

    @Test("the last round's 全年预计完成值 is offered as a guess for each empty 实际完成值, marked as a guess; filled actuals are left alone")
    func firstGuesses() {
        var table = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "a"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "b"),
            Fixture.indicator("满意度", .atLeast, "90", "%", id: "c"),
        ])
        table.setActual("11", at: 1)
        let round = MonitoringEntry(
            period: 9,
            indicators: [
                IndicatorProgress(id: "a", expected: "1250"), IndicatorProgress(id: "b", expected: "12"),
                IndicatorProgress(id: "c"),
            ])
        let guesses = YearEnd.firstGuesses(table: table, lastRound: round)
        #expect(guesses.map(\.id) == ["a"])
        #expect(guesses[0].value == "1250" && guesses[0].isGuess)
        #expect(guesses[0].label.contains("1-9月监控的全年预计完成值"))
    }

    @Test(
        "a checker warning names an indicator called 完全不可能 in July that the year end scores full marks; not one that lost points")
    func contradiction() {
        var table = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "a"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "b"),
        ])
        for i in table.indicators.indices {
            table.indicators[i].weight = 10
            table.indicators[i].scoring = "完成得满分，未完成按比例得分"
        }
        table.setActual("1300", at: 0)
        table.setActual("6", at: 1)
        var scorer = Scorer()
        let score = scorer.score(table)
        #expect(score.indicators[0].score == 10 && (score.indicators[1].score ?? 10) < 10)
        let july = MonitoringEntry(
            period: 7,
            indicators: [
                IndicatorProgress(id: "a", likelihood: .impossible), IndicatorProgress(id: "b", likelihood: .impossible),
            ])
        let found = YearEnd.contradictions(table: table, rounds: [july], score: score)
        #expect(found.map(\.id) == ["a"])
        #expect(found[0].message.contains("第1行“培训人数”在1-7月监控中填报“完全不可能”"), "\(found[0].message)")
        #expect(YearEnd.contradictions(table: table, rounds: [], score: score).isEmpty)
    }

    @Test("an imported form's values are moved onto the stored table's ids by names; a row of no stored indicator is named")
    func rekeying() {
        let stored = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "s1"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "s2"),
        ])
        let imported = Fixture.table([
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "x1"),
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "x2"),
            Fixture.indicator("新增指标", .atLeast, "1", "个", id: "x3"),
        ])
        let entry = MonitoringEntry(
            period: 7,
            indicators: [
                IndicatorProgress(id: "x1", completed: "7"), IndicatorProgress(id: "x2", completed: "700"),
                IndicatorProgress(id: "x3", completed: "1"),
            ])
        let (moved, unmatched) = entry.rekeyed(from: imported, to: stored)
        #expect(moved.progress(for: "s1")?.completed == "700")
        #expect(moved.progress(for: "s2")?.completed == "7")
        #expect(unmatched == ["新增指标"])
    }
}
