import Foundation
import Testing
import TestSupport
@testable import OfficeXML

@Suite("Writing a workbook and reading it back")
struct RoundTripTests {
    @Test("cells, merges, widths, hidden rows and sheet visibility survive a round trip")
    func roundTrip() throws {
        let book = try XLSXReader().read(data: try SampleWorkbook.make().data())
        #expect(book.sheets.map(\.name) == ["项目支出", "说明", "选项"])
        #expect(book.sheets.map(\.visibility) == [.visible, .visible, .hidden])

        let sheet = try #require(book["项目支出"])
        #expect(sheet["A1"] == .string(SampleWorkbook.title))
        #expect(Set(sheet.merged.map(\.description)) == ["A1:G1", "A2:C2", "D2:G2", "A4:A5"])
        #expect(sheet.columnWidths[3] == 30)
        #expect(sheet.columnWidths[7] == 18)
        #expect(sheet.row(1)?.height == 32)
        #expect(sheet.frozenRows == 3)

        let grid = try sheet.grid()
        #expect(grid[2] == SampleWorkbook.header)
        #expect(grid[3] == ["产出指标", "数量指标", "培训人次", "≥", "1200", "人次", "2025-12-12"])
        #expect(grid[4][4] == "95.5%")
        #expect(grid[5][2] == "带动就业\n（含返乡人员）")
        #expect(grid[6][2] == "参训人员满意度 <95> & \"良好\"")
        #expect(grid[6][6] == "TRUE")
        #expect(grid[8][0] == "备注：数据来源于统计年报")
        #expect(sheet[5, 5] == .number(0.955, text: "95.5%"))

        let filled = try sheet.grid(merged: .fill)
        #expect(filled[0][6] == SampleWorkbook.title)
        #expect(filled[1][2] == "绩效指标")

        #expect(sheet.mergedRange(containing: CellAddress(row: 5, column: 1))?.description == "A4:A5")
        #expect(sheet.mergedRange(containing: CellAddress(row: 6, column: 1)) == nil)
        #expect(book.visibleSheets.map(\.name) == ["项目支出", "说明"])

        let second = try #require(book["说明"])
        #expect(second.hiddenRows == [3])
        #expect(second["B2"].displayText == "3.25")
    }

    @Test("a 1904 workbook writes and reads the same calendar dates")
    func dateSystem1904() throws {
        var writer = XLSXWriter()
        writer.dateSystem = .from1904
        var sheet = WorksheetDraft(name: "日期")
        sheet.set(.date(CellDate(year: 2025, month: 12, day: 12)), row: 1, column: 1)
        sheet.set(.date(CellDate(year: 1904, month: 1, day: 2)), row: 2, column: 1)
        try writer.addSheet(sheet)
        let book = try XLSXReader().read(data: try writer.data())
        #expect(book.dateSystem == .from1904)
        #expect(book.sheets[0]["A1"].displayText == "2025-12-12")
        #expect(book.sheets[0]["A2"].displayText == "1904-01-02")
    }

    @Test("writing to a file replaces an older file and leaves no temporary file behind")
    func writeToFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("目标表.xlsx")
        try Data("old".utf8).write(to: url)
        try SampleWorkbook.make().write(to: url)
        #expect(try XLSXReader().read(contentsOf: url).sheets.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["目标表.xlsx"])
    }

    @Test("a bad sheet name is refused with the reason in Chinese")
    func badSheetName() throws {
        var writer = XLSXWriter()
        #expect(throws: OfficeError.invalidSheetName(name: "a/b", reason: "不能包含字符“/”")) {
            try writer.addSheet(WorksheetDraft(name: "a/b"))
        }
        try writer.addSheet(WorksheetDraft(name: "项目"))
        let error = #expect(throws: OfficeError.self) { try writer.addSheet(WorksheetDraft(name: "项目")) }
        #expect(error?.message.contains("重名") == true)
    }

    @Test("overlapping merged ranges are refused before Excel would refuse the file")
    func overlappingMerges() throws {
        var writer = XLSXWriter()
        var sheet = WorksheetDraft(name: "表")
        sheet.merge(try CellRange("A1:C1"))
        sheet.merge(try CellRange("C1:C3"))
        let error = #expect(throws: OfficeError.self) { try writer.addSheet(sheet) }
        #expect(error == .overlappingMerges(sheet: "表", first: "A1:C1", second: "C1:C3"))
        #expect(error?.message.contains("重叠") == true)
    }

    @Test("cells Excel cannot hold are refused with their place")
    func cellsExcelCannotHold() throws {
        var writer = XLSXWriter()
        var long = WorksheetDraft(name: "长文本")
        long.set(String(repeating: "绩", count: 32_768), row: 2, column: 3)
        #expect(throws: OfficeError.cellTextTooLong(sheet: "长文本", cell: "C2")) { try writer.addSheet(long) }
        long = WorksheetDraft(name: "长文本")
        long.set(String(repeating: "绩", count: 32_767), row: 2, column: 3)
        try writer.addSheet(long)
        var far = WorksheetDraft(name: "越界")
        far.set("x", row: 1, column: 16_385)
        let error = #expect(throws: OfficeError.self) { try writer.addSheet(far) }
        #expect(error?.message.contains("16384 列") == true)
    }

    @Test("worksheet parts list their children in the order the schema demands")
    func schemaOrder() throws {
        let writer = try SampleWorkbook.make()
        let package = try ZipPackage(data: try writer.data(), expected: .xlsx, limits: .default)
        let xml = String(decoding: try package.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        let order = [
            "<sheetPr>", "<dimension", "<sheetViews>", "<sheetFormatPr", "<cols>", "<sheetData>",
            "<mergeCells", "<dataValidations", "<printOptions", "<pageMargins", "<pageSetup",
        ]
        let positions = order.map { xml.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(xml.contains("orientation=\"landscape\""))
        #expect(xml.contains("paperSize=\"9\""))
        #expect(xml.contains("fitToWidth=\"1\" fitToHeight=\"0\""))
        #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(!xml.contains("\u{0001}"))
    }
}
