import Testing
import GoalCore
@testable import GoalCheck

@Suite("行内一致")
struct RowRuleTests {
    typealias T = Tables

    @Test("name vs unit: 次数 counted in 人, a rate in 万元, a 补助 counted in 人; 人次 for a 人次 name is fine")
    func unitVersusName() {
        #expect(T.codes(T.row("产出指标", "数量指标", "生活补贴发放次数", .equal, "200", "人")).contains("R01"))
        #expect(T.codes(T.row("产出指标", "质量指标", "资金到位率", .atLeast, "95", "万元")).contains("R01"))
        #expect(T.codes(T.row("产出指标", "数量指标", "退休人员生活补助", .equal, "973", "人")).contains("R01"))
        #expect(!T.codes(T.row("产出指标", "数量指标", "业务办理人次", .atLeast, "70", "万人次")).contains("R01"))
        #expect(!T.codes(T.row("产出指标", "数量指标", "补助发放人数", .equal, "973", "人")).contains("R01"))
        #expect(!T.codes(T.row("产出指标", "数量指标", "补助发放次数", .equal, "12", "次")).contains("R01"))
        #expect(!T.codes(T.row("效益指标", "社会效益指标", "残疾人就业人数占比", .atLeast, "30", "%")).contains("R01"))
        #expect(T.codes(T.row("产出指标", "数量指标", "培训人数", .atLeast, "30", "次")).contains("R01"))
    }

    @Test("an explanation about another subject is warned; the 效益 template text is not 'another subject'")
    func explanationSubject() {
        let copied = T.row("产出指标", "数量指标", "完成全年参保人数", .atLeast, "20000", "人", explanation: "考核社会组织年检率情况。")
        #expect(T.findings(copied).first { $0.code == "R02" }?.field == .explanation)
        let template = T.row(
            "效益指标", "社会效益指标", "确保工伤保险待遇，保障受伤劳动者合法权益", .qualitative, "效果明显",
            explanation: "考核工作实施对社会效益所带来的直接或间接影响情况。")
        #expect(!T.codes(template).contains("R02"))
        let own = T.row("产出指标", "数量指标", "实际缴费人数", .atLeast, "1.8", "万人", explanation: "考核完成实际缴费人数")
        #expect(!T.codes(own).contains("R02"))
    }

    @Test("scoring text in the explanation (shifted cells) is warned; 30分钟 in an explanation is not scoring")
    func shifted() {
        let shifted = T.row(
            "效益指标", "社会效益指标", "保障劳动者权益", .qualitative, "效果明显",
            explanation: "效果明显得15分，效果一般得10分，否则不得分。")
        #expect(T.codes(shifted).contains("R03"))
        let ok = T.row("产出指标", "时效指标", "业务办理时限", .atMost, "30", "分钟", explanation: "窗口业务平均办理时间不超过30分钟")
        #expect(!T.codes(ok).contains("R03"))
        let inNote = T.row(
            "效益指标", "社会效益指标", "保障劳动者权益", .qualitative, "效果明显",
            explanation: "考核工作实施对社会效益的影响", note: "效果明显得15分，否则不得分。")
        #expect(T.findings(inNote).first { $0.code == "R03" }?.field == .note)
    }

    @Test("a 定性 row scored by proportion is warned; 按评判等级赋分 is right")
    func qualitativeRatio() {
        #expect(T.codes(T.row("效益指标", "社会效益指标", "履职服务水平", .qualitative, "有效提升", scoring: "按照正常比例赋分")).contains("R04"))
        #expect(!T.codes(T.row("效益指标", "社会效益指标", "履职服务水平", .qualitative, "有效提升", scoring: "按评判等级赋分")).contains("R04"))
    }

    @Test("a 定性 row that is a date (每月25日前) suggests a quantitative ≤25日; a year deadline sentence does not")
    func qualitativeNumeric() {
        let f = T.findings(
            T.row(
                "产出指标", "时效指标", "养老待遇发放时间", .qualitative, "每月25日前",
                scoring: "每月25日前完成发放得10分，每推迟1天扣0.5分，扣完为止。")
        ).first { $0.code == "R05" }
        #expect(f?.suggestion?.contains("“≤”") == true)
        #expect(f?.suggestion?.contains("“25”") == true)
        #expect(f?.message.contains("每推迟1天扣0.5分") == true)
        #expect(!T.codes(T.row("产出指标", "时效指标", "项目完成时间", .qualitative, "2023年底前完成", scoring: "按时完成得10分")).contains("R05"))
        let month = T.findings(T.row("产出指标", "时效指标", "项目完成时间", .qualitative, "12月")).first { $0.code == "R05" }
        #expect(month?.suggestion?.contains("“≤”") == true)
    }

