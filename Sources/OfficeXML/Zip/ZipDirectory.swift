import Foundation

/// The entries of a zip, read from its central directory by our own code, with every offset and
/// size checked against the bytes before anything is read there.
///
/// Why not ZIPFoundation's `Archive`: it trusts the offsets a file declares (a local-header offset
/// past the end traps the whole process) and its inflate loop never ends on a stream cut short.
/// Uploaded files are hostile input, so the directory is read here and `ZipInflater` inflates
/// with zlib under our own bounds. `ZipStreamWriter` writes our packages (`PackageWriter`).
struct ZipDirectory {
    struct Entry: Sendable, Equatable {
        var path: String
        /// 0 stored, 8 deflated; anything else is refused when read.
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var crc32: UInt32
        /// Where the entry's compressed bytes start (after its local header), checked to lie in the file.
        var dataOffset: Int
        var isEncrypted: Bool
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// Why the directory could not be read, in words for `OfficeError.damaged`.
    struct Damage: Error, Equatable { var detail: String }

    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let localSignature: UInt32 = 0x0403_4B50

    /// Reads the directory of `data`. `maxEntries` bounds the work a file of a million tiny entries could cause.
    static func read(_ data: Data, maxEntries: Int) throws -> [Entry] {
        let bytes = ByteView(data)
        let end = try findEnd(bytes)
        var count = Int(bytes.u16(end + 10))
        var size = Int(bytes.u32(end + 12))
        var offset = Int(bytes.u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            (count, size, offset) = try zip64End(bytes, end: end)
        }
        guard count <= maxEntries else { throw OfficeError.tooManyParts(limit: maxEntries) }
        guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else {
            throw Damage(detail: "目录位置超出文件范围")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, 4096))
        var at = offset
        let directoryEnd = offset + size
        for _ in 0..<count {
            guard at <= directoryEnd - 46, bytes.u32(at) == centralSignature else {
                throw Damage(detail: "目录第 \(entries.count + 1) 项损坏")
            }
            let flags = bytes.u16(at + 8)
            let method = bytes.u16(at + 10)
            let crc = bytes.u32(at + 16)
            var compressed = Int(bytes.u32(at + 20))
            var uncompressed = Int(bytes.u32(at + 24))
            let nameLength = Int(bytes.u16(at + 28))
            let extraLength = Int(bytes.u16(at + 30))
            let commentLength = Int(bytes.u16(at + 32))
            var local = Int(bytes.u32(at + 42))
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw Damage(detail: "目录第 \(entries.count + 1) 项超出目录范围") }
            let name = bytes.string(at + 46, count: nameLength)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                try readZip64Extra(
                    bytes, at: at + 46 + nameLength, count: extraLength,
                    uncompressed: &uncompressed, compressed: &compressed, local: &local)
            }
            let dataOffset = try dataStart(bytes, local: local, compressed: compressed, name: name)
            entries.append(
                Entry(
                    path: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed,
                    crc32: crc, dataOffset: dataOffset, isEncrypted: flags & 1 != 0))
            at = next
        }
        return entries
    }

    /// The end-of-directory record: its signature within the last 64 KB (+22), searched backwards
    /// because an archive comment may follow it.
    private static func findEnd(_ bytes: ByteView) throws -> Int {
        guard bytes.count >= 22 else { throw Damage(detail: "文件太短，没有 zip 目录") }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var at = bytes.count - 22
        while at >= lowest {
            if bytes.u32(at) == endSignature { return at }
            at -= 1
        }
        throw Damage(detail: "找不到 zip 目录（文件可能没有传完）")
    }

    private static func zip64End(_ bytes: ByteView, end: Int) throws -> (Int, Int, Int) {
        let locator = end - 20
        guard locator >= 0, bytes.u32(locator) == zip64LocatorSignature else {
            throw Damage(detail: "ZIP64 目录定位记录缺失")
        }
        guard let record = Int(exactly: bytes.u64(locator + 8)), record >= 0, record <= bytes.count - 56,
            bytes.u32(record) == zip64EndSignature
        else {
            throw Damage(detail: "ZIP64 目录记录超出文件范围")
        }
        guard let count = Int(exactly: bytes.u64(record + 32)), let size = Int(exactly: bytes.u64(record + 40)),
            let offset = Int(exactly: bytes.u64(record + 48))
        else {
            throw Damage(detail: "ZIP64 目录记录的数值过大")
        }
        return (count, size, offset)
    }

    /// The ZIP64 extra field (id 1) holds, in this order, only the values marked 0xFFFFFFFF in the record.
    private static func readZip64Extra(
        _ bytes: ByteView, at start: Int, count: Int,
        uncompressed: inout Int, compressed: inout Int, local: inout Int
    ) throws {
        var at = start
        let end = start + count
        while at + 4 <= end {
            let id = bytes.u16(at)
            let size = Int(bytes.u16(at + 2))
            let body = at + 4
            guard body + size <= end else { break }
            if id == 1 {
                var field = body
                func take(_ value: inout Int) throws {
                    guard value == 0xFFFF_FFFF else { return }
                    guard field + 8 <= body + size, let v = Int(exactly: bytes.u64(field)) else {
                        throw Damage(detail: "ZIP64 扩展字段不完整")
                    }
                    value = v
                    field += 8
                }
                try take(&uncompressed)
                try take(&compressed)
                try take(&local)
                return
            }
            at = body + size
        }
        throw Damage(detail: "缺少 ZIP64 扩展字段")
    }

    /// Checks the local header at `local` and returns where the entry's data begins; the data must lie in the file.
    private static func dataStart(_ bytes: ByteView, local: Int, compressed: Int, name: String) throws -> Int {
        guard local >= 0, local <= bytes.count - 30, bytes.u32(local) == localSignature else {
            throw Damage(detail: "“\(name)”的位置超出文件范围或已损坏")
        }
        let start = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
        guard compressed >= 0, start <= bytes.count, compressed <= bytes.count - start else {
            throw Damage(detail: "“\(name)”的数据超出文件范围（文件可能没有传完）")
        }
        return start
    }
}

/// Little-endian reads from a `Data`, each returning 0 past the end (callers check ranges first;
/// a read past the end must never trap on hostile input).
struct ByteView {
    let data: Data
    let count: Int
    private let base: Int

    init(_ data: Data) {
        self.data = data
        self.count = data.count
        self.base = data.startIndex
    }

    @inline(__always) func u8(_ at: Int) -> UInt8 {
        guard at >= 0, at < count else { return 0 }
        return data[base + at]
    }

    func u16(_ at: Int) -> UInt16 { UInt16(u8(at)) | UInt16(u8(at + 1)) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }

    /// Entry names: UTF-8 where they decode as UTF-8 (Office writes ASCII part names); other bytes are
    /// kept as Latin-1 so that a name is at least stable and never fails.
    func string(_ at: Int, count n: Int) -> String {
        guard n > 0, at >= 0, at <= count - n else { return "" }
        let slice = data[(base + at)..<(base + at + n)]
        if let s = String(data: slice, encoding: .utf8) { return s }
        return String(decoding: slice.map { UInt16($0) }, as: UTF16.self)
    }
}
