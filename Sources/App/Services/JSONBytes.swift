import NIOCore

/// A compact JSON writer for the answers the editor asks for on every
/// pause in typing (`/api/v1/check`): Foundation's `JSONEncoder` on Linux goes through boxed containers
/// and a dictionary per object, which costs more than the check itself. The output is ordinary JSON that
/// `JSONDecoder` reads back into the same DTO (tested in `APITests`); nil optionals are left out, as the
/// synthesized `Encodable` does (`field`), or written as null where the DTO writes every key (`nullable`).
struct JSONBytes {
    /// Bytes appended to an array, one copy into a `ByteBuffer` at the end: `ByteBuffer`'s writes are
    /// not inlined across the module boundary, and three of them per key were 3 % of the route's time.
    private var bytes: [UInt8] = []
    /// One flag per open object or array: no member written yet.
    private var first: [Bool] = []
    /// A key was just written: the next value needs no comma.
    private var afterKey = false

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
        first.reserveCapacity(4)
    }

    /// The JSON written so far.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let f = first.last else { return }
        if f { first[first.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); first.append(true) }
    mutating func endObject() { first.removeLast(); bytes.append(UInt8(ascii: "}")) }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); first.append(true) }
    mutating func endArray() { first.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Keys are the DTOs' own ASCII names: nothing to escape.
    mutating func key(_ k: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(k)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func int(_ n: Int) {
        separate()
        bytes.append(contentsOf: String(n).utf8)
    }

    mutating func bool(_ b: Bool) {
        separate()
        append(b ? "true" : "false")
    }

    /// Whole numbers without a fraction, as `JSONEncoder` writes them; NaN and infinity, which JSON lacks, as null.
    mutating func number(_ d: Double) {
        separate()
        if !d.isFinite {
            append("null")
        } else if d.rounded() == d && abs(d) < 1e15 {
            bytes.append(contentsOf: String(Int64(d)).utf8)
        } else {
            bytes.append(contentsOf: d.description.utf8)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A string with `"`, `\` and control characters escaped; everything else, Chinese included, as UTF-8.
    mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { text in
            var run = 0
            for k in text.indices {
                let b = text[k]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<k]))
                switch b {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                }
                run = k + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key": value` for an optional: left out when nil.
    mutating func field(_ k: StaticString, _ value: String?) {
        if let value { key(k); string(value) }
    }

    mutating func field(_ k: StaticString, _ value: Int?) {
        if let value { key(k); int(value) }
    }

    /// `"key": value` for an optional, null when nil (a shape whose every key is always written).
    mutating func nullable(_ k: StaticString, _ value: String?) {
        key(k)
        if let value { string(value) } else { null() }
    }

    mutating func nullable(_ k: StaticString, _ value: Int?) {
        key(k)
        if let value { int(value) } else { null() }
    }

    mutating func null() {
        separate()
        append("null")
    }
}
