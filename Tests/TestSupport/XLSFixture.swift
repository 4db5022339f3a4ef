import Foundation

/// Builds .xls files record by record, for tests that need a record no program we can run here
/// writes on demand (a FORMULA with a text result, BIFF5 text in a code page, FILEPASS) and for
/// hostile files damaged at a known place. Follows [MS-XLS] and [MS-CFB]; nothing is copied.
public struct BIFFWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func record(_ type: Int, _ data: [UInt8]) {
        bytes += Self.u16(type) + Self.u16(data.count) + data
    }

    public static func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    public static func u32(_ value: Int) -> [UInt8] { u16(value & 0xFFFF) + u16(value >> 16 & 0xFFFF) }
    public static func f64(_ value: Double) -> [UInt8] {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
    }

    /// A BIFF8 string with a 2-byte count, stored one byte a character when it can be.
    public static func unicode(_ text: String, countBytes: Int = 2) -> [UInt8] {
        let units = Array(text.utf16)
        let compressed = units.allSatisfy { $0 < 0x100 }
        let count = countBytes == 1 ? [UInt8(units.count)] : u16(units.count)
        return count + [compressed ? 0 : 1] + (compressed ? units.map { UInt8($0) } : units.flatMap { u16(Int($0)) })
    }

    /// Cell records: row and column 0-based, then the XF index.
    public static func cellHeader(_ row: Int, _ column: Int, xf: Int = 15) -> [UInt8] { u16(row) + u16(column) + u16(xf) }
}

/// A whole .xls workbook stream: globals (BOF, optional extra records, XFs, BOUNDSHEETs, SST, EOF)
/// and one worksheet substream per sheet. `biff5` writes Excel 95's byte strings instead.
public enum XLSFixture {
    public struct SheetSpec {
        public var name: String
        public var records: [(Int, [UInt8])]
        public var hidden: Bool
        public init(name: String, records: [(Int, [UInt8])], hidden: Bool = false) {
            self.name = name
            self.records = records
            self.hidden = hidden
        }
    }

    public static func workbookStream(
        sheets: [SheetSpec], sharedStrings: [String] = [], globals extra: [(Int, [UInt8])] = [],
        biff5: Bool = false, nameBytes: (String) -> [UInt8] = { Array($0.utf8) }
    ) -> [UInt8] {
        func globals(offsets: [Int]) -> [UInt8] {
            var w = BIFFWriter()
            w.record(
                0x0809,
                BIFFWriter.u16(biff5 ? 0x0500 : 0x0600) + BIFFWriter.u16(0x0005) + [UInt8](repeating: 0, count: biff5 ? 4 : 12))
            for (type, data) in extra { w.record(type, data) }
            // 16 XFs, the minimum Excel writes; cells use XF 15 (General) unless a test adds its own.
            for _ in 0..<16 {
                w.record(0x00E0, BIFFWriter.u16(0) + BIFFWriter.u16(0) + [UInt8](repeating: 0, count: biff5 ? 12 : 16))
            }
            for (index, sheet) in sheets.enumerated() {
                let name =
                    biff5
                    ? [UInt8(nameBytes(sheet.name).count)] + nameBytes(sheet.name) : BIFFWriter.unicode(sheet.name, countBytes: 1)
                w.record(0x0085, BIFFWriter.u32(offsets[index]) + [sheet.hidden ? 1 : 0, 0] + name)
            }
            if !sharedStrings.isEmpty, !biff5 {
                w.record(
                    0x00FC,
                    BIFFWriter.u32(sharedStrings.count) + BIFFWriter.u32(sharedStrings.count)
                        + sharedStrings.flatMap { BIFFWriter.unicode($0) })
            }
            w.record(0x000A, [])
            return w.bytes
        }
        let sheetStreams: [[UInt8]] = sheets.map { sheet in
            var w = BIFFWriter()
            w.record(
                0x0809,
                BIFFWriter.u16(biff5 ? 0x0500 : 0x0600) + BIFFWriter.u16(0x0010) + [UInt8](repeating: 0, count: biff5 ? 4 : 12))
            for (type, data) in sheet.records { w.record(type, data) }
            w.record(0x000A, [])
            return w.bytes
        }
        var offsets: [Int] = []
        var position = globals(offsets: Array(repeating: 0, count: sheets.count)).count
        for stream in sheetStreams {
            offsets.append(position)
            position += stream.count
        }
        return globals(offsets: offsets) + sheetStreams.flatMap { $0 }
    }

    /// Where the parts of a file made by `compoundFile` lie, so tests can damage them on purpose.
    public struct Layout {
        public var fatSectors: [Int]
        public var directorySector: Int
        /// The sectors of each stream, in order.
        public var streamSectors: [[Int]]
        /// Byte offset of a sector in the file (version 3: 512-byte sectors after a 512-byte header).
        public static func offset(ofSector sector: Int) -> Int { (sector + 1) * 512 }
        /// Byte offset of the FAT entry for a sector.
        public func fatEntryOffset(_ sector: Int) -> Int { Self.offset(ofSector: fatSectors[sector / 128]) + sector % 128 * 4 }
        /// Byte offset of a directory entry (0 is the root).
        public func directoryEntryOffset(_ index: Int) -> Int { Self.offset(ofSector: directorySector) + index * 128 }
    }

