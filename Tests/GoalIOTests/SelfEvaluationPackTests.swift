import Foundation
import GoalCore
import GoalScoring
@testable import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// The pack a unit uploads: what it holds, and names any Windows machine can unpack.
@Suite("自评材料包（.zip）")
struct SelfEvaluationPackTests {
    static func files(project: String = "乡村学校少年宫", evidence: [(String, String)]) -> SelfEvaluationPack.TableFiles {
        var table = GoalTable(
            kind: .project, year: 2026, unit: "某县第一小学", goal: "建成少年宫", project: ProjectInfo(name: project),
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "建成少年宫", type: .atLeast, value: "3", unit: "所", weight: 50, id: "a"),
                Indicator(
                    level1: "满意度指标", level2: "服务对象满意度指标", name: "学生满意度<调查>", type: .atLeast, value: "90", unit: "%", weight: 50,
                    id: "b"),
            ])
        table[evaluationOf: "a"] = IndicatorEvaluation(actual: "2", deviation: "一所延至次年")
        table[evaluationOf: "b"] = IndicatorEvaluation(actual: "95")
        var scorer = Scorer(settings: Profile.current.scoring)
        let report = SelfEvaluationReport(ScoredTable(table: table, score: scorer.score(table)))
        let ev = evidence.map { indicator, name in
            SelfEvaluationPack.EvidenceFile(
                entry: EvidenceEntry(
                    indicator: indicator, fileName: name, size: "1 KB", uploadedBy: "张三", uploadedAt: "2026-12-01 10:00:00"),
                data: Data("%PDF-1.4 \(name)".utf8))
        }
        var r = report
        r.evidence = ev.map(\.entry)
        return SelfEvaluationPack.TableFiles(report: r, evidence: ev)
    }

    static func paths(_ zip: Data) throws -> [String] { try #require(FileSniffer.zipPaths(zip)) }

    @Test("one table's pack: 自评表, 自评报告, evidence named by indicator with forbidden characters made full-width, and the index")
    func tablePack() throws {
        let t = Self.files(evidence: [("建成少年宫", "验收单.pdf"), ("学生满意度<调查>", "问卷:汇总?.pdf"), ("整表", "验收单.pdf")])
        let zip = try SelfEvaluationPack.table(t)
        #expect(
            try Self.paths(zip) == [
                "自评表.xlsx", "自评报告.docx", "佐证材料/01-建成少年宫-验收单.pdf", "佐证材料/02-学生满意度＜调查＞-问卷：汇总？.pdf",
                "佐证材料/03-整表-验收单.pdf", "佐证材料目录.csv",
            ])
        let entries = try ZipPackage(data: zip, expected: .xlsx, limits: .default)
        let xlsx = try XLSXReader().read(data: try entries.read("自评表.xlsx"))
        #expect(try xlsx.sheets[0].grid().first?.first == "项目支出绩效自评表")
        #expect(try DocxReader().read(data: try entries.read("自评报告.docx")).blocks.first == .paragraph(t.report.title))
        let csv = String(decoding: try entries.read("佐证材料目录.csv"), as: UTF8.self)
        #expect(csv.contains("佐证材料/02-学生满意度＜调查＞-问卷：汇总？.pdf,问卷:汇总?.pdf"))
        #expect(try entries.read("佐证材料/03-整表-验收单.pdf") == Data("%PDF-1.4 验收单.pdf".utf8))
    }

    @Test("a unit's pack: one folder per table, two tables of one name kept apart")
    func unitPack() throws {
        let zip = try SelfEvaluationPack.unit([
            Self.files(evidence: [("建成少年宫", "a.pdf")]), Self.files(evidence: []), Self.files(project: "食堂改造/二期", evidence: []),
        ])
        let paths = try Self.paths(zip)
        #expect(Set(paths.map { String($0.split(separator: "/")[0]) }) == ["2026年乡村学校少年宫", "2026年乡村学校少年宫(2)", "2026年食堂改造／二期"])
        #expect(paths.filter { $0.hasSuffix("自评报告.docx") }.count == 3)
        #expect(paths.contains("2026年乡村学校少年宫/佐证材料/01-建成少年宫-a.pdf"))
    }

    @Test("names Windows refuses are made safe: device names, trailing dots, control characters, length")
    func safeNames() {
        #expect(SafeFileName.component("CON.pdf") == "_CON.pdf")
        #expect(SafeFileName.component("lpt1") == "_lpt1")
        #expect(SafeFileName.component("报告.. ") == "报告")
        #expect(SafeFileName.component("a\u{1}b\tc|d") == "abc｜d")
        let long = SafeFileName.component(String(repeating: "长", count: 300) + ".docx")
        #expect(long.count == SafeFileName.maxComponent && long.hasSuffix(".docx"))
        var u = SafeFileName.Unique()
        #expect([u.claim("A.pdf"), u.claim("a.PDF"), u.claim("a.pdf")] == ["A.pdf", "a(2).PDF", "a(3).pdf"])
    }

    @Test(
        "every name is flagged UTF-8, so Windows and macOS unzip shows the Chinese as written; none has a forbidden character",
        .enabled(if: ExternalTools.hasPython, "needs python3"))
    func utf8Flag() throws {
        let zip = try SelfEvaluationPack.unit([Self.files(evidence: [("学生满意度<调查>", "问卷*汇总|终版\".pdf")])])
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pack.zip")
        try zip.write(to: file)
        let out = try ExternalTools.python(
            """
            import sys, zipfile, json
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps([[i.filename, bool(i.flag_bits & 0x800)] for i in z.infolist()], ensure_ascii=False))
            """, arguments: [file.path], in: directory)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[Any]])
        #expect(rows.count == 4)
        for row in rows {
            let name = try #require(row[0] as? String)
            #expect(row[1] as? Bool == true, "\(name)")
            #expect(!name.contains { "\\:*?\"<>|".contains($0) }, "\(name)")
            #expect(name.count <= SafeFileName.maxPath)
        }
        #expect(rows.contains { ($0[0] as? String) == "2026年乡村学校少年宫/佐证材料/01-学生满意度＜调查＞-问卷＊汇总｜终版＂.pdf" })
    }
}
