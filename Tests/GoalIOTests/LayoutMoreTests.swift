import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// More layouts met on other provinces' sites: deadlines written as dates, 计量单位 columns with the
/// units of farms and buildings, header lines that carry the sheet's money unit, points printed
/// after the 一级 name, a 指标方向 column.
@Suite("其他版式的表格（二）")
struct LayoutMoreTests {
    @Test("a deadline written as a date is a qualitative target, not a number of 年 or 月")
    func dateTargets() throws {
        let text = """
            项目支出绩效目标表
            （2024年度）
            项目名称\t城乡公益性岗位开发
            预算单位\t某县人力资源和社会保障局
            一级指标\t二级指标\t三级指标\t指标值\t分值
            产出指标\t时效指标\t培训任务完成时间\t2024年12月31日前\t5
            \t\t资金拨付时间\t12月底前完成\t5
            \t\t项目验收时间\t2024年11月\t5
            \t\t审批办结时限\t3个工作日内\t5
            \t数量指标\t新增就业人数\t≥5000人\t10
            效益指标\t社会效益指标\t就业质量\t达到省定标准\t10
            """
        let t = try #require(TextTableReader.read(text: text).tables.first)
        let rows = Dictionary(uniqueKeysWithValues: t.indicators.map { ($0.name, $0) })
        for name in ["培训任务完成时间", "资金拨付时间", "项目验收时间"] {
            let i = try #require(rows[name])
            #expect(i.type == .qualitative, "\(name)")
            #expect(i.unit == nil, "\(name)")
        }
        #expect(rows["培训任务完成时间"]?.value == "2024年12月31日前")
        #expect(rows["资金拨付时间"]?.value == "12月底前完成")
        // a duration is still a number: at most 3 工作日
        #expect(rows["审批办结时限"]?.type == .atMost && rows["审批办结时限"]?.value == "3" && rows["审批办结时限"]?.unit == "个工作日")
        #expect(rows["新增就业人数"]?.type == .atLeast && rows["新增就业人数"]?.value == "5000")
        // 达到 without a figure is part of the text
        #expect(rows["就业质量"]?.type == .qualitative && rows["就业质量"]?.value == "达到省定标准")
    }

