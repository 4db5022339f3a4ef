import Testing
import GoalCore
@testable import GoalScoring

@Suite("评分标准解析")
struct RuleParserTests {
    @Test(
        "method names of 指标赋分规则",
        arguments: [
            ("按照正常比例赋分", ScoringRule.ratio),
            ("按正常比例赋分", .ratio),
            ("按完成比例赋分", .ratio),
            ("按照完成比例赋分", .ratio),
            ("直接赋分", .direct),
            ("按评判等级赋分", .grade),
            ("按照评判等级赋分", .grade),
            ("满意度赋分", .satisfaction),
            ("按照完成比例赋分，同时设置及格门槛", .passLine(0.6)),
        ])
    func methods(text: String, rule: ScoringRule) {
        let p = RuleParser.parse(text)
        #expect(p.rule == rule)
        #expect(p.source == .method)
        #expect(p.problem == nil)
    }

    @Test("seed phrasings")
    func seeds() {
        #expect(RuleParser.parse("达到计划值得满分5分，否则按实际值/计划值*指标分值计分。") == ParsedScoring(rule: .ratio, source: .text, fullPoints: 5))
        #expect(RuleParser.parse("按计划完成得10分，否则按实际值/计划值*指标分值计分。").fullPoints == 10)
        #expect(
            RuleParser.parse("社会保险费收入占基金收入比重达43%得2分，每下降1%扣0.2分，扣完为止。").rule
                == .stepDown(Step(deduction: 0.2, size: 1, kind: .percent)))
        #expect(
            RuleParser.parse("整体支出控制在预算范围内，得4分，每超出10%，扣2分，扣完为止。").rule
                == .stepOver(Step(deduction: 2, size: 10, kind: .percent)))
        #expect(
            RuleParser.parse("养老待遇在每月25日前完成发放得10分，每推迟1天扣0.5分，扣完为止。").rule
                == .lateDays(Step(deduction: 0.5, size: 1, kind: .absolute(unit: "天"))))
        #expect(RuleParser.parse("养老待遇在每月25日前完成发放得10分，每推迟1天扣0.5分，扣完为止。").fullPoints == 10)
        #expect(
            RuleParser.parse("效果明显得15分，效果一般得5分，否则不得分。").rule
                == .fixedGrades([GradePoints(words: "效果明显", points: 15), GradePoints(words: "效果一般", points: 5)], otherwise: 0))
        #expect(RuleParser.parse("群众满意度达95%以上得10分，每下降1%，扣0.5分，扣完为止。").fullPoints == 10)
        if case .bands(let bands)? = RuleParser.parse("满意度大于等于95%的得10分，满意度小于95%且大于等于80%的得8分，满意度小于80%且大于等于60%的得5分，满意度小于60%不得分。")
            .rule
        {
            #expect(bands.count == 4)
            #expect(
                bands[1]
                    == Band(lower: 80, lowerInclusive: true, upper: 95, upperInclusive: false, award: .points(8), percent: true))
        } else {
            Issue.record("satisfaction text not read as bands")
        }
    }

    @Test(
        "a pass line from the formula, in half- and full-width writing",
        arguments: [
            "完成率小于60%不得分，大于等于60%的按(完成率-60%)/(1-60%)×分值",
            "完成率小于60%为不及格，不得分；大于等于60%的，按超过的比重赋分，计算公式为：得分=（实际完成率－60%）/（1－60%）×指标分值。",
            "得分=(实际完成率−50%)÷(1−50%)×指标分值",
        ])
    func passLine(text: String) {
        guard case .passLine(let p)? = RuleParser.parse(text).rule else {
            Issue.record("not a pass line: \(text)"); return
        }
        #expect(p == 0.6 || p == 0.5)
    }

    @Test(
        "step phrasings",
        arguments: [
            ("每下降1个百分点扣0.2分", Step(deduction: 0.2, size: 1, kind: .percentagePoint)),
            ("每下降一个百分点扣零点五分", Step(deduction: 0.5, size: 1, kind: .percentagePoint)),
            ("低于目标值的，每低1%扣1分，扣完为止", Step(deduction: 1, size: 1, kind: .percent)),
            ("每少1人扣1分", Step(deduction: 1, size: 1, kind: .absolute(unit: "人"))),
            ("每少一项扣五分", Step(deduction: 5, size: 1, kind: .absolute(unit: "项"))),
            ("每减少2户扣1分", Step(deduction: 1, size: 2, kind: .absolute(unit: "户"))),
            ("每降低百分之一扣减0.5分", Step(deduction: 0.5, size: 1, kind: .percent)),
            ("未达到目标的，每低于目标值1%扣1分，最多扣5分", Step(deduction: 1, size: 1, kind: .percent, maxDeduction: 5)),
        ])
    func stepsDown(text: String, step: Step) {
        #expect(RuleParser.parse(text).rule == .stepDown(step))
    }

    @Test("steps over and late days")
    func stepsOverAndLate() {
        #expect(RuleParser.parse("每超过1个百分点扣1分").rule == .stepOver(Step(deduction: 1, size: 1, kind: .percentagePoint)))
        #expect(RuleParser.parse("每超支1%扣0.5分").rule == .stepOver(Step(deduction: 0.5, size: 1, kind: .percent)))
        #expect(RuleParser.parse("每推迟一天扣一分").rule == .lateDays(Step(deduction: 1, size: 1, kind: .absolute(unit: "天"))))
        #expect(RuleParser.parse("每延迟1个工作日扣2分").rule == .lateDays(Step(deduction: 2, size: 1, kind: .absolute(unit: "工作日"))))
        #expect(RuleParser.parse("每逾期1天扣0.5分").rule == .lateDays(Step(deduction: 0.5, size: 1, kind: .absolute(unit: "天"))))
        #expect(RuleParser.parse("每超过1天扣1分").rule == .lateDays(Step(deduction: 1, size: 1, kind: .absolute(unit: "天"))))
    }

    @Test(
        "band phrasings",
        arguments: [
            "≥90%得10分；80%-90%得8分；60%-80%得5分；<60%不得分",
            "≥90%得10分;80%~90%得8分;60%~80%得5分;60%以下不得分",
            "90%（含）以上得10分，80%（含）至90%得8分，60%（含）-80%得5分，低于60%不得分",
            "大于等于90%得十分，大于等于80%小于90%得八分，大于等于60%小于80%得五分，其余不得分",
            ">=90%，10分；80%-90%，8分；60%-80%，5分；60%以下，0分",
        ])
    func bandPhrasings(text: String) {
        let p = RuleParser.parse(text)
        guard case .bands = p.rule else { Issue.record("not bands: \(text) → \(String(describing: p.rule))"); return }
        #expect(p.fullPoints == 10)
        for (actual, want) in [("95", 10.0), ("90", 10), ("85", 8), ("80", 8), ("70", 5), ("60", 5), ("59.9", 0), ("0", 0)] {
            #expect(points(text, actual: actual) == want, "\(text) @ \(actual)")
        }
    }

    @Test("grades, including yes/no and satisfaction words")
    func grades() {
        guard case .fixedGrades(let g, let other)? = RuleParser.parse("非常满意得10分，满意得8分，基本满意得5分，不满意不得分").rule else {
            Issue.record("not grades"); return
        }
        #expect(g.map(\.words) == ["非常满意", "满意", "基本满意", "不满意"])
        #expect(other == 0)
        guard case .fixedGrades? = RuleParser.parse("好得10分，较好得8分，一般得5分，差不得分").rule else {
            Issue.record("好/较好 not grades"); return
        }
        guard case .fixedGrades? = RuleParser.parse("是得10分，否不得分").rule else { Issue.record("是/否 not grades"); return }
    }

    @Test(
        "direct texts",
        arguments: [
            "完成得10分，未完成不得分",
            "符合要求得满分，不符合要求不得分",
            "达到目标值得10分，否则不得分",
            "按时完成得5分，未按时完成不得分",
        ])
    func direct(text: String) {
        #expect(RuleParser.parse(text).rule == .direct, "\(text) → \(String(describing: RuleParser.parse(text).rule))")
    }

    @Test(
        "texts that name no rule fall back and say why",
        arguments: [
            "酌情扣分", "'; DROP TABLE indicators; --", "🙂🙂🙂", "按计划完成得10分", String(repeating: "无规则文字", count: 2000),
            String(repeating: "九", count: 40) + "分",
        ])
    func unknown(text: String) {
        let p = RuleParser.parse(text)
        #expect(p.rule == nil)
        #expect(p.source == .typeDefault)
        #expect(p.problem != nil)
    }

    @Test(
        "an empty text or a placeholder is no problem: the type default applies silently", arguments: ["   ", "-", "/", "无", "—"])
    func empty(text: String) {
        let p = RuleParser.parse(text)
        #expect(p.rule == nil && p.problem == nil)
    }
}

@Suite("中文数字")
struct ChineseNumeralTests {
    @Test(
        "values",
        arguments: [("二十五", 25.0), ("一百零五", 105), ("零点五", 0.5), ("十", 10), ("两", 2), ("十五", 15), ("一〇五", 105), ("九十", 90)])
    func values(text: String, value: Double) {
        #expect(ChineseNumerals.value(of: text) == value)
    }

    @Test(
        "rewrites numbers, leaves idioms",
        arguments: [
            ("每推迟一天扣零点五分", "每推迟1天扣0.5分"),
            ("得十分", "得10分"),
            ("效果一般得五分", "效果一般得5分"),
            ("十分满意得十分", "十分满意得10分"),
            ("满意度百分之九十以上", "满意度90%以上"),
            ("每少一项扣两分", "每少1项扣2分"),
            ("进一步提高", "进一步提高"),
            ("一级指标", "一级指标"),
        ])
    func arabize(text: String, want: String) {
        #expect(ChineseNumerals.arabize(text) == want)
    }
}