    /// A version 3 compound file holding the streams in the root storage. Streams are padded to
    /// 4,096 bytes, as Excel pads its Workbook stream, so that none lives in the mini stream.
    public static func compoundFile(streams: [(String, [UInt8])]) -> (Data, Layout) {
        let padded = streams.map { ($0.0, $0.1 + [UInt8](repeating: 0, count: max(0, 4096 - $0.1.count))) }
        let streamSectorCounts = padded.map { ($0.1.count + 511) / 512 }
        let directorySectors = 1 // 4 entries a sector: root plus up to 3 streams
        precondition(streams.count <= 3)
        var fatCount = 1
        while fatCount * 128 < fatCount + directorySectors + streamSectorCounts.reduce(0, +) { fatCount += 1 }
        var fat = [Int](repeating: 0xFFFF_FFFF, count: fatCount * 128)
        for index in 0..<fatCount { fat[index] = 0xFFFF_FFFD }
        let directorySector = fatCount
        fat[directorySector] = 0xFFFF_FFFE
        var next = directorySector + 1
        var streamSectors: [[Int]] = []
        for count in streamSectorCounts {
            let sectors = Array(next..<(next + count))
            for (offset, sector) in sectors.enumerated() { fat[sector] = offset == count - 1 ? 0xFFFF_FFFE : sector + 1 }
            streamSectors.append(sectors)
            next += count
        }
        var header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += BIFFWriter.u16(0x003E) + BIFFWriter.u16(3) + BIFFWriter.u16(0xFFFE) + BIFFWriter.u16(9) + BIFFWriter.u16(6)
        header += [UInt8](repeating: 0, count: 6) + BIFFWriter.u32(0) + BIFFWriter.u32(fatCount) + BIFFWriter.u32(directorySector)
        header += BIFFWriter.u32(0) + BIFFWriter.u32(4096) + BIFFWriter.u32(0xFFFF_FFFE) + BIFFWriter.u32(0)
        header += BIFFWriter.u32(0xFFFF_FFFE) + BIFFWriter.u32(0)
        for index in 0..<109 { header += BIFFWriter.u32(index < fatCount ? index : 0xFFFF_FFFF) }
        var file = header
        for sector in 0..<fatCount { file += fat[(sector * 128)..<((sector + 1) * 128)].flatMap { BIFFWriter.u32($0) } }
        var directory: [UInt8] = []
        func entry(_ name: String, type: UInt8, right: Int, child: Int, start: Int, size: Int) -> [UInt8] {
            let units = Array(name.utf16)
            var bytes: [UInt8] = units.flatMap { BIFFWriter.u16(Int($0)) }
            bytes += [0, 0]
            bytes += [UInt8](repeating: 0, count: 64 - bytes.count)
            bytes += BIFFWriter.u16((units.count + 1) * 2)
            bytes += [type, UInt8(1)]
            bytes += BIFFWriter.u32(0xFFFF_FFFF) + BIFFWriter.u32(right) + BIFFWriter.u32(child)
            bytes += [UInt8](repeating: 0, count: 16 + 4 + 16)
            bytes += BIFFWriter.u32(start)
            bytes += BIFFWriter.u32(size)
            bytes += BIFFWriter.u32(0)
            return bytes
        }
        directory += entry(
            "Root Entry", type: 5, right: 0xFFFF_FFFF, child: streams.isEmpty ? 0xFFFF_FFFF : 1, start: 0xFFFF_FFFE, size: 0)
        for (index, stream) in padded.enumerated() {
            directory += entry(
                stream.0, type: 2, right: index + 1 < padded.count ? index + 2 : 0xFFFF_FFFF, child: 0xFFFF_FFFF,
                start: streamSectors[index][0], size: stream.1.count)
        }
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        file += directory
        for stream in padded { file += stream.1 + [UInt8](repeating: 0, count: (512 - stream.1.count % 512) % 512) }
        return (
            Data(file), Layout(fatSectors: Array(0..<fatCount), directorySector: directorySector, streamSectors: streamSectors)
        )
    }

    /// An .xls file: the workbook stream in a compound file.
    public static func xls(
        sheets: [SheetSpec], sharedStrings: [String] = [], globals: [(Int, [UInt8])] = [], biff5: Bool = false,
        nameBytes: (String) -> [UInt8] = { Array($0.utf8) }
    ) -> (Data, Layout) {
        let stream = workbookStream(
            sheets: sheets, sharedStrings: sharedStrings, globals: globals, biff5: biff5, nameBytes: nameBytes)
        return compoundFile(streams: [(biff5 ? "Book" : "Workbook", stream)])
    }
}