    @Test("units in a 计量单位 column: 公斤, 部, 株, 个百分点 are read as units, not left out")
    func unitColumn() throws {
        let text = """
            | 一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 | 分值 |
            | --- | --- | --- | --- | --- | --- |
            | 产出指标 | 数量指标 | 粮食亩产增加 | ≥50 | 公斤 | 10 |
            |  |  | 加装电梯数量 | ≥300 | 部 | 10 |
            |  |  | 新植苗木 | ≥12000 | 株 | 10 |
            | 效益指标 | 经济效益指标 | 农民收入增幅 | ≥2 | 个百分点 | 10 |
            """
        let r = TextTableReader.read(text: text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.unit) == ["公斤", "部", "株", "个百分点"])
        #expect(!r.notes.has("cell-unplaced"))
    }

    @Test("header lines with the money unit after a gap, 其中：财政拨款：N in one cell, 主管部门及代码, 总体绩效目标")
    func headerVariants() throws {
        let text = """
            项目支出绩效目标表
            预算单位：某市城市管理局　　　　　　　　单位：万元
            主管部门及代码\t某市人民政府 101\t实施单位\t某市环境卫生管理处
            项目名称\t城区道路清扫保洁
            年度预算总额：600\t其中：财政拨款：450\t其他资金：150
            总体绩效目标\t完成城区主次干道清扫保洁，保洁覆盖率100%。
            一级指标\t二级指标\t三级指标\t指标值\t分值
            产出指标\t数量指标\t清扫保洁面积\t≥320万平方米\t20
            满意度指标\t服务对象满意度指标\t市民满意度\t≥90%\t10
            """
        let r = TextTableReader.read(text: text)
        let t = try #require(r.tables.first)
        #expect(t.unit == "某市环境卫生管理处" || t.unit == "某市城市管理局")
        #expect(!t.unit.contains("万元"))
        #expect(t.funds == Funds(total: 600, fiscal: 450, other: 150))
        #expect(t.goal == "完成城区主次干道清扫保洁，保洁覆盖率100%。")
        #expect(t.indicators.count == 2)
        // the budget unit alone on its line loses the sheet's money unit too
        let alone = try #require(
            TextTableReader.read(
                text: """
                    项目支出绩效目标表
                    预算单位：某市城市管理局  金额单位：万元
                    一级指标\t二级指标\t三级指标\t指标值
                    产出指标\t数量指标\t清扫保洁面积\t≥320万平方米
                    """
            ).tables.first)
        #expect(alone.unit == "某市城市管理局")
        // the value in a cell of its own, and text that is not plain (a no-break space) read alike
        let separate = try #require(
            TextTableReader.read(
                text: """
                    项目支出绩效目标表
                    预算单位\t某市城市管理局  金额单位：万元
                    项目资金（万元）\t年度预算总额：600\t其中：财政拨款：\u{A0}450
                    一级指标\t二级指标\t三级指标\t指标值
                    产出指标\t数量指标\t清扫保洁面积\t≥320万平方米
                    """
            ).tables.first)
        #expect(separate.unit == "某市城市管理局")
        #expect(separate.funds?.fiscal == 450)
        // a unit whose name ends in 单位 is not cut
        #expect(HeaderBlockReader.withoutTrailingUnitNote("某某建设单位") == "某某建设单位")
    }

    @Test("一级 printed with its points or a list number (产出指标（50分）, 二、效益指标) is read as the 一级, and said")
    func levelWithPoints() throws {
        let text = """
            项目支出绩效自评表
            一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
            产出指标（50分）\t数量指标\t职业技能培训人次\t≥3000人次\t3260人次\t20\t20
            \t质量指标\t培训合格率\t≥90%\t93%\t30\t30
            二、效益指标\t社会效益指标\t新增就业人数\t≥1500人\t1320人\t30\t26.4
            满意度指标(10分)\t服务对象满意度指标\t服务对象满意度\t≥90%\t95%\t10\t10
            """
        let r = TextTableReader.read(text: text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.level1) == ["产出指标", "产出指标", "效益指标", "满意度指标"])
        #expect(r.notes.contains { if case .levelNameCleaned(_, "一级", "产出指标（50分）", "产出指标") = $0.code { true } else { false } })
        // a name that is not a level keeps its brackets
        #expect(Reader.levelName("社会效益指标") == nil)
        #expect(Reader.levelName("（一）产出指标") == "产出指标")
    }

    @Test("the first rows of the grid, above the row where their merged 一级 and 二级 are printed, take both, and say so")
    func levelsBelowFirstRows() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t指标值\t分值
            \t\t退捕渔民养老保险参保人数\t≥2.1万人\t10
            \t数量指标\t渔政执法巡查次数\t≥2000次\t10
            \t\t增殖放流鱼苗数量\t≥5000万尾\t10
            产出指标\t质量指标\t退捕渔民转产就业率\t≥95%\t10
            满意度指标\t服务对象满意度指标\t退捕渔民满意度\t≥90%\t10
            """
        let r = TextTableReader.read(text: text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.level1) == ["产出指标", "产出指标", "产出指标", "产出指标", "满意度指标"])
        #expect(t.indicators.map(\.level2) == ["数量指标", "数量指标", "数量指标", "质量指标", "服务对象满意度指标"])
        #expect(
            r.notes.contains {
                $0.location.line == 2 && $0.message.contains("一级、二级指标为空") && $0.message.contains("按下方第3行的“产出指标”“数量指标”补全")
            })
    }

    @Test("a 指标方向 column (正向/反向) is kept as the row's remark, not reported as unplaceable")
    func directionColumn() throws {
        let text = """
            一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重（%）\t指标方向性
            产出指标\t数量指标\t加装电梯数量\t≥\t300\t部\t20\t正向指标
            成本指标\t经济成本指标\t单台补贴标准\t≤\t24\t万元\t10\t反向指标
            """
        let r = TextTableReader.read(text: text)
        let t = try #require(r.tables.first)
        #expect(t.indicators.map(\.note) == ["正向指标", "反向指标"])
        // with a 备注 column beside it, both remarks are kept
        let both = try #require(
            TextTableReader.read(
                text: """
                    一级指标\t二级指标\t三级指标\t指标值\t指标方向\t备注
                    产出指标\t数量指标\t加装电梯数量\t≥300部\t正向指标\t以上年为基数
                    """
            ).tables.first)
        #expect(both.indicators.first?.note == "正向指标；以上年为基数")
        #expect(t.indicators.map(\.unit) == ["部", "万元"])
        #expect(!r.notes.has("cell-unplaced"))
    }
}

@Suite("空格分隔的表格（PDF 复制）")
struct SpaceSeparatedTests {
    /// A table as text copied from a PDF gives it: cells separated by spaces, merged cells missing.
    static let pdfTable = """
        某省省级财政项目支出绩效目标表
        （2025 年度）
        项目名称 农村供水保障工程补助资金
        主管部门 省水利厅 项目实施单位 省农村水利科技发展中心
        项目资金（万元） 年度资金总额 12000 其中：财政拨款 12000 其他资金 0
        一级指标 二级指标 三级指标 指标值 分值
        产出指标 数量指标 改造农村供水管网长度 ≥1500公里 15
        受益人口数量 ≥60万人 10
        质量指标 供水水质达标率 ≥95% 10
        成本指标 经济成本指标 每公里管网改造成本 ≤8万元/公里 10
        效益指标 可持续影响指标 工程运行管护机制 健全完善 15
        满意度指标 服务对象满意度指标 受益群众满意度 ≥90% 10

        """

    @Test("a table copied from a PDF, its cells separated by spaces and merged cells missing, is read by content, and said")
    func pdfCopy() throws {
        let r = TextTableReader.read(text: Self.pdfTable)
        let t = try #require(r.tables.first)
        #expect(t.year == 2025 && t.kind == .project)
        #expect(t.project?.name == "农村供水保障工程补助资金")
        #expect(t.funds == Funds(total: 12000, fiscal: 12000, other: 0))
        #expect(t.indicators.map(\.name) == ["改造农村供水管网长度", "受益人口数量", "供水水质达标率", "每公里管网改造成本", "工程运行管护机制", "受益群众满意度"])
        #expect(t.indicators.map(\.level2) == ["数量指标", "数量指标", "质量指标", "经济成本指标", "可持续影响指标", "服务对象满意度指标"])
        #expect(t.indicators[1].value == "60" && t.indicators[1].unit == "万人" && t.indicators[1].weight == 10)
        #expect(t.indicators[4].type == .qualitative && t.indicators[4].value == "健全完善")
        #expect(r.notes.first?.code == .spaceSeparatedColumns)
    }

    @Test("a large PDF paste, read in pieces on all cores, is read with spaces as cell breaks too, and says so once")
    func largePDFCopy() throws {
        let copies = TextTableReader.parallelThreshold / Self.pdfTable.utf8.count + 1
        let one = try #require(TextTableReader.read(text: Self.pdfTable).tables.first)
        let r = try TextTableReader.read(data: Data(String(repeating: Self.pdfTable, count: copies).utf8))
        #expect(r.tables.count == copies)
        #expect(r.tables.allSatisfy { $0.indicators == one.indicators })
        #expect(r.notes.coded("space-separated-columns").count == 1)
    }

    @Test("prose with spaces is still no table")
    func prose() {
        let r = TextTableReader.read(text: "这是一段 说明文字 没有 任何 指标。\n第二行 也是 文字\n")
        #expect(r.tables.isEmpty)
    }
}
