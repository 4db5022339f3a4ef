import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Files users give us by mistake, and files built to hurt: each gets a Chinese message that
/// says what to do, quickly and without exhausting memory.
@Suite("Bad input")
struct BadInputTests {
    @Test("a CSV renamed to .xlsx is not an Office file")
    func notAZip() throws {
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: Data("指标,值\n培训人次,1200\n".utf8)) }
        #expect(error == .notOfficeFile(expected: .xlsx))
        #expect(error?.message.contains("另存为Excel 表格（.xlsx）") == true)
        #expect(throws: OfficeError.notOfficeFile(expected: .docx)) { try DocxReader().read(data: Data()) }
    }

    @Test("a workbook cut off halfway is reported as damaged")
    func truncated() throws {
        let data = try SampleWorkbook.make().data()
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: data.prefix(data.count / 2)) }
        guard case .damaged(.xlsx, _) = error else {
            Issue.record("expected damaged, got \(String(describing: error))")
            return
        }
        #expect(error?.message.contains("已损坏或不完整") == true)
    }

    @Test("a missing file names the path")
    func missingFile() {
        let error = #expect(throws: OfficeError.self) {
            try XLSXReader().read(contentsOf: URL(fileURLWithPath: "/nonexistent/目标表.xlsx"))
        }
        #expect(error?.message == "找不到文件“/nonexistent/目标表.xlsx”。请检查文件路径和文件名是否正确。")
    }

    @Test("a password-protected workbook asks to remove the password")
    func encrypted() throws {
        let file = CompoundFileFixture.make(streams: ["EncryptionInfo", "EncryptedPackage", "\u{6}DataSpaces"])
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: file) }
        #expect(error == .passwordProtected)
        #expect(error?.message.contains("取消密码") == true)
        #expect(throws: OfficeError.passwordProtected) { try DocxReader().read(data: file) }
    }

    @Test("an .xls workbook given to the .xlsx reader is named for what it is; a broken one is damaged")
    func legacyExcel() throws {
        let file = CompoundFileFixture.make(streams: ["Workbook", "\u{5}SummaryInformation"])
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: file) }
        #expect(error == .wrongKind(expected: .xlsx, found: .xls))
        #expect(error?.message.contains("Excel 97-2003 工作簿（.xls）") == true)
        // The fixture names its streams but has no sector tables: the .xls reader finds it damaged.
        let damaged = #expect(throws: OfficeError.self) { try WorkbookReader().read(data: file) }
        #expect(damaged?.message.contains("已损坏或不完整") == true)
    }

    @Test("a .doc document is told to be saved as .docx")
    func legacyWord() throws {
        let file = CompoundFileFixture.make(streams: ["WordDocument", "1Table"])
        #expect(throws: OfficeError.legacyWord) { try DocxReader().read(data: file) }
    }

    @Test("a .docx given as a workbook, and a workbook given as a .docx, say which they are")
    func wrongKind() throws {
        let docx = try DocxFixture.make(body: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>")
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: docx) }
        #expect(error == .wrongKind(expected: .xlsx, found: .docx))
        #expect(error?.message.hasPrefix("这个文件是Word 文档（.docx），不是Excel 表格（.xlsx）") == true)
        let xlsx = try SampleWorkbook.make().data()
        #expect(throws: OfficeError.wrongKind(expected: .docx, found: .xlsx)) { try DocxReader().read(data: xlsx) }
    }

    /// A minimal workbook around one sheet's XML.
    private func workbook(sheetXML: String) throws -> Data {
        try PackageWriter.data(parts: [
            ("xl/workbook.xml", Array(#"<workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>"#.utf8)),
            (
                "xl/_rels/workbook.xml.rels",
                Array(
                    #"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
                        .utf8)
            ),
            ("xl/worksheets/sheet1.xml", Array(sheetXML.utf8)),
        ])
    }

    @Test("broken sheet XML names the part")
    func malformedSheet() throws {
        let data = try workbook(sheetXML: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"")
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: data) }
        guard case .malformedXML(let part, _) = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
        #expect(error?.message.contains("请用 Excel、WPS 或 Word 打开后重新保存") == true)
    }

    @Test("cells and rows without addresses follow the previous ones, empty cells included")
    func cellsWithoutAddresses() throws {
        let data = try workbook(
            sheetXML:
                #"<worksheet><sheetData><row><c t="inlineStr"><is><t>甲</t></is></c><c/><c><v>3</v></c></row><row/><row><c><v>4</v></c></row></sheetData></worksheet>"#
        )
        let sheet = try XLSXReader().read(data: data).sheets[0]
        #expect(try sheet.grid() == [["甲", "", "3"], ["", "", ""], ["4", "", ""]])
    }

    @Test("entities declared in a DTD are never expanded (no billion laughs)")
    func entityExpansion() throws {
        var dtd = "<!DOCTYPE worksheet [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        dtd += "]>"
        let data = try workbook(
            sheetXML: dtd
                + #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"#
        )
        let sheet = try XLSXReader().read(data: data).sheets[0]
        #expect(sheet["A1"] == .string("&lol9;"))
    }

    @Test("tables nested thousands deep are refused instead of overflowing the stack")
    func deepTables() throws {
        let depth = 5_000
        let open = String(repeating: "<w:tbl><w:tr><w:tc>", count: depth)
        let close = String(repeating: "</w:tc></w:tr></w:tbl>", count: depth)
        let error = #expect(throws: OfficeError.self) { try DocxReader().read(data: DocxFixture.make(body: open + close)) }
        #expect(error == .tablesNestedTooDeeply(limit: 16))
        #expect(error?.message.contains("嵌套") == true)
    }

    @Test("a zip of too many parts is refused")
    func tooManyParts() throws {
        let parts = (0..<20).map { (path: "xl/part\($0).xml", bytes: Array("<x/>".utf8)) }
        let data = try PackageWriter.data(parts: parts)
        #expect(throws: OfficeError.tooManyParts(limit: 10)) { try XLSXReader(limits: ReadLimits(maxParts: 10)).read(data: data) }
    }

    @Test("row and cell limits stop a sheet with a clear message")
    func smallLimits() throws {
        let data = try SampleWorkbook.make().data()
        let rows = #expect(throws: OfficeError.self) { try XLSXReader(limits: ReadLimits(maxRowsPerSheet: 3)).read(data: data) }
        #expect(rows == .tooManyRows(sheet: "项目支出", limit: 3))
        #expect(rows?.message.contains("工作表“项目支出”超过 3 行") == true)
        let cells = #expect(throws: OfficeError.self) {
            try XLSXReader(limits: ReadLimits(maxCellsPerSheet: 10)).read(data: data)
        }
        #expect(cells == .tooManyCells(sheet: "项目支出", limit: 10))
    }
}

