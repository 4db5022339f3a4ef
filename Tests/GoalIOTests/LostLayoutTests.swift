import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// The rules that read the real tables of `../shared/fixtures/real` (issue #22), each on a table of
/// its own making: the rules come from the forms' words and grammar, so they must hold for any
/// table printed that way, not only for the seventeen.
@Suite("行界丢失、粘连与换行的表格")
struct LostLayoutTests {
    func read(_ text: String) -> ImportResult { TextTableReader.read(text: text) }

    @Test("space-separated self-evaluation: level names wrapped onto two lines, 指标1: names, rows of only 分值 and 得分")
    func wrappedLevelsAndPointsOnly() throws {
        let text = """
            某县农业农村局项目支出绩效自评表
            一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
            产出指标
            数量指标 指标1:新建高标准农田面积 2000 2100 20 20
            质量指标 指标1:工程验收合格 15 15
            指标2:
            ……
            效益指标
            社会效益
            指标
            指标1:带动农户增收 20 18
            生态效益
            指标
            指标1:/ / /
            满意度指标
            服务对象
            满意度指标
            指标1:受益农户满意度 ≥90% 95% 10 10
            """
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.map(\.name) == ["新建高标准农田面积", "工程验收合格", "带动农户增收", "受益农户满意度"])
        #expect(ind[0].type == .equal && ind[0].value == "2000" && table.actual(at: 0) == "2100" && ind[0].weight == 20)
        // two figures where the form has 分值 and 得分: those two, the target left empty
        #expect(ind[1].value.isEmpty && ind[1].weight == 15 && table.actual(at: 1) == nil)
        #expect(ind[2].level2 == "社会效益指标" && ind[2].weight == 20)
        #expect(ind[3].level2 == "服务对象满意度指标" && ind[3].type == .atLeast && ind[3].value == "90")
        #expect(r.notes.contains { if case .nameWrapped(_, _, "社会效益", "指标", "社会效益指标") = $0.code { true } else { false } })
        #expect(r.notes.has("two-figures-as-weight-and-score"))
        #expect(r.notes.has("template-row-not-applicable"))
    }

    @Test("glued text split by page numbers: 2、 inside a figure, 成本指标 as a 二级, ≥ read as 2 in a rate")
    func gluedWithPageNumbers() throws {
        let text = """
            1、2021年度县级专项资金绩效目标自评表专项资金名称农机购置补贴县级主管部门某县农业农村局绩效指标一级指标二级指标三级指标年度指标值全年完成值产出指标数量指标补贴机具数量300台320台质量指标补贴资金兑付率10
            2、0%100%成本指标补贴标准执行率100%100%满意度指标服务对象满意度指标购机户满意度295%98%
            """
        let r = read(text)
        let t = try #require(r.tables.first)
        #expect(t.kind == .project && t.year == 2021)
        let ind = t.indicators
        #expect(ind.map(\.name) == ["补贴机具数量", "补贴资金兑付率", "补贴标准执行率", "购机户满意度"])
        #expect(ind[1].value == "100" && ind[1].unit == "%" && t.actual(at: 1) == "100%")
        #expect(ind[2].level1 == "产出指标" && ind[2].level2 == "成本指标")
        #expect(ind[3].type == .atLeast && ind[3].value == "95" && t.actual(at: 3) == "98%")
        #expect(r.notes.has("figure-split-by-page"))
        #expect(r.notes.has("target-at-least-misread"))
    }

    @Test("a glued department self-evaluation: 指标名称 heading with 是否核心指标, weights and scores glued, 是/否 before the next name")
    func gluedDepartmentSelfEvaluation() throws {
        let text = """
            部门整体绩效自评表指标名称计量单位指标性质年初指标值全年完成值指标权重(分)指标得分(分)是否核心指标会议费控制率%定量指标100%95%33否培训计划完成率%90%96%1010是宣传活动开展次数次12次15次55否
            """
        let r = read(text)
        let table = try #require(r.tables.first), ind = table.indicators
        #expect(ind.map(\.name) == ["会议费控制率", "培训计划完成率", "宣传活动开展次数"])
        #expect(ind.map(\.weight) == [3, 10, 5])
        #expect(ind[0].value == "100" && ind[0].unit == "%" && table.actual(at: 0) == "95%")
        #expect(ind[2].unit == "次" && ind[2].value == "12" && table.actual(at: 2) == "15次")
        #expect(r.notes.has("weight-and-score-glued"))
    }

    @Test("a heading printed out of order and a name implied after 二级; 反映…情况 is the explanation")
    func scrambledAndImpliedHeadings() throws {
        let scrambled = """
            某区项目支出绩效自评表
            一级指标二级指标三级指标考值参分指标值全年实际值得分产出指标数量指标培训人次5≥200人次230人次5质量指标培训合格率5≥95%97%5
            """
        let r1 = read(scrambled)
        let a = try #require(r1.tables.first).indicators
        #expect(a.map(\.name) == ["培训人次", "培训合格率"])
        #expect(a.map(\.weight) == [5, 5] && a[0].type == .atLeast && a[0].value == "200")
        #expect(r1.notes.has("heading-scrambled"))

        let implied = """
            某市2022年市直部门预算项目支出绩效目标表一级指标二级指标绩效标准当年预期实现值数量指标道路保洁面积反映城区道路保洁覆盖情况120万平方米质量指标保洁达标率反映保洁作业质量情况≥95%
            """
        let b = try #require(read(implied).tables.first).indicators
        #expect(b.map(\.name) == ["道路保洁面积", "保洁达标率"])
        #expect(b[0].explanation == "反映城区道路保洁覆盖情况" && b[0].value == "120")
        #expect(b[1].type == .atLeast && b[1].value == "95")
    }
}
