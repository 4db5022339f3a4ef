import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// The zips `ZipStreamWriter` makes (every package we write) read back, by our own reader and by
/// Python's zipfile, with their parts' names, order, methods, sizes, checksums and bytes.
@Suite("ZipStreamWriter")
struct ZipStreamWriterTests {
    static let parts: [(path: String, bytes: [UInt8])] = [
        ("[Content_Types].xml", Array("<Types/>".utf8)),
        ("xl/worksheets/sheet1.xml", Array(String(repeating: "<c r=\"A1\" t=\"s\"><v>0</v></c>", count: 500).utf8)),
        ("材料/绩效自评表（2024）.txt", Array("产出指标 数量指标 培训人次≥1200".utf8)),
        ("empty.xml", []),
        ("random.bin", (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
    ]

    static func inflate(_ data: Data, _ entry: ZipDirectory.Entry) throws -> [UInt8] {
        let bytes = data.subdata(in: entry.dataOffset..<(entry.dataOffset + entry.compressedSize))
        if entry.method == 0 { return [UInt8](bytes) }
        var out: [UInt8] = []
        try ZipInflater.inflate(bytes, deadline: .now + .seconds(10)) { out += $0 }
        return out
    }

    @Test("our reader finds every part, in order, with its method, sizes, checksum and bytes")
    func readBack() throws {
        let data = try PackageWriter.data(parts: Self.parts)
        let entries = try ZipDirectory.read(data, maxEntries: 100)
        #expect(entries.map(\.path) == Self.parts.map(\.path))
        for (entry, part) in zip(entries, Self.parts) {
            let bytes = try Self.inflate(data, entry)
            #expect(bytes == part.bytes, "\(part.path)")
            #expect(entry.uncompressedSize == part.bytes.count)
            #expect(entry.crc32 == part.bytes.withUnsafeBytes { ZipInflater.crc32(0, $0) })
            #expect(!entry.isEncrypted)
        }
        // the repetitive XML is deflated; parts deflate cannot shrink are stored
        #expect(entries[1].method == 8 && entries[1].compressedSize < Self.parts[1].bytes.count / 10)
        #expect(entries[3].method == 0 && entries[3].compressedSize == 0)
    }

    @Test("a spool's parts, then the parts added to a copy of it, make one zip; the spool goes on apart")
    func spoolThenParts() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try PackageWriter.Spool(in: directory)
        try spool.add(path: "a.xml", bytes: Array("<a/>".utf8))
        try spool.add(path: "b.xml", bytes: Array("<b/>".utf8))
        let first = try PackageWriter.data(in: directory, after: spool) { try $0.add(path: "c.xml", bytes: Array("<c/>".utf8)) }
        try spool.add(path: "d.xml", bytes: Array("<d/>".utf8))
        let second = try PackageWriter.data(in: directory, after: spool) { try $0.add(path: "e.xml", bytes: Array("<e/>".utf8)) }
        #expect(try ZipDirectory.read(first, maxEntries: 10).map(\.path) == ["a.xml", "b.xml", "c.xml"])
        let entries = try ZipDirectory.read(second, maxEntries: 10)
        #expect(entries.map(\.path) == ["a.xml", "b.xml", "d.xml", "e.xml"])
        #expect(
            try entries.map { String(decoding: try Self.inflate(second, $0), as: UTF8.self) } == ["<a/>", "<b/>", "<d/>", "<e/>"])
    }

    @Test("more than 65,535 parts are written as ZIP64 and read back")
    func zip64Count() throws {
        let count = 70_000
        let data = try PackageWriter.data(parts: (0..<count).map { ("p\($0)", []) })
        let entries = try ZipDirectory.read(data, maxEntries: count)
        #expect(entries.count == count)
        #expect(entries.last?.path == "p69999")
    }

    @Test(
        "Python's zipfile reads the parts and their checksums, UTF-8 names included",
        .enabled(if: ExternalTools.hasPython, "needs python3"))
    func pythonReads() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("parts.zip")
        try PackageWriter.write(parts: Self.parts, to: file)
        let script = """
            import sys, zipfile, hashlib
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                print(i.filename, i.compress_type, i.file_size, hashlib.sha1(z.read(i)).hexdigest())
            """
        let lines = try ExternalTools.python(script, arguments: [file.path], in: directory).split(separator: "\n")
        #expect(lines.count == Self.parts.count)
        for (line, part) in zip(lines, Self.parts) {
            let fields = line.split(separator: " ")
            #expect(String(fields[0]) == part.path)
            #expect(Int(fields[2]) == part.bytes.count)
        }
    }
}
