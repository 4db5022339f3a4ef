import GoalCore
import Testing
@testable import GoalMonitoring

/// The indicator rules of spec/monitoring.md ("Warning lights (default rule set)").
@Suite("指标预警灯：默认规则")
struct IndicatorRuleTests {
    let trainees = Fixture.indicator("培训人数", .atLeast, "1200", "人")

    @Test(
        "a count accumulates: 520 of 1,200 people by July is 520 ÷ (1,200 × 7/12) = 74.3 % → 黄, and the line says it was prorated"
    )
    func accumulatingCount() {
        let l = Fixture.light(trainees, "520")
        #expect(l.light == .yellow)
        #expect(abs((l.ratio ?? 0) - 74.285714) < 0.001)
        #expect(l.prorated == true)
        #expect(l.explanation.contains("520 ÷ (1,200 × 7/12) = 74.3%"), "\(l.explanation)")
        #expect(l.explanation.contains("按序时进度 7/12 折算"))
        #expect(l.explanation.hasSuffix("）") && l.explanation.contains("→ 黄"))
    }

    /// Half a year (6/12) of a target of 200 is 100: the completed figure is the ratio itself.
    @Test(
        "band boundaries: 59.99 → 红, 60 → 黄, 79.99 → 黄, 80 → 绿, 119.99 → 绿, 120 → 蓝",
        arguments: [
            ("59.99", Light.red), ("60", .yellow), ("79.99", .yellow), ("80", .green), ("119.99", .green), ("120", .blue),
            ("0", .red),
        ])
    func boundaries(completed: String, expected: Light) {
        let l = Fixture.light(Fixture.indicator("培训人数", .atLeast, "200", "人"), completed, month: 6)
        #expect(l.light == expected, "\(completed): \(l.explanation)")
    }

    @Test("59.99 % is printed 59.99 %, not rounded to a 60.0 % that would contradict its 红")
    func boundaryPrinting() {
        let l = Fixture.light(Fixture.indicator("培训人数", .atLeast, "200", "人"), "59.99", month: 6)
        #expect(l.explanation.contains("= 59.99% → 红"), "\(l.explanation)")
        let exact = Fixture.light(Fixture.indicator("培训人数", .atLeast, "200", "人"), "60", month: 6)
        #expect(exact.explanation.contains("= 60.0% → 黄"), "\(exact.explanation)")
    }

    @Test("a ratio exactly on 60 after floating-point division is 黄: 420 of 1,200 by July (420 ÷ 700)")
    func boundaryAfterDivision() {
        #expect(Fixture.light(trainees, "420").light == .yellow)
        #expect(Fixture.light(trainees, "560").light == .green) // 80 %
        #expect(Fixture.light(trainees, "840").light == .blue) // 120 %
    }

    @Test("a rate is compared with the target itself: 满意度 85 % against ≥ 90 % in June is 94.4 % → 绿, where prorating would say 蓝")
    func rateNotProrated() {
        let satisfaction = Fixture.indicator("服务对象满意度", .atLeast, "90", "%", level1: "满意度指标", level2: "服务对象满意度指标")
        let l = Fixture.light(satisfaction, "85", month: 6)
        #expect(l.light == .green)
        #expect(l.prorated == false)
        #expect(l.explanation.contains("85% ÷ 90% = 94.4%"), "\(l.explanation)")
        #expect(l.explanation.contains("不按月份折算"))
    }

    @Test("rates versus counts: the same figures give different lights, 及时率 by its name, 元/人/月 as a per-unit standard")
    func ratesVersusCounts() {
        // 45 of a target of 90, in March (3/12): a count is far ahead, a rate far behind.
        let count = Fixture.light(Fixture.indicator("服务人次", .atLeast, "90", "人次"), "45", month: 3)
        let rate = Fixture.light(Fixture.indicator("项目完成及时率", .atLeast, "90", level2: "时效指标"), "45", month: 3)
        #expect(count.light == .blue && count.prorated == true)
        #expect(rate.light == .red && rate.prorated == false)
        #expect(rate.explanation.contains("含“率”"), "\(rate.explanation)")
        let standard = Fixture.light(Fixture.indicator("生活补助", .atLeast, "500", "元/人/月", level2: "成本指标"), "480", month: 3)
        #expect(standard.light == .green && standard.prorated == false, "\(standard.explanation)")
        #expect(standard.explanation.contains("单位标准"))
    }

    @Test("≤ with an accumulating cost: the limit 120 万元 prorated to 60 by June; 55 within → 绿, 65 over → 红")
    func atMostAccumulating() {
        let cost = Fixture.indicator("项目支出成本", .atMost, "120", "万元", level2: "成本指标")
        let within = Fixture.light(cost, "55", month: 6)
        #expect(within.light == .green)
        #expect(within.explanation.contains("≤ (120 × 6/12) = 60"), "\(within.explanation)")
        #expect(Fixture.light(cost, "65", month: 6).light == .red)
        #expect(Fixture.light(cost, "60", month: 6).light == .green) // on the limit is within ≤
    }

