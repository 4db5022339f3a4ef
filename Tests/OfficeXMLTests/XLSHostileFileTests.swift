import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Broken and hostile .xls files: each gets a Chinese `OfficeError` that says what to do, at once,
/// without trapping and without memory sized by what the file claims.
@Suite("Hostile .xls files")
struct XLSHostileFileTests {
    typealias W = BIFFWriter

    /// A workbook of one sheet with enough cells that its stream takes several sectors.
    static func sample(extraGlobals: [(Int, [UInt8])] = [], sheetRecords: [(Int, [UInt8])] = []) -> (Data, XLSFixture.Layout) {
        let cells = (0..<400).map { (0x0203, W.cellHeader($0, 0) + W.f64(Double($0))) }
        return XLSFixture.xls(sheets: [.init(name: "表", records: sheetRecords + cells)], globals: extraGlobals)
    }

    static func patch(_ data: inout Data, at offset: Int, u32 value: Int) {
        for (index, byte) in W.u32(value).enumerated() { data[offset + index] = byte }
    }

    /// Reads, expecting an OfficeError in Chinese, and checks it came quickly.
    @discardableResult
    static func refusal(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> OfficeError? {
        let clock = ContinuousClock()
        var error: OfficeError?
        let elapsed = clock.measure {
            error = #expect(throws: OfficeError.self, sourceLocation: sourceLocation) { try XLSReader().read(data: data) }
        }
        #expect(elapsed < .seconds(1), "took \(elapsed)", sourceLocation: sourceLocation)
        #expect(
            error?.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } == true,
            sourceLocation: sourceLocation)
        return error
    }

    @Test("the untouched sample reads, so each refusal below is the damage's doing")
    func sampleReads() throws {
        let book = try XLSReader().read(data: Self.sample().0)
        #expect(book.sheets[0].rows.count == 400)
    }

    @Test("a sector chain that loops back is reported as damage")
    func chainCycle() {
        var (data, layout) = Self.sample()
        let sectors = layout.streamSectors[0]
        Self.patch(&data, at: layout.fatEntryOffset(sectors[3]), u32: sectors[1])
        let error = Self.refusal(data)
        #expect(error?.message.contains("循环") == true)
        #expect(error?.message.contains("已损坏或不完整") == true)
    }

    @Test("a chain pointing far outside the file, and a directory chain looping on itself")
    func chainOutside() {
        var (data, layout) = Self.sample()
        Self.patch(&data, at: layout.fatEntryOffset(layout.streamSectors[0][2]), u32: 0x00FF_FFF0)
        #expect(Self.refusal(data)?.message.contains("文件之外") == true)
        var (looped, loopLayout) = Self.sample()
        Self.patch(&looped, at: loopLayout.fatEntryOffset(loopLayout.directorySector), u32: loopLayout.directorySector)
        Self.refusal(looped)
    }

    @Test("sizes that lie: a stream longer than its chain, a stream larger than the file, a FAT count beyond the file")
    func lyingSizes() {
        var (data, layout) = Self.sample()
        Self.patch(&data, at: layout.directoryEntryOffset(1) + 120, u32: layout.streamSectors[0].count * 512 + 512)
        #expect(Self.refusal(data)?.message.contains("扇区链只有") == true)
        Self.patch(&data, at: layout.directoryEntryOffset(1) + 120, u32: 0x7FFF_FFFF)
        #expect(Self.refusal(data)?.message.contains("超过整个文件") == true)
        var (fat, _) = Self.sample()
        Self.patch(&fat, at: 44, u32: 0x0FFF_FFFF)
        Self.refusal(fat)
    }

    @Test("a shared string table claiming a billion strings, and a record running past the stream")
    func lyingRecords() {
        let sst = (0x00FC, W.u32(1_000_000_000) + W.u32(1_000_000_000) + W.unicode("只有一个"))
        let stream = XLSFixture.workbookStream(sheets: [.init(name: "表", records: [])], globals: [sst])
        #expect(Self.refusal(XLSFixture.compoundFile(streams: [("Workbook", stream)]).0)?.message.contains("SST") == true)
        var cut = XLSFixture.workbookStream(sheets: [.init(name: "表", records: [])])
        cut.removeLast(4) // the sheet's EOF, replaced by a NUMBER record declaring 60,000 bytes
        cut += W.u16(0x0203) + W.u16(60_000)
        #expect(Self.refusal(XLSFixture.compoundFile(streams: [("Workbook", cut)]).0)?.message.contains("截断") == true)
    }

    @Test("a truncated file, at any of several places, is damaged and says to fetch it again")
    func truncated() {
        let data = Self.sample().0
        for fraction in [0.1, 0.3, 0.5, 0.8, 0.95] {
            let error = Self.refusal(data.prefix(Int(Double(data.count) * fraction)))
            #expect(error?.message.contains("重新获取原文件") == true)
        }
    }

    @Test("a DIMENSIONS record declaring four billion rows is refused without allocating for them")
    func hugeDimensions() {
        let dimensions = (0x0200, W.u32(0) + W.u32(0xFFFF_FFFF) + W.u16(0) + W.u16(0xFFFF) + W.u16(0))
        let error = Self.refusal(Self.sample(sheetRecords: [dimensions]).0)
        #expect(error?.message.contains("DIMENSIONS") == true)
        // Cells far away are within .xls limits but make a grid too large to lay out: refused by grid().
        let far = (0x0203, W.cellHeader(65_535, 255) + W.f64(1))
        let book = try? XLSReader().read(
            data: XLSFixture.xls(sheets: [.init(name: "远", records: [(0x0203, W.cellHeader(0, 0) + W.f64(1)), far])]).0)
        #expect(throws: OfficeError.gridTooLarge(sheet: "远", rows: 65_536, columns: 256)) { try book?.sheets[0].grid() }
    }

    @Test("an encrypted .xls (FILEPASS) and an encrypted .xlsx (EncryptedPackage) ask to remove the password")
    func encrypted() {
        let filePass = (0x002F, W.u16(1) + [UInt8](repeating: 0, count: 52))
        #expect(Self.refusal(Self.sample(extraGlobals: [filePass]).0) == .passwordProtected)
        let ooxml = XLSFixture.compoundFile(streams: [("EncryptionInfo", [4, 0, 4, 0]), ("EncryptedPackage", [0, 1, 2, 3])]).0
        let error = Self.refusal(ooxml)
        #expect(error == .passwordProtected)
        #expect(error?.message.contains("取消密码") == true)
    }

    @Test("a Word 97 .doc given as a workbook is named for what it is, with what to do")
    func wordDocument() {
        let doc = XLSFixture.compoundFile(streams: [("WordDocument", [0xEC, 0xA5]), ("1Table", [0])]).0
        let error = Self.refusal(doc)
        #expect(error == .legacyWord)
        #expect(error?.message.contains("另存为” .docx") == true)
        #expect(throws: OfficeError.legacyWord) { try DocxReader().read(data: doc) }
    }

    @Test("neither a workbook nor a compound file: a CSV, an empty file")
    func notXLS() {
        #expect(throws: OfficeError.notOfficeFile(expected: .xls)) { try XLSReader().read(data: Data("指标,值\n".utf8)) }
        #expect(throws: OfficeError.notOfficeFile(expected: .xls)) { try XLSReader().read(data: Data()) }
    }
}
