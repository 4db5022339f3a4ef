import Testing
import GoalCore
@testable import GoalScoring

@Suite("单项指标评分")
struct IndicatorScoringTests {
    let ratioText = "达到计划值得满分5分，否则按实际值/计划值*指标分值计分。"

    @Test("ratio compares in base units: 17100人 against 1.8万人")
    func ratioUnits() {
        #expect(points(ratioText, .atLeast, "1.8", unit: "万人", weight: 5, actual: "1.71") == 4.75)
        #expect(points(ratioText, .atLeast, "1.8", unit: "万人", weight: 5, actual: "1.71万人") == 4.75)
        let s = scored(row(ratioText, .atLeast, "1.8", unit: "万人", weight: 5, actual: "17100人"))
        #expect(s.score == 4.75)
        #expect(s.explanation.contains("17100人 = 1.71万人"))
        #expect(s.flags.contains { $0.kind == .actualInterpreted })
        #expect(points(ratioText, .atLeast, "20000", unit: "人", weight: 5, actual: "1.8万") == 4.5)
    }

    @Test("ratio by type: ≤ reverses, = measures the distance from the target")
    func ratioTypes() {
        #expect(points("按照正常比例赋分", .atMost, "2.13", unit: "万元", weight: 20, actual: "2.5") == 17.04)
        #expect(points("按照正常比例赋分", .atMost, "2.13", unit: "万元", weight: 20, actual: "2") == 20)
        #expect(points("按照正常比例赋分", .equal, "12", unit: "次", weight: 10, actual: "13") == 9.17)
        #expect(points("按照正常比例赋分", .equal, "12", unit: "次", weight: 10, actual: "11") == 9.17)
        #expect(points("得分=实际完成值/目标值×10", .atLeast, "20000", unit: "人", weight: 10, actual: "18000") == 9)
    }

    @Test("pass line at 60%")
    func passLine() {
        let text = "完成率小于60%不得分，大于等于60%的按(完成率-60%)/(1-60%)×分值"
        #expect(points(text, actual: "80") == 5)
        #expect(points(text, actual: "59") == 0)
        #expect(points(text, actual: "100") == 10)
        #expect(points("按照完成比例赋分，同时设置及格门槛", actual: "70") == 2.5)
        #expect(scored(row(text, actual: "80")).explanation.contains("10 × (0.8 ÷ 1 − 0.6)") == false)
        #expect(scored(row(text, actual: "80")).explanation.contains("= 5"))
    }

    @Test("step down, in points for % targets and in percent of the target otherwise")
    func stepDown() {
        #expect(points("每下降1%扣0.2分，扣完为止", .atLeast, "43", weight: 2, actual: "40") == 1.4)
        #expect(points("群众满意度达95%以上得10分，每下降一个百分点扣零点五分", .atLeast, "95", actual: "91") == 8)
        #expect(points("低于目标值的，每低1个百分点扣1分，扣完为止", .atLeast, "98", actual: "95.5") == 7.5)
        #expect(points("每少1人扣1分", .atLeast, "20", unit: "人", actual: "17") == 7)
        #expect(points("每下降10%扣2分", .atLeast, "200", unit: "人", actual: "170") == 7)
        #expect(points("每少一项扣五分", .atLeast, "4", unit: "项", actual: "3") == 5)
        #expect(points("每少100人扣1分", .atLeast, "1.8", unit: "万人", actual: "1.77") == 7)
        #expect(points("每下降1%扣2分，扣完为止", actual: "80") == 0)
        #expect(points("每下降1%扣1分，最多扣5分", actual: "80") == 5)
        #expect(points("每下降1%扣1分", actual: "100") == 10)
    }

    @Test("whole steps count only complete steps (profile steps: whole)")
    func wholeSteps() {
        let text = "每下降1个百分点扣0.2分"
        let proportional = scored(row(text, .atLeast, "95", weight: 2, actual: "92.5"))
        #expect(proportional.score == 1.5)
        #expect(proportional.explanation.contains("按比例计"))
        #expect(proportional.explanation.contains("2 − 0.2 × 2.5 = 1.5"))
        let whole = scored(row(text, .atLeast, "95", weight: 2, actual: "92.5"), settings: ScoringSettings(steps: .whole))
        #expect(whole.score == 1.6)
        #expect(whole.explanation.contains("按整步计"))
    }

