import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// Glued-text rules met on real published self-evaluations (issue #22), each on a table of its own making.
@Suite("粘连的自评表：错乱的竖排标签、公式字母、粘连的数字")
struct RealGluedTests {
    func read(_ text: String) -> ImportResult { TextTableReader.read(text: text) }

    @Test(
        "a glued self-evaluation: 一级 labels with their characters out of order, (A)/(B) after the headings, 8830 as target, actual and score, 295% as ≥95%, the unit label before 填报日期"
    )
    func scrambledGluedSelfEvaluation() throws {
        let text =
            "2022年度林业补贴项目自评表单位名称:某县林业站填报日期:项目名称退耕还林补贴项目实施单位某乡林业所"
            + "二级指标三级指标年初目标值(A)实际完成值(B)得分标出产指数量指标补贴户数8830质量指标补贴发放准确率100%100%20"
            + "标效益指意满度打服务对象满意度受益户满意度95%295%50总分100"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.unit == "某县林业站")
        let ind = t.indicators
        #expect(ind.map(\.name) == ["补贴户数", "补贴发放准确率", "受益户满意度"])
        #expect(ind[0].level1 == "产出指标" && ind[0].value == "8" && t.actual(at: 0) == "8")
        #expect(ind[1].value == "100" && t.actual(at: 1) == "100%")
        // 效益指标 heads no row: the 二级 below it takes its own 一级
        #expect(ind[2].level1 == "满意度指标" && ind[2].level2 == "服务对象满意度")
        #expect(ind[2].value == "95" && t.actual(at: 2) == "≥95%")
        #expect(r.notes.contains { if case .verticalLabelScrambled(_, _, "标出产指", "产出指标") = $0.code { true } else { false } })
        #expect(r.notes.contains { if case .targetActualScoreGlued(_, "8830", _, _) = $0.code { true } else { false } })
        #expect(r.notes.contains { if case .textBetweenLevels(_, "意满度打") = $0.code { true } else { false } })
        #expect(r.notes.contains { if case .actualAtLeastMisread(_, _, "295%", _) = $0.code { true } else { false } })
    }

    @Test("digits that are a figure twice and then points; anything else is not cut")
    func repeatedThenPoints() {
        #expect(StreamRowParser.repeatedThenPoints("6620")! == ("6", "20"))
        #expect(StreamRowParser.repeatedThenPoints("1001005")! == ("100", "5"))
        #expect(StreamRowParser.repeatedThenPoints("2100") == nil)
        #expect(StreamRowParser.repeatedThenPoints("300") == nil)
    }

    @Test(
        "a glued goal table: the provincial form's labels cut the header, 二 before a bare figure is =, a target in words glued to the name's end"
    )
    func gluedGoalTableWithWordTargets() throws {
        let text =
            "省级部门预算项目支出绩效目标表(2024年度)一级项目名称农业发展专项资金二级项目名称某某示范园补助资金项目类型延续项目"
            + "主管部门某市农业农村局项目实施单位某市农技推广站政策依据某财农[2023]12号其他依据年度绩效目标提高示范园带动能力"
            + "一级指标二级指标三级指标指标目标值产出指标数量指标示范园数量=3个质量指标技术到位率二95百分比"
            + "效益指标社会效益指标带动周边农户种植水平提升经济效益指标为农户提供就业机会增加岗位满意度指标服务对象满意度指标农户满意度=90百分比"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.unit == "某市农技推广站")
        #expect(t.project?.name == "某某示范园补助资金")
        let ind = t.indicators
        #expect(ind.map(\.name) == ["示范园数量", "技术到位率", "带动周边农户种植水平", "为农户提供就业机会", "农户满意度"])
        #expect(ind[1].type == .equal && ind[1].value == "95")
        #expect(ind[2].type == .qualitative && ind[2].value == "提升")
        #expect(ind[3].type == .qualitative && ind[3].value == "增加岗位")
        #expect(r.notes.has("equal-sign-misread"))
        #expect(r.notes.contains { if case .targetGluedToName(_, _, "提升") = $0.code { true } else { false } })
    }

    @Test("a target in words is cut only from a name long enough to stay a name")
    func targetInWords() {
        #expect(StreamRowParser.targetInWords(atEndOf: "对文物保护影响长远") == "长远")
        #expect(StreamRowParser.targetInWords(atEndOf: "水平提升") == nil)
        #expect(StreamRowParser.targetInWords(atEndOf: "工程质量合格") == nil)
        #expect(StreamRowParser.targetInWords(atEndOf: "提供就业机会增加岗位") == "增加岗位")
    }

    @Test("the scoring framework glued: a 一级 with one character misread before its points, 成本指标(10分) inside 项目产出 is its 二级")
    func misprintedLevelBeforePoints() throws {
        let text =
            "2022年度某某项目支出绩效自评表一级指标二级指标三级指标分值指标值实际完成值得分偏差原因分析及改进措施"
            + "顼目产出(40分)数量指标(20分)培训人次20=300人次320人次20质量指标(10分)合格率10=95%98%10"
            + "成本指标(10分)人均培训成本10=200元200元10"
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.map(\.name) == ["培训人次", "合格率", "人均培训成本"])
        #expect(ind.allSatisfy { $0.level1 == "项目产出" })
        #expect(ind[2].level2 == "成本指标" && ind[2].weight == 10 && ind[2].value == "200")
        #expect(r.notes.contains { if case .levelNameMisread(_, "顼目产出", "项目产出") = $0.code { true } else { false } })
    }

    @Test(
        "a glued scoring framework: dashes for the empty target keep the text in 实际完成值, and the block's later rows follow them; a date glued to its weight"
    )
    func dashedBlocksAndDates() throws {
        let text =
            "2022年度某某项目支出绩效自评表一级指标二级指标三级指标分值指标值实际完成值得分偏差原因分析及改进措施"
            + "项目决策(10分)项目立项规范性5一程序规范、手续齐全5合理性5论证充分可行4"
            + "项目产出(20分)时效指标(10分)完成时间102022年6月完成2022年6月完成10数量指标(10分)培训人次10=300人次320人次10"
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.map(\.name) == ["规范性", "合理性", "完成时间", "培训人次"])
        #expect(ind[0].value.isEmpty && table.actual(at: 0) == "程序规范、手续齐全" && ind[0].weight == 5)
        // no dash printed, but its block's rows leave the target empty: the text is the actual
        #expect(ind[1].value.isEmpty && table.actual(at: 1) == "论证充分可行" && ind[1].weight == 5)
        #expect(
            ind[2].type == .qualitative && ind[2].value == "2022年6月完成" && table.actual(at: 2) == "2022年6月完成"
                && ind[2].weight == 10)
        #expect(ind[3].value == "300" && table.actual(at: 3) == "320人次")
    }

    @Test(
        "a glued department self-evaluation: the year its text names, 绩效指标 among the rows, 性标定指 as 定性指标, a column hardly any row fills passed over, 指标L skipped, a score after a full stop"
    )
    func gluedDepartmentSelfEvaluation() throws {
        var text =
            "部门整体绩效自评表主管部门某区财政局全年目标实际完成情况中心2022年完成了宣传任务。"
            + "指标名称计量单位指标性质年初指标值调整指标值全年完成值指标权重(分)指标得分(分)是否核心指标"
        let quantitative = [
            "宣传覆盖率%定量指标95%96%55否", "稿件采用率%90%92%55否", "活动参与率%80%85%55是", "网站更新率%100%100%55否",
            "政务公开率%100%100%55否", "资料归档率%98%99%55否", "培训完成率%100%100%55否", "制度执行率%95%97%55是",
        ]
        text += quantitative.joined() + "绩效指标管理制度健全性性标定指高高33否资金使用合规性好好22否指标L指标2:"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.year == 2022)
        let ind = t.indicators
        #expect(ind.count == 10)
        #expect(
            ind[8].name == "管理制度健全性" && ind[8].type == .qualitative && ind[8].value == "高" && t.actual(at: 8) == "高"
                && ind[8].weight == 3)
        #expect(ind[9].name == "资金使用合规性" && ind[9].value == "好" && t.actual(at: 9) == "好")
        #expect(r.notes.contains { if case .yearFromText(_, 2022, _) = $0.code { true } else { false } })
        #expect(r.notes.contains { if case .headingWordBetweenRows(_, "绩效指标") = $0.code { true } else { false } })
        #expect(r.notes.contains { if case .templateIndicatorMisread(_, "指标L") = $0.code { true } else { false } })
    }

    @Test("a figure after a full stop that ends Chinese text is a cell of its own; a decimal point is not cut")
    func figureAfterFullStop() {
        #expect(GlueSplitter.pieces("做到10社会认可的办学环境.社会认可的办学环境.8") == ["做到", "10", "社会认可的办学环境.", "社会认可的办学环境.", "8"])
        #expect(GlueSplitter.pieces("绿化水电费等成本14.8万元") == ["绿化水电费等成本", "14.8万元"])
    }

    @Test("the years a text names leave out dates")
    func yearsNamed() {
        #expect(Reader.yearsNamed(in: "中心2021年较好地完成了任务，2023年3月9日填报") == [2021])
    }

    @Test(
        "得分系数 printed the same on every row: a row with only that figure before its glued weight leaves its target and actual empty"
    )
    func constantScoreFactor() throws {
        var text = "部门整体绩效自评表指标名称计量单位年初指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
        for (i, name) in ["宣传覆盖率", "稿件采用率", "活动参与率", "网站更新率", "政务公开率", "资料归档率"].enumerated() {
            text += name + "%9\(i)%9\(i + 1)%100%33否"
        }
        text += "会议经费变动率%100%22否培训完成率%95%97%100%33是"
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.count == 8)
        #expect(ind[0].value == "90" && table.actual(at: 0) == "91%" && ind[0].weight == 3)
        #expect(ind[6].name == "会议经费变动率" && ind[6].value.isEmpty && table.actual(at: 6) == nil && ind[6].weight == 2)
        #expect(ind[7].value == "95" && table.actual(at: 7) == "97%" && ind[7].weight == 3)
        #expect(ind[6].note?.contains("得分系数100%") == true)
        #expect(r.notes.contains { if case .constantColumnMoved(_, "100%", "得分系数", _) = $0.code { true } else { false } })
    }

    @Test(
        "OCR letters: a level name with one character read as Latin letters opens a glued cell; a unit is not followed by a word in letters"
    )
    func lettersInLevels() throws {
        let text =
            "2022年度某某项目支出绩效自评表一级指标二级指标三级指标分值指标值实际完成值得分偏差原因分析及改进措施"
            + "项目管理(20分)财务管理制度健全性5一制度健全5项Fl实施监督检查有效性5一检查到位5"
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.map(\.name) == ["制度健全性", "监督检查有效性"])
        #expect(ind[1].level2 == "项目实施" && table.actual(at: 1) == "检查到位" && ind[1].weight == 5)
        #expect(r.notes.contains { if case .levelNameLetter(_, _, "项Fl实施", "项目实施") = $0.code { true } else { false } })
        #expect(GlueSplitter.pieces("会计核算规范7项Fl实施绩效监控有效性").contains("7"))
        #expect(GlueSplitter.pieces("保障人数102370人2370人IO").contains("2370人"))
        // a weight before a figure whose first digits OCR read as a letter: cut, the figure kept as printed
        #expect(GlueSplitter.pieces("绿化、水电费等成本3M.8万元14.8万元3") == ["绿化、水电费等成本", "3", "M.8万元", "14.8万元", "3"])
        #expect(GlueSplitter.pieces("采购防护用品3M口罩数量") == ["采购防护用品3M口罩数量"])
    }

    @Test(
        "OCR'd cells after a name, in a form with a 计量单位 column: a target opening kept with its figure as 定性 text, letters for digits kept as the target, letters for the unit column left out; a name that merely holds a unit stays whole"
    )
    func unreadableCellsAfterTheName() throws {
        let text =
            "部门整体绩效自评表主管部门某县文化旅游局指标名称计量单位指标性质年初指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
            + "图书借阅人数人5000人5230人100%1010是文化下乡演出场次场约2场26场100%55否"
            + "印发宣传册数量本第I本300本100%55否清理河道淤泥量mx方800立方米820立方米100%1010否受益困难群众人数人600人610人100%55否"
        let r = read(text)
        let t = try #require(r.tables.first)
        let ind = t.indicators
        #expect(ind.map(\.name) == ["图书借阅人数", "文化下乡演出场次", "印发宣传册数量", "清理河道淤泥量", "受益困难群众人数"])
        // `约` before `2场` is the target's opening, read as printed: a text for a person, no figure of 2
        #expect(ind[1].type == .qualitative && ind[1].value == "约2场" && t.actual(at: 1) == "26场")
        // `第I本`: letters where digits were; the figure after it is the actual, not the target
        #expect(ind[2].type == .qualitative && ind[2].value == "第I本" && t.actual(at: 2) == "300本")
        // the letters printed where the unit column stands are nobody's name and nobody's unit
        #expect(ind[3].value == "800" && ind[3].unit == "立方米" && t.actual(at: 3) == "820立方米")
        #expect(ind[4].value == "600" && ind[4].unit == "人")
        let said = r.notes.map(\.message)
        #expect(said.contains { $0.contains("“约2场”识别不清") })
        #expect(said.contains { $0.contains("“第I本”识别不清") })
        #expect(said.contains { $0.contains("“mx方”是识别不清的计量单位列") })
    }

    @Test("what is cut after a name, and what is left as a name")
    func unreadableCellsRule() {
        let opening = StreamRowParser.unreadableCells(in: "开展普法活动次数次到", before: "12次")
        #expect(opening?.name == "开展普法活动次数" && opening?.unit == "次" && opening?.target == .opening("到"))
        let whole = StreamRowParser.unreadableCells(in: "新建村级书屋数量个l个", before: "15个")
        #expect(whole?.name == "新建村级书屋数量" && whole?.target == .whole("l个"))
        // a name that holds the unit inside it, and one whose unit column was read cleanly
        #expect(StreamRowParser.unreadableCells(in: "受益贫困人口人数", before: "500人") == nil)
        #expect(StreamRowParser.unreadableCells(in: "培训农民次数次", before: "26次") == nil)
        // Chinese after the unit that is no target's opening: a longer name, not debris
        #expect(StreamRowParser.unreadableCells(in: "服务对象人数人员", before: "30人") == nil)
        // no letters: a name; letters alone: a unit printed in Latin (`km`), not debris
        #expect(StreamRowParser.unreadableCells(in: "空气质量优良天数比例", before: "90%") == nil)
        #expect(StreamRowParser.unreadableCells(in: "维修农村道路长度km", before: "12公里") == nil)
    }
}
