import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO
import OfficeXML

/// Workbooks and Word documents that other programs wrote import through the same structure
/// recovery as pasted text.
@Suite(
    "导入 Excel / Word 文件",
    .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl) to write the workbooks"))
struct ForeignWorkbookImportTests {
    /// A project table as a county office keeps it: an 附件2 line and the title above it, merged
    /// 一级/二级 cells, rich text, numbers, a real date beside 填表日期, inline strings (openpyxl's
    /// default); a second sheet with a department table in shared strings; a hidden row and sheet.
    static let script = #"""
        import sys, datetime
        from openpyxl import Workbook
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        wb = Workbook()
        ws = wb.active
        ws.title = "项目支出"
        ws["A1"] = "附件2"
        ws["A3"] = "项目支出绩效目标表"; ws.merge_cells("A3:I3")
        ws["A4"] = "（2025年）"; ws.merge_cells("A4:I4")
        ws["A5"] = "预算单位"; ws.merge_cells("A5:B5"); ws["C5"] = "某县民政局"; ws.merge_cells("C5:I5")
        ws["A6"] = "项目名称"; ws.merge_cells("A6:B6")
        ws["C6"] = CellRichText([TextBlock(InlineFont(b=True), "困难群众"), "救助资金"]); ws.merge_cells("C6:E6")
        ws["F6"] = "项目负责人"; ws.merge_cells("F6:G6"); ws["H6"] = "王五"; ws.merge_cells("H6:I6")
        ws["A7"] = "项目资金（万元）"; ws.merge_cells("A7:B7")
        ws["C7"] = "年度预算总额"; ws["D7"] = 120.5; ws["E7"] = "其中：财政拨款"; ws["F7"] = 100; ws["G7"] = "其他资金"; ws["H7"] = 20.5
        ws["A8"] = "项目总体目标"; ws.merge_cells("A8:B8"); ws["C8"] = "保障困难群众基本生活。"; ws.merge_cells("C8:I8")
        heading = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料"]
        for c, h in enumerate(heading, 1): ws.cell(row=9, column=c, value=h)
        rows = [
            ["产出指标", "数量指标", "救助人数", "≥1200人", "历史标准", "1150人", 30, "按照正常比例赋分", "花名册"],
            [None, None, "发放次数", "=12次", "历史标准", "12次", 20, "按照正常比例赋分", "发放记录"],
            [None, "质量指标", "发放准确率", "=100%", "行业或国家标准", "100%", 20, "直接赋分", "工作资料"],
            ["效益指标", "社会效益指标", "困难群众生活改善", "有效改善", "计划标准", None, 20, "按评判等级赋分", "工作资料"],
            ["已删除", "数量指标", "旧指标", "≥1人", "历史标准", None, 5, "直接赋分", "无"],
            ["满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "历史标准", "92%", 10, "满意度赋分", "问卷"],
        ]
        for r, values in enumerate(rows, 10):
            for c, v in enumerate(values, 1):
                if v is not None:
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, str) and v.startswith("="): cell.data_type = "s"   # typed as text, as '=12次 in Excel
        ws.merge_cells("A10:A12"); ws.merge_cells("B10:B11")
        ws.row_dimensions[14].hidden = True
        ws["A17"] = "填表人：赵六"; ws["D17"] = "联系电话：0745-1234567"
        ws["A18"] = "填表日期："; ws["B18"] = datetime.date(2025, 12, 12); ws["B18"].number_format = "yyyy-mm-dd"
        ws["D18"] = "单位负责人：钱七"

