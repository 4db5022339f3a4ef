import GoalCore

/// Names compared as arrays of scalar values, the way `Taxonomy.key` compares them (half-width, no
/// spaces or `*`, no trailing colon or 指标), but in one pass without Character segmentation or
/// Unicode property look-ups: this runs several times per row and dominated the profile as Strings.
typealias Key = [UInt32]

enum Keys {
    /// Same result as `Taxonomy.key(text)`, as scalars, except that a trailing bracket is left out.
    static func key(_ text: String) -> Key {
        var out: Key = []
        out.reserveCapacity(text.utf8.count / 3 + 1)
        Scalars.forEach(in: text) { u in
            var v = u
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 }
            if isBlank(v) || v == 0x2A { return } // spaces and the form's `*` marks
            out.append(v)
        }
        while let last = out.last, last == 0x3A || last == 0xFF1A { out.removeLast() } // : ：
        // 产出指标（50分）: points or notes in brackets after a level name are not part of it.
        if out.count > 2, out.last == 0x29, let open = out.lastIndex(of: 0x28), open >= 2 { out.removeSubrange(open...) }
        if out.count > 2 && out[out.count - 2] == zhi && out[out.count - 1] == biao { out.removeLast(2) }
        return out
    }

    private static let zhi: UInt32 = 0x6307 // 指
    private static let biao: UInt32 = 0x6807 // 标

    /// Whitespace and invisible characters users paste: ASCII blanks, NBSP, the Unicode spaces,
    /// zero-width space, BOM, ideographic space.
    @inline(__always) static func isBlank(_ v: UInt32) -> Bool {
        // nearly every scalar asked about is printable ASCII or CJK, none of them blank: told so by
        // two comparisons before the switch (a call of its own on every trimmed cell's two ends)
        if (v > 0x20 && v < 0x85) || (v > 0x3000 && v < 0xFEFF) { return false }
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Whether two texts have the same UTF-8 bytes (not merely canonically equal, as `==` decides):
    /// compared over the strings' contiguous storage, which the generic `elementsEqual` over two
    /// `UTF8View`s did an order of magnitude slower.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let r: Bool?? = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard x.count == y.count else { return false }
                for i in 0..<x.count where x[i] != y[i] { return false }
                return true
            }
        }
        if let r, let r { return r }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// `text` without blanks at either end; the same String when there are none (the usual case).
    static func trim(_ text: String) -> String {
        // Nearly every cell is clean at both ends: tell so from the UTF-8 bytes at either end, without
        // walking the scalar view from the back (which dominated this function in the profile).
        if text.utf8.withContiguousStorageIfAvailable({ !isBlank(UTF8Ends.first($0)) && !isBlank(UTF8Ends.last($0)) })
            == true
        {
            return text
        }
        let s = text.unicodeScalars
        guard let f = s.first, let l = s.last else { return text }
        if !isBlank(f.value) && !isBlank(l.value) { return text }
        var start = s.startIndex, end = s.endIndex
        while start < end, isBlank(s[start].value) { start = s.index(after: start) }
        while end > start, isBlank(s[s.index(before: end)].value) { end = s.index(before: end) }
        return String(s[start..<end])
    }
}

/// Scalars decoded straight from valid UTF-8 (as Swift strings hold it): one at a position (what
/// `Scalars.forEach` walks with), and the first and last from the bytes at that end only. For the
/// ends, an empty buffer gives 0x20, a blank, so that callers take their general path.
enum UTF8Ends {
    @inline(__always) static func first(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let b0 = b.first else { return 0x20 }
        return decode(b, at: 0, lead: b0)
    }

    @inline(__always) static func last(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard !b.isEmpty else { return 0x20 }
        var i = b.count - 1
        while i > 0 && b[i] & 0xC0 == 0x80 { i -= 1 } // back over continuation bytes to the lead byte
        return decode(b, at: i, lead: b[i])
    }