    @Test("full points named in the scoring text must equal the weight")
    func points() {
        #expect(T.codes(T.row("产出指标", "数量指标", "培训人数", .atLeast, "500", "人", scoring: "达到计划值得满分5分", weight: 10)).contains("R06"))
        #expect(!T.codes(T.row("产出指标", "数量指标", "培训人数", .atLeast, "500", "人", scoring: "达到计划值得满分5分", weight: 5)).contains("R06"))
        #expect(
            !T.codes(T.row("满意度指标", "服务对象满意度指标", "满意度", .atLeast, "90", scoring: "满意度≥90%得10分，80%-90%得8分", weight: 10)).contains(
                "R06"))
    }

    @Test("a 时效 name must show timeliness; a 及时率 belongs under 时效, not 质量")
    func timeliness() {
        #expect(T.codes(T.row("产出指标", "时效指标", "工伤保险待遇发放率", .equal, "100")).contains("R07"))
        #expect(!T.codes(T.row("产出指标", "时效指标", "待遇按时发放率", .equal, "100")).contains("R07"))
        #expect(!T.codes(T.row("产出指标", "时效指标", "生活补贴按月发放", .equal, "100")).contains("R07"))
        #expect(T.codes(T.row("产出指标", "质量指标", "资金发放及时率", .atLeast, "98")).contains("R08"))
        #expect(!T.codes(T.row("产出指标", "时效指标", "资金发放及时率", .atLeast, "98")).contains("R08"))
    }

    @Test("生活水平 under 经济效益 is a hint; an income figure there is right")
    func socialUnderEconomic() {
        #expect(T.findings(T.row("效益指标", "经济效益指标", "群众生活水平", .qualitative, "有效提高")).first { $0.code == "R09" }?.severity == .hint)
        #expect(!T.codes(T.row("效益指标", "经济效益指标", "农民人均增收金额", .atLeast, "500", "元")).contains("R09"))
    }

    @Test("a rate explained without a method is a hint; a formula or a satisfaction survey is fine")
    func vagueExplanation() {
        #expect(T.codes(T.row("产出指标", "质量指标", "网络故障处理率", .equal, "100", explanation: "考核网络故障处理情况")).contains("R11"))
        #expect(!T.codes(T.row("产出指标", "质量指标", "网络故障处理率", .equal, "100", explanation: "处理率=已处理故障数/故障总数×100%")).contains("R11"))
        #expect(!T.codes(T.row("满意度指标", "服务对象满意度指标", "受益人员满意率", .atLeast, "95", explanation: "考核受益人员满意率")).contains("R11"))
    }

    @Test("a name cut off before its noun is a hint; complete names stay quiet")
    func truncated() {
        for name in ["城乡居民参保覆盖", "社会保险政策知晓", "每次发放（补助）", "受益退休人员满意", "机关事业单位养老金足"] {
            let f = T.findings(T.row("产出指标", "质量指标", name, .atLeast, "95")).first { $0.code == "R13" }
            #expect(f?.severity == .hint, "\(name)")
        }
        let clean = [
            "城乡居民参保覆盖率", "实际缴费人数", "养老待遇发放时间", "持续提升养老保障", "保障基金安全，维护社会稳定",
            "单位整体支出", "部门预算支出金额", "群众满意度", "资产管理规范性", "生活补贴发放数", "发放补助次数",
            "每季度拨付资金数", "资金支付及时性", "社会保险费收入占基金收入比重", "房屋修缮面积", "设备更新改造数量",
            "保障退休人员基本生活", "资金保障充足",
        ]
        for name in clean {
            #expect(!T.codes(T.row("产出指标", "质量指标", name, .atLeast, "95")).contains("R13"), "\(name)")
        }
    }
}
