import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Workbooks openpyxl wrote: a title block above the table, merges, dates, rich text, hidden rows.
@Suite(
    "Reading workbooks other programs wrote",
    .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
struct ForeignWorkbookTests {
    static let openpyxlScript = #"""
        import sys, datetime
        from openpyxl import Workbook
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        out = sys.argv[1]
        wb = Workbook()
        ws = wb.active
        ws.title = "项目支出"
        ws["A1"] = "2025年度项目支出绩效目标表"
        ws.merge_cells("A1:F1")
        ws["A2"] = "项目名称："
        ws["B2"] = "乡村振兴人才培训"
        ws["A3"] = "主管部门："
        ws["B3"] = "县农业农村局"
        ws.append([])
        ws.append(["一级指标", "二级指标", "三级指标", "指标值", "完成日期", "备注"])
        ws.append(["产出指标", "数量指标", "培训人次", 1200, datetime.date(2025, 12, 12), CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗")])])
        ws.append([None, "质量指标", "合格率", 0.955, datetime.date(2024, 2, 29), True])
        ws.append(["效益指标", "社会效益", "带动就业\n人数", 35.5, None, "=1+2"])
        ws.append(["满意度指标", "满意度", "满意度", 95, None, 3.0])
        ws.merge_cells("A6:A7")
        ws["D7"].number_format = "0.0%"
        ws["E6"].number_format = 'yyyy"年"m"月"d"日"'
        ws.row_dimensions[8].hidden = True
        ws.column_dimensions["F"].hidden = True
        ws.column_dimensions["C"].width = 25
        hidden = wb.create_sheet("隐藏表")
        hidden.sheet_state = "hidden"
        hidden["A1"] = "不显示"
        wb.save(out + "/openpyxl.xlsx")

        mac = Workbook()
        mac.epoch = CALENDAR_MAC_1904
        mac.active["A1"] = datetime.date(2025, 12, 12)
        mac.active["A2"] = datetime.datetime(2025, 1, 2, 8, 30)
        mac.save(out + "/mac1904.xlsx")
        """#

    @Test("openpyxl's workbook: title block above a table starting on row 5, merges, dates, rich text, hidden rows")
    func openpyxlWorkbook() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ExternalTools.python(Self.openpyxlScript, arguments: [directory.path], in: directory)
        let book = try XLSXReader().read(contentsOf: directory.appendingPathComponent("openpyxl.xlsx"))

        #expect(book.sheets.map(\.name) == ["项目支出", "隐藏表"])
        #expect(book.sheets[1].visibility == .hidden)
        let sheet = book.sheets[0]
        #expect(sheet["A1"].displayText == "2025年度项目支出绩效目标表")
        #expect(sheet.merged.map(\.description).sorted() == ["A1:F1", "A6:A7"])
        #expect(sheet["B2"] == .string("乡村振兴人才培训"))
        let grid = try sheet.grid()
        #expect(grid[4] == ["一级指标", "二级指标", "三级指标", "指标值", "完成日期", "备注"])
        #expect(grid[5] == ["产出指标", "数量指标", "培训人次", "1200", "2025-12-12", "普通加粗"])
        #expect(grid[6][3] == "95.5%")
        #expect(grid[6][4] == "2024-02-29")
        #expect(grid[6][5] == "TRUE")
        #expect(grid[7][2] == "带动就业\n人数")
        #expect(grid[8][5] == "3")
        #expect(try sheet.grid(merged: .fill)[6][0] == "产出指标")
        #expect(sheet.hiddenRows == [8])
        #expect(sheet.hiddenColumns == [6])
        #expect(sheet.columnWidths[3] == 25)
        // openpyxl stores formulas without a cached result: the formula is kept, the value empty.
        let formulaCell = try #require(sheet.row(8)?.cells.first { $0.column == 6 })
        #expect(formulaCell.formula == "1+2")
        #expect(formulaCell.value == .empty)
    }

    @Test("a 1904 workbook from openpyxl shows the dates Excel shows")
    func mac1904() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ExternalTools.python(Self.openpyxlScript, arguments: [directory.path], in: directory)
        let book = try XLSXReader().read(contentsOf: directory.appendingPathComponent("mac1904.xlsx"))
        #expect(book.dateSystem == .from1904)
        #expect(book.sheets[0]["A1"].displayText == "2025-12-12")
        #expect(book.sheets[0]["A2"].displayText == "2025-01-02 08:30")
    }
}

/// A workbook assembled part by part with Python's zipfile, with the variants Excel and WPS write.
@Suite("Reading a hand-assembled workbook", .enabled(if: ExternalTools.hasPython, "needs python3 to assemble the workbook"))
struct HandmadeWorkbookTests {
    static let handmadeScript = #"""
        import sys, zipfile
        out = sys.argv[1]
        ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="R&amp;D 表" sheetId="1" r:id="rId7"/><x:sheet name="veryHidden" sheetId="2" state="veryHidden" r:id="rId8"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/other.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>',
        "xl/strings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst ' + ns + ' count="3" uniqueCount="3"><si><t>绩效目标</t></si><si><r><rPr><b/></rPr><t>产出</t></r><r><t xml:space="preserve"> 指标</t></r><rPh sb="0" eb="2"><t>チャンシュツ</t></rPh></si><si><t>第一行_x000D_\n第二行 &lt;注&gt;</t></si></sst>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet ' + ns + '><numFmts count="2"><numFmt numFmtId="176" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/><numFmt numFmtId="177" formatCode="0.00_ "/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="58"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        "xl/worksheets/data.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet ' + ns + '><sheetData>'
          '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>'
          '<row><c s="1"><v>45638</v></c><c s="2"><v>45638</v></c><c s="3"><v>45638</v></c><c s="4"><v>12.5</v></c><c s="5"><v>60</v></c></row>'
          '<row r="5"><c r="A5" t="str"><f>A1&amp;"表"</f><v>绩效目标表</v></c><c r="B5" t="e"><v>#DIV/0!</v></c><c r="C5" t="b"><v>0</v></c><c r="D5"><v>0.30000000000000004</v></c><c r="E5"><v>1E-3</v></c><c r="F5" t="inlineStr"><is><t>内联</t></is></c></row>'
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
        "xl/worksheets/other.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet ' + ns + '><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
        }
        with zipfile.ZipFile(out + "/handmade.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in parts.items():
                z.writestr(name, text.encode("utf-8"))
        """#

    @Test("a hand-assembled workbook: absolute targets, rich text with phonetics, CJK date formats, t=str/e/b")
    func handmade() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ExternalTools.python(Self.handmadeScript, arguments: [directory.path], in: directory)
        let book = try XLSXReader().read(contentsOf: directory.appendingPathComponent("handmade.xlsx"))
        #expect(book.sheets.map(\.name) == ["R&D 表", "veryHidden"])
        #expect(book.sheets[1].visibility == .veryHidden)
        let sheet = book.sheets[0]
        let grid = try sheet.grid()
        #expect(grid[0] == ["绩效目标", "产出 指标", "第一行\r\n第二行 <注>", "", "", ""])
        #expect(grid[1] == ["2024-12-12", "2024-12-12", "2024-12-12", "12.50", "1900-02-29", ""])
        #expect(grid[4] == ["绩效目标表", "#DIV/0!", "FALSE", "0.3", "0.001", "内联"])
        #expect(sheet[5, 1] == .string("绩效目标表"))
        #expect(sheet[5, 2] == .error("#DIV/0!"))
        #expect(sheet[2, 1] == .date(CellDate(year: 2024, month: 12, day: 12)))
        #expect(sheet.merged == [try CellRange("A1:B1")])
    }
}
