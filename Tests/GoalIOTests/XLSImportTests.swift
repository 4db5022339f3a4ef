import Foundation
import GoalCore
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// .xls and WPS .et files through the importer every path uses (`DocumentReader`): the seed tables
/// written as .xls by two different writers read back as their .xlsx does, and the real .xls imports.
@Suite("导入 .xls / WPS .et", .serialized)
struct XLSImportTests {
    /// Each seed as `jixiao convert seed.txt -o seed.xlsx` writes it.
    static func seedWorkbooks(in directory: URL) throws -> [(name: String, xlsx: URL)] {
        try SharedFiles.seedNames.map { name in
            let tables = try DocumentReader.read(contentsOf: SharedFiles.seeds.appendingPathComponent("\(name).txt")).tables
            let url = directory.appendingPathComponent("\(name).xlsx")
            try XLSXExporter.data(tables).write(to: url)
            return (name, url)
        }
    }

    /// The .xls import equals the .xlsx import: every table field for field, and the same notes.
    static func expectSameImport(xls: URL, xlsx: URL, _ context: String) throws {
        let want = try DocumentReader.read(contentsOf: xlsx)
        let got = try DocumentReader.read(contentsOf: xls)
        #expect(!want.tables.isEmpty, "\(context)")
        try TableComparison.expectSame(got.tables, want.tables, context)
        #expect(got.notes.map(\.code) == want.notes.map(\.code), "\(context) notes")
        #expect(got.notes.map(\.message) == want.notes.map(\.message), "\(context) notes")
    }

