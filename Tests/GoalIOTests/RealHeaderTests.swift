import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// Header-block rules met on real published tables (issue #22), each on a table of its own making.
@Suite("真实表的表头：单位、转移支付、交错的标签")
struct RealHeaderTests {
    func read(_ text: String) -> ImportResult { TextTableReader.read(text: text) }

    @Test("the form's own unit label wins over 实施单位, in either order; 实施单位 alone is the unit")
    func ownUnitLabelWins() throws {
        let grid = """
            一级指标\t二级指标\t三级指标\t指标值
            产出指标\t数量指标\t培训人次\t≥200人次
            """
        let before = read("某镇项目支出绩效目标表\n预算单位：某县某某镇人民政府\n项目名称\t道路养护\t实施单位\t某镇农业服务中心\n" + grid)
        #expect(try #require(before.tables.first).unit == "某县某某镇人民政府")
        let after = read("某镇项目支出绩效目标表\n实施单位\t某镇农业服务中心\n单位名称\t某县某某镇人民政府\n" + grid)
        #expect(try #require(after.tables.first).unit == "某县某某镇人民政府")
        let alone = read("某镇项目支出绩效目标表\n主管部门\t某县农业农村局\t实施单位\t某镇农业服务中心\n" + grid)
        #expect(try #require(alone.tables.first).unit == "某镇农业服务中心")
    }

    @Test("a transfer-payment form: 中央/地方主管部门 are supervisors, 资金使用单位 is the unit, 转移支付(项目)名称 the project")
    func transferPaymentHeader() throws {
        let text = """
            某某补助资金转移支付项目绩效目标自评表
            转移支付(项目)名称\t某某补助资金
            中央主管部门\t某部
            地方主管部门\t某县某局\t资金使用单位\t某县某中心
            一级指标\t二级指标\t三级指标\t指标值\t全年实际完成值
            产出指标\t数量指标\t补助人数\t≥500人\t620人
            """
        let t = try #require(read(text).tables.first)
        #expect(t.unit == "某县某中心")
        #expect(t.project?.name == "某某补助资金")
        #expect(t.actual(at: 0) == "620人")
    }

    @Test(
        "a PDF header on one line, labels before their values: paired in order, a value that does not fit reported, the year from 填报日期"
    )
    func interleavedHeader() throws {
        let text =
            "附表 3 部门整体支出绩效目标申报表 填报日期: 2024 年 2 月 6 日 单位 名称 填报人 某市某某服务中心 李小红 "
            + "财政拨款 收入构成 3500 联系电话 概况 (一)负责全市某某服务工作。"
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.kind == .department)
        #expect(t.unit == "某市某某服务中心")
        #expect(t.signoff?.filledBy == "李小红")
        #expect(t.signoff?.filledOn == "2024-02-06")
        #expect(t.funds == nil) // 收入构成 is no amount: nothing guessed into 财政拨款
        #expect(t.year == 2024)
        #expect(r.notes.contains { $0.message.contains("交错排列") && $0.message.contains("单位名称 → 某市某某服务中心") })
        #expect(
            r.notes.contains {
                if case .headerLabelsWithoutValues(_, let labels, _) = $0.code { labels.contains("财政拨款") } else { false }
            },
            "\(r.notes.map(\.code))")
        #expect(r.notes.contains { if case .yearFromFilingDate(_, "2024-02-06", 2024, false) = $0.code { true } else { false } })
    }

    @Test("a goal form filed from September on is next year's; a self-evaluation takes no year from its date")
    func yearFromFilingDate() throws {
        let autumn = read("项目支出绩效目标申报表 填报日期: 2023 年 10 月 9 日 预算单位 填报人 某县某局 王五")
        #expect(try #require(autumn.tables.first).year == 2024)
        let selfEvaluation = read("项目支出绩效自评表 填报日期: 2023 年 3 月 9 日 预算单位 填报人 某县某局 王五")
        let t = try #require(selfEvaluation.tables.first)
        #expect(t.year == nil && t.unit == "某县某局")
    }
}