        d = wb.create_sheet("部门整体")
        d.append(["部门（单位）整体支出绩效目标表"]); d.merge_cells("A1:J1")
        d.append(["（2026）年度"])
        d.append(["部门（单位）名称", "某县民政局"]); d.merge_cells("B3:J3")
        d.append(["部门（单位）职责", "负责全县社会救助工作"]); d.merge_cells("B4:J4")
        d.append(["年度履职目标", "困难群众应保尽保"]); d.merge_cells("B5:J5")
        d.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准", "备注"])
        d.append([None, "产出指标", "数量指标", "低保对象人数", "≥", "3000", "人", "考核低保覆盖", "达到计划值得满分10分", None])
        d.append([None, None, "时效指标", "资金发放及时率", "=", 100, "%", "考核发放时间", "按时发放得10分", None])
        d.append([None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", 95, "%", "考核满意度", "满意度达95%得10分", None])
        d.merge_cells("A6:A9"); d.merge_cells("B7:B8")

        h = wb.create_sheet("草稿")
        h.sheet_state = "hidden"
        h["A1"] = "项目支出绩效目标表"
        wb.save(sys.argv[1])
        """#

    static func makeWorkbook() throws -> (URL, URL) {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("民政.xlsx")
        _ = try ExternalTools.python(script, arguments: [file.path], in: directory)
        return (directory, file)
    }

    @Test("a county workbook: title block above row 5, merged levels, rich text, date, two sheets")
    func countyWorkbook() throws {
        let (directory, file) = try Self.makeWorkbook()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try DocumentReader.read(contentsOf: file)
        try #require(result.tables.count == 2)
        let p = result.tables[0]
        #expect(p.kind == .project && p.year == 2025 && p.unit == "某县民政局")
        #expect(p.project == ProjectInfo(name: "困难群众救助资金", manager: "王五"))
        #expect(p.funds == Funds(total: 120.5, fiscal: 100, other: 20.5))
        #expect(p.goal == "保障困难群众基本生活。")
        #expect(p.signoff?.filledOn == "2025-12-12")
        #expect(p.signoff?.filledBy == "赵六" && p.signoff?.phone == "0745-1234567" && p.signoff?.head == "钱七")
        #expect(p.indicators.map(\.name) == ["救助人数", "发放次数", "发放准确率", "困难群众生活改善", "受助群众满意度"])
        // merged 一级 and 二级 carried down
        #expect(p.indicators[1].level1 == "产出指标" && p.indicators[1].level2 == "数量指标")
        #expect(p.indicators[2].level1 == "产出指标" && p.indicators[2].level2 == "质量指标")
        #expect(p.indicators[1].type == .equal && p.indicators[1].value == "12" && p.indicators[1].unit == "次")
        #expect(p.indicators[0].weight == 30 && p.indicators[0].lastYear == "1150人" && p.indicators[0].evidence == "花名册")
        #expect(p.indicators[3].type == .qualitative && p.indicators[3].value == "有效改善")

        let d = result.tables[1]
        #expect(d.kind == .department && d.year == 2026 && d.duty == "负责全县社会救助工作")
        #expect(d.indicators.count == 3)
        #expect(d.indicators[1].level1 == "产出指标" && d.indicators[1].value == "100" && d.indicators[1].unit == "%")
        #expect(d.indicators[2].scoring == "满意度达95%得10分")
    }

    @Test("hidden rows and sheets are left out and reported; notes name the sheet and the row")
    func hiddenAndNotes() throws {
        let (directory, file) = try Self.makeWorkbook()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try DocumentReader.read(contentsOf: file)
        #expect(!result.tables.flatMap(\.indicators).contains { $0.name == "旧指标" })
        #expect(result.notes.contains { $0.code == .hiddenRows(sheet: "项目支出", rows: [14]) && $0.location.sheet == "项目支出" })
        #expect(result.notes.contains { $0.code == .hiddenSheet(sheet: "草稿") })
        let stray = try #require(result.notes.first { $0.message.contains("附件2") })
        #expect(stray.location.sheet == "项目支出" && stray.location.line == 1)
        #expect(stray.message.hasPrefix("工作表“项目支出”："))
    }
}

@Suite("单元格定位")
struct NoteCellTests {
    @Test("a note about a field names its cell, found from the heading row above it")
    func cellOfField() throws {
        let grid = [
            ["项目支出绩效目标表", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "发放次数", ""],
        ]
        let headings = XLSXImporter.HeadingRows(grid)
        #expect(headings.column(of: .value, above: 3) == 4)
        #expect(headings.column(of: .name, above: 3) == 3)
        #expect(headings.column(of: .value, above: 2) == nil)
    }

    @Test("a sign-off label and its value in two cells are read together")
    func signoffCells() {
        var grid = [["填表日期：", "2025-12-12", "", "单位负责人", "杨"], ["产出指标", "数量指标", "", "", ""]]
        SignoffCells.join(in: &grid)
        #expect(grid[0] == ["填表日期：2025-12-12", "", "", "单位负责人杨", ""])
        #expect(grid[1] == ["产出指标", "数量指标", "", "", ""])
    }
}

@Suite("导入 Word 文档", .enabled(if: ExternalTools.hasPython, "needs python3 to build the .docx"))
struct DocxImportTests {
    /// A .docx built by hand: title and 年度 paragraphs, a table whose 部门名称 value spans nine
    /// columns (gridSpan) and whose 绩效指标 and 一级 cells merge down (vMerge), sign-off paragraphs.
    static let script = #"""
        import sys, zipfile
        W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        def p(t): return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % t
        def tc(t, span=1, vmerge=None):
            pr = ''
            if span > 1: pr += '<w:gridSpan w:val="%d"/>' % span
            if vmerge == 'restart': pr += '<w:vMerge w:val="restart"/>'
            if vmerge == 'continue': pr += '<w:vMerge/>'
            return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (pr, p(t) if t else '<w:p/>')
        def tr(cells): return '<w:tr>%s</w:tr>' % ''.join(cells)
        rows = [
            tr([tc("部门（单位）名称"), tc("某县民政局", 9)]),
            tr([tc("部门（单位）职责"), tc("负责全县社会救助工作", 9)]),
            tr([tc("年度履职目标"), tc("困难群众应保尽保", 9)]),
            tr([tc("绩效指标", vmerge='restart')] + [tc(h) for h in ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准", "备注"]]),
            tr([tc("", vmerge='continue'), tc("产出指标", vmerge='restart'), tc("数量指标"), tc("低保对象人数"), tc("≥"), tc("3000"), tc("人"), tc("考核低保覆盖"), tc("达到计划值得满分10分"), tc("")]),
            tr([tc("", vmerge='continue'), tc("", vmerge='continue'), tc("质量指标"), tc("资金发放准确率"), tc("="), tc("100"), tc("%"), tc("考核发放准确"), tc("准确率100%得10分"), tc("")]),
            tr([tc("", vmerge='continue'), tc("满意度指标"), tc("服务对象满意度指标"), tc("群众满意度"), tc("≥"), tc("95"), tc("%"), tc("考核满意度"), tc("满意度达95%得10分"), tc("")]),
        ]
        body = p("部门（单位）整体支出绩效目标表") + p("（2026）年度") + '<w:tbl><w:tblGrid>' + '<w:gridCol/>' * 10 + '</w:tblGrid>' + ''.join(rows) + '</w:tbl>' \
            + p("填表人：张三　联系电话：0745-7654321") + p("填表日期：2025年12月1日　单位负责人：李四")
        doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)
        ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", ct)
            z.writestr("_rels/.rels", rels)
            z.writestr("word/document.xml", doc)
        """#

    static func checkDepartment(_ tables: [GoalTable]) throws {
        let t = try #require(tables.first)
        #expect(tables.count == 1)
        #expect(t.kind == .department && t.year == 2026 && t.unit == "某县民政局" && t.duty == "负责全县社会救助工作")
        #expect(t.indicators.map(\.name) == ["低保对象人数", "资金发放准确率", "群众满意度"])
        #expect(t.indicators[1].level1 == "产出指标" && t.indicators[1].level2 == "质量指标")
        #expect(t.indicators[2].type == .atLeast && t.indicators[2].value == "95" && t.indicators[2].unit == "%")
        #expect(t.signoff?.filledBy == "张三" && t.signoff?.filledOn == "2025-12-01" && t.signoff?.head == "李四")
    }

    @Test(
        "a hand-built .docx: paragraphs and a table with gridSpan and vMerge, in document order; routed by content, so a .docx named .xlsx still imports",
        arguments: ["目标表.docx", "目标表.xlsx"])
    func handBuilt(fileName: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(fileName)
        _ = try ExternalTools.python(Self.script, arguments: [file.path], in: directory)
        let result = try DocumentReader.read(contentsOf: file)
        try Self.checkDepartment(result.tables)
        // a note names the place as Word shows it
        #expect(result.notes.allSatisfy { $0.location.line == nil || $0.message.contains("Word 文档中为第") })
    }

    @Test("a note about a Word table row says which table and row, as Word shows them")
    func noteOrigins() {
        let doc = WordDocument(blocks: [
            .paragraph("项目支出绩效目标表"),
            .paragraph("附注：单位万元以下略"),
            .table(
                WordTable(rows: [
                    WordRow(cells: ["一级指标", "二级指标", "三级指标", "指标值"].map { WordCell(paragraphs: [$0]) }),
                    WordRow(cells: ["产出指标", "数量指标", "发放次数", ""].map { WordCell(paragraphs: [$0]) }),
                ])),
        ])
        let notes = DocxImporter.read(doc).notes
        #expect(notes.contains { $0.message.contains("附注") && $0.message.hasSuffix("（Word 文档中为第2段）") })
        #expect(notes.contains { $0.message.contains("发放次数") && $0.message.hasSuffix("（Word 文档中为第1个表格第2行）") })
    }

    @Test(
        "our HTML print view, opened in LibreOffice Writer and saved as .docx, reads back to the seed tables",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (soffice) to convert HTML to .docx"),
        arguments: ["000_b3337543220addae", "003_9f3eda296765d47b"])
    func libreOfficeDocx(name: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tables = try XLSXRoundTripTests.fixture(name)
        let html = directory.appendingPathComponent("\(name).html")
        try HTMLPrintView.data(tables).write(to: html)
        let docx = try ExternalTools.soffice(
            convert: html, to: "docx:MS Word 2007 XML", importFilter: "HTML (StarWriter)", in: directory)
        let back = try DocumentReader.read(contentsOf: docx)
        try TableComparison.expectSame(back.tables, tables, "\(name) via LibreOffice .docx")
    }
}

@Suite("Office 文件异常输入")
struct OfficeBadInputTests {
    func message(_ data: Data, name: String) -> String? {
        BadInputTests().errorMessage(data, name: name)
    }

    @Test("a workbook cut off halfway is reported as damaged, in Chinese, with what to do")
    func truncated() throws {
        let data = try XLSXExporter.data([
            GoalTable(
                kind: .project,
                indicators: [Indicator(level1: "产出指标", level2: "数量指标", name: "人数", type: .atLeast, value: "1", unit: "人")])
        ])
        let m = message(data.prefix(data.count / 2), name: "a.xlsx")
        #expect(m?.contains("已损坏或不完整") == true)
        #expect(m?.contains("重新获取原文件") == true)
    }

    @Test("password-protected, broken .xls and .doc files say what to do (取消密码 / 重新获取 / 另存为)")
    func legacyAndEncrypted() {
        let encrypted = CompoundFileFixture.make(streams: ["EncryptionInfo", "EncryptedPackage"])
        #expect(message(encrypted, name: "a.xlsx")?.contains("取消密码") == true)
        // The fixture names a Workbook stream but has no sector tables: an .xls that is damaged.
        #expect(message(CompoundFileFixture.make(streams: ["Workbook"]), name: "a.xls")?.contains("已损坏或不完整") == true)
        #expect(message(CompoundFileFixture.make(streams: ["WordDocument"]), name: "a.doc")?.contains("另存为” .docx") == true)
        // an .xls given a .docx name is still named for what it is
        #expect(message(CompoundFileFixture.make(streams: ["Workbook"]), name: "a.docx")?.contains(".xls") == true)
    }

    @Test("a zip that is not an Office file says so")
    func plainZip() throws {
        // an empty zip: just the end-of-central-directory record
        let empty = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        let m = message(empty, name: "a.xlsx")
        #expect(m != nil)
        #expect(m?.contains("请") == true)
    }

    @Test(
        "a zip bomb is refused before it fills memory",
        .enabled(if: ExternalTools.hasPython, "needs python3 to build the zip bomb"))
    func zipBomb() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bomb.xlsx")
        _ = try ExternalTools.python(HostileFiles.zipBombScript, arguments: [file.path, "lying"], in: directory)
        let error = #expect(throws: ImportError.self) { try DocumentReader.read(contentsOf: file) }
        #expect(error?.message.contains("压缩炸弹") == true)
    }
}

@Suite("一个工作表中的多张表")
struct SeveralTablesPerSheetTests {
    @Test("two project tables stacked on one sheet, as offices paste them, read as two tables")
    func stacked() throws {
        let tables = Array(try XLSXRoundTripTests.fixture("003_9f3eda296765d47b").prefix(3))
        var sheet = WorksheetDraft(name: "项目支出")
        var row = 0
        for t in tables {
            for cells in OfficialLayout(table: t).grid {
                row += 1
                for (c, text) in cells.enumerated() where !text.isEmpty { sheet.set(text, row: row, column: c + 1) }
            }
            row += 2
        }
        var writer = XLSXWriter()
        try writer.addSheet(sheet)
        let result = try DocumentReader.read(data: try writer.data(), name: "stacked.xlsx")
        try TableComparison.expectSame(result.tables, tables, "stacked")
    }
}
