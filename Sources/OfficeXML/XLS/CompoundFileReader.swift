import Foundation

/// Reads the streams of an OLE2 compound file ([MS-CFB]): the container of .xls, WPS .et, .doc
/// and password-protected .xlsx/.docx files.
///
/// Every number the file gives (sector ids, counts, sizes) is checked before it is used, and no
/// allocation is sized by a declared number alone: tables and streams grow only as far as sectors
/// that really exist in the file, so a lying header costs at most the file's own size. A chain that
/// comes back to a sector it has visited, or points outside the file, is reported as damage.
struct CompoundFileReader {
    /// One directory entry: a stream or a storage (a folder of streams).
    struct Entry {
        var name: String
        var type: EntryType
        var startSector: UInt32
        var size: Int
        var left: UInt32
        var right: UInt32
        var child: UInt32
    }

    enum EntryType: UInt8 {
        case unused = 0, storage = 1, stream = 2, root = 5
    }

    /// Sector-id values with a meaning of their own ([MS-CFB] 2.1).
    private static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF
    private static let miniSectorSize = 64
    /// Streams smaller than this live in the mini stream ([MS-CFB] requires exactly 4096).
    private static let miniStreamCutoff = 4096

    private let file: LittleEndianBytes
    private let sectorSize: Int
    /// Whole sectors present after the header; a chain may name no sector beyond these.
    private let sectorCount: Int
    private let isVersion3: Bool
    private let limits: ReadLimits
    private var fat: [UInt32] = []
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []
    private(set) var entries: [Entry] = []

    init(data: Data, limits: ReadLimits) throws(OfficeError) {
        let bytes = [UInt8](data)
        self.limits = limits
        file = LittleEndianBytes(bytes)
        guard bytes.count >= 512, CompoundFile.hasMagic(data) else { throw Self.damaged("文件头不完整") }
        do {
            let shift = try file.u16(30)
            guard shift == 9 || shift == 12 else { throw Self.damaged("文件头中的扇区大小无效") }
            guard try file.u16(32) == 6 else { throw Self.damaged("文件头中的小扇区大小无效") }
            sectorSize = 1 << shift
            isVersion3 = shift == 9
            // The header takes one whole sector (512 bytes in version 3, 4096 in version 4).
            guard bytes.count >= sectorSize else { throw Self.damaged("文件头不完整") }
            sectorCount = bytes.count / sectorSize - 1
            try readFAT(declaredSectors: Int(try file.u32(44)), difatStart: try file.u32(68), difatSectors: Int(try file.u32(72)))
            try readDirectory(start: try file.u32(48))
            try readMiniStream(miniFATStart: try file.u32(60))
        } catch let error as OfficeError {
            throw error
        } catch {
            throw Self.damaged("文件头不完整")
        }
    }

    static func damaged(_ detail: String) -> OfficeError {
        .damaged(expected: .xls, detail: detail)
    }

    /// The streams directly inside the root storage, by name: where a workbook keeps `Workbook`
    /// and an encrypted package `EncryptedPackage`. Streams of embedded objects, which live in
    /// sub-storages, are not among them.
    func rootStreams() -> [String: Entry] {
        var found: [String: Entry] = [:]
        guard let root = entries.first, root.type == .root else { return found }
        // The siblings form a tree through left/right links; a visited set stops a cycle.
        var visited = Set<Int>()
        var pending = [root.child]
        while let next = pending.popLast() {
            guard next <= Self.maxRegularSector, Int(next) < entries.count, visited.insert(Int(next)).inserted else { continue }
            let entry = entries[Int(next)]
            if entry.type == .stream || entry.type == .storage { found[entry.name] = entry }
            pending.append(entry.left)
            pending.append(entry.right)
        }
        return found
    }

