import Testing
@testable import GoalCore

@Suite("指标值解析")
struct TargetTests {
    @Test(
        "operator, number and unit in one cell",
        arguments: [
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

    @Test("a date is a deadline in words; a span ending in 内 is at most; a place ending in 内 is not")
    func datesAndSpans() {
        for text in ["2024年12月31日前", "12月底前完成", "2024年11月", "6月30日前"] {
            let t = Target.parse(text)
            #expect(t.number == nil && t.comparison == nil && t.valueText == text, "\(text)")
        }
        let span = Target.parse("3个工作日内")
        #expect(span.comparison == .atMost && span.number == 3 && span.unit == "个工作日")
        let place = Target.parse("100%覆盖辖区内")
        #expect(place.comparison != .atMost)
        #expect(Target.parse("每月25日前").comparison == .atMost)
        #expect(Target.parse("3年").unit == "年" && Target.parse("3年").number == 3)
        let words = Target.parse("达到国家标准")
        #expect(words.comparison == nil && words.valueText == "达到国家标准")
        #expect(Target.parse("达到95%").comparison == .equal)
        // a word operator alone still says a value is missing
        #expect(Target.parse("不低于").comparison == .atLeast && Target.parse("不低于").valueText.isEmpty)
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