    @Test("≤ / < with a rate: not prorated; < is strict")
    func atMostRate() {
        let complaints = Fixture.indicator("投诉率", .atMost, "5", "%", level2: "质量指标")
        #expect(Fixture.light(complaints, "4", month: 6).light == .green) // prorated, the limit would be 2.5 and 4 red
        #expect(Fixture.light(complaints, "6", month: 6).light == .red)
        let strict = Fixture.indicator("投诉率", .less, "5", "%", level2: "质量指标")
        #expect(Fixture.light(strict, "5", month: 6).light == .red)
        #expect(Fixture.light(strict, "4.99", month: 6).light == .green)
    }

    @Test("定性: 达成 → 绿, 部分达成 → 黄, 未达成 → 红, in the long and the short form; anything else 无法判断 with the reason")
    func qualitative() {
        let q = Fixture.indicator("群众获得感", .qualitative, "明显提升", level1: "效益指标", level2: "社会效益指标")
        #expect(Fixture.light(q, "达成目标").light == .green)
        #expect(Fixture.light(q, "达成").light == .green)
        #expect(Fixture.light(q, "部分达成目标并具有一定效果").light == .yellow)
        #expect(Fixture.light(q, "部分达成").light == .yellow)
        #expect(Fixture.light(q, "未达成目标且效果较差").light == .red)
        #expect(Fixture.light(q, "未达成").light == .red)
        let odd = Fixture.light(q, "一般")
        #expect(odd.light == .undetermined)
        #expect(odd.unreadable?.contains("“一般”") == true, "\(odd.explanation)")
    }

    @Test("values that cannot be read give 无法判断 with the reason, never a guess")
    func unreadable() {
        let text = Fixture.light(trainees, "一般")
        #expect(text.light == .undetermined && text.unreadable?.contains("“一般”不是数字") == true)
        let broadcasts = Fixture.indicator("媒体播出", .equal, "5", "次")
        let percent = Fixture.light(broadcasts, "100%")
        #expect(percent.light == .undetermined)
        #expect(percent.unreadable?.contains("单位") == true, "\(percent.explanation)")
        let empty = Fixture.light(trainees, nil)
        #expect(empty.light == .undetermined && empty.unreadable == "1-7月完成值未填")
        let noNumber = Fixture.light(Fixture.indicator("媒体播出标准", .equal, "优秀"), "90")
        #expect(noNumber.light == .undetermined && noNumber.unreadable?.contains("“=优秀”不是数字") == true, "\(noNumber.explanation)")
    }

    @Test("a figure in a commensurable unit is converted: 0.7万人 against 1,200 人 in July is 100 % → 绿")
    func unitConversion() {
        let l = Fixture.light(Fixture.indicator("培训人数", .atLeast, "12000", "人"), "0.7万人")
        #expect(l.light == .green)
        #expect(abs((l.ratio ?? 0) - 100) < 1e-9)
    }

    @Test("a target of 0 (成本节约率 ≥0) has no ratio: met → 绿, said so")
    func zeroTarget() {
        let l = Fixture.light(Fixture.indicator("成本节约率", .atLeast, "0", level2: "成本指标"), "3")
        #expect(l.light == .green && l.ratio == nil)
        #expect(l.explanation.contains("年度指标值为 0"))
    }
}

@Suite("完成目标可能性")
struct LikelihoodTests {
    let trainees = Fixture.indicator("培训人数", .atLeast, "1200", "人")

    @Test("完全不可能 → 红 whatever the ratio (100 % here), and the line says why")
    func impossible() {
        let l = Fixture.light(trainees, "700", likelihood: .impossible)
        #expect(l.light == .red)
        #expect(l.ratio == 100)
        #expect(l.explanation.contains("= 100.0% → 绿"), "\(l.explanation)")
        #expect(l.explanation.hasSuffix("；完成目标可能性为“完全不可能” → 红"), "\(l.explanation)")
    }

    @Test("有可能 → at least 黄: 绿 and 蓝 become 黄, 红 stays 红, 确定能 changes nothing")
    func possible() {
        #expect(Fixture.light(trainees, "700", likelihood: .possible).light == .yellow)
        #expect(Fixture.light(trainees, "1000", likelihood: .possible).light == .yellow)
        #expect(Fixture.light(trainees, "100", likelihood: .possible).light == .red)
        #expect(Fixture.light(trainees, "1000", likelihood: .certain).light == .blue)
    }

    @Test("an unreadable value with 完全不可能 is 红 by the unit's own word, the unreadable reason kept")
    func unreadableButImpossible() {
        let l = Fixture.light(trainees, "一般", likelihood: .impossible)
        #expect(l.light == .red)
        #expect(l.unreadable != nil)
    }
}