    /// The scalar whose UTF-8 starts at `i` with `lead`.
    @inline(__always) static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int, lead: UInt8) -> UInt32 {
        let v = UInt32(lead)
        if lead < 0x80 { return v }
        if lead < 0xE0 { return (v & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F) }
        if lead < 0xF0 { return (v & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F) }
        return (v & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
    }

    /// How many bytes the scalar led by `lead` takes.
    @inline(__always) static func length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

/// A number as typed in the common case (ASCII digits, one `.`, an optional leading `-`), read without
/// the general parser; nil sends the caller to `Target.parse` for everything else.
enum QuickNumber {
    static func parse(_ text: String) -> Double? {
        let u = text.utf8
        guard !u.isEmpty, u.count < 32 else { return nil }
        // read over the string's bytes where it has them at hand: iterating the UTF-8 view asked at
        // every byte where the string keeps its text
        guard u.withContiguousStorageIfAvailable({ isPlain($0) }) ?? isPlain(u) else { return nil }
        let quick: Double?? = u.withContiguousStorageIfAvailable { exactDecimal($0) }
        return (quick ?? exactDecimal(u)) ?? Double(text)
    }

    /// Only ASCII digits, at most one `.` and a leading `-`, with a digit among them.
    private static func isPlain<C: Collection<UInt8>>(_ u: C) -> Bool {
        var sawDigit = false, sawDot = false, i = 0
        for b in u {
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
            } else if b == 0x2E && !sawDot {
                sawDot = true
            } else if b == 0x2D && i == 0 {
            } else {
                return false
            }
            i += 1
        }
        return sawDigit
    }

    /// `Double(text)` of a plain decimal (`-`? digits, then `.` and digits or nothing) of at most 15
    /// digits, without strtod; nil for anything else, which the caller reads with `Double(text)`.
    /// Up to 15 digits the integer is exact in a Double, and so is 10^decimals: one IEEE division
    /// rounds their exact quotient correctly, which is what strtod returns.
    static func exactDecimal<C: Collection<UInt8>>(_ u: C) -> Double? {
        var mantissa: UInt64 = 0, digits = 0, decimals = 0, digitsBeforeDot = 0
        var sawDot = false, negative = false, first = true
        for b in u {
            defer { first = false }
            if b >= 0x30 && b <= 0x39 {
                guard digits < 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                digits += 1
                if sawDot { decimals += 1 } else { digitsBeforeDot += 1 }
            } else if b == 0x2E && !sawDot {
                sawDot = true
            } else if b == 0x2D && first {
                negative = true
            } else {
                return nil
            }
        }
        // `5.` and `.5` are left to strtod
        guard digitsBeforeDot > 0, !sawDot || decimals > 0 else { return nil }
        let n = Double(mantissa) / powersOfTen[decimals]
        return negative ? -n : n
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// `1023人`, `98%`, `120元/人/月`: a leading ASCII number and a short unit after it.
    static func split(_ text: String) -> (number: Double, unit: String?)? {
        // The number is ASCII: its length in bytes is its length in scalars. Measured and read from the
        // UTF-8 bytes; the text is cut into Strings once, at the end.
        let u = text.utf8
        guard let read = u.withContiguousStorageIfAvailable({ split(bytes: $0) }) ?? split(bytes: Array(u)) else { return nil }
        guard let n = read.number ?? Double(String(decoding: u.prefix(read.length), as: UTF8.self)) else { return nil }
        guard read.length < u.count else { return (n, nil) }
        if read.restScalars > 8 { return nil }
        return (n, String(text[u.index(u.startIndex, offsetBy: read.length)...]))
    }

    /// The leading number's length in bytes (0: none), its value when `exactDecimal` reads it, and
    /// how many scalars follow it.
    private static func split<C: Collection<UInt8>>(bytes u: C) -> (length: Int, number: Double?, restScalars: Int)? {
        var length = 0
        var sawDot = false
        for b in u {
            if b >= 0x30 && b <= 0x39 { length += 1; continue }
            if b == 0x2E && !sawDot { sawDot = true; length += 1; continue }
            break
        }
        guard length > 0 else { return nil }
        // a scalar starts at every byte that is no continuation byte
        let rest = u.dropFirst(length).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (length, exactDecimal(u.prefix(length)), rest)
    }
}
