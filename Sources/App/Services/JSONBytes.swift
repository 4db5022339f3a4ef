import NIOCore

/// A compact JSON writer straight into a response buffer, for the answers the editor asks for on every
/// pause in typing (`/api/v1/check`): Foundation's `JSONEncoder` on Linux goes through boxed containers
/// and a dictionary per object, which costs more than the check itself. The output is ordinary JSON that
/// `JSONDecoder` reads back into the same DTO (tested in `APITests`); nil optionals are left out, as the
/// synthesized `Encodable` does (`field`), or written as null where the DTO writes every key (`nullable`).
struct JSONBytes {
    private(set) var buffer: ByteBuffer
    /// One flag per open object or array: no member written yet.
    private var first: [Bool] = []
    /// A key was just written: the next value needs no comma.
    private var afterKey = false

    init(capacity: Int = 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        first.reserveCapacity(4)
    }

    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let f = first.last else { return }
        if f { first[first.count - 1] = false } else { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    mutating func beginObject() { separate(); buffer.writeInteger(UInt8(ascii: "{")); first.append(true) }
    mutating func endObject() { first.removeLast(); buffer.writeInteger(UInt8(ascii: "}")) }
    mutating func beginArray() { separate(); buffer.writeInteger(UInt8(ascii: "[")); first.append(true) }
    mutating func endArray() { first.removeLast(); buffer.writeInteger(UInt8(ascii: "]")) }

    /// Keys are the DTOs' own ASCII names: nothing to escape.
    mutating func key(_ k: StaticString) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(k)
        buffer.writeStaticString("\":")
        afterKey = true
    }

    mutating func int(_ n: Int) {
        separate()
        buffer.writeString(String(n))
    }

    mutating func bool(_ b: Bool) {
        separate()
        buffer.writeStaticString(b ? "true" : "false")
    }

    /// Whole numbers without a fraction, as `JSONEncoder` writes them; NaN and infinity, which JSON lacks, as null.
    mutating func number(_ d: Double) {
        separate()
        if !d.isFinite {
            buffer.writeStaticString("null")
        } else if d.rounded() == d && abs(d) < 1e15 {
            buffer.writeString(String(Int64(d)))
        } else {
            buffer.writeString(d.description)
        }
    }

    /// A string with `"`, `\` and control characters escaped; everything else, Chinese included, as UTF-8.
    mutating func string(_ s: String) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            for (k, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                if k > run { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[run..<k]))) }
                switch b {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buffer.writeBytes([
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                        hex[Int(b >> 4)], hex[Int(b & 0xF)],
                    ])
                }
                run = k + 1
            }
            if bytes.count > run { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[run...]))) }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
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
        buffer.writeStaticString("null")
    }
}
