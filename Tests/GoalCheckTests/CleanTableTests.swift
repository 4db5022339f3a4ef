import Testing
import GoalCore
@testable import GoalCheck

/// On well-made tables the checker stays quiet: no error, at most a few warnings.
@Suite("规范填写的表")
struct CleanTableTests {
    static let cases: [(String, GoalTable)] = [
        ("部门整体（现行）", Tables.department), ("项目支出（现行）", Tables.project), ("省级整体", Tables.provincial),
        ("项目支出（旧版）", Tables.legacyProject), ("部门整体（旧版）", Tables.legacyDepartment),
    ]

    @Test("clean tables of every kind: no error and no warning under the profile chosen for them", arguments: cases.map(\.0))
    func quiet(_ name: String) {
        let table = Self.cases.first { $0.0 == name }!.1
        let findings = Checker().check([table])
        #expect(findings.filter { $0.severity != .hint }.isEmpty, "\(findings.map(\.message))")
        #expect(findings.count <= 2, "\(findings.map(\.message))")
    }

    @Test("a legacy-taxonomy table is checked under the legacy profile when none is chosen")
    func legacyChosen() {
        #expect(Checker.profile(for: Tables.legacyProject).name == "legacy")
        #expect(Checker.profile(for: Tables.department).name == "current")
        #expect(Checker.profile(for: Tables.provincial).name == "provincial")
    }

    @Test("forcing the current profile on a legacy table says which profile fits")
    func legacyUnderCurrent() {
        let f = Checker(profile: .current).check([Tables.legacyProject]).filter { $0.code == "F02" }
        #expect(f.count == 1)
        #expect(f.first?.indicator == 3)
        #expect(f.first?.suggestion?.contains("legacy") == true)
        #expect(f.first?.profile == "current")
    }

    @Test("every finding names the profile rule that produced it")
    func profileRule() {
        var t = Tables.department
        t.indicators[8].type = .atMost
        let f = Checker().check([t]).first { $0.code == "D01" }
        #expect(f?.profileRule == "current/D01")
    }
}
