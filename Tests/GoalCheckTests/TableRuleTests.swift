import Foundation
import Testing
import GoalCore
@testable import GoalCheck

@Suite("行间与全表一致")
struct TableRuleTests {
    typealias T = Tables

    static func table(_ rows: [Indicator], kind: TableKind = .department, goal: String? = nil, funds: Funds? = nil) -> GoalTable {
        GoalTable(kind: kind, year: 2026, unit: "某单位", goal: goal, funds: funds, indicators: rows)
    }

    @Test("a duplicated row is reported at the second row, naming the first; different names are fine")
    func duplicates() {
        var rows = Tables.department.indicators
        var dup = rows[2]
        dup.level2 = "时效指标"
        rows.insert(dup, at: 5)
        let f = Checker().check([Self.table(rows)]).filter { $0.code == "T01" }
        #expect(f.count == 1)
        #expect(f.first?.indicator == 5)
        #expect(f.first?.message.contains("与第3行（质量指标）名称、指标值、解释、评分标准完全相同") == true)
        #expect(Checker().check([Tables.department]).allSatisfy { $0.code != "T01" })
        // a pasted sheet of 5,000 rows: still found, and quickly
        let many = (0..<5000).map { Tables.row("产出指标", "数量指标", "指标\($0 % 4000)人数", .atLeast, "1", "人") }
        let clock = ContinuousClock()
        var big: [Finding] = []
        let elapsed = clock.measure { big = Checker().check([Self.table(many)]).filter { $0.code == "T01" } }
        #expect(big.count == 1000)
        #expect(elapsed < .seconds(5))
    }

    @Test("weights: 74 is warned, 90 and 100 are fine, a profile allowing only 100 warns on 90")
    func weights() {
        var t = Tables.department
        #expect(Checker().check([t]).allSatisfy { $0.code != "T02" }) // 100
        t.indicators[0].weight = 0
        t.indicators[0].scoring = nil
        #expect(Checker().check([t]).allSatisfy { $0.code != "T02" }) // 90
        var strict = Profile.current
        strict.name = "strict"
        strict.check.weightTotals = [100]
        let f = Checker(profile: strict).check([t]).first { $0.code == "T02" }
        #expect(f?.message.contains("90分") == true)
        #expect(f?.profile == "strict")
        t.indicators[1].weight = nil
        #expect(Checker().check([t]).contains { $0.code == "T03" && $0.message.contains("第2行") })
    }

    @Test("a missing 成本指标 is warned under the current profile, not under the legacy one")
    func requiredLevel1() {
        let rows = Tables.department.indicators.filter { $0.level1 != "成本指标" }
        let f = Checker(profile: .current).check([Self.table(rows)]).filter { $0.code == "T04" }
        #expect(f.count == 1)
        #expect(f.first?.message.contains("成本指标") == true)
        #expect(Checker(profile: .legacy).check([Self.table(rows)]).allSatisfy { $0.code != "T04" })
    }

    @Test("last year: a ≥ target below last year's actual is a hint, one several times off a warning; 973 vs 1023 is fine")
    func lastYear() {
        #expect(
            T.findings(T.row("产出指标", "质量指标", "参保覆盖率", .atLeast, "95", lastYear: "100%")).first { $0.code == "T06" }?.severity
                == .hint)
        let far = T.findings(T.row("成本指标", "经济成本指标", "生活补贴标准", .atMost, "45.5", "元/人/月", lastYear: "120元/人/月"))
        #expect(far.first { $0.code == "T07" }?.severity == .warning)
        #expect(
            T.findings(T.row("产出指标", "数量指标", "补助人数", .equal, "973", "人", lastYear: "1023人")).allSatisfy {
                $0.code != "T06" && $0.code != "T07"
            })
        // 1.8万人 against 18000人 is the same figure in other units
        #expect(
            T.findings(T.row("产出指标", "数量指标", "缴费人数", .atLeast, "1.8", "万人", lastYear: "18000人")).allSatisfy { $0.code != "T07" })
    }

    @Test("a cost target above the table's funds is warned; the same money in 元 within the funds is fine")
    func costOverFunds() {
        let funds = Funds(total: 329.26, fiscal: 329.26, other: 0)
        #expect(T.findings(T.row("成本指标", "经济成本指标", "单位整体支出", .atMost, "500", "万元"), funds: funds).contains { $0.code == "T08" })
        #expect(
            !T.findings(T.row("成本指标", "经济成本指标", "单位整体支出", .atMost, "3000000", "元"), funds: funds).contains { $0.code == "T08" })
    }

    @Test("a goal's figure that its indicator contradicts is warned at that row; 70万人次 carried as 70万次 is fine")
    func goalNumbers() {
        let goal = "机关事业单位养老金足额发放率达到100%。"
        let rows = [
            T.row("产出指标", "质量指标", "机关事业单位养老金足额发放率", .atLeast, "98"),
            T.row("产出指标", "质量指标", "发放准确率", .equal, "100"),
        ]
        let f = Checker().check([Self.table(rows, goal: goal)]).first { $0.code == "T09" }
        #expect(f?.indicator == 0)
        #expect(f?.message.contains("100%") == true)
        let carried = [T.row("产出指标", "数量指标", "社会保险业务正常办理人次", .atLeast, "70", "万次")]
        #expect(
            Checker().check([Self.table(carried, goal: "社会保险业务正常办理人次达70万人次。")]).allSatisfy {
                $0.code != "T09" && $0.code != "T10"
            })
        let missing = Checker().check([Self.table(carried, goal: "培训农民工3000人次，业务办理70万人次。")])
        #expect(missing.contains { $0.code == "T10" && $0.indicator == nil && $0.message.contains("3000人次") })
    }
}

