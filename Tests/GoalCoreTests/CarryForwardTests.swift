import Foundation
import Testing
@testable import GoalCore

@Suite("结转到下一年")
struct CarryForwardTests {
    static func approved() -> GoalTable {
        var t = GoalTable(
            kind: .project, year: 2026, unit: "某社保中心", goal: "按时足额发放待遇",
            project: ProjectInfo(name: "社保待遇发放", manager: "李四"), funds: Funds(total: 50, fiscal: 50),
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "参保人数", type: .atLeast, value: "1.8", unit: "万人",
                    weight: 20, lastYear: "1.7万人", id: "a"),
                Indicator(
                    level1: "产出指标", level2: "时效指标", name: "待遇发放及时率", type: .atLeast, value: "95", unit: "%",
                    weight: 20, lastYear: "94%", id: "b"),
                Indicator(
                    level1: "满意度指标", level2: "服务对象满意度指标", name: "参保人满意度", type: .atLeast, value: "90", unit: "%",
                    weight: 10, lastYear: "88%", id: "c"),
            ],
            signoff: Signoff(filledBy: "王五", approvalNumber: "某财预〔2026〕3号", approvedOn: "2026-03-01"))
        t.setActual("99%", at: 1)
        t.setDeviation("无偏差", at: 1)
        return t
    }

    @Test("上年完成值：有自评实际取实际，没有则取监控预计并标“（预计）”，都没有则留空")
    func lastYearSources() {
        var n = 0
        let r = CarryForward.nextYear(from: Self.approved(), estimates: ["a": "1.83万人", "b": "97%"]) {
            n += 1; return "n\(n)"
        }
        let t = r.table
        #expect(t.year == 2027)
        #expect(t.unit == "某社保中心" && t.project?.name == "社保待遇发放" && t.funds?.total == 50 && t.goal == "按时足额发放待遇")
        #expect(t.indicators.map(\.previousId) == ["a", "b", "c"])
        #expect(t.indicators.map(\.id) == ["n1", "n2", "n3"])
        #expect(t.indicators.map(\.lastYear) == ["1.83万人（预计）", "99%", nil])
        #expect(r.lines.map(\.source) == [.estimate, .actual, .none])
        #expect(r.summary == "上年完成值：取自评实际完成值 1 项，取监控全年预计完成值 1 项（标“预计”），未填 1 项")
        // nothing of this year's 自评, 预算执行 or signatures
        #expect(t.evaluation.isEmpty)
        #expect(t.signoff == nil)
        // targets, weights and texts as approved
        #expect(t.indicators.map(\.targetText) == ["≥1.8万人", "≥95%", "≥90%"])
        #expect(t.indicators.map(\.weight) == [20, 20, 10])
    }

    @Test("“（预计）”可读回：数值与单位照常换算，半角括号同样识别")
    func estimateReadsBack() {
        #expect(CarryForward.reading("1.83万人（预计）") == ("1.83万人", true))
        #expect(CarryForward.reading("1.83万人(预计)") == ("1.83万人", true))
        #expect(CarryForward.reading("96%") == ("96%", false))
        #expect(CarryForward.marked(estimate: "5次（预计）") == "5次（预计）")
        #expect(YearFigures.number("1.83万人（预计）", in: "人") == 18300)
        #expect(YearFigures.number("97", in: "%") == 97)
        #expect(YearFigures.number("12次", in: "%") == nil)
        #expect(YearFigures.number("良好", in: nil) == nil)
    }

    @Test("新编号不与上年任何编号重复；没有编号的上年指标先补编号再链接")
    func idsNeverCollide() {
        var t = Self.approved()
        t.indicators[2].id = nil
        var calls = 0
        // a generator that first repeats an old id
        let r = CarryForward.nextYear(from: t) {
            calls += 1; return calls == 1 ? "a" : "k\(calls)"
        }
        let ids = r.table.indicators.compactMap(\.id)
        #expect(Set(ids).count == 3)
        #expect(Set(ids).isDisjoint(with: Set(r.table.indicators.compactMap(\.previousId))))
        #expect(r.table.indicators.allSatisfy { $0.previousId != nil })
    }
}
