import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// .xls files built record by record: each kind of cell record gives the value Excel shows.
@Suite("XLS records")
struct XLSRecordTests {
    typealias W = BIFFWriter

    /// RK: an integer shifted left 2 with bit 1 set, bit 0 meaning "divide by 100".
    static func rk(integer: Int, hundredths: Bool = false) -> [UInt8] {
        W.u32((integer << 2) | 0x02 | (hundredths ? 0x01 : 0))
    }

    static func read(_ sheets: [XLSFixture.SheetSpec], strings: [String] = [], globals: [(Int, [UInt8])] = []) throws -> Workbook
    {
        try XLSReader().read(data: XLSFixture.xls(sheets: sheets, sharedStrings: strings, globals: globals).0)
    }

    @Test("every cell record gives the value a user sees: strings, numbers, RK, MULRK, booleans, errors, formula results")
    func cellRecords() throws {
        let records: [(Int, [UInt8])] = [
            (0x00FD, W.cellHeader(0, 0) + W.u32(1)), // LABELSST → 三级指标
            (0x0204, W.cellHeader(0, 1) + W.unicode("指标值（LABEL）")), // LABEL, Unicode
            (0x0203, W.cellHeader(1, 0) + W.f64(95.5)), // NUMBER
            (0x027E, W.cellHeader(1, 1) + Self.rk(integer: 1200)), // RK integer
            (0x027E, W.cellHeader(1, 2) + Self.rk(integer: 1250, hundredths: true)), // RK 12.50
            (
                0x00BD,
                W.u16(2) + W.u16(0) + W.u16(15) + Self.rk(integer: 1) + W.u16(15) + Self.rk(integer: 2)
                    + W.u16(15) + Self.rk(integer: -3) + W.u16(2)
            ), // MULRK A3:C3
            (0x0205, W.cellHeader(3, 0) + [1, 0]), // BOOLERR true
            (0x0205, W.cellHeader(3, 1) + [0x07, 1]), // BOOLERR #DIV/0!
            (0x0006, W.cellHeader(4, 0) + W.f64(42) + W.u16(0) + W.u32(0) + W.u16(0)), // FORMULA number
            (0x0006, W.cellHeader(4, 1) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + W.u16(0) + W.u32(0) + W.u16(0)), // FORMULA text…
            (0x0207, W.unicode("公式结果")), // …in the STRING record after it
            (0x0006, W.cellHeader(4, 2) + [1, 0, 1, 0, 0, 0, 0xFF, 0xFF] + W.u16(0) + W.u32(0) + W.u16(0)), // FORMULA bool
            (0x0006, W.cellHeader(4, 3) + [2, 0, 0x2A, 0, 0, 0, 0xFF, 0xFF] + W.u16(0) + W.u32(0) + W.u16(0)), // FORMULA #N/A
            (0x0006, W.cellHeader(4, 4) + [3, 0, 0, 0, 0, 0, 0xFF, 0xFF] + W.u16(0) + W.u32(0) + W.u16(0)), // FORMULA ""
            (0x0201, W.cellHeader(5, 0)), // BLANK
            (0x00BE, W.u16(5) + W.u16(1) + W.u16(15) + W.u16(15) + W.u16(2)), // MULBLANK
        ]
        let book = try Self.read([.init(name: "记录", records: records)], strings: ["一级指标", "三级指标"])
        let sheet = try #require(book["记录"])
        #expect(sheet["A1"] == .string("三级指标"))
        #expect(sheet["B1"] == .string("指标值（LABEL）"))
        #expect(sheet["A2"] == .number(95.5))
        #expect(sheet["B2"] == .number(1200))
        #expect(sheet["C2"] == .number(12.5))
        #expect([sheet["A3"], sheet["B3"], sheet["C3"]] == [.number(1), .number(2), .number(-3)])
        #expect(sheet["A4"] == .bool(true))
        #expect(sheet["B4"] == .error("#DIV/0!"))
        #expect(try sheet.grid()[4] == ["42", "公式结果", "TRUE", "#N/A"])
        #expect(sheet["E5"] == .empty, "a formula whose result is an empty string holds nothing")
        #expect(sheet.row(6) == nil, "blank cells hold nothing")
    }

    @Test("number formats: a percent, fixed decimals and a Chinese date show as in Excel; the 1904 flag moves dates")
    func formatsAndDates() throws {
        // XF 0: 0.0% (custom format 164), XF 1: 0.00 (built-in 2), XF 2: yyyy"年"m"月"d"日" (built-in 31).
        func xf(_ format: Int) -> (Int, [UInt8]) { (0x00E0, W.u16(0) + W.u16(format) + [UInt8](repeating: 0, count: 16)) }
        let formats: [(Int, [UInt8])] = [(0x041E, W.u16(164) + W.unicode("0.0%")), xf(164), xf(2), xf(31)]
        let cells: [(Int, [UInt8])] = [
            (0x0203, W.cellHeader(0, 0, xf: 0) + W.f64(0.955)),
            (0x0203, W.cellHeader(0, 1, xf: 1) + W.f64(60)),
            (0x027E, W.cellHeader(0, 2, xf: 2) + Self.rk(integer: 46003)),
        ]
        let book = try Self.read([.init(name: "格式", records: cells)], globals: formats)
        #expect(try book.sheets[0].grid() == [["95.5%", "60.00", "2025-12-12"]])
        let book1904 = try Self.read([.init(name: "格式", records: cells)], globals: [(0x0022, W.u16(1))] + formats)
        #expect(book1904.dateSystem == .from1904)
        #expect(book1904.sheets[0]["C1"] == .date(CellDate(year: 2029, month: 12, day: 13)))
    }

