import Foundation

/// The record types of a BIFF workbook stream ([MS-XLS] 2.3) that the reader uses.
enum BIFFRecordType {
    static let bof: Int = 0x0809
    static let eof: Int = 0x000A
    static let boundSheet: Int = 0x0085
    static let sst: Int = 0x00FC
    static let continuation: Int = 0x003C
    static let labelSST: Int = 0x00FD
    static let label: Int = 0x0204
    static let richLabel: Int = 0x00D6
    static let number: Int = 0x0203
    static let rk: Int = 0x027E
    static let mulRK: Int = 0x00BD
    static let formula: Int = 0x0006
    static let string: Int = 0x0207
    static let boolErr: Int = 0x0205
    static let blank: Int = 0x0201
    static let mulBlank: Int = 0x00BE
    static let mergedCells: Int = 0x00E5
    static let dateMode: Int = 0x0022
    static let codePage: Int = 0x0042
    static let filePass: Int = 0x002F
    static let dimensions: Int = 0x0200
    static let row: Int = 0x0208
    static let colInfo: Int = 0x007D
    static let format: Int = 0x041E
    static let xf: Int = 0x00E0
}

/// One record: its type and where its data lies in the stream.
struct BIFFRecord {
    var type: Int
    /// Offset of the record's data (after the 4-byte header) in the stream.
    var offset: Int
    var length: Int
    /// Offset of the next record's header.
    var end: Int { offset + length }
}

/// A workbook stream read record by record.
struct BIFFStream {
    let bytes: [UInt8]

    /// The record whose header starts at `position`, or nil where the stream ends (the stream is
    /// often padded with zeros after the last EOF, and a header cut short ends it too).
    func record(at position: Int) throws(OfficeError) -> BIFFRecord? {
        guard position >= 0, position <= bytes.count - 4 else { return nil }
        let type = Int(bytes[position]) | Int(bytes[position + 1]) << 8
        let length = Int(bytes[position + 2]) | Int(bytes[position + 3]) << 8
        guard length <= bytes.count - position - 4 else {
            throw CompoundFileReader.damaged(String(format: "记录 0x%04X 在工作簿流的结尾被截断", type))
        }
        return BIFFRecord(type: type, offset: position + 4, length: length)
    }

    /// The data of one record as a bounded view.
    func data(_ record: BIFFRecord) -> LittleEndianBytes {
        LittleEndianBytes(bytes, start: record.offset, count: record.length)
    }

    /// The record and the CONTINUE records right after it, read as one run of bytes: the SST and
    /// long STRING records go on in CONTINUE records once they pass 8,224 bytes.
    /// Returns the run and the position after the last CONTINUE.
    func continued(_ record: BIFFRecord) throws(OfficeError) -> (ContinuedBytes, Int) {
        var run = ContinuedBytes()
        run.bytes.append(contentsOf: bytes[record.offset..<record.end])
        var position = record.end
        while let next = try self.record(at: position), next.type == BIFFRecordType.continuation {
            run.segmentStarts.append(run.bytes.count)
            run.bytes.append(contentsOf: bytes[next.offset..<next.end])
            position = next.end
        }
        return (run, position)
    }
}

/// A record's data with its CONTINUE records appended, remembering where each began: a string
/// whose characters cross into a CONTINUE record starts there again with a byte saying whether the
/// rest is stored one byte a character (compressed) or two.
struct ContinuedBytes {
    var bytes: [UInt8] = []
    var segmentStarts: [Int] = []
}

/// Reads a `ContinuedBytes` front to back.
struct ContinuedCursor {
    let run: ContinuedBytes
    private(set) var position = 0
    private var nextSegment = 0

    init(_ run: ContinuedBytes) {
        self.run = run
    }

    var atEnd: Bool { position >= run.bytes.count }

    mutating func u8() throws(ShortRead) -> Int {
        guard position < run.bytes.count else { throw ShortRead() }
        defer { position += 1 }
        return Int(run.bytes[position])
    }

    mutating func u16() throws(ShortRead) -> Int {
        let low = try u8()
        return low | (try u8()) << 8
    }

    mutating func u32() throws(ShortRead) -> UInt32 {
        let low = UInt32(try u16())
        return low | UInt32(try u16()) << 16
    }

    mutating func skip(_ count: Int) throws(ShortRead) {
        guard count >= 0, count <= run.bytes.count - position else { throw ShortRead() }
        position += count
    }

    /// `count` characters, one byte each (Latin-1) when `compressed`, else UTF-16LE; at each
    /// CONTINUE boundary inside the characters, a flag byte says how the rest is stored.
    mutating func characters(_ count: Int, compressed startCompressed: Bool) throws(ShortRead) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(min(count, run.bytes.count - position))
        var compressed = startCompressed
        var left = count
        while left > 0 {
            while nextSegment < run.segmentStarts.count, run.segmentStarts[nextSegment] < position { nextSegment += 1 }
            let segmentEnd = nextSegment < run.segmentStarts.count ? run.segmentStarts[nextSegment] : run.bytes.count
            if position == segmentEnd {
                // At a CONTINUE boundary (or the end, where u8 throws): the flag byte.
                compressed = try u8() & 1 == 0
                nextSegment += 1
                continue
            }
            let width = compressed ? 1 : 2
            let fit = min(left, (segmentEnd - position) / width)
            guard fit > 0 else { throw ShortRead() }
            if compressed {
                for index in position..<(position + fit) { units.append(UInt16(run.bytes[index])) }
            } else {
                var index = position
                for _ in 0..<fit {
                    units.append(UInt16(run.bytes[index]) | UInt16(run.bytes[index + 1]) << 8)
                    index += 2
                }
            }
            position += fit * width
            left -= fit
        }
        return String(decoding: units, as: UTF16.self)
    }
}
