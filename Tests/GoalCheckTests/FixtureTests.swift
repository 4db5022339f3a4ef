import Foundation
import Testing
import TestSupport
import GoalCore
import GoalIO
@testable import GoalCheck

/// The acceptance fixtures: every defect a reviewer recorded that a program can decide is found at
/// its table and row. Defects are read from the fixture JSON (the `defects` key the model ignores).
@Suite("种子表缺陷")
struct FixtureTests {
    struct Defect: Hashable, CustomStringConvertible {
        let file: String, table: Int, indicator: Int, text: String
        var description: String { "\(file) 第\(table + 1)张表 第\(indicator + 1)行：\(text)" }
    }

    /// Defects no checker can find in the clean interchange JSON, and why.
    /// - `单元格错位…`: the fixture already realigns the shifted cells; the shift is visible only in the
    ///   source text, where the importer reports it (ImportNote → I01). `ImportNoteRules` is tested below.
    /// - `一级指标单元格为空`: same — the fixture filled the 一级 in; an empty one is F01 (tested in FillingRuleTests).
    /// - `名称错字`: spotting a typo (生补活补贴 → 生活补贴) needs a dictionary of the trade's words, not a rule.
    static let importOnly = ["单元格错位", "一级指标单元格为空"]
    static let judgementOnly = ["名称错字"]

    static func loadFixtures() throws -> [(String, GoalDocument, [Defect])] {
        let files = SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".expected.json")
        return try files.map { url in
            let data = try SharedFiles.data(url)
            let doc = try GoalDocument.decode(data)
            let raw = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            var defects: [Defect] = []
            for (ti, t) in ((raw["tables"] as? [[String: Any]]) ?? []).enumerated() {
                for (ii, ind) in ((t["indicators"] as? [[String: Any]]) ?? []).enumerated() {
                    for d in (ind["defects"] as? [String]) ?? [] {
                        defects.append(Defect(file: url.lastPathComponent, table: ti, indicator: ii, text: d))
                    }
                }
            }
            return (url.lastPathComponent, doc, defects)
        }
    }

    @Test("every decidable defect of the seed fixtures is found at its table and row")
    func defectsFound() throws {
        let fixtures = try Self.loadFixtures()
        #expect(fixtures.count == 4)
        var checked = 0
        for (_, doc, defects) in fixtures {
            let findings = Checker().check(doc)
            for d in defects {
                if (Self.importOnly + Self.judgementOnly).contains(where: { d.text.contains($0) }) { continue }
                checked += 1
                let here = findings.filter { $0.table == d.table && $0.indicator == d.indicator }
                #expect(!here.isEmpty, "未发现：\(d)")
            }
        }
        #expect(checked >= 60)
    }

    /// Which rule should find each kind of recorded defect, by a phrase of the reviewer's wording.
    static let ruleFor: [(phrase: String, code: String)] = [
        ("名称被截断", "R13"), ("单位与名称不符", "R01"), ("及时率属时效指标", "R08"), ("三级指标名称缺失", "F03"),
        ("佐证资料缺失", "R12"), ("相差悬殊", "T07"), ("重复", "T01"), ("时效指标名称未体现时效", "R07"),
        ("指标解释与指标名称不符", "R02"), ("定性指标配定量扣分规则", "R05"), ("定性指标却按照正常比例赋分", "R04"),
        ("二级指标归类不当", "R09"), ("成本指标用=", "D04"), ("与总体目标", "T09"), ("设为≥100%", "D06"),
        ("过于笼统", "R11"), ("未说明计算方法", "R11"), ("指标值说明缺失", "R10"), ("满意度指标方向应为≥", "D01"),
    ]

    @Test("each decidable defect is found by the rule meant for it, not just by some finding on the row")
    func defectsFoundByTheirRule() throws {
        for (_, doc, defects) in try Self.loadFixtures() {
            let findings = Checker().check(doc)
            for d in defects {
                if (Self.importOnly + Self.judgementOnly).contains(where: { d.text.contains($0) }) { continue }
                let code = try #require(Self.ruleFor.first { d.text.contains($0.phrase) }?.code, "无对应规则：\(d)")
                #expect(
                    findings.contains { $0.table == d.table && $0.indicator == d.indicator && $0.code == code },
                    "\(code) 未发现：\(d)")
            }
        }
    }

    @Test("seed 000: the weights total 74 and that is reported for the table")
    func weightTotal000() throws {
        let (_, doc, _) = try #require(try Self.loadFixtures().first { $0.0.hasPrefix("000") })
        let f = Checker().check(doc).filter { $0.code == "T02" }
        #expect(f.count == 1)
        #expect(f.first?.indicator == nil)
        #expect(f.first?.message.contains("74") == true)
        #expect(f.first?.severity == .warning)
    }

    @Test("seed fixtures: no error or warning on a row without a recorded defect; only 000's total for a whole table")
    func quietOnCleanRows() throws {
        for (file, doc, defects) in try Self.loadFixtures() {
            let flagged = Set(defects.map { "\($0.table)/\($0.indicator)" })
            for f in Checker().check(doc) where f.severity != .hint {
                if f.indicator == nil {
                    #expect(file.hasPrefix("000") && f.code == "T02", "\(file)：\(f.message)")
                } else {
                    #expect(flagged.contains("\(f.table)/\(f.indicator!)"), "\(file)：\(f.message)")
                }
            }
        }
    }

    @Test("dump", .disabled(if: ProcessInfo.processInfo.environment["JIXIAO_DUMP"] == nil))
    func dump() throws {
        for (file, doc, defects) in try Self.loadFixtures() {
            print("=== \(file)")
            for f in Checker().check(doc) {
                let mark = defects.contains { $0.table == f.table && $0.indicator == f.indicator } ? "D" : " "
                print("\(mark) [\(f.severity.rawValue) \(f.code)] \(f.message) ⇒ \(f.suggestion ?? "-")")
            }
        }
    }
}

@Suite("导入前的原样缺陷")
struct RawShapeTests {
    /// Seed 002's 社会效益 row as printed, before a reader realigns it: 一级 empty, the explanation in the
    /// 评（扣）分标准 column, the scoring in 备注. The fixture records the repaired row, so these two
    /// defects are excluded from `FixtureTests`; here they are found in the shape they come in.
    @Test("seed 002 row 4 as printed: empty 一级 (F01) and shifted cells (R03)")
    func shiftedRow() {
        let raw = Indicator(
            level1: "", level2: "社会效益指标", name: "确保工伤保险待遇，保障受伤劳动者合法权益", type: .qualitative,
            value: "效果明显", scoring: "考核工作实施对社会效益所带来的直接或间接影响情况。",
            note: "效果明显得15分，效果一般得10分，否则不得分。")
        let f = Tables.findings(raw)
        #expect(f.contains { $0.code == "F01" && $0.severity == .error && $0.suggestion?.contains("效益指标") == true })
        #expect(f.contains { $0.code == "R03" && $0.field == .scoring })
    }

    @Test("a table with no indicator at all is reported once")
    func emptyTable() {
        let f = Checker().check([GoalTable(kind: .department, year: 2026, unit: "某单位", goal: "完成年度工作任务")])
        #expect(f.count == 1)
        #expect(f.first?.message == "第1张表：没有任何绩效指标")
    }
}