    @Test("step over")
    func stepOver() {
        #expect(points("整体支出控制在预算范围内，得4分，每超出10%，扣2分，扣完为止。", .atMost, "329.26", unit: "万元", weight: 4, actual: "362.186") == 2)
        #expect(points("每超过1个百分点扣1分", .atMost, "30", weight: 5, actual: "32") == 3)
        #expect(points("每超支1%扣0.5分", .atMost, "100", unit: "万元", actual: "104") == 8)
        #expect(points("每超支1%扣0.5分", .atMost, "100", unit: "万元", actual: "99") == 10)
    }

    @Test("late days against a day of the month")
    func lateDays() {
        let text = "养老待遇在每月25日前完成发放得10分，每推迟1天扣0.5分，扣完为止。"
        #expect(points(text, .qualitative, "每月25日前", actual: "27日") == 9)
        #expect(points(text, .qualitative, "每月25日前", actual: "25日") == 10)
        #expect(points(text, .qualitative, "每月25日前", actual: "每月20日") == 10)
        #expect(points(text, .qualitative, "每月25日前", actual: "按时发放") == 10)
        #expect(points(text, .qualitative, "每月25日前", actual: "推迟3天") == 8.5)
        #expect(points("每推迟一天扣一分", .qualitative, "每月25日前", actual: "28号") == 7)
        #expect(points("每延迟1天扣1分", .qualitative, "12月20日前", actual: "12月23日") == 7)
        #expect(points("每超过1天扣1分", .atMost, "30", unit: "天", actual: "33天") == 7)
        #expect(points("每推迟1天扣1分", .qualitative, "11月底前", actual: "12月2日") == 8)
        #expect(points("每推迟1天扣1分", .qualitative, "年底前", actual: "12月20日") == 10)
        let bad = scored(row(text, .qualitative, "每月25日前", actual: "很快"))
        #expect(bad.score == 0)
        #expect(bad.flags.contains { $0.kind == .unreadableActual })
    }

    @Test("bands, also against the completion rate and scaled to the weight")
    func bands() {
        let text = "满意度达到95%（含）以上得满分，85%（含）-95%得6分，85%以下不得分"
        #expect(points(text, actual: "96") == 10)
        #expect(points(text, actual: "90") == 6)
        #expect(points(text, actual: "80") == 0)
        #expect(points("95%以上得10分，90%-95%得8分，90%以下不得分", actual: "92") == 8)
        #expect(points("完成率100%得10分，90%(含)-100%得8分，90%以下不得分", .atLeast, "200", unit: "人", actual: "190") == 8)
        let scaled = scored(row("≥90%得10分；80%-90%得8分；<80%不得分", weight: 20, actual: "85"))
        #expect(scaled.score == 16)
        #expect(scaled.explanation.contains("8 × 20 ÷ 10 = 16"))
        #expect(scaled.flags.contains { $0.kind == .weightMismatch })
        #expect(points("90%以上得10分，80%至90%得八分，其余不得分", actual: "85") == 8)
        #expect(points("90%以上得10分，80%至90%得八分，其余不得分", actual: "75") == 0)
    }

    @Test("fixed grades take the grade the actual names")
    func fixedGrades() {
        let text = "效果明显得15分，效果一般得5分，否则不得分。"
        #expect(points(text, .qualitative, "效果明显", weight: 15, actual: "效果明显") == 15)
        #expect(points(text, .qualitative, "效果明显", weight: 15, actual: "效果一般") == 5)
        #expect(points(text, .qualitative, "效果明显", weight: 15, actual: "无效果") == 0)
        let sat = "非常满意得10分，满意得8分，基本满意得5分，不满意不得分"
        #expect(points(sat, .qualitative, "满意", actual: "非常满意") == 10)
        #expect(points(sat, .qualitative, "满意", actual: "满意") == 8)
        #expect(points(sat, .qualitative, "满意", actual: "不满意") == 0)
        #expect(points(sat, .qualitative, "满意", actual: "比较满意") == 8)
        #expect(points("好得10分，较好得8分，一般得5分，差不得分", .qualitative, "好", actual: "一般") == 5)
        #expect(points("是得10分，否不得分", .qualitative, "是", actual: "是") == 10)
        #expect(points("是得10分，否不得分", .qualitative, "是", actual: "否") == 0)
    }