    @Test(
        "seed tables saved as .xls by LibreOffice read back equal to their .xlsx import (skipped without soffice)",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-calc)"))
    func libreOfficeSeeds() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbooks = try Self.seedWorkbooks(in: directory)
        try #require(!workbooks.isEmpty, "no seeds in \(SharedFiles.seeds.path)")
        // One LibreOffice run for all seeds: starting it is the slow part.
        let soffice = try #require(ExternalTools.sofficePath)
        let profile = directory.appendingPathComponent("lo-profile")
        try ExternalTools.run(
            [
                soffice, "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "xls",
                "--outdir", directory.path,
            ] + workbooks.map(\.xlsx.path))
        for workbook in workbooks {
            let xls = directory.appendingPathComponent("\(workbook.name).xls")
            try #require(FileManager.default.fileExists(atPath: xls.path), "LibreOffice did not write \(xls.lastPathComponent)")
            try Self.expectSameImport(xls: xls, xlsx: workbook.xlsx, "\(workbook.name) (LibreOffice)")
        }
    }

    @Test(
        "seed tables saved as .xls by Python's xlwt read back equal to their .xlsx import (skipped without xlwt/openpyxl)",
        .enabled(
            if: ExternalTools.hasXlwt && ExternalTools.hasOpenpyxl,
            "needs python3 with xlwt and openpyxl (pip install xlwt openpyxl)"))
    func xlwtSeeds() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for workbook in try Self.seedWorkbooks(in: directory) {
            let xls = directory.appendingPathComponent("\(workbook.name)-xlwt.xls")
            _ = try ExternalTools.python(Self.xlsxToXlwt, arguments: [workbook.xlsx.path, xls.path], in: directory)
            try Self.expectSameImport(xls: xls, xlsx: workbook.xlsx, "\(workbook.name) (xlwt)")
        }
    }

    /// Copies an .xlsx into an .xls with xlwt, cell by cell with its number format, merges, hidden
    /// rows, columns and sheets: a writer with nothing in common with LibreOffice's.
    static let xlsxToXlwt = #"""
        import sys, datetime, openpyxl, xlwt
        source = openpyxl.load_workbook(sys.argv[1])
        book = xlwt.Workbook(encoding="utf-8")
        styles = {}
        def style(code):
            if code not in styles:
                styles[code] = xlwt.easyxf(num_format_str=code)
            return styles[code]
        for ws in source.worksheets:
            out = book.add_sheet(ws.title, cell_overwrite_ok=True)
            if ws.sheet_state != "visible":
                out.visibility = 1
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    out.write(cell.row - 1, cell.column - 1, cell.value, style(cell.number_format or "General"))
            for merged in ws.merged_cells.ranges:
                out.merge(merged.min_row - 1, merged.max_row - 1, merged.min_col - 1, merged.max_col - 1)
            for index, dim in ws.row_dimensions.items():
                if dim.hidden:
                    out.row(index - 1).hidden = True
            for key, dim in ws.column_dimensions.items():
                if dim.hidden:
                    for column in range(dim.min, dim.max + 1):
                        out.col(column - 1).hidden = True
        book.save(sys.argv[2])
        """#

    static let realFile = SharedFiles.shared.appendingPathComponent("realfiles/doexecl-2019-pku-zuqiu-template.xls")

    @Test(
        "the real .xls (1751660300/DoExecl static/template.xls) imports: every sheet read, the monitoring form's indicators found"
    )
    func realFile() throws {
        let result = try DocumentReader.read(contentsOf: Self.realFile)
        let names = result.tables.flatMap(\.indicators).map(\.name)
        for name in [
            "成本节约率", "成本控制率", "项目完成及时率", "媒体播出", "完成出版物出版", "完成动画短剧的制作", "媒体播出标准",
            "音像出版标准", "在校园普及足球运动技术", "中国足球运动打好基础", "提高校园青少年足球水平", "在校园推广足球运动",
            "媒体播出满意度", "校园用户满意度",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        // The goal declaration sheet (2020, its indicators not yet filled) is a table of its own: header only, said so.
        let declaration = try #require(result.tables.first { $0.year == 2020 })
        #expect(declaration.project?.name == "2019年210青少年校园足球扶持资金")
        #expect(declaration.unit == "北京大学")
        #expect(declaration.indicators.isEmpty)
        #expect(result.notes.contains { $0.rawCode == "header-only-table" && $0.location.sheet == "项目支出绩效目标申报表" })
        // Every one of the eleven sheets was read: each is named in the notes of what was left out.
        let sheets = Set(result.notes.compactMap(\.location.sheet))
        #expect(sheets.count == 11, "\(sheets.sorted())")
        // The same file renamed .et (as WPS names its spreadsheets) reads the same.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let et = directory.appendingPathComponent("模板.et")
        try FileManager.default.copyItem(at: Self.realFile, to: et)
        #expect(try DocumentReader.read(contentsOf: et).tables == result.tables)
    }

    @Test(
        "content decides: an .xls named .doc imports; a .doc named .xls or .et, and encrypted files, are refused with what to do")
    func routing() throws {
        let rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥500人次"]]
        var records: [(Int, [UInt8])] = []
        for (r, row) in rows.enumerated() {
            for (c, text) in row.enumerated() { records.append((0x0204, BIFFWriter.cellHeader(r, c) + BIFFWriter.unicode(text))) }
        }
        let xls = XLSFixture.xls(sheets: [.init(name: "表", records: records)]).0
        for name in ["a.xls", "a.et", "a.doc", "a.txt"] {
            #expect(try DocumentReader.read(data: xls, name: name).tables.first?.indicators.first?.name == "培训人次", "\(name)")
        }
        let doc = XLSFixture.compoundFile(streams: [("WordDocument", [0xEC, 0xA5])]).0
        for name in ["a.xls", "a.et"] {
            let message = BadInputTests().errorMessage(doc, name: name)
            #expect(message?.contains("Word 97-2003 文档（.doc）") == true && message?.contains("另存为” .docx") == true, "\(name)")
        }
        let filePass = (0x002F, BIFFWriter.u16(1) + [UInt8](repeating: 0, count: 52))
        let encrypted = XLSFixture.xls(sheets: [.init(name: "表", records: records)], globals: [filePass]).0
        #expect(BadInputTests().errorMessage(encrypted, name: "a.et")?.contains("取消密码") == true)
        let ooxml = XLSFixture.compoundFile(streams: [("EncryptionInfo", [4, 0]), ("EncryptedPackage", [0])]).0
        #expect(BadInputTests().errorMessage(ooxml, name: "a.xlsx")?.contains("取消密码") == true)
    }
}
