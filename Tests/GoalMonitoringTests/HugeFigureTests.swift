import GoalCore
import Testing
@testable import GoalMonitoring

/// Figures no form holds, typed by hand or by mistake: the light is still given with its arithmetic,
/// and nothing stops (an integer conversion of 10^19 would end the whole server process).
@Suite("超大或无穷的数值不会使程序停止")
struct HugeFigureTests {
    @Test func aCompletedFigureOfTenToTheEighteenIsFarAheadNotACrash() {
        let l = Fixture.light(Fixture.indicator("培训人数", .atLeast, "100", "人"), "1000000000000000000")
        #expect(l.light == .blue)
        #expect(l.explanation.contains("e+"), "\(l.explanation)")
    }

    @Test func fourHundredDigitsReadAsInfinityArePrintedNotConverted() {
        let l = Fixture.light(Fixture.indicator("培训人数", .atLeast, "100", "人"), String(repeating: "9", count: 400))
        #expect(!l.explanation.isEmpty)
    }

    @Test func aBudgetOfAMillionthSpentAHundredBillionTimesOver() {
        let rows = [BudgetRow(item: .total, initial: 0.000001, spent: 100_000_000_000)]
        let entry = MonitoringEntry(period: 7, budget: rows, indicators: [])
        let b = Monitor().lights(table: Fixture.table([]), entry: entry).budget
        #expect(!b.explanation.isEmpty)
        #expect(Figures.text(.infinity) == "∞" && Figures.fixed(-.infinity, decimals: 1) == "-∞")
        #expect(Figures.text(1e19) == "1e+19")
    }
}
