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

    @Test("a Word table of 400,000 rows is refused as it is counted, under the upload limits")
    func hugeWordTable() throws {
        var body = "<w:tbl>"
        body.reserveCapacity(400_000 * 90)
        for i in 0..<400_000 { body += "<w:tr><w:tc><w:p><w:r><w:t>\(i)</w:t></w:r></w:p></w:tc></w:tr>" }
        body += "</w:tbl>"
        let document =
            #"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
            + body + "</w:body></w:document>"
        let data = try PackageWriter.data(parts: [
            (
                "[Content_Types].xml",
                Array(
                    #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                        .utf8)
            ),
            ("word/document.xml", Array(document.utf8)),
        ])
        // under the upload limits its 30 MB document part is refused while inflating, before a row is built
        let error = #expect(throws: OfficeError.self) { try DocxReader(limits: .upload).read(data: data) }
        #expect(error == .tooLarge(limitBytes: ReadLimits.upload.maxPartBytes))
        // and with room for the part, at its 20,001st row
        var roomy = ReadLimits.upload
        roomy.maxPartBytes = 100 * 1_048_576
        let rows = #expect(throws: OfficeError.self) { try DocxReader(limits: roomy).read(data: data) }
        #expect(rows == .tooManyTableRows(table: 1, limit: ReadLimits.upload.maxRowsPerTable))
        #expect(rows?.message.contains("第 1 个表格超过 20000 行") == true)
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
