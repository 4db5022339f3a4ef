import Foundation
import GoalCore
import GoalScoring
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// The 自评表 as units file it: the scores on the form are GoalScoring's, whoever opens the file.
@Suite("自评表（项目支出 / 部门整体）", .serialized)
struct SelfEvaluationFormTests {
    /// The scoring fixtures: real tables with 实际完成值 and 预算执行, department and project forms.
    static let files = SharedFiles.files(in: SharedFiles.scoringFixtures, ending: ".json")

    static func scored(_ url: URL) throws -> [ScoredTable] {
        let doc = try GoalDocument.decode(try SharedFiles.data(url))
        var scorer = Scorer(settings: Profile.current.scoring)
        return doc.tables.enumerated().map { i, t in ScoredTable(table: t, score: scorer.score(t, index: i)) }
    }

    /// Every sheet's 得分 column under its heading, the 总分 line and the grade, as openpyxl reads them.
    static let dump = #"""
        import sys, json
        from openpyxl import load_workbook
        wb = load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            head = next(i for i, r in enumerate(rows) if r[7] == "得分" and r[6] == "分值")
            scores, total = [], None
            for r in rows[head + 1:]:
                if r[0] == "总分":
                    total = {"max": r[6], "total": r[7], "grade": r[8]}
                    break
                scores.append(r[7])
            budget = next(r for r in rows if r[2] == "年度资金总额")
            out.append({"title": rows[0][0], "scores": scores, "total": total, "execution": budget[8],
                        "rate": budget[7], "rateFormat": ws.cell(row=rows.index(budget) + 1, column=8).number_format})
        print(json.dumps(out, ensure_ascii=False))
        """#

    @Test(
        "openpyxl reads back every row's 得分, the execution score, 总分 and grade equal to GoalScoring's",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"),
        arguments: files)
    func scoresReadBack(_ url: URL) throws {
        let tables = try Self.scored(url)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("自评表.xlsx")
        try SelfEvaluationXLSX.data(tables).write(to: file)
        let json = try ExternalTools.python(Self.dump, arguments: [file.path], in: directory)
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(sheets.count == tables.count)
        for (sheet, t) in zip(sheets, tables) {
            let title = sheet["title"] as? String
            #expect(title == (t.table.kind == .project ? "项目支出绩效自评表" : "部门整体支出绩效自评表"))
            let read = (sheet["scores"] as? [Any]) ?? []
            #expect(read.count == t.table.indicators.count)
            for (cell, row) in zip(read, t.score.indicators) {
                if let s = row.score {
                    #expect((cell as? Double) == s, "\(url.lastPathComponent)“\(row.name)”")
                } else {
                    #expect((cell as? String) == "不适用")
                }
            }
            let total = try #require(sheet["total"] as? [String: Any])
            #expect((total["total"] as? Double) == t.score.total)
            #expect((total["max"] as? Double) == t.score.max)
            #expect((total["grade"] as? String) == "自评等级：\(t.score.grade.rawValue)")
            if let ex = t.score.execution {
                #expect((sheet["execution"] as? Double) == ex.score)
                #expect((sheet["rate"] as? Double).map { abs($0 - (ex.rate ?? -1)) < 1e-12 } == true)
                #expect((sheet["rateFormat"] as? String) == "0.00%")
            }
        }
    }

    @Test(
        "LibreOffice opens the 自评表 of either form and prints it to PDF with its 总分 and grade",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-calc)"),
        arguments: ["project", "department"])
    func libreOfficePrints(_ kind: String) throws {
        let url = try #require(Self.files.first { $0.lastPathComponent.contains(kind) })
        let tables = try Self.scored(url)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("selfeval.xlsx")
        try SelfEvaluationXLSX.data(tables).write(to: file)
        let pdf = try ExternalTools.soffice(convert: file, to: "pdf", in: directory)
        ExternalTools.keepRender(pdf, as: kind == "project" ? "自评表.pdf" : "自评表-部门整体.pdf")
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Data("%PDF".utf8)))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let text = try ExternalTools.run(["/usr/bin/pdftotext", "-layout", pdf.path, "-"]).stdout
            #expect(text.contains(kind == "project" ? "项目支出绩效自评表" : "部门整体支出绩效自评表"))
            #expect(text.contains("偏差原因分析及改进措施"))
            #expect(text.contains("自评等级：\(tables[0].score.grade.rawValue)"))
            #expect(text.contains(String(format: "%.2f", tables[0].score.total)))
        }
    }

    @Test("the print view shows the budget block, every row's 得分, 总分 and grade; texts are escaped")
    func printView() throws {
        var table = GoalTable(
            kind: .project, year: 2026, unit: "某县<第一>小学", goal: "建成少年宫3所", project: ProjectInfo(name: "乡村学校少年宫"),
            funds: Funds(total: 100, fiscal: 80, other: 20),
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "建成少年宫", type: .atLeast, value: "3", unit: "所", weight: 20,
                    id: "a"),
                Indicator(
                    level1: "效益指标", level2: "社会效益指标", name: "学生参与率", type: .atLeast, value: "90", unit: "%", weight: 30,
                    id: "b"),
            ], execution: Execution(budget: 120, spent: 96, weight: 10))
        table[evaluationOf: "a"] = IndicatorEvaluation(actual: "2", deviation: "一所延至次年")
        table[evaluationOf: "b"] = IndicatorEvaluation(actual: "95")
        var scorer = Scorer(settings: Profile.current.scoring)
        let score = scorer.score(table)
        let html = SelfEvaluationXLSX.html([ScoredTable(table: table, score: score, achieved: "建成2所")])
        #expect(html.contains("某县&lt;第一&gt;小学"))
        #expect(!html.contains("<第一>"))
        for word in ["年初预算数", "全年预算数", "全年执行数", "执行率", "预期目标", "实际完成情况", "建成2所", "一所延至次年"] {
            #expect(html.contains(word), "\(word)")
        }
        // 96 of 120 spent: 80.00 %, and the execution score as the scorer gave it
        #expect(html.contains("80.00%"))
        #expect(html.contains(">\(String(format: "%.2f", try #require(score.execution?.score)))<"))
        for row in score.indicators { #expect(html.contains(">\(String(format: "%.2f", row.score ?? -1))<")) }
        #expect(html.contains(">\(String(format: "%.2f", score.total))<"))
        #expect(html.contains("自评等级：\(score.grade.rawValue)"))
    }

    @Test("a row without its 实际完成值 prints no 得分, and a table with nothing entered prints no total and 未填报, not 0 and 差")
    func unreported() throws {
        var table = GoalTable(
            kind: .department, year: 2026, unit: "某局",
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "培训人次", type: .atLeast, value: "100", unit: "人次", weight: 50, id: "a"),
                Indicator(
                    level1: "效益指标", level2: "社会效益指标", name: "就业率", type: .atLeast, value: "80", unit: "%", weight: 50, id: "b"),
            ])
        var scorer = Scorer(settings: Profile.current.scoring)
        let empty = SelfEvaluationForm(ScoredTable(table: table, score: scorer.score(table)))
        let scoreCells = empty.blocks.filter { $0.columns == 8...8 && $0.rows.lowerBound > empty.headingRow }
        #expect(scoreCells.allSatisfy { $0.content == .empty })
        #expect(empty.blocks.contains { $0.content == .text("自评等级：未填报") })

        table[evaluationOf: "a"] = IndicatorEvaluation(actual: "120")
        let half = SelfEvaluationForm(ScoredTable(table: table, score: scorer.score(table)))
        let rows = half.blocks.filter {
            $0.columns == 8...8 && (half.headingRow + 1...half.headingRow + 2).contains($0.rows.lowerBound)
        }
        #expect(rows.map(\.content) == [.number(50), .empty])
    }
}
