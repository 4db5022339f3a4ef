import GoalCore
import Testing
@testable import GoalCheck

/// F08: what each form requires in its header (issue #15, item 1).
@Suite("表头必填项")
struct HeaderRuleTests {
    static func headerErrors(_ t: GoalTable, profile: Profile? = nil) -> [Finding] {
        Checker(profile: profile).check([t]).filter { $0.code == "F08" }
    }

    @Test("a project table with no 年度, 预算单位 or 年度预算总额 gets an error naming each")
    func projectMissing() {
        var t = Tables.project
        t.year = nil; t.unit = ""; t.funds = nil
        let f = Self.headerErrors(t)
        #expect(f.allSatisfy { $0.severity == .error && $0.indicator == nil })
        let messages = f.map(\.message)
        #expect(messages.contains { $0.contains("“年度”未填写") }, "\(messages)")
        #expect(messages.contains { $0.contains("“预算单位”未填写") }, "\(messages)")
        #expect(messages.contains { $0.contains("“年度预算总额”未填写") }, "\(messages)")
        #expect(f.count == 3, "\(messages)")
        #expect(messages.allSatisfy { $0.contains("项目支出绩效目标表要求填写") })
    }

    @Test(
        "each form asks for its own header, in its own words",
        arguments: [
            (TableKind.department, ["年度", "部门（单位）名称", "年度履职目标"]),
            (TableKind.project, ["年度", "预算单位", "项目名称", "年度预算总额", "项目总体目标"]),
            (TableKind.provincial, ["年度", "部门（单位）名称", "年度履职目标", "部门预算总额"]),
        ])
    func perKind(kind: TableKind, labels: [String]) {
        let empty = GoalTable(kind: kind, indicators: Tables.department.indicators)
        let f = Self.headerErrors(empty)
        #expect(f.map { $0.message } == labels.map { "第1张表：表头“\($0)”未填写（\(kind.officialTitle)要求填写）" })
    }

    @Test("the clean tables and the provincial form's 财政性资金 without a written total pass")
    func nearMiss() {
        for t in [Tables.department, Tables.project, Tables.provincial] {
            #expect(Self.headerErrors(t).isEmpty, "\(t.kind)")
        }
        #expect(Tables.provincial.funds?.total == nil)
    }

    @Test("the required fields are profile data: a profile can ask for 项目负责人 or drop 总体目标")
    func profileData() throws {
        var p = Profile.current
        p.check.requiredHeader["project"] = ["project.manager"]
        var t = Tables.project
        t.project?.manager = nil; t.goal = nil
        #expect(Self.headerErrors(t, profile: p).map(\.message) == ["第1张表：表头“项目负责人”未填写（项目支出绩效目标表要求填写）"])
        let decoded = try Profile.load(from: p.encoded())
        #expect(decoded.check.requiredHeader["project"] == ["project.manager"])
        // a profile file that leaves the setting out keeps the defaults
        #expect(CheckSettings().requiredHeader == CheckSettings.defaultRequiredHeader)
    }
}
