import GoalCore
import Testing
@testable import GoalMonitoring

@Suite("偏差原因：何时必填，缺了不能提交")
struct ReasonTests {
    let trainees = Fixture.indicator("培训人数", .atLeast, "1200", "人")

    @Test("default: 红 and 黄 need a reason; a category without 原因说明, or the reverse, is still missing")
    func defaultRule() {
        let red = Fixture.light(trainees, "100")
        #expect(red.light == .red && red.reasonRequired && red.reasonMissing)
        let yellow = Fixture.light(trainees, "500")
        #expect(yellow.light == .yellow && yellow.reasonRequired && yellow.reasonMissing)
        #expect(Fixture.light(trainees, "100", causes: [.funding]).reasonMissing)
        #expect(Fixture.light(trainees, "100", causeText: "资金未到位").reasonMissing)
        let given = Fixture.light(trainees, "100", causes: [.funding, .staffing], causeText: "资金7月才到位")
        #expect(given.reasonRequired && !given.reasonMissing)
        let green = Fixture.light(trainees, "700")
        #expect(!green.reasonRequired && !green.reasonMissing)
    }

    @Test("default: 有可能 or 完全不可能 asks for a reason even where the ratio is on track")
    func doubtfulLikelihood() {
        #expect(Fixture.light(trainees, "700", likelihood: .possible).reasonRequired)
        #expect(Fixture.light(trainees, "700", likelihood: .impossible).reasonRequired)
        #expect(!Fixture.light(trainees, "700", likelihood: .certain).reasonRequired)
    }

    @Test("Ningxia: only 红 needs a reason; Tianjin: 红 and a doubtful 完成可能性, not a plain 黄")
    func variants() {
        #expect(!Fixture.light(trainees, "500", profile: .ningxia).reasonRequired)
        #expect(Fixture.light(trainees, "100", profile: .ningxia).reasonRequired)
        #expect(!Fixture.light(trainees, "700", likelihood: .possible, profile: .ningxia).reasonRequired)
        #expect(!Fixture.light(trainees, "500", profile: .tianjin).reasonRequired)
        #expect(Fixture.light(trainees, "700", likelihood: .possible, profile: .tianjin).reasonRequired)
        #expect(Fixture.light(trainees, "100", profile: .tianjin).reasonRequired)
    }

    @Test("submission is refused naming each row (第N行 and its 三级指标) and what is missing; allowed once given")
    func submission() {
        let table = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "a"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "b"),
            Fixture.indicator("学员满意度", .atLeast, "90", "%", level1: "满意度指标", level2: "满意度指标", id: "c"),
        ])
        var entry = MonitoringEntry(
            period: 6, budget: Fixture.budget(60),
            indicators: [
                IndicatorProgress(id: "a", completed: "600"),
                IndicatorProgress(id: "b", completed: "2", causes: [.rules]),
                IndicatorProgress(id: "c", completed: nil),
            ])
        let check = Monitor().submissionCheck(table: table, entry: entry)
        #expect(!check.canSubmit)
        #expect(check.reasonGaps.map(\.row) == [1])
        #expect(check.message.contains("第2行“培训班次”（红灯）：未填原因说明"), "\(check.message)")
        #expect(check.unfilled.map(\.name) == ["学员满意度"])
        entry.indicators[1].causeText = "培训场地维修，下半年集中办班"
        #expect(Monitor().submissionCheck(table: table, entry: entry).canSubmit)
    }
}
