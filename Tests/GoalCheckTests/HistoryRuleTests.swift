import GoalCore
import Testing
@testable import GoalCheck

/// Y01–Y05: each rule fires on the case a reviewer would return, and stays silent on its near miss.
@Suite("跨年度与跨单位规则")
struct HistoryRuleTests {
    static func ind(
        _ name: String, _ type: Comparison, _ value: String, _ unit: String?, weight: Double? = nil,
        l2: String = "数量指标", explanation: String? = nil, scoring: String? = nil, id: String, previous: String? = nil
    ) -> Indicator {
        Indicator(
            level1: "产出指标", level2: l2, name: name, type: type, value: value, unit: unit, explanation: explanation,
            scoring: scoring, weight: weight, id: id, previousId: previous)
    }

    static func table(_ year: Int, _ indicators: [Indicator], actuals: [String?] = []) -> GoalTable {
        var t = GoalTable(kind: .project, year: year, unit: "某社保中心", indicators: indicators)
        for (i, a) in actuals.enumerated() { t.setActual(a, at: i) }
        return t
    }

    static func findings(_ t: GoalTable, _ h: CheckHistory, code: String) -> [Finding] {
        Checker(profile: .current).checkAcrossYears(t, history: h).filter { $0.code == code }
    }

    // MARK: Y01

    @Test("Y01 正向指标目标低于上年实际：报出行和指标值；等于上年实际不报")
    func belowLastActual() throws {
        let last = Self.table(2026, [Self.ind("参保人数", .atLeast, "1.8", "万人", id: "a")], actuals: ["1.83万人"])
        let low = Self.table(2027, [Self.ind("参保人数", .atLeast, "17000", "人", id: "b", previous: "a")])
        let f = try #require(Self.findings(low, .init(earlier: [.init(table: last)]), code: "Y01").first)
        #expect(f.indicator == 0 && f.field == .value && f.indicatorId == "b")
        #expect(f.message == "第1张表 第1行“参保人数”（数量指标） 指标值：目标值≥17000人低于上年（2026年度）第1行“参保人数”的实际完成值1.83万人")
        // near miss: the target equals what was reached (units converted)
        let same = Self.table(2027, [Self.ind("参保人数", .atLeast, "18300", "人", id: "b", previous: "a")])
        #expect(Self.findings(same, .init(earlier: [.init(table: last)]), code: "Y01").isEmpty)
        // near miss: an actual in another measure, and a 定性 target
        let other = Self.table(2026, [Self.ind("参保人数", .atLeast, "1.8", "万人", id: "a")], actuals: ["95%"])
        #expect(Self.findings(low, .init(earlier: [.init(table: other)]), code: "Y01").isEmpty)
    }

    @Test("Y01 反向指标（≤）目标高于上年实际也报；低于不报")
    func lowerBetter() {
        let last = Self.table(2026, [Self.ind("投诉率", .atMost, "5", "%", l2: "质量指标", id: "a")], actuals: ["2%"])
        let loose = Self.table(2027, [Self.ind("投诉率", .atMost, "5", "%", l2: "质量指标", id: "b", previous: "a")])
        let f = Self.findings(loose, .init(earlier: [.init(table: last)]), code: "Y01")
        #expect(f.count == 1 && f[0].message.contains("目标值≤5%高于上年（2026年度）第1行“投诉率”的实际完成值2%（反向指标，越低越好）"))
        let tight = Self.table(2027, [Self.ind("投诉率", .atMost, "2", "%", l2: "质量指标", id: "b", previous: "a")])
        #expect(Self.findings(tight, .init(earlier: [.init(table: last)]), code: "Y01").isEmpty)
    }

    // MARK: Y02