    @Test("direct: all or nothing")
    func direct() {
        #expect(points("直接赋分", .equal, "100", actual: "99") == 0)
        #expect(points("直接赋分", .equal, "100", actual: "100") == 10)
        #expect(points("完成得10分，未完成不得分", .atLeast, "12", unit: "次", actual: "12") == 10)
        #expect(points("完成得10分，未完成不得分", .atLeast, "12", unit: "次", actual: "11") == 0)
        #expect(points("完成得10分，未完成不得分", .qualitative, "完成", actual: "已完成") == 10)
        #expect(points("完成得10分，未完成不得分", .qualitative, "完成", actual: "未完成") == 0)
        #expect(points("符合要求得满分，不符合要求不得分", .qualitative, "符合", actual: "符合") == 10)
    }

    @Test(
        "按评判等级赋分: target text, evaluator's grades, percentages within the band",
        arguments: [
            ("有效提高", 20.0), ("基本达成", 20), ("基本达成 90%", 18), ("部分实现", 16), ("部分实现 70%", 14),
            ("部分实现 95%", 16), ("程度较低", 12), ("实现程度较低 30%", 6), ("未实现", 0), ("达成目标", 20),
            ("有效提升", 20), ("明显提高", 20), ("提高", 20), ("效果一般", 16), ("效果不明显", 0), ("100%", 20),
            ("较好", 20), ("生活水平有所提高", 20), ("有效", 20), ("有所下降", 0),
        ])
    func grade(actual: String, want: Double) {
        #expect(points("按评判等级赋分", .qualitative, "有效提高", weight: 20, actual: actual) == want)
    }

    @Test("an unknown grade word scores 0 and says so")
    func unknownGrade() {
        let s = scored(row("按评判等级赋分", .qualitative, "有效提高", weight: 20, actual: "还行吧"))
        #expect(s.score == 0)
        #expect(s.flags.contains { $0.kind == .unreadableActual && $0.message.contains("基本达成") })
    }

    @Test(
        "satisfaction bands of the profile",
        arguments: [("96", 10.0), ("90", 10), ("89.9", 8), ("85", 8), ("80", 8), ("70", 5), ("60", 5), ("50", 0)])
    func satisfaction(actual: String, want: Double) {
        #expect(points("满意度赋分", .atLeast, "98", actual: actual) == want)
    }

    @Test("type defaults when there is no text, and a flag when the text says nothing usable")
    func defaults() {
        let none = scored(row(nil, .atLeast, "100", actual: "90"))
        #expect(none.score == 9)
        #expect(none.source == .typeDefault)
        #expect(none.explanation.hasPrefix("按“≥”类型默认"))
        #expect(none.flags.isEmpty)
        #expect(points(nil, .atMost, "50", unit: "万元", actual: "100") == 5)
        #expect(points(nil, .qualitative, "有效提高", actual: "有效提高") == 10)
        let vague = scored(row("酌情扣分", .atLeast, "100", actual: "90"))
        #expect(vague.score == 9)
        #expect(vague.flags.contains { $0.kind == .ruleNotUnderstood && $0.message.contains("第1张表 第1行指标“测试指标” 评（扣）分标准") })
        let onlyFull = scored(row("按计划完成得10分", .atLeast, "100", actual: "90"))
        #expect(onlyFull.flags.contains { $0.message.contains("只写明满分10分") })
    }

    @Test("weight from the text when the form has none; no weight at all is an error")
    func weights() {
        #expect(points(ratioText, .atLeast, "1.8", unit: "万人", weight: nil, actual: "1.71") == 4.75)
        let none = scored(row("按照正常比例赋分", weight: nil, actual: "90"))
        #expect(none.score == nil)
        #expect(none.flags.contains { $0.kind == .missingWeight && $0.severity == .error })
    }