@Suite("导入记录")
struct ImportNoteRuleTests {
    @Test("a repair becomes a hint and a lost row a warning at the importer's place; deliberate skips are not listed")
    func notes() {
        let notes = [
            ImportNote(.repaired, "该行单元格右移一列，已按列名对齐", at: SourceLocation(line: 14, table: 0, indicator: 3, field: .scoring)),
            ImportNote(.unreadable, "一行指标只剩指标值说明，无法读取名称和指标值", at: SourceLocation(line: 40, table: 0)),
            ImportNote(.skipped, "填表说明不是表格内容", at: SourceLocation(line: 60)),
        ]
        let f = Checker().check([Tables.department], importNotes: notes).filter { $0.code.hasPrefix("I") }
        #expect(f.count == 2)
        let repaired = f.first { $0.code == "I01" }
        #expect(repaired?.severity == .hint)
        #expect(repaired?.indicator == 3)
        #expect(repaired?.field == .scoring)
        #expect(repaired?.message.contains("第1张表 第4行指标 评（扣）分标准（源文件第14行）") == true)
        #expect(f.first { $0.code == "I02" }?.severity == .warning)
        #expect(f.first { $0.code == "I02" }?.indicator == nil)
    }

    @Test("a finding about an import note carries the note's code beside the rule's")
    func importCode() {
        let note = ImportNote(.cellUnplaced(line: 7, position: 3, text: "附件2"), at: SourceLocation(line: 7, table: 0))
        let f = Checker().check([Tables.department], importNotes: [note]).filter { $0.code.hasPrefix("I") }
        #expect(f.count == 1)
        #expect(f.first?.code == "I02" && f.first?.importCode == "cell-unplaced")
        #expect(f.first?.message.hasSuffix("第7行第3格“附件2”无法归入任何一列，未读取。") == true)
        #expect(FindingJSON(f[0]).importCode == "cell-unplaced")
        #expect(Checker().check([Tables.department]).allSatisfy { $0.importCode == nil })
    }

    @Test("a guessed repair is a warning; nothing read of a table is an error")
    func severities() {
        let notes = [
            ImportNote(.repaired, "一级指标未印出，按二级指标推断为“效益指标”", at: SourceLocation(line: 9, table: 0, indicator: 3, field: .level1)),
            ImportNote(.unreadable, "表格内容无法识别", at: SourceLocation(line: 2, table: 1)),
        ]
        let f = Checker().check([Tables.department, GoalTable(kind: .department)], importNotes: notes)
        #expect(f.first { $0.code == "I01" }?.severity == .warning)
        #expect(f.first { $0.code == "I02" }?.severity == .error)
        #expect(f.first { $0.code == "I02" }?.table == 1)
    }