    @Test("Y02 同一目标连续三年不变而实际年年超过；其中一年恰好持平则不报")
    func sameTargetThreeYears() {
        let y2025 = Self.table(2025, [Self.ind("培训人次", .atLeast, "100", "人次", id: "x")], actuals: ["130人次"])
        let y2026 = Self.table(2026, [Self.ind("培训人次", .atLeast, "100", "人次", id: "y", previous: "x")], actuals: ["150"])
        let y2027 = Self.table(2027, [Self.ind("培训人次", .atLeast, "100", "人次", id: "z", previous: "y")])
        let h = CheckHistory(earlier: [.init(table: y2026), .init(table: y2025)])
        let f = Self.findings(y2027, h, code: "Y02")
        #expect(f.count == 1)
        #expect(f.first?.message == "第1张表 第1行“培训人次”（数量指标） 指标值：目标值≥100人次已连续3年不变，而此前各年实际完成值（2025年度130人次、2026年度150）都超过了它")
        // near miss: 2025 reached exactly the target
        let met = Self.table(2025, [Self.ind("培训人次", .atLeast, "100", "人次", id: "x")], actuals: ["100人次"])
        #expect(Self.findings(y2027, .init(earlier: [.init(table: y2026), .init(table: met)]), code: "Y02").isEmpty)
        // near miss: only two years known
        #expect(Self.findings(y2027, .init(earlier: [.init(table: y2026)]), code: "Y02").isEmpty)
        // near miss: the target was raised this year
        let raised = Self.table(2027, [Self.ind("培训人次", .atLeast, "140", "人次", id: "z", previous: "y")])
        #expect(Self.findings(raised, h, code: "Y02").isEmpty)
    }

    // MARK: Y03, Y04

    static let lastYear = Self.table(
        2026,
        [
            Self.ind("参保人数", .atLeast, "1.8", "万人", weight: 20, id: "a"),
            Self.ind("发放及时率", .atLeast, "98", "%", weight: 20, l2: "时效指标", id: "b"),
            Self.ind("稽核覆盖率", .atLeast, "90", "%", weight: 10, l2: "质量指标", id: "c"),
        ], actuals: ["1.9万人", "90%", "60%"])

