import GoalCore
import NIOCore

/// A compact JSON writer for the answer the editor asks for on every pause in typing
/// (`/api/v1/check`): Foundation's `JSONEncoder` on Linux goes through boxed containers and a
/// dictionary per object, which costs more than the check itself. The output is ordinary JSON that
/// `JSONDecoder` reads back into the same DTO (tested in `CheckAPIFastPathTests`); every key is written,
/// null where there is nothing (`nullable`), as `FindingJSON` encodes itself.
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

    /// A string as JSON writes it (`JSONValue`'s one rule: `"`, `\\`, control characters and U+2028/9
    /// escaped; Chinese as UTF-8).
    mutating func string(_ s: String) {
        separate()
        JSONValue.writeString(s, to: &bytes)
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