    @Test(
        "actuals as people write them",
        arguments: [
            ("约90%", 9.0), ("九十", 9), ("90％", 9), ("９０", 9), (" 90 ", 9), ("达到90%", 9), ("90%左右", 9),
            ("90%，部分项目延期", 9), ("90%（27/30）", 9), ("完成90%", 9),
        ])
    func actualForms(actual: String, want: Double) {
        #expect(points("按照正常比例赋分", actual: actual) == want)
    }

    @Test("missing, text and 不适用 actuals")
    func badActuals() {
        let missing = scored(row("按照正常比例赋分", actual: nil))
        #expect(missing.score == 0)
        #expect(missing.flags.contains { $0.kind == .missingActual && $0.message.contains("实际完成值") })
        let empty = scored(row("按照正常比例赋分", actual: "   "))
        #expect(empty.score == 0)
        #expect(scored(row("按照正常比例赋分", actual: "-")).flags.contains { $0.kind == .missingActual })
        let done = scored(row("按照正常比例赋分", actual: "已完成"))
        #expect(done.score == 10)
        #expect(done.flags.contains { $0.kind == .unreadableActual && $0.severity == .warning })
        let text = scored(row("按照正常比例赋分", actual: "很多"))
        #expect(text.score == 0)
        #expect(text.flags.contains { $0.kind == .unreadableActual && $0.severity == .error })
        let notDone = scored(row("按照正常比例赋分", actual: "未完成"))
        #expect(notDone.score == 0)
        #expect(points("按照正常比例赋分", actual: "不适用") == nil)
        #expect(points("按照正常比例赋分", actual: "不涉及") == nil)
    }

    @Test("zero targets, negative and huge actuals never crash nor leave 0…w")
    func extremes() {
        #expect(points("按照正常比例赋分", .atLeast, "0", unit: "个", actual: "5") == 10)
        #expect(points("按照正常比例赋分", .equal, "0", unit: "个", actual: "1") == 0)
        #expect(points("按照正常比例赋分", .equal, "0", unit: "个", actual: "0") == 10)
        #expect(points("按照正常比例赋分", .atMost, "0", unit: "起", actual: "2") == 0)
        #expect(points("按照正常比例赋分", .atMost, "0", unit: "起", actual: "0") == 10)
        #expect(points("每下降1%扣1分", .atLeast, "0", unit: "个", actual: "-3") == 0)
        #expect(points("按照正常比例赋分", actual: "-5") == 0)
        #expect(points("按照正常比例赋分", actual: "99999999999999999999") == 10)
        #expect(points("按照正常比例赋分", .atMost, "5", unit: "万元", actual: "0.0000001") == 10)
        let clamped = scored(row("按照正常比例赋分", actual: "-5"))
        #expect(clamped.explanation.contains("限于0至10分"))
    }

    @Test("formula indicators computed from their inputs")
    func formulas() {
        let exact = scored(row(nil, .atLeast, "90", actual: "预算完成数300/预算数320", name: "预算执行率"))
        #expect(exact.score == 10)
        #expect(exact.explanation.contains("预算完成数 ÷ 预算数 = 300 ÷ 320 × 100% = 93.75%"))
        #expect(points(nil, .atLeast, "95", actual: "300/320") == 9.87)
        let listed = scored(
            row(
                nil, .atLeast, "95", actual: "预算数320万元，预算完成数300万元", name: "预算执行",
                explanation: "预算执行率=（预算完成数/预算数）×100%。"))
        #expect(listed.score == 9.87)
        #expect(listed.explanation.contains("300 ÷ 320"))
        let carry = scored(row(nil, .atMost, "30", actual: "结转结余总额50，预算数320", name: "结转结余率"))
        #expect(carry.score == 10)
        #expect(carry.explanation.contains("15.63%"))
    }

