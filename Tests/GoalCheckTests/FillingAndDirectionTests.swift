import Testing
import GoalCore
@testable import GoalCheck

@Suite("填表规则")
struct FillingRuleTests {
    typealias T = Tables

    @Test("an empty 一级 is an error that suggests the 一级 its 二级 belongs to; 产出 for 产出指标 is accepted")
    func level1() {
        let f = T.findings(T.row("", "质量指标", "发放准确率", .equal, "100"))
        let e = f.first { $0.code == "F01" }
        #expect(e?.severity == .error)
        #expect(e?.field == .level1)
        #expect(e?.suggestion?.contains("产出指标") == true)
        #expect(!T.codes(T.row("产出", "质量", "发放准确率", .equal, "100")).contains("F01"))
        #expect(!T.codes(T.row("产出", "质量", "发放准确率", .equal, "100")).contains("F02"))
    }

    @Test("a 二级 under the wrong 一级 names its own 一级; 满意度指标 as 二级 of 满意度指标 is accepted")
    func pair() {
        let e = T.findings(T.row("产出指标", "社会效益指标", "政策知晓率", .atLeast, "95")).first { $0.code == "F02" }
        #expect(e?.message.contains("属于“效益指标”") == true)
        #expect(e?.severity == .error)
        #expect(!T.codes(T.row("满意度指标", "满意度指标", "受益人员满意度", .atLeast, "95")).contains("F02"))
        #expect(T.codes(T.row("产出指标", "服务指标", "办件数", .atLeast, "95", "件")).contains("F02"))
    }

    @Test("a row without a 三级 name is an error; a bare 二级 label row is reported as an empty 二级 instead")
    func nameMissing() {
        #expect(T.codes(T.row("产出指标", "时效指标", "", .equal, "100")).contains("F03"))
        let label = T.codes(T.row("投入管理指标", "预算和财务管理", "", .qualitative, ""), profile: .provincial)
        #expect(label == ["T05"])
    }

    @Test("a quantitative value must be a number: 95%以上 is an error with the split as fix; 1,234 is a number")
    func valueNotNumber() {
        let e = T.findings(Indicator(level1: "产出指标", level2: "质量指标", name: "验收合格率", type: .atLeast, value: "95%以上"))
            .first { $0.code == "F05" }
        #expect(e?.severity == .error)
        #expect(e?.suggestion?.contains("“95”") == true)
        #expect(e?.suggestion?.contains("“%”") == true)
        #expect(!T.codes(T.row("产出指标", "数量指标", "培训人数", .atLeast, "1,234", "人")).contains("F05"))
        #expect(T.codes(T.row("产出指标", "数量指标", "培训人数", .atLeast, "", "人")).contains("F04"))
    }

    @Test("units: a quantitative row without one is warned; a 定性 row with one is an error, with '-' it is empty")
    func units() {
        let noUnit = Indicator(level1: "产出指标", level2: "数量指标", name: "培训人数", type: .atLeast, value: "500")
        #expect(T.findings(noUnit).first { $0.code == "F06" }?.severity == .warning)
        let q = T.findings(T.row("效益指标", "社会效益指标", "群众生活水平", .qualitative, "有效提高", "%"))
        #expect(q.first { $0.code == "F07" }?.severity == .error)
        #expect(!T.codes(T.row("效益指标", "社会效益指标", "群众生活水平", .qualitative, "有效提高", "-")).contains("F07"))
    }
}

@Suite("指标方向")
struct DirectionRuleTests {
    typealias T = Tables

    @Test("satisfaction with ≤ is warned with ≥ as fix; 不满意率 ≤ is right")
    func satisfaction() {
        let f = T.findings(T.row("满意度指标", "服务对象满意度指标", "参保对象满意率", .atMost, "95")).first { $0.code == "D01" }
        #expect(f?.severity == .warning)
        #expect(f?.suggestion == "满意度指标应为 ≥，是否改为 ≥95%？")
        #expect(!T.codes(T.row("产出指标", "质量指标", "服务不满意率", .atMost, "5")).contains("D01"))
    }

    @Test("coverage/pass/timeliness rates with ≤ are warned; ≤ is right for 投诉率, 差错率, 事故率, 失业率")
    func rates() {
        for name in ["参保覆盖率", "验收合格率", "资金发放及时率"] {
            #expect(T.codes(T.row("产出指标", "质量指标", name, .atMost, "95")).contains("D02"), "\(name)")
        }
        for name in ["群众投诉率", "业务差错率", "安全事故率", "城镇登记失业率", "结转结余率"] {
            #expect(!T.codes(T.row("产出指标", "质量指标", name, .atMost, "5")).contains("D02"), "\(name)")
        }
    }

    @Test("cost rows: ≥ is warned, = is a hint, ≤ is right")
    func cost() {
        #expect(
            T.findings(T.row("成本指标", "经济成本指标", "人均培训成本", .atLeast, "400", "元/人")).first { $0.code == "D03" }?.severity == .warning
        )
        #expect(T.findings(T.row("成本指标", "经济成本指标", "人均培训成本", .equal, "400", "元/人")).first { $0.code == "D04" }?.severity == .hint)
        let ok = T.codes(T.row("成本指标", "经济成本指标", "人均培训成本", .atMost, "400", "元/人"))
        #expect(!ok.contains("D03") && !ok.contains("D04"))
    }

    @Test("a rate above 100% is warned, a growth rate may be above 100%")
    func overCap() {
        #expect(T.codes(T.row("产出指标", "质量指标", "验收合格率", .atLeast, "105")).contains("D05"))
        #expect(!T.codes(T.row("效益指标", "经济效益指标", "农民收入增长率", .atLeast, "120")).contains("D05"))
    }

    @Test("≥100% on a rate suggests =100%; =100% is right")
    func atLeastCap() {
        let f = T.findings(T.row("产出指标", "重点工作任务完成", "社会化发放率", .atLeast, "100"), profile: .provincial)
        #expect(f.first { $0.code == "D06" }?.suggestion == "是否改为 =100%？")
        #expect(!T.codes(T.row("产出指标", "质量指标", "社会化发放率", .equal, "100")).contains("D06"))
        #expect(!T.codes(T.row("效益指标", "经济效益指标", "产值增长率", .atLeast, "100")).contains("D06"))
    }
}
