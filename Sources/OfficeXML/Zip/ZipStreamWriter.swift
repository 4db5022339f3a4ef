import Foundation

/// Writes a zip as a stream: each part's local header and bytes once, in order, and the central
/// directory once, at the end. Part names are flagged UTF-8 so that Windows' Explorer, WinRAR,
/// 7-Zip and macOS show Chinese names as written.
///
/// Why not ZIPFoundation's `Archive`, which wrote our packages before: its `addEntry` reads the whole
/// central directory and writes it back after every entry, so a workbook of 18,816 sheets spent a
/// time growing with the square of the sheets on it (6–8 % of the export, issue #23), and it offers no
/// deflate level. Its public API cannot add an entry without that rewrite. This writer keeps the
/// directory in memory (about 100 bytes a part) and is short enough to check against our own reader
/// (`ZipDirectory`), openpyxl and LibreOffice (`ZipStreamWriterTests`, `OpenpyxlReadsOurFilesTests`).
///
/// Sizes and offsets past 4 GB and more than 65,535 parts are written as ZIP64, as the format asks.
final class ZipStreamWriter {
    /// What the directory needs of the parts written so far; copied to go on writing a copy of the file.
    struct State: Sendable {
        /// Bytes written: where the next local header goes.
        var offset = 0
        var directory: [UInt8] = []
        var count = 0
    }

    private(set) var state: State
    private var file: UnsafeMutablePointer<FILE>?
    private let url: URL

    /// A new, empty zip at `url`.
    convenience init(creating url: URL) throws {
        try self.init(url: url, mode: "wb", state: State())
    }

    /// Goes on writing at the end of `url`, a copy of a file this writer's `state` was taken from.
    convenience init(appendingTo url: URL, state: State) throws {
        try self.init(url: url, mode: "ab", state: state)
    }

    private init(url: URL, mode: String, state: State) throws {
        self.url = url
        self.state = state
        guard let file = fopen(url.path, mode) else { throw Self.failure(url) }
        self.file = file
    }

    deinit { if let file { fclose(file) } }

    /// A fixed date (2024-01-01, in MS-DOS form) keeps the output identical for identical input.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (2024 - 1980) << 9 | 1 << 5 | 1
    /// Bit 11: the name is UTF-8.
    private static let utf8Flag: UInt16 = 0x0800
    /// Made by Unix (3) with version 4.5; needed 2.0, or 4.5 for ZIP64.
    private static let madeBy: UInt16 = 3 << 8 | 45
    /// A regular file, rw-r--r--, in the high half as Unix zips keep it.
    private static let fileAttributes: UInt32 = 0o100644 << 16

    func add(path: String, bytes: [UInt8]) throws {
        try add(DeflatedPart(path: path, bytes: bytes))
    }

    func add(_ part: DeflatedPart) throws {
        let name = Array(part.path.utf8)
        guard name.count <= 0xFFFF else { throw OfficeError.writeFailed(detail: "部件名过长：\(part.path)") }
        let offset = state.offset
        // The local header holds sizes up to 4 GB; a part that large is never made in memory.
        guard part.data.count < 0xFFFF_FFFF, part.uncompressedSize < 0xFFFF_FFFF else {
            throw OfficeError.writeFailed(detail: "部件过大：\(part.path)")
        }
        var header = ZipBytes(capacity: 30 + name.count)
        header.u32(0x0403_4B50)
        header.u16(20)
        header.u16(Self.utf8Flag)
        header.u16(part.method)
        header.u16(Self.dosTime)
        header.u16(Self.dosDate)
        header.u32(part.crc32)
        header.u32(UInt32(part.data.count))
        header.u32(UInt32(part.uncompressedSize))
        header.u16(UInt16(name.count))
        header.u16(0)
        header.append(name)
        try write(header.bytes)
        try write(part.data)

        // Only the local header's offset can pass 4 GB (the sizes were checked above).
        let zip64 = offset >= 0xFFFF_FFFF
        var entry = ZipBytes(capacity: 46 + name.count + (zip64 ? 12 : 0))
        entry.u32(0x0201_4B50)
        entry.u16(Self.madeBy)
        entry.u16(zip64 ? 45 : 20)
        entry.u16(Self.utf8Flag)
        entry.u16(part.method)
        entry.u16(Self.dosTime)
        entry.u16(Self.dosDate)
        entry.u32(part.crc32)
        entry.u32(UInt32(part.data.count))
        entry.u32(UInt32(part.uncompressedSize))
        entry.u16(UInt16(name.count))
        entry.u16(zip64 ? 12 : 0)
        entry.u16(0) // comment
        entry.u16(0) // disk
        entry.u16(0) // internal attributes
        entry.u32(Self.fileAttributes)
        entry.u32(zip64 ? 0xFFFF_FFFF : UInt32(offset))
        entry.append(name)
        if zip64 {
            entry.u16(1)
            entry.u16(8)
            entry.u64(UInt64(offset))
        }
        state.directory += entry.bytes
        state.count += 1
    }

    /// Writes everything so far to the file (before it is copied).
    func flush() throws {
        guard let file, fflush(file) == 0 else { throw Self.failure(url) }
    }

    /// Writes the central directory and its end record, and closes the file: the zip is complete.
    func finish() throws {
        let start = state.offset
        try write(state.directory)
        let size = state.directory.count
        var end = ZipBytes(capacity: 98)
        let zip64 = state.count >= 0xFFFF || start >= 0xFFFF_FFFF || size >= 0xFFFF_FFFF
        if zip64 {
            let record = state.offset
            end.u32(0x0606_4B50)
            end.u64(44) // the record's size after this field
            end.u16(Self.madeBy)
            end.u16(45)
            end.u32(0) // this disk
            end.u32(0) // the directory's disk
            end.u64(UInt64(state.count))
            end.u64(UInt64(state.count))
            end.u64(UInt64(size))
            end.u64(UInt64(start))
            end.u32(0x0706_4B50)
            end.u32(0)
            end.u64(UInt64(record))
            end.u32(1) // disks
        }
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(zip64 ? 0xFFFF : UInt16(state.count))
        end.u16(zip64 ? 0xFFFF : UInt16(state.count))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(size))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(start))
        end.u16(0) // comment
        try write(end.bytes)
        let closed = fclose(file)
        file = nil
        guard closed == 0 else { throw Self.failure(url) }
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let file else { throw OfficeError.writeFailed(detail: "\(url.path)：文件已关闭") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw Self.failure(url) }
        state.offset += bytes.count
    }

    private static func failure(_ url: URL) -> OfficeError {
        OfficeError.cannotWrite(path: url.path, reason: .current)
    }
}

/// Little-endian fields of a zip record, appended in order.
private struct ZipBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        u16(UInt16(truncatingIfNeeded: value))
        u16(UInt16(truncatingIfNeeded: value >> 16))
    }

    mutating func u64(_ value: UInt64) {
        u32(UInt32(truncatingIfNeeded: value))
        u32(UInt32(truncatingIfNeeded: value >> 32))
    }

    mutating func append(_ more: [UInt8]) { bytes += more }
}
