import Testing
import GoalCore
@testable import GoalCheck

/// Rows that look like a rule's target but are right: each once raised a false alarm in a draft.
@Suite("不应误报")
struct NearMissTests {
    typealias T = Tables

    @Test("an explanation in other words than its name (a synonym) is not 'another subject'")
    func synonymExplanation() {
        let r = T.row("产出指标", "数量指标", "参保人数", .atLeast, "5000", "人", explanation: "全年缴纳养老保险费的职工数量")
        #expect(!T.codes(r).contains("R02"))
    }

    @Test("scoring text that merely contains 考核 is not an explanation in the wrong column")
    func scoringWithKaohe() {
        let r = T.row("产出指标", "数量指标", "参保人数", .atLeast, "5000", "人", scoring: "按实际完成情况考核")
        #expect(!T.codes(r).contains("R03"))
    }

    @Test("a 定性 row graded 每缺1项扣2分 stays 定性; 每推迟1天 would not")
    func qualitativeDeductions() {
        #expect(
            !T.codes(
                T.row("投入管理指标", "预算和财务管理", "管理制度健全性", .qualitative, "健全", scoring: "每缺1项制度扣2分"),
                profile: .provincial
            ).contains("R05"))
        #expect(T.codes(T.row("产出指标", "时效指标", "补贴发放时间", .qualitative, "按时", scoring: "每推迟1天扣1分")).contains("R05"))
    }

    @Test("a goal's money figure is not compared with a head count that shares its words")
    func goalFamilies() {
        let rows = [
            T.row("产出指标", "数量指标", "补助发放人数", .equal, "1000", "人"),
            T.row("成本指标", "经济成本指标", "补助资金总额", .atMost, "100", "万元"),
        ]
        let t = GoalTable(kind: .project, year: 2024, goal: "为1000名困难群众发放补助资金100万元", funds: Funds(total: 100), indicators: rows)
        #expect(Checker().check([t]).allSatisfy { $0.code != "T09" && $0.code != "T10" })
    }

    @Test("a table before 2022 without a 成本 一级 is checked under the legacy taxonomy: no missing-成本 warning")
    func olderTable() {
        let rows = Tables.department.indicators.filter { $0.level1 != "成本指标" }
        let t = GoalTable(kind: .department, year: 2020, indicators: rows)
        #expect(Checker.profile(for: t).name == "legacy")
        #expect(Checker().check([t]).allSatisfy { $0.code != "T04" })
    }

    @Test("成本指标 written as its own 二级 under 成本指标 is accepted, like 满意度指标 under 满意度指标, and 生态成本指标")
    func costAlias() {
        #expect(!T.codes(T.row("成本指标", "成本指标", "人均培训成本", .atMost, "400", "元/人")).contains("F02"))
        #expect(!T.codes(T.row("成本指标", "生态成本指标", "植被恢复面积", .atLeast, "10", "亩")).contains("F02"))
    }

    @Test("a table with 投入管理指标 is read as the provincial form even when filed as a department table")
    func inputManagement() {
        var t = Tables.provincial
        t.kind = .department
        #expect(Checker.profile(for: t).name == "provincial")
        #expect(Checker().check([t]).allSatisfy { $0.severity == .hint })
    }

    @Test("every row of the clean tables passes the truncation, direction and unit rules")
    func cleanRows() {
        for t in [Tables.department, Tables.project, Tables.provincial, Tables.legacyProject, Tables.legacyDepartment] {
            let noisy = Checker().check([t]).filter { ["R13", "D02", "D03", "R01", "R02", "R07"].contains($0.code) }
            #expect(noisy.isEmpty, "\(noisy.map(\.message))")
        }
    }
}

@Suite("不应误报（续）")
struct MoreNearMissTests {
    typealias T = Tables

    @Test("a pass rate explained as an exam pass rate is a synonym, not a copied explanation")
    func synonymRate() {
        #expect(!T.codes(T.row("产出指标", "质量指标", "培训合格率", .atLeast, "90", explanation: "考核学员结业考试通过率")).contains("R02"))
        #expect(T.codes(T.row("产出指标", "质量指标", "培训合格率", .atLeast, "90", explanation: "考核社会组织年检率情况。")).contains("R02"))
    }

    @Test("points in brackets after the 一级 name (产出指标（50分）) do not make it unknown")
    func bracketedLevel() {
        let c = T.codes(T.row("产出指标（50分）", "数量指标", "培训人数", .atLeast, "500", "人"))
        #expect(!c.contains("F01") && !c.contains("F02"))
    }
}
