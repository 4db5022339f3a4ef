import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

@Suite("导出执行监控表和监控汇总表", .serialized)
struct MonitoringExportTests {
    /// A form with every kind of value: numbers, text, ticks, several causes, a 定性 row.
    static func sample() -> MonitoredTable {
        let table = GoalTable(
            kind: .project, year: 2026, unit: "某县第一小学", goal: "建成少年宫3所",
            project: ProjectInfo(name: "乡村学校少年宫"),
            indicators: [
                Indicator(level1: "产出指标", level2: "数量指标", name: "建成少年宫", type: .atLeast, value: "3", unit: "所", id: "a"),
                Indicator(level1: "效益指标", level2: "社会效益指标", name: "学生参与率", type: .atLeast, value: "90", unit: "%", id: "b"),
                Indicator(level1: "效益指标", level2: "社会效益指标", name: "育人效果", type: .qualitative, value: "明显提升", id: "c"),
            ])
        let entry = MonitoringEntry(
            period: 7,
            budget: [
                BudgetRow(item: .total, initial: 100, adjusted: 120, spent: 30, expected: 118),
                BudgetRow(item: .fiscal, initial: 100, adjusted: 120, spent: 30, expected: 118),
            ], goalProgress: "已建成1所",
            indicators: [
                IndicatorProgress(
                    id: "a", completed: "1", expected: "3", likelihood: .possible, causes: [.funding, .facilities],
                    causeText: "资金下半年到位", correction: "加快拨付", note: "无"),
                IndicatorProgress(id: "b", completed: "92%", expected: "95%", likelihood: .certain),
                IndicatorProgress(id: "c", completed: "部分达成", expected: "达成", likelihood: .certain),
            ])
        return MonitoredTable(table: table, entry: entry)
    }