    /// The bytes of a stream, exactly as long as its directory entry says, after checking that
    /// its chain holds that many.
    func read(_ entry: Entry) throws(OfficeError) -> [UInt8] {
        guard Int64(entry.size) <= limits.maxUncompressedBytes else { throw .tooLarge(limitBytes: limits.maxUncompressedBytes) }
        if entry.size < Self.miniStreamCutoff {
            let chain = try follow(
                entry.startSector, in: miniFAT, what: "流“\(entry.name)”", sectorLimit: miniStream.count / Self.miniSectorSize)
            return try gather(
                chain, sectorSize: Self.miniSectorSize, from: miniStream, base: 0, size: entry.size, name: entry.name)
        }
        let chain = try follow(entry.startSector, in: fat, what: "流“\(entry.name)”", sectorLimit: sectorCount)
        return try gather(chain, sectorSize: sectorSize, from: file.bytes, base: sectorSize, size: entry.size, name: entry.name)
    }

    // MARK: - Tables

    private mutating func readFAT(declaredSectors: Int, difatStart: UInt32, difatSectors: Int) throws(OfficeError) {
        // Each FAT sector describes sectorSize / 4 sectors; more than the file could need is a lie.
        let perSector = sectorSize / 4
        guard declaredSectors <= sectorCount / perSector + 1 else {
            throw Self.damaged("文件头声称有 \(declaredSectors) 个扇区分配表（FAT）扇区，超出文件大小")
        }
        var fatSectors: [UInt32] = []
        do {
            for index in 0..<109 where fatSectors.count < declaredSectors {
                let id = try file.u32(76 + index * 4)
                if id == Self.freeSector { break }
                fatSectors.append(id)
            }
            // The rest of the FAT sector list continues in DIFAT sectors, each ending with the next one's id.
            var difat = difatStart
            var seen = Set<UInt32>()
            var steps = 0
            while fatSectors.count < declaredSectors, difat != Self.endOfChain, difat != Self.freeSector {
                guard steps < difatSectors || difatSectors == 0 else { break }
                guard difat <= Self.maxRegularSector, Int(difat) < sectorCount else {
                    throw Self.damaged("扇区分配表的索引（DIFAT）指向文件之外")
                }
                guard seen.insert(difat).inserted else { throw Self.damaged("扇区分配表的索引（DIFAT）出现循环") }
                let base = sectorOffset(difat)
                for index in 0..<(perSector - 1) where fatSectors.count < declaredSectors {
                    let id = try file.u32(base + index * 4)
                    if id == Self.freeSector { continue }
                    fatSectors.append(id)
                }
                difat = try file.u32(base + (perSector - 1) * 4)
                steps += 1
            }
        } catch let error as OfficeError {
            throw error
        } catch {
            throw Self.damaged("扇区分配表的索引（DIFAT）被截断")
        }
        guard !fatSectors.isEmpty else { throw Self.damaged("没有扇区分配表（FAT）") }
        fat.reserveCapacity(fatSectors.count * perSector)
        for id in fatSectors {
            guard id <= Self.maxRegularSector, Int(id) < sectorCount else {
                throw Self.damaged("扇区分配表（FAT）的扇区 \(id) 在文件之外，文件可能不完整")
            }
            let base = sectorOffset(id)
            for index in 0..<perSector {
                // In range: the sector was checked to lie inside the file.
                fat.append((try? file.u32(base + index * 4)) ?? Self.freeSector)
            }
        }
    }