    @Test("hidden and very hidden sheets, hidden rows and columns, merged ranges")
    func layout() throws {
        let records: [(Int, [UInt8])] = [
            (0x0208, W.u16(2) + W.u16(0) + W.u16(1) + W.u16(300) + W.u32(0) + W.u16(0x60) + W.u16(15)), // ROW 3 hidden
            (0x007D, W.u16(3) + W.u16(4) + W.u16(10 * 256) + W.u16(15) + W.u16(1) + W.u16(0)), // COLINFO D:E hidden
            (0x0204, W.cellHeader(0, 0) + W.unicode("标题")),
            (0x0204, W.cellHeader(2, 0) + W.unicode("隐藏行")),
            (0x00E5, W.u16(2) + W.u16(0) + W.u16(0) + W.u16(0) + W.u16(5) + W.u16(3) + W.u16(4) + W.u16(1) + W.u16(1)),
        ]
        var hidden = XLSFixture.SheetSpec(name: "选项", records: [(0x0204, W.cellHeader(0, 0) + W.unicode("是"))])
        hidden.hidden = true
        let book = try Self.read([.init(name: "表", records: records), hidden])
        let sheet = book.sheets[0]
        #expect(sheet.hiddenRows == [3])
        #expect(sheet.hiddenColumns == [4, 5])
        #expect(sheet.columnWidths[4] == 10)
        #expect(Set(sheet.merged.map(\.description)) == ["A1:F1", "B4:B5"])
        #expect(book.sheets[1].visibility == .hidden)
        #expect(book.visibleSheets.map(\.name) == ["表"])
    }

    @Test("shared strings split across CONTINUE records, switching from one byte to two bytes a character mid-string")
    func sstContinue() throws {
        // SST: "产出指标" whole, then "abc" + (CONTINUE, flag 1) + "项目表" as one string, then "尾" in the CONTINUE.
        let first = W.u32(3) + W.u32(3) + W.unicode("产出指标") + W.u16(6) + [0] + Array("abc".utf8)
        let rest = [1] + Array("项目表".utf16).flatMap { W.u16(Int($0)) } + W.unicode("尾")
        var stream = BIFFWriter()
        let cells: [(Int, [UInt8])] = [
            (0x00FD, W.cellHeader(0, 0) + W.u32(0)), (0x00FD, W.cellHeader(0, 1) + W.u32(1)),
            (0x00FD, W.cellHeader(0, 2) + W.u32(2)),
        ]
        // Build the globals by hand around the split SST, then the sheet.
        let sheetBytes: [UInt8] = {
            var w = BIFFWriter()
            w.record(0x0809, W.u16(0x0600) + W.u16(0x0010) + [UInt8](repeating: 0, count: 12))
            for (type, data) in cells { w.record(type, data) }
            w.record(0x000A, [])
            return w.bytes
        }()
        let name = W.unicode("续", countBytes: 1)
        let globalsLength = (4 + 16) + (4 + 6 + name.count) + (4 + first.count) + (4 + rest.count) + 4
        stream.record(0x0809, W.u16(0x0600) + W.u16(0x0005) + [UInt8](repeating: 0, count: 12))
        stream.record(0x0085, W.u32(globalsLength) + [0, 0] + name)
        stream.record(0x00FC, first)
        stream.record(0x003C, rest)
        stream.record(0x000A, [])
        let data = XLSFixture.compoundFile(streams: [("Workbook", stream.bytes + sheetBytes)]).0
        let book = try XLSReader().read(data: data)
        #expect(try book.sheets[0].grid() == [["产出指标", "abc项目表", "尾"]])
    }

    @Test("an Excel 95 workbook's text is read in its code page (GBK)")
    func biff5CodePage() throws {
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        func bytes(_ text: String) -> [UInt8] { Array(text.data(using: gbk) ?? Data()) }
        let label = bytes("绩效目标")
        let sheet = XLSFixture.SheetSpec(name: "项目表", records: [(0x0204, W.cellHeader(0, 0) + W.u16(label.count) + label)])
        let data = XLSFixture.xls(sheets: [sheet], globals: [(0x0042, W.u16(936))], biff5: true, nameBytes: bytes).0
        let book = try XLSReader().read(data: data)
        #expect(book.sheets.map(\.name) == ["项目表"])
        #expect(book.sheets[0]["A1"] == .string("绩效目标"))
    }

    @Test("WorkbookReader reads .xls and .xlsx content alike, whatever the file is called")
    func byContent() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xls = XLSFixture.xls(sheets: [.init(name: "表", records: [(0x0204, W.cellHeader(0, 0) + W.unicode("WPS 表格"))])]).0
        let et = directory.appendingPathComponent("目标表.et")
        try xls.write(to: et)
        #expect(try WorkbookReader().read(contentsOf: et).sheets[0]["A1"] == .string("WPS 表格"))
        let xlsxAsEt = directory.appendingPathComponent("另一个.et")
        try SampleWorkbook.make().write(to: xlsxAsEt)
        #expect(try WorkbookReader().read(contentsOf: xlsxAsEt).sheets.map(\.name) == ["项目支出", "说明", "选项"])
        #expect(throws: OfficeError.wrongKind(expected: .xlsx, found: .xls)) { try XLSXReader().read(data: xls) }
    }
}
