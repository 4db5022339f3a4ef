import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO

/// The exported files as other programs and people see them: openpyxl opening the workbooks,
/// the sheet names Excel accepts, CSV that Excel opens in Chinese, HTML that prints and escapes.
@Suite("导出文件")
struct ExportFormatTests {
    static let allSeedTables: [GoalTable] = SharedFiles.seedNames.flatMap { (try? XLSXRoundTripTests.fixture($0)) ?? [] }

    static let inspectScript = #"""
        import sys, json
        from openpyxl import load_workbook
        wb = load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            merges = [str(r) for r in ws.merged_cells.ranges]
            heading = None
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
                texts = [c.value for c in row]
                if "三级指标" in texts:
                    heading = row[0].row
                    break
            first = [c.value for c in ws[heading + 1]] if heading else []
            out.append({
                "name": ws.title, "state": ws.sheet_state, "title": ws["A1"].value, "titleBold": bool(ws["A1"].font.b),
                "titleSize": ws["A1"].font.sz, "titleFont": ws["A1"].font.name, "merges": merges, "heading": heading,
                "headingTexts": [c.value for c in ws[heading]] if heading else [], "first": first,
                "freeze": ws.freeze_panes, "orientation": ws.page_setup.orientation, "fitWidth": ws.page_setup.fitToWidth,
                "printTitles": ws.print_title_rows, "validations": [[str(dv.sqref), dv.formula1] for dv in ws.data_validations.dataValidation],
                "border": ws.cell(row=heading + 1, column=3).border.left.style if heading else None,
            })
        print(json.dumps(out, ensure_ascii=False))
        """#

    static func inspect(_ data: Data) throws -> [[String: Any]] {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.xlsx")
        try data.write(to: file)
        let json = try ExternalTools.python(inspectScript, arguments: [file.path], in: directory)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test(
        "openpyxl opens every exported seed workbook: title merged across in bold 黑体 16, first indicator, print setup",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"),
        arguments: SharedFiles.seedNames)
    func openpyxlReads(name: String) throws {
        let tables = try XLSXRoundTripTests.fixture(name)
        let sheets = try Self.inspect(try XLSXExporter.data(tables))
        #expect(sheets.count == tables.count)
        for (sheet, table) in zip(sheets, tables) {
            #expect(sheet["title"] as? String == table.title)
            #expect(
                sheet["titleBold"] as? Bool == true && sheet["titleSize"] as? Double == 16
                    && sheet["titleFont"] as? String == "黑体")
            let merges = sheet["merges"] as? [String] ?? []
            #expect(merges.contains { $0.hasPrefix("A1:") }, "title merged across: \(merges)")
            let first = sheet["first"] as? [Any] ?? []
            let texts = first.map { "\($0)" }
            #expect(texts.contains(table.indicators[0].name), "first indicator row \(texts)")
            #expect(texts.contains(table.indicators[0].level1))
            let heading = try #require(sheet["heading"] as? Int)
            #expect(sheet["freeze"] as? String == "A\(heading + 1)")
            #expect(sheet["orientation"] as? String == "landscape" && sheet["fitWidth"] as? Int == 1)
            #expect((sheet["printTitles"] as? String)?.contains("\(heading)") == true)
            #expect(sheet["border"] as? String == "thin")
        }
    }

    @Test("the department form gets 分值 only when weights exist; the project form prints ≥16.44万人 in one cell")
    func formColumns() throws {
        let dept = try XLSXRoundTripTests.fixture("000_b3337543220addae")[0]
        let headings = OfficialLayout.columns(for: dept).map(\.heading)
        #expect(headings == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准", "分值", "备注"])
        var noWeights = dept
        for i in noWeights.indicators.indices { noWeights.indicators[i].weight = nil }
        #expect(!OfficialLayout.columns(for: noWeights).map(\.heading).contains("分值"))

        let project = try XLSXRoundTripTests.fixture("003_9f3eda296765d47b")[2]
        let layout = OfficialLayout(table: project)
        #expect(layout.columns.map(\.heading) == ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料"])
        #expect(layout.grid[layout.firstIndicatorRow - 1][3] == "≥16.44万人")
        // an explanation on one indicator adds its column, so nothing is lost
        var explained = project
        explained.indicators[0].explanation = "企业职工养老保险参保人数"
        #expect(OfficialLayout.columns(for: explained).last?.heading == "指标解释")
    }

    @Test("several tables in one workbook: one sheet each, names unique, ≤31 characters, none of []:*?/\\")
    func sheetNames() throws {
        let names = SheetNames.unique(["巴财企[2022]38号关于拨付原水利水电医院退休人员待遇补差资金的通知", "a/b:c*d?e\\f", "表", "表", "'引号'", "History"])
        #expect(names[0] == "巴财企〔2022〕38号关于拨付原水利水电医院退休人员待遇补差资".prefix(31).description)
        #expect(names[1] == "a／b：c＊d？e＼f")
        #expect(names[2] == "表" && names[3] == "表(2)")
        #expect(names[4] == "引号")
        #expect(names.allSatisfy { $0.count <= 31 && !$0.contains(where: { "[]:*?/\\".contains($0) }) })
        #expect(Set(names.map { $0.lowercased() }).count == names.count)

        let tables = try XLSXRoundTripTests.fixture("003_9f3eda296765d47b")
        let book = try DocumentReader.read(data: try XLSXExporter.data(tables), name: "x.xlsx")
        #expect(book.tables.count == 9)
    }

    @Test("a table of every kind in one workbook reads back, in order")
    func mixedWorkbook() throws {
        let tables = Self.allSeedTables
        let back = try DocumentReader.read(data: try XLSXExporter.data(tables), name: "all.xlsx")
        try TableComparison.expectSame(back.tables, tables, "all seeds in one workbook")
    }

    // MARK: CSV

    @Test("CSV: UTF-8 with BOM, a header row, one row per indicator with its table; RFC 4180 quoting")
    func csv() throws {
        let tables = try XLSXRoundTripTests.fixture("003_9f3eda296765d47b")
        let data = CSVExporter.data(tables)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0].hasPrefix("表序号,表名,单位,年度,一级指标,二级指标,三级指标,指标值类型,指标值,计量单位"))
        #expect(lines.count == 1 + tables.reduce(0) { $0 + $1.indicators.count })
        #expect(lines[1].hasPrefix("1,项目支出绩效目标表,库尔勒市社会保险中心,2023,产出指标,数量指标,领取退休人员待遇,=,3,人"))
        #expect(lines.last?.hasPrefix("9,") == true)

        #expect(CSVExporter.field("有,逗号") == "\"有,逗号\"")
        #expect(CSVExporter.field("说\"明\"") == "\"说\"\"明\"\"\"")
        #expect(CSVExporter.field("两\n行") == "\"两\n行\"")
    }

    @Test("CSV: text that Excel would run as a formula is neutralised; numbers stay numbers")
    func csvFormulaInjection() {
        #expect(CSVExporter.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVExporter.field("+cmd") == "'+cmd")
        #expect(CSVExporter.field("-1+2") == "'-1+2")
        #expect(CSVExporter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVExporter.field("-5") == "-5")
        #expect(CSVExporter.field("=") == "=") // the 指标值类型 column's operator
        let t = GoalTable(
            kind: .department, unit: "=1+1",
            indicators: [Indicator(level1: "产出指标", level2: "数量指标", name: "@人数", type: .equal, value: "3")])
        let text = String(decoding: CSVExporter.data([t]).dropFirst(3), as: UTF8.self)
        #expect(text.contains(",'=1+1,") && text.contains(",'@人数,=,3,"))
    }

    // MARK: HTML

    @Test("HTML: A4 landscape, one table per page, the form's layout, everything escaped")
    func html() throws {
        var tables = try XLSXRoundTripTests.fixture("000_b3337543220addae") + XLSXRoundTripTests.fixture("004_bc3c6be27c973c90")
        tables[0].indicators[0].name = "<script>alert('x')</script>"
        tables[0].unit = "A&B \"单位\""
        let html = HTMLPrintView.html(tables)
        #expect(html.contains("@page { size: A4 landscape"))
        #expect(html.components(separatedBy: "<section class=\"form\">").count == 3)
        #expect(html.contains("page-break-after: always"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("A&amp;B &quot;单位&quot;"))
        #expect(html.contains(">部门（单位）整体支出绩效目标表<") && html.contains(">（2026）年度<"))
        #expect(
            html.contains(
                "<thead><tr><th class=\"heading\" align=\"center\">绩效指标</th><th class=\"heading\" align=\"center\">一级指标</th>"))
        #expect(html.contains("class=\"indicatorShort\" align=\"center\" rowspan=\"8\">产出指标<")) // 产出指标 over its eight rows
        #expect(html.contains("填表说明"))
        #expect(html.contains("填表人：欧阳瑜"))
        // issue #15: no row cut across pages, and the 签署 and 填表说明 outside the grid whose heading repeats,
        // so no page holds only that heading and a line of 填表说明
        #expect(html.contains("tr { break-inside: avoid; page-break-inside: avoid; }"))
        for section in html.components(separatedBy: "<section class=\"form\">").dropFirst() {
            let grid = try #require(
                section.components(separatedBy: "<table width=\"100%\" class=\"grid\">").last?
                    .components(separatedBy: "</table>").first)
            #expect(grid.contains("<thead>") && !grid.contains("填表说明") && !grid.contains("填表人："))
            #expect(section.contains("<table width=\"100%\" class=\"after\">"))
            #expect(section.contains("<tr class=\"keep-with-next\"><td class=\"guidanceHeading\""))
        }
    }

    @Test("每种表用自己的词：项目支出表的分值和评分标准叫“指标分值权重”“指标赋分规则”，屏幕与打印一致")
    func formWordsPerKind() {
        #expect(IndicatorField.weight.label(for: .project) == "指标分值权重")
        #expect(IndicatorField.scoring.label(for: .project) == "指标赋分规则")
        #expect(IndicatorField.weight.label(for: .department) == "分值")
        #expect(IndicatorField.scoring.label(for: .department) == "评（扣）分标准")
        #expect(IndicatorField.explanation.label(for: .provincial) == "指标值说明")
        #expect(FormWords.yearLine(kind: .project, year: 2023) == "（2023年）")
        #expect(FormWords.yearLine(kind: .department, year: 2023) == "（2023）年度")
    }

    @Test("HTML: each row has as many cells as the form has columns, merges counted", arguments: SharedFiles.seedNames)
    func htmlRowsAreRectangular(name: String) throws {
        for table in try XLSXRoundTripTests.fixture(name) {
            let layout = OfficialLayout(table: table)
            var covered = Array(repeating: Array(repeating: 0, count: layout.columnCount), count: layout.rowCount)
            for b in layout.blocks {
                for r in b.row..<(b.row + b.rowSpan) {
                    for c in b.column..<(b.column + b.columnSpan) { covered[r - 1][c - 1] += 1 }
                }
            }
            for (r, row) in covered.enumerated() where row.contains(where: { $0 > 0 }) {
                #expect(row.allSatisfy { $0 == 1 } || r + 1 > layout.lastIndicatorRow, "\(name) row \(r + 1): \(row)")
            }
        }
    }

    // MARK: templates

    @Test("a blank template reads back as no table, and says the header has no indicator rows", arguments: TableKind.allCases)
    func blankTemplate(kind: TableKind) throws {
        let data = try TemplateBuilder.data(kind: kind)
        let result = try DocumentReader.read(data: data, name: "template.xlsx")
        #expect(result.tables.isEmpty)
        #expect(result.notes.has("table-without-indicators"))
    }

    @Test(
        "the template has dropdowns for 一级, 二级 and 指标值类型 on the indicator rows",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
    func templateDropdowns() throws {
        let sheets = try Self.inspect(try TemplateBuilder.data(kind: .department))
        let v = try #require(sheets.first?["validations"] as? [[String]])
        let formulas = v.map { $0[1] }
        #expect(formulas.contains { $0.contains("产出指标") && $0.contains("满意度指标") })
        #expect(formulas.contains { $0.contains("数量指标") && $0.contains("服务对象满意度指标") })
        #expect(formulas.contains { $0.contains("≥") && $0.contains("定性") })
        let heading = try #require(sheets.first?["heading"] as? Int)
        #expect(v.allSatisfy { $0[0].hasSuffix("\(heading + TemplateBuilder.blankRows)") })
    }

    @Test(
        "a template with a few rows typed in reads back as that table",
        .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl"))
    func filledTemplate() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("t.xlsx")
        try TemplateBuilder.data(kind: .department).write(to: file)
        _ = try ExternalTools.python(
            #"""
            import sys
            from openpyxl import load_workbook
            wb = load_workbook(sys.argv[1]); ws = wb.worksheets[0]
            ws["A2"] = "（2027）年度"
            ws["B3"] = "某县图书馆"
            for r in range(1, ws.max_row + 1):
                if ws.cell(row=r, column=4).value == "三级指标": heading = r
            ws.cell(row=heading + 1, column=2, value="产出指标"); ws.cell(row=heading + 1, column=3, value="数量指标")
            ws.cell(row=heading + 1, column=4, value="借阅人次"); ws.cell(row=heading + 1, column=5, value="≥")
            ws.cell(row=heading + 1, column=6, value=50000); ws.cell(row=heading + 1, column=7, value="人次")
            ws.cell(row=heading + 2, column=2, value="满意度指标"); ws.cell(row=heading + 2, column=3, value="服务对象满意度指标")
            ws.cell(row=heading + 2, column=4, value="读者满意度"); ws.cell(row=heading + 2, column=5, value="≥")
            ws.cell(row=heading + 2, column=6, value=90); ws.cell(row=heading + 2, column=7, value="%")
            wb.save(sys.argv[1])
            """#, arguments: [file.path], in: directory)
        let result = try DocumentReader.read(contentsOf: file)
        let t = try #require(result.tables.first)
        #expect(result.tables.count == 1)
        #expect(t.kind == .department && t.year == 2027 && t.unit == "某县图书馆")
        #expect(t.indicators.map(\.name) == ["借阅人次", "读者满意度"])
        #expect(t.indicators[0].type == .atLeast && t.indicators[0].value == "50000" && t.indicators[0].unit == "人次")
        #expect(t.signoff == nil || t.signoff?.isEmpty == true)
    }
}