    private mutating func readDirectory(start: UInt32) throws(OfficeError) {
        let chain = try follow(start, in: fat, what: "目录", sectorLimit: sectorCount)
        let perSector = sectorSize / 128
        entries.reserveCapacity(chain.count * perSector)
        do {
            for sector in chain {
                let base = sectorOffset(UInt32(sector))
                for index in 0..<perSector {
                    let at = base + index * 128
                    let nameBytes = min(try file.u16(at + 64), 64)
                    var units: [UInt16] = []
                    // The length counts the terminating zero.
                    for unit in 0..<max(nameBytes / 2 - 1, 0) { units.append(UInt16(try file.u16(at + unit * 2))) }
                    let size64 = try file.u64(at + 120)
                    // Version 3 files may leave garbage in the high half of the size.
                    let size = isVersion3 ? UInt64(UInt32(truncatingIfNeeded: size64)) : size64
                    entries.append(
                        Entry(
                            name: String(decoding: units, as: UTF16.self),
                            type: EntryType(rawValue: UInt8(try file.u8(at + 66))) ?? .unused,
                            startSector: try file.u32(at + 116),
                            size: size <= UInt64(file.bytes.count) ? Int(size) : Int.max,
                            left: try file.u32(at + 68), right: try file.u32(at + 72), child: try file.u32(at + 76)))
                }
            }
        } catch {
            throw Self.damaged("目录被截断")
        }
        guard let root = entries.first, root.type == .root else { throw Self.damaged("缺少根目录项") }
        if let liar = entries.first(where: { $0.type == .stream && $0.size == Int.max }) {
            throw Self.damaged("流“\(liar.name)”声明的大小超过整个文件")
        }
    }

    private mutating func readMiniStream(miniFATStart: UInt32) throws(OfficeError) {
        guard let root = entries.first, root.size != 0, root.startSector != Self.endOfChain else { return }
        guard root.size != Int.max else { throw Self.damaged("小流容器声明的大小超过整个文件") }
        let chain = try follow(root.startSector, in: fat, what: "小流容器", sectorLimit: sectorCount)
        miniStream = try gather(
            chain, sectorSize: sectorSize, from: file.bytes, base: sectorSize, size: root.size, name: "Root Entry")
        if miniFATStart == Self.endOfChain || miniFATStart == Self.freeSector { return }
        let miniChain = try follow(miniFATStart, in: fat, what: "小扇区分配表", sectorLimit: sectorCount)
        miniFAT.reserveCapacity(miniChain.count * sectorSize / 4)
        for sector in miniChain {
            let base = sectorOffset(UInt32(sector))
            for index in 0..<(sectorSize / 4) { miniFAT.append((try? file.u32(base + index * 4)) ?? Self.freeSector) }
        }
    }

    // MARK: - Chains

    /// The sectors of a chain in order. A chain ends at ENDOFCHAIN; anything else that is not a
    /// sector of the file, or a sector seen before (a cycle), is damage.
    private func follow(_ start: UInt32, in table: [UInt32], what: String, sectorLimit: Int) throws(OfficeError) -> [Int] {
        var chain: [Int] = []
        var visited = [Bool](repeating: false, count: min(table.count, sectorLimit))
        var current = start
        while current != Self.endOfChain {
            guard current <= Self.maxRegularSector, Int(current) < visited.count else {
                throw Self.damaged("\(what)的扇区链指向文件之外，文件可能不完整")
            }
            let index = Int(current)
            guard !visited[index] else { throw Self.damaged("\(what)的扇区链出现循环") }
            visited[index] = true
            chain.append(index)
            current = table[index]
        }
        return chain
    }

    /// Copies `size` bytes from the chain's sectors. The size was checked against the file; here
    /// it is checked against the chain, which may be shorter than the entry claims.
    private func gather(_ chain: [Int], sectorSize: Int, from source: [UInt8], base: Int, size: Int, name: String)
        throws(OfficeError) -> [UInt8]
    {
        guard size <= chain.count * sectorSize else {
            throw Self.damaged("流“\(name)”声明 \(size) 字节，但它的扇区链只有 \(chain.count * sectorSize) 字节")
        }
        var result: [UInt8] = []
        result.reserveCapacity(size)
        for sector in chain where result.count < size {
            let from = base + sector * sectorSize
            let take = min(sectorSize, size - result.count)
            guard from <= source.count, take <= source.count - from else {
                throw Self.damaged("流“\(name)”的扇区在文件之外，文件可能不完整")
            }
            result.append(contentsOf: source[from..<(from + take)])
        }
        return result
    }

    private func sectorOffset(_ sector: UInt32) -> Int {
        (Int(sector) + 1) * sectorSize
    }
}