    static let dump = #"""
        import sys, json
        from openpyxl import load_workbook
        wb = load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
            out.append({"name": ws.title, "cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                        "formats": {k: ws[k].number_format for k in cells}})
        print(json.dumps(out, ensure_ascii=False))
        """#

    static func openpyxl(_ data: Data) throws -> [[String: Any]] {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.xlsx")
        try data.write(to: file)
        let out = try ExternalTools.python(dump, arguments: [file.path], in: directory)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    }

    @Test(
        "the official form: openpyxl reads the merged headings, the values and the ✔ where they were put",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl"))
    func formThroughOpenpyxl() throws {
        let sheet = try #require(try Self.openpyxl(MonitoringFormXLSX.data([Self.sample()], department: "[201]教育局")).first)
        let cells = try #require(sheet["cells"] as? [String: Any])
        let merged = try #require(sheet["merged"] as? [String])
        func text(_ k: String) -> String? { cells[k] as? String }
        func number(_ k: String) -> Double? { (cells[k] as? NSNumber)?.doubleValue }
        #expect(text("A2") == "项目支出绩效目标执行监控表" && merged.contains("A2:R2"))
        #expect(text("A3") == "（2026年度）")
        #expect(text("D5") == "乡村学校少年宫" && text("D6") == "[201]教育局" && text("J6") == "某县第一小学")
        #expect(merged.contains("A7:C11"))
        #expect(text("K7") == "1-7月执行数" && text("N7") == "1-7月执行率")
        // budget: 年初 100, 全年 120, 执行 30, 执行率 25 % (30 ÷ 120) written as a percentage, 预计 118
        #expect(number("G8") == 100 && number("I8") == 120 && number("K8") == 30 && number("P8") == 118)
        #expect(number("N8") == 0.25 && (sheet["formats"] as? [String: String])?["N8"] == "0.00%")
        #expect(text("D12") == "建成少年宫3所" && text("D14") == "已建成1所")
        // the two heading rows of the grid
        #expect(text("H16") == "偏差原因分析" && merged.contains("H16:M16") && text("N16") == "完成目标可能性" && merged.contains("N16:P16"))
        #expect(
            ["H17", "I17", "J17", "K17", "L17", "M17", "N17", "O17", "P17"].map(text) == [
                "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "原因说明", "确定能", "有可能", "完全不可能",
            ])
        #expect(text("Q16") == "纠偏措施" && text("R16") == "备注")
        // rows: the first with two causes ticked and 有可能
        #expect(text("D18") == "建成少年宫" && text("E18") == "≥3所" && number("F18") == 1 && number("G18") == 3)
        #expect(text("H18") == "✔" && text("I18") == nil && text("K18") == "✔" && text("M18") == "资金下半年到位")
        #expect(text("N18") == nil && text("O18") == "✔" && text("Q18") == "加快拨付" && text("R18") == "无")
        #expect(text("F19") == "92%" && text("N19") == "✔")
        #expect(text("E20") == "明显提升" && text("F20") == "部分达成")
    }

    @Test("the official form reads back through MonitoringReader to the same values")
    func formRoundTrip() throws {
        let sample = Self.sample()
        let back = try MonitoringReader.read(data: MonitoringFormXLSX.data([sample]), name: "form.xlsx")
        let t = try #require(back.tables.first)
        #expect(t.table.indicators.map(\.targetText) == sample.table.indicators.map(\.targetText))
        #expect(t.entry.period == 7 && t.entry.goalProgress == "已建成1所")
        #expect(t.entry.budget.first == sample.entry.budget.first)
        var stripped = t.entry.indicators
        for i in stripped.indices { stripped[i].id = sample.entry.indicators[i].id }
        #expect(stripped == sample.entry.indicators)
    }

    @Test("the print view draws the same form: title, 1-7月 headings, ticks, budget figures as printed; text escaped")
    func printView() {
        var sample = Self.sample()
        sample.table.indicators[2].name = "<script>alert(1)</script>"
        let html = MonitoringPrintView.html([sample], department: "[201]教育局")
        #expect(html.contains("<td class=\"title\" colspan=\"18\">项目支出绩效目标执行监控表</td>"))
        #expect(html.contains(">1-7月执行数<") && html.contains(">偏差原因分析<") && html.contains(">完成目标可能性<"))
        #expect(html.contains(">25.00%<") && html.contains(">120.00<") && html.contains(">[201]教育局<"))
        #expect(html.components(separatedBy: ">✔<").count - 1 == 5) // 2 causes + 3 完成可能性
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script>"))
        // the two heading rows repeat on every printed page
        #expect(html.contains("<thead><tr><td class=\"label\" rowspan=\"2\">绩效指标</td>"))
    }

    @Test(
        "the 监控汇总表: one line per table grouped by unit, with 执行率, lights, counts and the rows lacking a reason",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl"))
    func summary() throws {
        var late = Self.sample()
        late.entry.indicators[0].causeText = nil // 有可能 without 原因说明: missing
        let lines = [
            MonitoringSummaryLine(unit: "第一小学", table: Self.sample(), status: "已提交"),
            MonitoringSummaryLine(unit: "第一小学", table: late, status: "逾期"),
            MonitoringSummaryLine(unit: "第二小学", table: Self.sample()),
        ]
        let sheet = try #require(try Self.openpyxl(MonitoringSummaryXLSX.data(lines, title: "2026年1-7月绩效运行监控汇总表")).first)
        let cells = try #require(sheet["cells"] as? [String: Any])
        func text(_ k: String) -> String? { cells[k] as? String }
        func number(_ k: String) -> Double? { (cells[k] as? NSNumber)?.doubleValue }
        #expect(text("A1") == "2026年1-7月绩效运行监控汇总表")
        #expect(
            (1...MonitoringSummaryXLSX.headings.count).map { text(CellAddress(row: 2, column: $0).description) }
                == MonitoringSummaryXLSX.headings)
        // the sample in July: 30 of 120 万元 is 25 %, 25 ÷ 58.33 = 42.9 → 红; 建成少年宫 1 of 3 × 7/12 = 57.1 % → 红
        #expect(number("H3") == 0.25 && text("I3") == "红" && text("J3") == "红")
        // counts: 红 1 (建成少年宫), 绿 1 (92 of 90), 黄 1 (部分达成); 确定能 2, 有可能 1
        #expect([number("K3"), number("L3"), number("M3"), number("N3"), number("O3")] == [1, 1, 1, 0, 0])
        #expect([number("P3"), number("Q3"), number("R3")] == [2, 1, 0])
        // 部分达成 is 黄, so it needs a reason under the default rule; the late copy also lost 建成少年宫's 原因说明
        #expect(text("S3") == "第3行育人效果" && text("S4") == "第1行建成少年宫、第3行育人效果" && text("T4") == "逾期")
        // the unit's block: name and light once, merged over its two lines
        #expect(text("B3") == "第一小学" && text("C3") == "红" && (sheet["merged"] as? [String])?.contains("B3:B4") == true)
        #expect(text("B5") == "第二小学" && number("A5") == 3)
    }
}