    @Test("the importers' own 推定 of a 一级指标 is a warning, also read back from JSON; a default 分值 stays a hint")
    func importersGuesses() throws {
        let at = SourceLocation(line: 9, table: 0, indicator: 3, field: .level1)
        let inferred = ImportNote(.level1Inferred(line: 9, level2: "社会效益指标", inferred: "效益指标"), at: at)
        let readBack = try JSONDecoder().decode(ImportNote.self, from: JSONEncoder().encode(inferred))
        let weight = ImportNote(.executionWeightDefault(line: 4), at: SourceLocation(line: 4, table: 0))
        for (note, expected) in [(inferred, Severity.warning), (readBack, .warning), (weight, .hint)] {
            let f = Checker().check([Tables.department], importNotes: [note]).filter { $0.code == "I01" }
            #expect(f.map(\.severity) == [expected], "\(note.rawCode): \(note.message)")
        }
    }
}

@Suite("规则配置")
struct ProfileSettingsTests {
    @Test("a profile file that sets only a few check fields keeps every other default")
    func partialFile() throws {
        let json = """
            {"name": "本省", "taxonomy": {"groups": [{"level1": "产出指标", "level2": ["数量指标"]}], "commonIndicators": []},
             "check": {"rateCap": 120, "disabledRules": ["R13"], "severities": {"T02": "error"}, "lexicon": {"growth": ["增长"]}}}
            """
        let p = try Profile.load(from: Data(json.utf8))
        #expect(p.check.rateCap == 120)
        #expect(p.check.weightTotals == [100, 90])
        #expect(p.check.lexicon.growth == ["增长"])
        #expect(p.check.lexicon.satisfaction == ["满意"])
        #expect(p.check.farFromLastYearRatio == 2)
    }

    @Test("a built-in profile's JSON reads back to the same profile")
    func roundTrip() throws {
        for p in Profile.builtIn { #expect(try Profile.load(from: p.encoded()) == p) }
    }

    @Test("a profile can switch a rule off and make another an error")
    func overrides() {
        var p = Profile.current
        p.check.disabledRules = ["R13"]
        p.check.severities = ["D01": "error"]
        let rows = [Tables.row("满意度指标", "服务对象满意度指标", "受益退休人员满意", .atMost, "95")]
        let f = Checker(profile: p).check([GoalTable(kind: .project, indicators: rows)])
        #expect(!f.contains { $0.code == "R13" })
        #expect(f.first { $0.code == "D01" }?.severity == .error)
    }

    @Test("every rule code is unique and every family has rules")
    func catalogue() {
        #expect(Set(RuleCatalogue.all.map(\.code)).count == RuleCatalogue.all.count)
        for family in Rule.Family.allCases { #expect(RuleCatalogue.all.contains { $0.family == family }) }
    }
}

@Suite("恶意或异常文本")
struct HostileTextTests {
    @Test("HTML, a 10,000-character name, control characters and emoji do not crash and stay short in messages")
    func hostile() {
        let long = String(repeating: "超长名称", count: 2500)
        let rows = [
            Tables.row("产出指标", "质量指标", "<script>alert(1)</script>率", .atMost, "<b>95</b>", "%", explanation: "<div>得10分</div>"),
            Tables.row("产出指标", "数量指标", long, .atLeast, "1", "人", explanation: long, scoring: long, weight: 5),
            Tables.row("产出指标", "\u{0}\u{7}时效指标", "发放\u{1B}[31m及时\n率\u{202E}", .equal, "１００", "%"),
            Tables.row("满意度指标", "服务对象满意度指标", "😀满意度🎉", .atMost, "9".padding(toLength: 400, withPad: "9", startingAt: 0), "%"),
            Tables.row("", "", "", .qualitative, "", "\u{FEFF}"),
            Tables.row("成本指标", "经济成本指标", "支出", .atMost, "-1e308", "万元", lastYear: "NaN万元"),
        ]
        let table = GoalTable(
            kind: .project, goal: "达到" + String(repeating: "9", count: 500) + "%；\u{0}" + long,
            funds: Funds(total: 0), indicators: rows)
        // 4,000 different ideographs in one clause: every bigram distinct
        let varied = String(String.UnicodeScalarView((0..<4000).compactMap { Unicode.Scalar(0x4E00 + $0) }))
        let wide = GoalTable(
            kind: .project, goal: varied + "达到95%",
            indicators: [
                Tables.row("产出指标", "质量指标", varied, .atLeast, "90", explanation: "考核" + varied + "率情况")
            ])
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Checker().check([wide]) }
        #expect(elapsed < .seconds(1))
        let f = Checker().check([table, GoalTable(kind: .department)])
        #expect(!f.isEmpty)
        for finding in f {
            #expect(finding.message.count < 400, "\(finding.code)")
            #expect(!finding.message.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }
}