    @Test("Y03 上年失分的指标今年被删除：报出上年的行；删除的是满分指标则不报")
    func droppedAfterLoss() {
        let dropped = Self.table(
            2027,
            [
                Self.ind("参保人数", .atLeast, "1.9", "万人", weight: 30, id: "n1", previous: "a"),
                Self.ind("发放及时率", .atLeast, "98", "%", weight: 20, l2: "时效指标", id: "n2", previous: "b"),
            ])
        let h = CheckHistory(earlier: [.init(table: Self.lastYear, lostPoints: ["b": 1.6, "c": 3.3])])
        let f = Self.findings(dropped, h, code: "Y03")
        #expect(f.count == 1 && f[0].indicator == nil && f[0].field == .name)
        #expect(f[0].message == "第1张表：上年（2026年度）第3行“稽核覆盖率”（质量指标）自评失分3.3分，今年的表中没有延续它的指标")
        // near miss: the dropped indicator scored full marks
        #expect(
            Self.findings(dropped, .init(earlier: [.init(table: Self.lastYear, lostPoints: ["b": 1.6])]), code: "Y03").isEmpty)
    }

    @Test("Y04 上年失分的指标今年分值调低：报出行和分值；分值不变或未失分不报")
    func weightAwayFromLoss() {
        let moved = Self.table(
            2027,
            [
                Self.ind("参保人数", .atLeast, "1.9", "万人", weight: 30, id: "n1", previous: "a"),
                Self.ind("发放及时率", .atLeast, "98", "%", weight: 10, l2: "时效指标", id: "n2", previous: "b"),
                Self.ind("稽核覆盖率", .atLeast, "90", "%", weight: 10, l2: "质量指标", id: "n3", previous: "c"),
            ])
        let h = CheckHistory(earlier: [.init(table: Self.lastYear, lostPoints: ["b": 1.6, "c": 3.3])])
        let f = Self.findings(moved, h, code: "Y04")
        #expect(f.count == 1 && f[0].indicator == 1 && f[0].field == .weight)
        #expect(f[0].message == "第1张表 第2行“发放及时率”（时效指标） 分值：上年（2026年度）第2行“发放及时率”自评失分1.6分，今年分值由20降为10")
        // near miss: the same weights lowered, nothing lost last year
        #expect(Self.findings(moved, .init(earlier: [.init(table: Self.lastYear)]), code: "Y04").isEmpty)
    }

    // MARK: Y05

    static let copied = "参保人数指本年度在本中心办理参保登记并按时足额缴纳养老保险费的人数，以信息系统年末数据为准。"

    @Test("Y05 指标解释与其他单位逐字相同：能看到该单位的审核人看到单位名，单位只看到“另一单位”；短句与改写不报")
    func copiedText() {
        let mine = Self.table(2027, [Self.ind("参保人数", .atLeast, "1.9", "万人", explanation: Self.copied, id: "m")])
        var theirs = Self.table(
            2027,
            [
                Self.ind("培训人数", .atLeast, "100", "人", scoring: "达到目标值得满分，否则按比例得分", id: "t0"),
                Self.ind("缴费人数", .atLeast, "2", "万人", explanation: "  " + Self.copied + " ", id: "t1"),
            ])
        theirs.unit = "某县社保中心"
        let named = Self.findings(mine, .init(peers: [.init(unit: "芷江县社会保险服务中心", name: "社保经办", table: theirs)]), code: "Y05")
        #expect(named.count == 1 && named[0].field == .explanation && named[0].indicator == 0)
        #expect(named[0].message == "第1张表 第1行“参保人数”（数量指标） 指标解释：与芷江县社会保险服务中心2027年度“社保经办”第2行的指标解释逐字相同")
        let hidden = Self.findings(mine, .init(peers: [.init(unit: nil, name: nil, table: theirs)]), code: "Y05")
        #expect(hidden.count == 1 && hidden[0].message.hasSuffix("指标解释：与另一单位同年度目标表中的指标解释逐字相同"))
        #expect(!hidden[0].message.contains("芷江") && !hidden[0].message.contains("社保经办"))
        // the app reads other units' tables only for a table with a text long enough to compare
        #expect(Checker(profile: .current).hasTextToCompare(mine))
        // near miss: the common short scoring phrase both use
        let common = Self.table(2027, [Self.ind("培训人数", .atLeast, "90", "人", scoring: "达到目标值得满分，否则按比例得分", id: "m")])
        #expect(Self.findings(common, .init(peers: [.init(unit: "乙", name: nil, table: theirs)]), code: "Y05").isEmpty)
        #expect(!Checker(profile: .current).hasTextToCompare(common))
        // near miss: the same text in other words (one word changed)
        let reworded = Self.table(
            2027,
            [
                Self.ind(
                    "参保人数", .atLeast, "1.9", "万人", explanation: Self.copied.replacingOccurrences(of: "年末", with: "12月31日"),
                    id: "m")
            ])
        #expect(Self.findings(reworded, .init(peers: [.init(unit: "乙", name: nil, table: theirs)]), code: "Y05").isEmpty)
    }

    @Test("规则可在配置中关闭或调整阈值；目录中列出 Y01–Y05")
    func profileData() {
        var p = Profile.current
        p.check.disabledRules = ["Y05"]
        let mine = Self.table(2027, [Self.ind("参保人数", .atLeast, "1.9", "万人", explanation: Self.copied, id: "m")])
        let peer = PeerTable(unit: nil, name: nil, table: mine)
        #expect(Checker(profile: p).checkAcrossYears(mine, history: .init(peers: [peer])).isEmpty)
        p = Profile.current
        p.check.history.copiedTextMinLength = 200
        #expect(Checker(profile: p).checkAcrossYears(mine, history: .init(peers: [peer])).isEmpty)
        #expect(Set(RuleCatalogue.all.filter { $0.family == .history }.map(\.code)) == ["Y01", "Y02", "Y03", "Y04", "Y05"])
    }
}
