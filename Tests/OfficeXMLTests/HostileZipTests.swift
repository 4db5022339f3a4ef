import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Zips whose directory lies: the mutants that used to take the whole server down (issue #13).
/// Each must end in a Chinese `OfficeError`, never a trap or a loop.
@Suite("Hostile zip structure")
struct HostileZipTests {
    /// Offsets of the central directory records in `data`, in order.
    static func centralRecords(_ data: Data) -> [Int] {
        let b = [UInt8](data)
        var out: [Int] = []
        var i = 0
        while i + 4 <= b.count {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 1, b[i + 3] == 2 { out.append(i) }
            i += 1
        }
        return out
    }

    /// Where the end-of-central-directory record starts.
    static func endRecord(_ data: Data) -> Int? {
        let b = [UInt8](data)
        var i = b.count - 22
        while i >= 0 {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 5, b[i + 3] == 6 { return i }
            i -= 1
        }
        return nil
    }

    static func setU32(_ data: inout Data, _ at: Int, _ value: UInt32) {
        for k in 0..<4 { data[data.startIndex + at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }

    static func damaged(_ error: OfficeError?) -> Bool {
        if case .damaged = error { return true }
        return false
    }

    @Test("the first entry's local-header offset past the end of the file: damaged, not a trap")
    func offsetPastEnd() throws {
        var data = try SampleWorkbook.make().data()
        let first = try #require(Self.centralRecords(data).first)
        Self.setU32(&data, first + 42, UInt32(data.count + 1000))
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: data) }
        #expect(Self.damaged(error), "\(String(describing: error))")
        #expect(error?.message.contains("已损坏或不完整") == true)
        Self.setU32(&data, first + 42, 0xFFFF_FFF0)
        #expect(throws: OfficeError.self) { try DocxReader().read(data: data) }
    }

    @Test("every entry's compressed size cut short: the inflater stops instead of looping forever")
    func truncatedStreams() throws {
        let original = try SampleWorkbook.make().data()
        var checked = 0
        for record in Self.centralRecords(original) {
            let b = [UInt8](original)
            let nameLength = Int(b[record + 28]) | Int(b[record + 29]) << 8
            let name = String(decoding: b[(record + 46)..<(record + 46 + nameLength)], as: UTF8.self)
            // the parts the reader needs; a cut part it never opens (docProps) changes nothing
            guard name.hasSuffix("workbook.xml") || name.contains("worksheets/") else { continue }
            checked += 1
            for size: UInt32 in [0, 1, 7] {
                var data = original
                Self.setU32(&data, record + 20, size)
                let started = ContinuousClock.now
                let error = #expect(throws: OfficeError.self, "\(name) cut to \(size) bytes") {
                    try XLSXReader().read(data: data)
                }
                #expect(Self.damaged(error), "\(String(describing: error))")
                #expect(ContinuousClock.now - started < .seconds(2))
            }
        }
        #expect(checked >= 2)
    }

    @Test("sizes and offsets that overflow when added, and a directory that claims more entries than it holds")
    func overflowingFields() throws {
        let original = try SampleWorkbook.make().data()
        let records = Self.centralRecords(original)
        for field in [20, 24, 42] {
            for value: UInt32 in [0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000] {
                var data = original
                Self.setU32(&data, records[records.count / 2] + field, value)
                #expect(throws: OfficeError.self) { try XLSXReader().read(data: data) }
            }
        }
        // the end record's entry count and directory offset
        let end = try #require(Self.endRecord(original))
        var more = original
        more[end + 10] = 0xFE; more[end + 11] = 0xFF
        #expect(throws: OfficeError.self) { try XLSXReader().read(data: more) }
        var away = original
        Self.setU32(&away, end + 16, UInt32(original.count - 10))
        #expect(throws: OfficeError.self) { try XLSXReader().read(data: away) }
    }

    @Test("a part whose bytes do not match its checksum is damaged")
    func wrongChecksum() throws {
        var data = try SampleWorkbook.make().data()
        for record in Self.centralRecords(data) { Self.setU32(&data, record + 16, 0x1234_5678) }
        let error = #expect(throws: OfficeError.self) { try XLSXReader().read(data: data) }
        #expect(error?.message.contains("校验和") == true)
    }

    @Test("a workbook inside a larger buffer (a Data slice) reads the same as on its own")
    func sliceReads() throws {
        let data = try SampleWorkbook.make().data()
        let padded = Data(repeating: 0x20, count: 37) + data
        let slice = padded[37...]
        #expect(try XLSXReader().read(data: slice).sheets.map(\.name) == XLSXReader().read(data: data).sheets.map(\.name))
    }

    /// A .docx whose one table has `rows` rows of two cells (issue #23's).
    static func wordTable(rows: Int) throws -> Data { try ZipWriter.data(LargeWordTable.parts(rows: rows)) }

    @Test("a Word table of 400,000 rows is read whole, every row and cell in place")
    func hugeWordTableRead() throws {
        let document = try DocxReader().read(data: Self.wordTable(rows: 400_000))
        let table = try #require(document.tables.first)
        #expect(table.rowCount == 400_000)
        let grid = table.grid()
        #expect(grid.count == 400_000)
        #expect(grid[0] == ["0", "培训人数"] && grid[399_999] == ["399999", "培训人数"])
    }

    @Test("a Word table past its bound of cells is refused as it is read; a table of a very wide row too")
    func hugeWordTableRefused() throws {
        let data = try Self.wordTable(rows: 400_000)
        // under the upload limits its 50 MB document part is refused while inflating, before a row is built
        let error = #expect(throws: OfficeError.self) { try DocxReader(limits: .upload).read(data: data) }
        #expect(error == .tooLarge(limitBytes: ReadLimits.upload.maxPartBytes))
        // and with room for the part, at the row that passes 200,000 cells (its 100,001st)
        var roomy = ReadLimits.upload
        roomy.maxPartBytes = 100 * 1_048_576
        let cells = #expect(throws: OfficeError.self) { try DocxReader(limits: roomy).read(data: data) }
        #expect(cells == .tooManyTableCells(table: 1, limit: ReadLimits.upload.maxCellsPerTable))
        #expect(cells?.message.contains("第 1 个表格超过 200000 个单元格（行数 × 列数）") == true)
        // a few rows, one of them 64 columns × 400 cells wide: every row of the grid would be that wide
        let wide =
            "<w:tbl>" + String(repeating: "<w:tr><w:tc><w:p/></w:tc></w:tr>", count: 10)
            + "<w:tr>" + String(repeating: #"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>"#, count: 400)
            + "</w:tr></w:tbl>"
        let widened = #expect(throws: OfficeError.self) { try DocxReader(limits: roomy).read(data: DocxFixture.make(body: wide)) }
        #expect(widened == .tooManyTableCells(table: 1, limit: ReadLimits.upload.maxCellsPerTable))
    }

    @Test("a document past its time budget stops with a Chinese message")
    func timeBudget() throws {
        var limits = ReadLimits.default
        limits.maxSeconds = 0
        let error = #expect(throws: OfficeError.self) {
            try XLSXReader(limits: limits).read(data: try SampleWorkbook.make().data())
        }
        #expect(error == .tooSlow(seconds: 0))
        #expect(error?.message.contains("为不影响其他用户已停止") == true)
    }
}
