import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// Tables as they appear on other provinces' sites, written for these tests: each layout is one the
/// forms allow, and the importer must recover it from the forms' rules, not from the seeds.
@Suite("其他版式的表格")
struct LayoutTests {
    func read(_ text: String) -> ImportResult { TextTableReader.read(text: text) }

    @Test("weights in their own column, units in their own column")
    func weightColumn() throws {
        let text = """
            项目支出绩效目标表
            （2025年度）
            项目名称\t农村饮水安全巩固提升工程\t主管部门\t县水利局
            实施单位\t县农村供水站\t项目负责人\t李明
            项目资金（万元）\t年度资金总额：\t300\t其中：财政拨款\t280\t其他资金\t20
            年度绩效目标\t新建集中供水工程3处，受益人口1.2万人，水质达标率95%以上。
            一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t分值\t评（扣）分标准
            产出指标\t数量指标\t新建集中供水工程\t≥\t3\t处\t20\t完成得20分，每少1处扣5分
            \t质量指标\t水质达标率\t≥\t95\t%\t20\t按实际完成比例计分
            \t时效指标\t工程完工时间\t≤\t12\t月\t10\t按时完成得10分，每推迟1个月扣2分
            成本指标\t经济成本指标\t工程建设成本\t≤\t300\t万元\t10\t控制在预算内得10分
            效益指标\t社会效益指标\t受益人口\t≥\t1.2\t万人\t20\t达到目标得20分，否则按比例计分
            满意度指标\t服务对象满意度指标\t受益群众满意度\t≥\t90\t%\t10\t满意度≥90%得10分
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.kind == .project && t.year == 2025)
        #expect(t.project == ProjectInfo(name: "农村饮水安全巩固提升工程", manager: "李明"))
        #expect(t.unit == "县农村供水站")
        #expect(t.funds == Funds(total: 300, fiscal: 280, other: 20))
        #expect(t.indicators.count == 6)
        #expect(t.indicators.map(\.weight) == [20, 20, 10, 10, 20, 10])
        #expect(t.indicators[1].level1 == "产出指标" && t.indicators[1].level2 == "质量指标")
        #expect(t.indicators[4].unit == "万人" && t.indicators[4].value == "1.2")
        #expect(t.goal?.hasPrefix("新建集中供水工程3处") == true)
    }

    @Test("以上 instead of ≥, units inside the value cell and inside the name")
    func wordsForOperators() throws {
        let text = """
            部门整体支出绩效目标表
            单位名称\t某县图书馆
            一级指标\t二级指标\t三级指标\t指标值\t评分标准
            产出指标\t数量指标\t全年接待读者人次（人次）\t50000\t达到目标值得10分
            \t质量指标\t图书完好率\t98%以上\t达到得10分
            \t时效指标\t新书上架时间\t到货后15日以内\t按时得5分
            成本指标\t经济成本指标\t图书购置费\t不超过20万元\t控制在预算内得5分
            满意度指标\t服务对象满意度指标\t读者满意度\t不低于90%\t≥90%得10分；80%-90%得8分
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        let ind = t.indicators
        #expect(ind.count == 5)
        // a bare figure is read as printed, `=` (the transcription convention of the real tables),
        // and the note asks the reader to check it; 以上/以内/不超过/不低于 give the direction
        #expect(ind[0].unit == "人次" && ind[0].type == .equal && ind[0].value == "50000")
        #expect(
            r.notes.contains { if case .targetWithoutOperator(_, let text) = $0.code { text.contains("50000") } else { false } })
        #expect(ind[1].type == .atLeast && ind[1].value == "98" && ind[1].unit == "%")
        #expect(ind[3].type == .atMost && ind[3].value == "20" && ind[3].unit == "万元")
        #expect(ind[4].type == .atLeast && ind[4].value == "90" && ind[4].weight == 10)
    }

    @Test("the operator in its own column")
    func operatorColumn() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t符号\t指标值\t单位\t指标解释
            产出指标\t数量指标\t培训人次\t>=\t500\t人次\t全年举办培训的参训人次
            \t\t发放补贴户数\t=\t1200\t户\t享受补贴的农户数
            效益指标\t社会效益指标\t农民增收\t定性\t明显提高\t\t培训后农民收入变化情况
            满意度指标\t服务对象满意度指标\t参训人员满意度\t≥\t90\t%\t问卷调查满意比例
            """
        let t = try #require(read(text).tables.first)
        #expect(t.indicators.map(\.type) == [.atLeast, .equal, .qualitative, .atLeast])
        #expect(t.indicators[1].level2 == "数量指标" && t.indicators[1].level1 == "产出指标")
        #expect(t.indicators[2].unit == nil && t.indicators[2].value == "明显提高")
        #expect(t.indicators[0].explanation == "全年举办培训的参训人次")
    }

    @Test("a self-evaluation table with 年度指标值/实际完成值/分值/得分/偏差原因")
    func selfEvaluationColumns() throws {
        let text = """
            2024年度项目支出绩效自评表
            项目名称\t城乡居民医疗救助
            一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
            产出指标\t数量指标\t救助人次\t≥3000人次\t3120人次\t20\t20\t
            \t质量指标\t救助资金发放准确率\t=100%\t100%\t20\t20\t
            \t时效指标\t救助资金发放及时率\t≥95%\t90%\t10\t9.47\t部分乡镇审核延迟，已建立限时办结制度
            效益指标\t社会效益指标\t困难群众医疗负担\t有效减轻\t有效减轻\t30\t30\t
            满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\t93%\t10\t10\t
            """
        let t = try #require(read(text).tables.first)
        #expect(t.year == 2024 && t.kind == .project)
        #expect(t.indicators.count == 5)
        #expect(t.evaluationsByRow.map(\.actual) == ["3120人次", "100%", "90%", "有效减轻", "93%"])
        #expect(t.indicators.map(\.weight) == [20, 20, 10, 30, 10])
        #expect(t.deviation(at: 2) == "部分乡镇审核延迟，已建立限时办结制度")
        #expect(t.indicators[0].value == "3000" && t.indicators[0].unit == "人次")
    }

    @Test("no 计量单位 column: the unit comes from the value cell")
    func noUnitColumn() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t评（扣）分标准
            产出指标\t数量指标\t新增就业人数\t≥\t800人\t达到计划值得满分10分
            \t质量指标\t职业技能培训合格率\t≥\t90%\t达到计划值得满分10分
            成本指标\t经济成本指标\t人均培训成本\t≤\t0.15万元/人\t不超过得10分
            """
        let t = try #require(read(text).tables.first)
        #expect(t.indicators.map(\.unit) == ["人", "%", "万元/人"])
        #expect(t.indicators.map(\.value) == ["800", "90", "0.15"])
    }

    @Test("一级/二级 printed only on the middle row of their merged group")
    func middleRowLabels() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t指标值\t计量单位
            \t\t道路硬化里程\t≥10\t公里
            产出指标\t数量指标\t新建桥梁\t≥2\t座
            \t\t安装路灯\t≥150\t盏
            \t\t工程验收合格率\t=100\t%
            \t质量指标\t质量事故发生次数\t=0\t次
            \t\t\t\t
            \t\t群众出行便利程度\t明显改善\t
            效益指标\t社会效益指标\t带动就业人数\t≥30\t人
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators[0].level1 == "产出指标", "第一行的一级在组中间印出")
        #expect(t.indicators[0].level2 == "数量指标")
        #expect(t.indicators[6].level1 == "效益指标" && t.indicators[6].level2 == "社会效益指标")
        #expect(r.notes.contains { $0.location.line == 2 && $0.rawCode == "level1-filled-back" })
    }

    @Test("a table cut off mid-row keeps what is there and says the row is incomplete")
    func truncated() throws {
        let text = "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\n产出指标\t数量指标\t完成公共服务项目\t≥\t12\t项\n\t质量指标\t项目验收合格率\t="
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.count == 2)
        #expect(t.indicators[1].value.isEmpty)
        #expect(r.notes.contains { $0.location.line == 3 && $0.rawCode == "value-missing" })
    }

    @Test("Markdown pipes from a web page, with an HTML sign-off cell")
    func markdownPipes() throws {
        let text = """
            | 部门（单位）整体支出绩效目标表 | | | | | |
            |---|---|---|---|---|---|
            | 部门（单位）名称 | 某县教育局 | | | | |
            | 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 |
            | 产出指标 | 数量指标 | 义务教育学校数 | = | 28 | 所 |
            | | 质量指标 | 义务教育巩固率 | ≥ | 98 | % |
            | 满意度指标 | 服务对象满意度指标 | 家长满意度 | ≥ | 90 | % |
            | 业务股室审核： | <p>业务股室审核：王五</p><p>绩效股审核：赵六</p> | | | | |
            """
        let t = try #require(read(text).tables.first)
        #expect(t.unit == "某县教育局")
        #expect(t.indicators.count == 3 && t.indicators[1].level1 == "产出指标")
        #expect(t.signoff?.businessReviewer == "王五" && t.signoff?.performanceReviewer == "赵六")
    }

    @Test("one cell per line, as text copied from some PDF viewers")
    func oneCellPerLine() throws {
        let text = """
            一级指标
            二级指标
            三级指标
            指标值
            计量单位
            产出指标
            数量指标
            维修校舍面积
            ≥2000
            平方米
            质量指标
            维修工程合格率
            =100
            %
            满意度指标
            服务对象满意度指标
            师生满意度
            ≥90
            %
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.name) == ["维修校舍面积", "维修工程合格率", "师生满意度"])
        #expect(t.indicators[0].unit == "平方米" && t.indicators[0].value == "2000")
        #expect(t.indicators[1].level1 == "产出指标" && t.indicators[1].level2 == "质量指标")
        #expect(t.indicators[2].type == .atLeast)
    }

    @Test("two tables in one file without titles: the second header block starts a new table")
    func twoTablesNoTitles() throws {
        let text = """
            项目名称\t甲项目
            一级指标\t二级指标\t三级指标\t指标值
            产出指标\t数量指标\t甲数量\t≥1个
            满意度指标\t服务对象满意度指标\t甲满意度\t≥90%
            项目名称\t乙项目
            一级指标\t二级指标\t三级指标\t指标值
            产出指标\t数量指标\t乙数量\t≥2个
            """
        let r = read(text)
        #expect(r.tables.map { $0.project?.name } == ["甲项目", "乙项目"])
        #expect(r.tables[1].indicators.count == 1)
    }

    @Test("the legacy taxonomy: 成本指标 as a 二级 under 产出指标")
    func legacyTaxonomy() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t指标值
            产出指标\t数量指标\t购置设备\t=5台
            \t成本指标\t设备单价\t≤2万元/台
            效益指标\t社会效益指标\t服务能力\t明显提升
            """
        let t = try #require(read(text).tables.first)
        #expect(t.indicators[1].level1 == "产出指标" && t.indicators[1].level2 == "成本指标")
        #expect(t.indicators[1].unit == "万元/台")
    }

    @Test("no heading row at all: columns recognised from content, and said so")
    func noHeading() throws {
        let text = "产出指标\t数量指标\t发放补贴人数\t≥\t1500\t人\n满意度指标\t服务对象满意度指标\t满意度\t≥\t90\t%"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.count == 2 && t.indicators[0].unit == "人")
        #expect(r.notes.has("columns-by-content"))
    }

    @Test("the national self-evaluation template: execution block, goal under 预期目标, 总分 row, points in 一级 names")
    func nationalSelfEvaluation() throws {
        let text = """
            项目支出绩效自评表
            （2023年度）
            项目名称\t农村公路养护
            主管部门\t县交通运输局\t实施单位\t县公路所
            项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
            \t年度资金总额\t120\t150\t135\t10\t90%\t9
            \t其中：当年财政拨款\t120\t150\t135\t—\t90%\t—
            \t上年结转资金\t0\t0\t0\t—\t—\t—
            \t其他资金\t0\t0\t0\t—\t—\t—
            年度总体目标\t预期目标\t实际完成情况
            \t完成农村公路养护300公里，优良路率达到80%以上。\t完成养护310公里，优良路率82%。
            绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
            \t产出指标（50分）\t数量指标\t养护里程\t≥300公里\t310公里\t25\t25\t
            \t\t质量指标\t优良路率\t≥80%\t82%\t25\t25\t
            \t效益指标（30分）\t社会效益指标\t群众出行条件\t明显改善\t明显改善\t30\t30\t
            \t满意度指标（10分）\t服务对象满意度指标\t沿线群众满意度\t≥90%\t88%\t10\t9.78\t个别路段养护不及时，已增加巡查频次
            总分\t\t\t\t\t\t100\t98.78\t
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.execution == Execution(budget: 150, spent: 135, weight: 10))
        #expect(t.funds == Funds(total: 150, fiscal: 150, other: 0))
        #expect(t.goal == "完成农村公路养护300公里，优良路率达到80%以上。")
        #expect(t.indicators.count == 4, "the 总分 row is not an indicator")
        #expect(t.indicators.map(\.level2) == ["数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"])
        // the points printed after the 一级 are the sum of its rows' 分值: the 一级 is 产出指标, and the
        // reading is reported
        #expect(t.indicators.map(\.level1) == ["产出指标", "产出指标", "效益指标", "满意度指标"])
        #expect(r.notes.contains { if case .levelNameCleaned(_, "一级", "产出指标（50分）", _) = $0.code { true } else { false } })
        #expect(t.evaluationsByRow.map(\.actual) == ["310公里", "82%", "明显改善", "88%"])
        #expect(r.notes.has("total-row"))
    }

    @Test("a cell with line breaks copied from Excel arrives quoted across lines, and is read as one cell")
    func excelMultilineCell() throws {
        let text = "一级指标\t二级指标\t三级指标\t指标值\t指标解释\n产出指标\t数量指标\t培训人次\t≥500人次\t\"全年培训人次，\n含线上培训\"\n\t质量指标\t培训合格率\t≥95%\t考试合格人数/参训人数\n"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.count == 2)
        #expect(t.indicators[0].explanation == "全年培训人次，\n含线上培训")
        #expect(t.indicators[1].name == "培训合格率")
    }

    @Test("compound units that start with 万 stay in 计量单位 beside an empty 指标解释")
    func compoundWanUnits() throws {
        let text =
            "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\t评（扣）分标准\n成本指标\t经济成本指标\t人均培训成本\t≤\t0.05\t万元/人\t\t控制在预算内得10分\n产出指标\t数量指标\t服务人次\t≥\t1.2\t万人次\t\t达到得10分\n"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.unit) == ["万元/人", "万人次"])
        #expect(t.indicators.allSatisfy { $0.explanation == nil })
        #expect(!r.notes.has("cells-realigned"))
    }

    @Test("a heading printed on two rows (绩效指标 over 一级/二级/三级) is joined")
    func twoRowHeading() throws {
        let text = "绩效指标\t\t\t指标值类型\t指标值\t计量单位\n一级指标\t二级指标\t三级指标\t\t\t\n产出指标\t数量指标\t培训人数\t≥\t100\t人\n\t质量指标\t培训合格率\t≥\t95\t%\n"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.name) == ["培训人数", "培训合格率"])
        #expect(t.indicators[1].level1 == "产出指标" && t.indicators[1].unit == "%")
        #expect(r.notes.has("heading-on-two-lines"))
    }
}
