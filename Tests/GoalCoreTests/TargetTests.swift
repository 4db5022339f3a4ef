import Testing
@testable import GoalCore

@Suite("指标值解析")
struct TargetTests {
    @Test("operator, number and unit in one cell", arguments: [
        ("≥16.44万人", Comparison.atLeast, 16.44, "万人"),
        (">=98%", .atLeast, 98, "%"),
        ("<=0.42万元/次", .atMost, 0.42, "万元/次"),
        ("=45.5元/人/月", .equal, 45.5, "元/人/月"),
        ("＞＝95%", .atLeast, 95, "%"),
        ("≧95％", .atLeast, 95, "%"),
        ("95%以上", .atLeast, 95, "%"),
        ("不低于95%", .atLeast, 95, "%"),
        ("不高于3.5万元", .atMost, 3.5, "万元"),
        ("＝１２次", .equal, 12, "次"),
        ("≥1,234人", .atLeast, 1234, "人"),
    ])
    func combined(cell: String, op: Comparison, number: Double, unit: String) {
        let t = Target.parse(cell)
        #expect(t.comparison == op)
        #expect(t.number == number)
        #expect(t.unit == unit)
        #expect(t.written == cell)
    }

    @Test("a bare number has no operator; qualitative text stays text")
    func bareAndQualitative() {
        let bare = Target.parse("100%")
        #expect(bare.comparison == nil && bare.number == 100 && bare.unit == "%")
        let q = Target.parse("有效提高")
        #expect(q.number == nil && q.valueText == "有效提高" && q.comparison == nil)
    }

    @Test("每月25日前 is a deadline: at most day 25")
    func deadline() {
        let t = Target.parse("每月25日前")
        #expect(t.comparison == .atMost)
        #expect(t.number == 25)
        #expect(t.unit == "日")
        #expect(t.qualifier == "每月")
    }

    @Test("units compare across magnitude: 1.8万人 is 18000 人, never rewritten")
    func units() {
        let wan = MeasureUnit("万人")
        #expect(wan.base == "人" && wan.factor == 10000)
        #expect(wan.convert(1.8, to: MeasureUnit("人")) == 18000)
        #expect(MeasureUnit("万元/次").base == "元/次")
        #expect(MeasureUnit("%").isPercent)
        #expect(MeasureUnit("人").convert(5, to: MeasureUnit("次")) == nil)
        #expect(Target.parse("≥1.8万人").unit == "万人")
    }
}
