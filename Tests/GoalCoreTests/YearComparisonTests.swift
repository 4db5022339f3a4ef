import Foundation
import Testing
@testable import GoalCore

@Suite("与上年对比")
struct YearComparisonTests {
    @Test("按编号（退而按上年编号）配对：新增、删除、目标提高/降低（换算单位）、单位、分值、解释的变化")
    func changes() {
        var last = CarryForwardTests.approved()
        last.indicators.append(
            Indicator(
                level1: "产出指标", level2: "质量指标", name: "稽核覆盖率", type: .atLeast, value: "90", unit: "%", weight: 10,
                id: "d"))
        var next = CarryForward.nextYear(from: last).table
        next.indicators[0].value = "19000" // 1.8万人 → 19000人: raised, in another unit
        next.indicators[0].unit = "人"
        next.indicators[1].value = "90" // 95% → 90%: lowered
        next.indicators[1].weight = 10
        next.indicators[2].explanation = "按问卷调查结果计算"
        next.indicators.remove(at: 3) // 稽核覆盖率 dropped
        next.indicators.append(
            Indicator(level1: "效益指标", level2: "社会效益指标", name: "政策知晓率", type: .atLeast, value: "85", unit: "%", id: "new"))
        let r = YearComparison.compare(previous: last, current: next)
        #expect(r.lines.map(\.name) == ["参保人数", "待遇发放及时率", "参保人满意度", "政策知晓率", "稽核覆盖率"])
        #expect(r.lines[0].changes == [.raised, .unitChanged])
        #expect(r.lines[0].described == ["目标提高（≥1.8万人 → ≥19000人）", "计量单位变化（万人 → 人）"])
        #expect(r.lines[1].changes == [.lowered, .weightMoved])
        #expect(r.lines[1].lastActual == "99%")
        #expect(r.lines[2].changes == [.explanationChanged])
        #expect(r.lines[3].changes == [.added] && r.lines[3].previousRow == nil && r.lines[3].row == 3)
        #expect(r.lines[4].changes == [.removed] && r.lines[4].previousRow == 3 && r.lines[4].row == nil)
        #expect(r.count(.raised) == 1 && r.count(.lowered) == 1 && r.unchanged == 0)
        // the year always moves on; the header otherwise stayed
        #expect(r.header.isEmpty)
        // the same indicator id in both years (a table typed again with its ids) pairs as well
        var typed = last
        typed.year = 2027
        #expect(YearComparison.compare(previous: last, current: typed).lines.allSatisfy { $0.changes.isEmpty })
    }
}