/// Bad inputs that need Python to build (a zip bomb must be made by streaming, never in memory).
@Suite("Hostile input", .enabled(if: ExternalTools.hasPython, "needs python3 to build the zip bomb and the million-row sheet"))
struct HostileInputTests {
    static let bombScript = HostileFiles.zipBombScript

    static let millionRowsScript = #"""
        import sys, zipfile, random
        out = sys.argv[1]
        rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        book = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="百万行" sheetId="1" r:id="rId1"/></sheets></workbook>'
        rng = random.Random(7)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", book)
            z.writestr("xl/_rels/workbook.xml.rels", rels)
            with z.open("xl/worksheets/sheet1.xml", "w") as f:
                f.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for start in range(1, 1_000_001, 10_000):
                    f.write("".join('<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, rng.randrange(10**9)) for i in range(start, start + 10_000)).encode())
                f.write(b"</sheetData></worksheet>")
        """#

    private func makeFile(_ script: String, _ arguments: [String] = []) throws -> (URL, URL) {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("input.xlsx")
        _ = try ExternalTools.python(script, arguments: [file.path] + arguments, in: directory)
        return (directory, file)
    }

    @Test("a 1 GB zip bomb with honest sizes is refused before inflating anything")
    func honestBomb() throws {
        let (directory, file) = try makeFile(Self.bombScript, ["honest"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        #expect(size < 5_000_000)
        let clock = ContinuousClock()
        var error: OfficeError?
        let elapsed = clock.measure { error = #expect(throws: OfficeError.self) { try XLSXReader().read(contentsOf: file) } }
        #expect(error == .tooLarge(limitBytes: 200 * 1_048_576))
        #expect(error?.message.contains("超过 200 MB") == true)
        #expect(elapsed < .seconds(2))
    }

    @Test("a zip bomb that lies about its sizes is stopped while inflating")
    func lyingBomb() throws {
        let (directory, file) = try makeFile(Self.bombScript, ["lying"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ContinuousClock()
        var error: OfficeError?
        let elapsed = clock.measure { error = #expect(throws: OfficeError.self) { try XLSXReader().read(contentsOf: file) } }
        #expect(error == .suspiciousCompression(entry: "xl/worksheets/sheet1.xml"))
        #expect(error?.message.contains("压缩炸弹") == true)
        #expect(elapsed < .seconds(10))
    }

    @Test("a sheet with a million rows is refused at the row limit")
    func millionRows() throws {
        let (directory, file) = try makeFile(Self.millionRowsScript)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ContinuousClock()
        var error: OfficeError?
        let elapsed = clock.measure { error = #expect(throws: OfficeError.self) { try XLSXReader().read(contentsOf: file) } }
        #expect(error == .tooManyRows(sheet: "百万行", limit: 200_000))
        #expect(error?.message.contains("请删除多余的空行") == true)
        #expect(elapsed < .seconds(30))
    }
}
