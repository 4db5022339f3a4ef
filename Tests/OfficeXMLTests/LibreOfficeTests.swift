import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Files LibreOffice writes, and LibreOffice reading ours. Conversions run one at a time:
/// LibreOffice is heavy on a two-core machine.
@Suite(
    "LibreOffice", .serialized,
    .enabled(
        if: ExternalTools.hasSoffice,
        "needs LibreOffice (apt-get install libreoffice-calc libreoffice-writer)"))
struct LibreOfficeTests {
    static let html = """
        <html><head><meta charset="utf-8"></head><body>
        <p>2025年度项目支出绩效目标表</p>
        <table border="1"><tr><td>项目名称</td><td colspan="2">乡村振兴人才培训</td></tr>
        <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>培训人次≥1200</td></tr>
        <tr><td>质量指标</td><td>合格率≥95%</td></tr></table>
        <p>填报说明：单位 万元</p></body></html>
        """

    private func convert(_ name: String, _ contents: String, filter: String, to format: String, in directory: URL) throws -> URL {
        let input = directory.appendingPathComponent(name)
        try contents.write(to: input, atomically: true, encoding: .utf8)
        return try ExternalTools.soffice(convert: input, to: format, importFilter: filter, in: directory)
    }

    @Test("a CSV converted by LibreOffice Calc reads back with the same texts and numbers")
    func csvToXlsx() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try convert(
            "指标.csv", "一级指标,二级指标,指标值\n产出指标,数量指标,1200\n效益指标,满意度,95.5\n",
            filter: "CSV:44,34,76,1", to: "xlsx", in: directory)
        let sheet = try #require(try XLSXReader().read(contentsOf: file).sheets.first)
        #expect(try sheet.grid() == [["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "1200"], ["效益指标", "满意度", "95.5"]])
        #expect(sheet["C2"] == .number(1200))
    }

    @Test("an HTML table imported by Calc keeps its merged cells")
    func htmlToXlsx() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try convert("表.html", Self.html, filter: "HTML (StarCalc)", to: "xlsx", in: directory)
        let sheet = try #require(try XLSXReader().read(contentsOf: file).sheets.first)
        let grid = try sheet.grid(merged: .fill)
        let header = try #require(grid.firstIndex { $0.first == "项目名称" })
        #expect(Array(grid[header].prefix(3)) == ["项目名称", "乡村振兴人才培训", "乡村振兴人才培训"])
        #expect(grid[header + 2].first == "产出指标")
        // Calc also merges each paragraph across the table's width.
        #expect(Set(sheet.merged.map(\.description)) == ["A1:C1", "B2:C2", "A3:A4", "A5:C5"])
    }

    @Test("an HTML page saved as .docx by Writer gives its paragraphs and a table with spans")
    func htmlToDocx() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try convert("表.html", Self.html, filter: "HTML (StarWriter)", to: "docx:MS Word 2007 XML", in: directory)
        let document = try DocxReader().read(contentsOf: file)
        #expect(document.blocks.first == .paragraph("2025年度项目支出绩效目标表"))
        #expect(document.blocks.last == .paragraph("填报说明：单位 万元"))
        let table = try #require(document.tables.first)
        #expect(
            table.grid(merged: .fill) == [
                ["项目名称", "乡村振兴人才培训", "乡村振兴人才培训"],
                ["产出指标", "数量指标", "培训人次≥1200"],
                ["产出指标", "质量指标", "合格率≥95%"],
            ])
    }

    @Test("LibreOffice opens our workbook and sees the same cells")
    func libreOfficeReadsOurs() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sample.xlsx")
        try SampleWorkbook.make().write(to: file)
        let csv = try String(
            contentsOf: ExternalTools.soffice(convert: file, to: "csv:Text - txt - csv (StarCalc):44,34,76", in: directory),
            encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(SampleWorkbook.title) == true)
        #expect(lines[2] == "一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成日期")
        #expect(lines[3] == "产出指标,数量指标,培训人次,≥,1200,人次,2025年12月12日")
        #expect(lines[4].contains("95.5%"))
    }

    @Test("our workbook re-saved by LibreOffice reads back with the same texts, dates and merges")
    func resavedByLibreOffice() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = directory.appendingPathComponent("ours.xlsx")
        try SampleWorkbook.make().write(to: ours)
        let output = directory.appendingPathComponent("resaved")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let resaved = try ExternalTools.soffice(convert: ours, to: "xlsx:Calc Office Open XML", in: output)
        let original = try XLSXReader().read(contentsOf: ours)
        let book = try XLSXReader().read(contentsOf: resaved)
        #expect(book.sheets.map(\.name) == original.sheets.map(\.name))
        #expect(book.sheets.map(\.visibility) == [.visible, .visible, .hidden])
        let sheet = book.sheets[0]
        #expect(try sheet.grid() == original.sheets[0].grid())
        #expect(Set(sheet.merged) == Set(original.sheets[0].merged))
        #expect(sheet["G4"] == .date(CellDate(year: 2025, month: 12, day: 12)))
        #expect(book.sheets[1].hiddenRows == [3])
    }

    @Test(
        "our workbook saved as .xls by LibreOffice reads as the .xlsx does: texts, numbers, dates, merges, hidden rows and sheets"
    )
    func xlsFromLibreOffice() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xlsx = directory.appendingPathComponent("old.xlsx")
        try SampleWorkbook.make().write(to: xlsx)
        let xls = try ExternalTools.soffice(convert: xlsx, to: "xls", in: directory)
        let original = try XLSXReader().read(contentsOf: xlsx)
        let book = try XLSReader().read(contentsOf: xls)
        #expect(book.sheets.map(\.name) == original.sheets.map(\.name))
        #expect(book.sheets.map(\.visibility) == [.visible, .visible, .hidden])
        for (sheet, before) in zip(book.sheets, original.sheets) {
            #expect(try sheet.grid() == before.grid(), "\(sheet.name)")
            #expect(Set(sheet.merged) == Set(before.merged), "\(sheet.name)")
            #expect(sheet.hiddenRows == before.hiddenRows, "\(sheet.name)")
        }
        #expect(book.sheets[0]["G4"] == .date(CellDate(year: 2025, month: 12, day: 12)))
        #expect(book.sheets[0]["E5"].displayText == "95.5%")
        #expect(try WorkbookReader().read(contentsOf: xls).sheets.count == 3)
        #expect(throws: OfficeError.wrongKind(expected: .xlsx, found: .xls)) { try XLSXReader().read(contentsOf: xls) }
    }

    @Test("a .doc made by LibreOffice gets the save-as advice")
    func legacyWordFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let docx = directory.appendingPathComponent("old.docx")
        try DocxFixture.make(body: DocxFixture.paragraph("正文")).write(to: docx)
        let doc = try ExternalTools.soffice(convert: docx, to: "doc", in: directory)
        let error = #expect(throws: OfficeError.self) { try DocxReader().read(contentsOf: doc) }
        #expect(error == .legacyWord)
        #expect(error?.message.contains("另存为” .docx") == true)
    }
}