    @Test("flags a reviewer expects")
    func flags() {
        let noReason = scored(row("按照正常比例赋分", actual: "90", deviation: nil))
        #expect(noReason.flags.contains { $0.kind == .deviationMissing && $0.message.contains("偏差原因分析及改进措施") })
        #expect(!scored(row("按照正常比例赋分", actual: "90")).flags.contains { $0.kind == .deviationMissing })
        let tooLow = scored(row("按照正常比例赋分", .atLeast, "100", unit: "人", actual: "130"))
        #expect(tooLow.flags.contains { $0.kind == .targetTooLow && $0.message.contains("30%") })
        #expect(!scored(row("按照正常比例赋分", .atLeast, "100", unit: "人", actual: "129")).flags.contains { $0.kind == .targetTooLow })
        #expect(!scored(row("按照正常比例赋分", .atMost, "100", unit: "人", actual: "10")).flags.contains { $0.kind == .targetTooLow })
    }

    @Test("hostile texts are read as text, never run")
    func hostile() {
        for text in [
            "<script>alert(1)</script>", "\u{0}\u{1}", String(repeating: "扣", count: 5000), "每下降%扣分", "得分=/", "(((((((",
            "效果\n明显\r\n",
        ] {
            let s = scored(row(text, actual: text))
            #expect(s.score.map { $0 >= 0 && $0 <= 10 } ?? true)
            #expect(!s.explanation.contains("\n") && s.flags.allSatisfy { !$0.message.contains("\n") })
        }
    }

    @Test(
        "more phrasings of real tables",
        arguments: [
            ("实现目标得满分，基本实现得80%分值，未实现不得分", Comparison.qualitative, "有效提高", "基本实现", 8.0),
            ("实现目标得满分，基本实现得80%分值，未实现不得分", .qualitative, "有效提高", "实现目标", 10),
            ("全部完成得10分，部分完成得5分，未完成不得分", .qualitative, "全部完成", "部分完成", 5),
            ("全部完成得10分，部分完成得5分，未完成不得分", .qualitative, "全部完成", "全部完成", 10),
            ("无重大安全事故得满分，否则不得分", .qualitative, "无重大安全事故", "无重大安全事故", 10),
            ("未发生安全事故得满分，发生一起扣2分，扣完为止", .atMost, "0", "2", 6),
            ("全年发生0起得满分，每发生1起扣5分", .atMost, "0", "1", 5),
            ("达到目标值得满分，未达到按比例扣分", .atLeast, "100", "80", 8),
            ("完成得满分，未完成得分值的一半", .qualitative, "完成", "未完成", 5),
            ("按时完成得满分，每延迟一天扣一分", .qualitative, "12月20日前", "12月22日", 8),
            ("满分10分，每少1%扣0.5分", .atLeast, "100", "96", 8),
            ("指标完成率达到100%得满分，每低5个百分点扣1分", .atLeast, "100", "90", 8),
            ("完成率=实际完成值/计划值×100%，得分=完成率×分值", .atLeast, "200", "150", 7.5),
            ("完成率小于60%不得分，60%以上按比例得分", .atLeast, "100", "70", 7),
            ("完成率小于60%不得分，60%以上按比例得分", .atLeast, "100", "50", 0),
            ("满意度≥90%得满分，80%（含）-90%得分值的80%，80%以下不得分", .atLeast, "90", "85", 8),
            ("满意度≥90%得满分，80%-90%得一半分，<80%不得分", .atLeast, "90", "85", 5),
            ("完成12次得满分，少一次扣1分", .atLeast, "12", "10", 8),
            ("1.完成率100%得5分；2.完成率90%（含）-100%得4分；3.完成率90%以下得0分", .atLeast, "100", "95", 8),
            ("投诉次数每增加1次扣1分", .atMost, "0", "3", 7),
            ("指标值为优得10分，良得8分，中得6分，差不得分", .qualitative, "优", "良", 8),
            ("控制在预算范围内得满分，超出不得分", .atMost, "100", "101", 0),
        ] as [(String, Comparison, String, String, Double)])
    func morePhrasings(text: String, type: Comparison, value: String, actual: String, want: Double) {
        let s = scored(row(text, type, value, unit: type == .atMost ? "起" : "%", actual: actual))
        #expect(s.score == want, "\(text) @ \(actual): \(s.explanation)")
        #expect(!s.flags.contains { $0.kind == .ruleNotUnderstood }, "\(text)")
    }
}
