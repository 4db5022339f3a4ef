import Foundation

/// A read past the end of a `LittleEndianBytes` view. Cheap to throw on every record; the caller
/// that knows what was being read turns it into a Chinese `OfficeError`.
struct ShortRead: Error {}

/// A bounded view of little-endian bytes: every read checks its range and throws `ShortRead`
/// instead of trapping, because every offset in a binary Office file comes from the file.
struct LittleEndianBytes {
    let bytes: [UInt8]
    let start: Int
    let count: Int

    init(_ bytes: [UInt8], start: Int = 0, count: Int? = nil) {
        self.bytes = bytes
        let from = min(max(start, 0), bytes.count)
        self.start = from
        self.count = min(max(count ?? bytes.count, 0), bytes.count - from)
    }

    /// Whether `length` bytes from `offset` lie inside the view (written so nothing can overflow).
    func has(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    func u8(_ offset: Int) throws(ShortRead) -> Int {
        guard has(offset, 1) else { throw ShortRead() }
        return Int(bytes[start + offset])
    }

    func u16(_ offset: Int) throws(ShortRead) -> Int {
        guard has(offset, 2) else { throw ShortRead() }
        let i = start + offset
        return Int(bytes[i]) | Int(bytes[i + 1]) << 8
    }

    func u32(_ offset: Int) throws(ShortRead) -> UInt32 {
        guard has(offset, 4) else { throw ShortRead() }
        let i = start + offset
        return UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    func u64(_ offset: Int) throws(ShortRead) -> UInt64 {
        let low = try u32(offset)
        let high = try u32(offset + 4)
        return UInt64(low) | UInt64(high) << 32
    }

    func f64(_ offset: Int) throws(ShortRead) -> Double {
        Double(bitPattern: try u64(offset))
    }
}
