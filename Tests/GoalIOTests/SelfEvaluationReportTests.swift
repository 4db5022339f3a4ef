import Foundation
import GoalCore
import GoalScoring
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// The 自评报告: the outline, the figures from the scorer, the unit's words, 附表 and 附件目录; and LibreOffice
/// printing it.
@Suite("自评报告（.docx）", .serialized)
struct ReportDocxTests {
    static func report() throws -> SelfEvaluationReport {
        let url = try #require(
            SharedFiles.files(in: SharedFiles.scoringFixtures, ending: ".json").first { $0.lastPathComponent.contains("project") }
        )
        let doc = try GoalDocument.decode(try SharedFiles.data(url))
        var scorer = Scorer(settings: Profile.current.scoring)
        let table = doc.tables[0]
        return SelfEvaluationReport(
            ScoredTable(table: table, score: scorer.score(table)),
            texts: [.basic: "本单位负责退休人员待遇发放。", .achieved: "全年足额发放，无拖欠。", .use: "结果用于完善下年目标。"],
            evidence: [EvidenceEntry(indicator: table.indicators[0].name, fileName: "发放清单.pdf", size: "120 KB")])
    }

    static func paragraphs(_ doc: WordDocument) -> [String] {
        doc.blocks.compactMap { if case .paragraph(let p) = $0 { return p } else { return nil } }
    }

    @Test("the six headings in order, the unit's words under theirs, each 一级 with its points, 总分 and grade as scored")
    func outline() throws {
        let report = try Self.report()
        let doc = try DocxReader().read(data: try report.data())
        let text = Self.paragraphs(doc)
        #expect(text.first == report.title)
        let headings = ReportSection.allCases.map(\.heading) + ["附表：项目支出绩效自评表", "附件目录"]
        let positions = headings.map { h in text.firstIndex(of: h) }
        #expect(positions.allSatisfy { $0 != nil }, "\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let basic = try #require(text.firstIndex(of: "一、基本情况")), achieved = try #require(text.firstIndex(of: "二、绩效目标及完成情况"))
        #expect(text[basic..<achieved].contains("本单位负责退休人员待遇发放。"))
        #expect(text.contains("全年足额发放，无拖欠。"))
        let score = report.scored.score
        #expect(
            text.contains(
                "自评总分\(ArithmeticText.number(score.total))分（满分\(ArithmeticText.number(score.max))分，得分率\(ArithmeticText.number(score.percent))%），自评等级为“\(score.grade.rawValue)”。"
            ))
        // each 一级's points add up to what the scorer gave its rows
        for g in report.levelGroups {
            let sum = ArithmeticText.round(g.rows.compactMap { $0.1?.score }.reduce(0, +))
            #expect(
                text.contains {
                    $0.hasSuffix("\(g.level1)：分值\(ArithmeticText.number(g.weight))分，得分\(ArithmeticText.number(sum))分")
                })
        }
        // a row that lost points is explained in 四
        let four = try #require(text.firstIndex(of: "四、偏差原因及改进措施")), five = try #require(text.firstIndex(of: "五、自评结论"))
        for (row, s) in report.deviations where s.lost > 0 {
            #expect(
                text[four..<five].contains {
                    $0.hasPrefix(row.indicator.name + "：") && $0.contains("扣\(ArithmeticText.number(s.lost))分")
                })
        }
        // 附表 ends with 总分; 附件目录 lists the file
        let tables = doc.tables
        #expect(tables.count == 2)
        #expect(tables[0].grid().last?.last == ArithmeticText.number(score.total))
        #expect(
            tables[1].grid() == [
                ["序号", "对应指标", "文件名称", "大小"], ["1", report.scored.table.indicators[0].name, "发放清单.pdf", "120 KB"],
            ])
    }

    @Test("a table with nothing entered is not graded 差 nor said to have met every target: 未填报, as the 自评表 says")
    func unreported() throws {
        let table = GoalTable(
            kind: .department, year: 2026, unit: "某局",
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "培训人次", type: .atLeast, value: "100", unit: "人次", weight: 50, id: "a")
            ])
        var scorer = Scorer(settings: Profile.current.scoring)
        let report = SelfEvaluationReport(ScoredTable(table: table, score: scorer.score(table)))
        #expect(report.figures(for: .conclusion) == ["尚未填报实际完成值，暂无自评总分和等级。"])
        #expect(report.figures(for: .deviation) == ["尚未填报实际完成值。"])
        let text = Self.paragraphs(try DocxReader().read(data: try report.data())).joined()
        #expect(!text.contains("自评等级为") && !text.contains("没有扣分"))
    }

    @Test(
        "LibreOffice prints the report to PDF: title and outline on the first page, 附表 and 附件目录 after",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-writer)"))
    func libreOfficePrints() throws {
        let report = try Self.report()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.docx")
        try report.data().write(to: file)
        let pdf = try ExternalTools.soffice(convert: file, to: "pdf", in: directory)
        ExternalTools.keepRender(pdf, as: "自评报告.pdf")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        // pdftotext breaks lines where the page does and spaces figures from Chinese: compare without white space
        let text = try ExternalTools.run(["/usr/bin/pdftotext", pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        let grade = "自评等级为“\(report.scored.score.grade.rawValue)”"
        for words in ["绩效自评报告", "一、基本情况", "五、自评结论", grade, "附件目录", "发放清单.pdf"] {
            #expect(text.contains(words), "\(words)")
        }
    }
}
