/// A text assembled from many short pieces written into scratch space on the stack, then copied into a
/// String at once. Appending to a String checks capacity, uniqueness and its ASCII/NFC flags on every
/// piece (hundreds of instructions each), and assembling the bytes in an array of their own first cost an
/// allocation more: a place (`第2张表 第4行“…”（…）`) has seven pieces, and building it cost more
/// than the rules that found the row's problems.
struct TextBuilder {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// The String `build` writes, in at most `capacity` bytes of UTF-8.
    ///
    /// Sound: the builder writes only inside a scratch buffer of `capacity` bytes (every write is
    /// checked against its end), and no caller keeps it past the call (`build` only writes into it),
    /// so neither is the buffer kept. The String copies the `count` bytes written, all of them, without
    /// checking them again: they are valid UTF-8, being whole Strings' bytes (`append(_: String)`),
    /// bytes taken from one (`append(_: [UInt8])`'s callers) and ASCII digits. Checking them cost
    /// as much as writing them: a place or a message is a few dozen Chinese characters.
    @inline(__always) static func string(capacity: Int, _ build: (inout TextBuilder) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var text = TextBuilder(buffer)
            build(&text)
            let written = UnsafeBufferPointer(rebasing: buffer[..<text.count])
            // UTF8Span is in the standard library of Swift 6.2 on; on an Apple system before 26 the
            // bytes are checked as any String's are
            if #available(macOS 26.0, iOS 26.0, *) {
                return unsafe String(copying: UTF8Span(unchecked: written.span))
            }
            return String(decoding: written, as: UTF8.self)
        }
    }

    /// The number of UTF-8 bytes `append(_ n: Int)` writes at most.
    static let intCapacity = 20

    mutating func append(_ s: String) {
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { append($0) }
        if copied == nil { append(Array(s.utf8)) }
    }

    /// Bytes of valid UTF-8, whole characters only (`string` hands them to a String unchecked); checked
    /// in debug builds.
    mutating func append(_ bytes: [UInt8]) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "TextBuilder: bytes are not whole UTF-8")
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= buffer.count, "TextBuilder: capacity exceeded")
        guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
        (to + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// An integer in decimal digits, as `"\(n)"` writes it (row and table numbers).
    mutating func append(_ n: Int) {
        guard n >= 0 && n < 1_000_000_000 else { return append(String(n)) }
        var width = 1, power = 10
        while power <= n { width += 1; power *= 10 }
        precondition(count + width <= buffer.count, "TextBuilder: capacity exceeded")
        var rest = n
        for k in stride(from: count + width - 1, through: count, by: -1) {
            buffer[k] = UInt8(0x30 + rest % 10)
            rest /= 10
        }
        count += width
    }
}

extension TextBuilder {
    /// `a + b` in a String of exactly their length. An interpolation reserves room for its literal text
    /// only and grows (copying what it has) once a place or a name is added; appending to a String
    /// checks capacity, uniqueness and flags on every piece, several hundred instructions each.
    static func joined(_ a: String, _ b: String) -> String {
        string(capacity: a.utf8.count + b.utf8.count) { s in
            s.append(a); s.append(b)
        }
    }

    /// `a + b + c` in a String of exactly their length (see `joined(_:_:)`).
    static func joined(_ a: String, _ b: String, _ c: String) -> String {
        string(capacity: a.utf8.count + b.utf8.count + c.utf8.count) { s in
            s.append(a); s.append(b); s.append(c)
        }
    }

    /// `a + b + … + h` in a String of exactly their length (see `joined(_:_:)`), for the messages of
    /// five pieces and more; the last three may be left out. (A variadic list of pieces cost an array
    /// on the heap per message, which the compiler did not keep on the stack.)
    static func joined(
        _ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String = "", _ g: String = "",
        _ h: String = ""
    ) -> String {
        let capacity =
            a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count + g.utf8.count
            + h.utf8.count
        return string(capacity: capacity) { s in
            s.append(a); s.append(b); s.append(c); s.append(d); s.append(e)
            if !f.isEmpty { s.append(f) }
            if !g.isEmpty { s.append(g) }
            if !h.isEmpty { s.append(h) }
        }
    }

    /// `a + b + c + d` in a String of exactly their length (see `joined(_:_:)`).
    static func joined(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        string(capacity: a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count) { s in
            s.append(a); s.append(b); s.append(c); s.append(d)
        }
    }
}
