import Foundation

/// Folding of the look-alike characters users type in Chinese documents, used only for *reading*:
/// the text as written is always kept beside what was parsed from it.
public enum TextNormalizer {
    /// Full-width ASCII (０-９, ＞, ％, （ …) to half-width, ideographic space to space.
    public static func halfWidth(_ s: String) -> String {
        if !needsFolding(s, forKey: false) { return s }
        return fold(s, forKey: false)
    }

    /// The form of a label used to compare it: half-width, no spaces, no `*` marks, no trailing colon.
    public static func labelKey(_ s: String) -> String {
        // this runs on every cell of every pasted line: most cells need no change at all
        if !needsFolding(s, forKey: true) { return s }
        return fold(s, forKey: true)
    }

    /// `halfWidth` (or, `forKey`, `labelKey`) on the UTF-8 bytes: every change maps whole scalars to
    /// ASCII or drops them, so the result is written byte by byte into a string no longer than `s`.
    /// Full-width forms U+FF01–U+FF5E are EF BC 81…EF BD 9E and fold to 0x21…0x7E; the ideographic
    /// space is E3 80 80.
    static func fold(_ s: String, forKey: Bool) -> String {
        PlainText.withUTF8(s) { u in
            String(unsafeUninitializedCapacity: u.count) { out in
                let n = u.count
                var i = 0, o = 0
                while i < n {
                    let (folded, width) = foldedScalar(u, at: i, forKey: forKey)
                    switch folded {
                    case .ascii(let a):
                        out[o] = a
                        o += 1
                    case .copied:
                        for k in 0..<min(width, n - i) { out[o + k] = u[i + k] }
                        o += min(width, n - i)
                    case .dropped:
                        break
                    }
                    i += width
                }
                if forKey { while o > 0 && out[o - 1] == UInt8(ascii: ":") { o -= 1 } }
                return o
            }
        }
    }

    /// What `fold` makes of one scalar.
    enum Folded {
        case ascii(UInt8)
        case copied
        case dropped
    }

    /// What `halfWidth` (or, `forKey`, `labelKey`) makes of the scalar whose UTF-8 starts at byte `i` of
    /// `u`, and the scalar's length in bytes: `fold`'s one step, and `keyUnit`'s.
    @inline(__always)
    static func foldedScalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int, forKey: Bool) -> (Folded, width: Int) {
        let n = u.count
        let b = u[i]
        let ascii: UInt8 // the scalar at i folded to ASCII
        var width = 1
        if b == 0xEF, i + 2 < n, (u[i + 1] == 0xBC && u[i + 2] >= 0x81) || (u[i + 1] == 0xBD && u[i + 2] <= 0x9E) {
            ascii = u[i + 1] == 0xBC ? u[i + 2] - 0x60 : u[i + 2] - 0x20
            width = 3
        } else if b == 0xE3, i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0x80 {
            ascii = 0x20
            width = 3
        } else if b < 0x80 {
            ascii = b
        } else if forKey, b == 0xC2, i + 1 < n, u[i + 1] == 0xA0 {
            return (.dropped, 2) // no-break space: dropped from keys
        } else if forKey, b == 0xE2, i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0x8B {
            return (.dropped, 3) // zero-width space
        } else if forKey, b == 0xEF, i + 2 < n, u[i + 1] == 0xBB, u[i + 2] == 0xBF {
            return (.dropped, 3) // byte-order mark
        } else {
            // any other scalar is copied as it is
            return (.copied, b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2)
        }
        if forKey && (ascii == 0x20 || ascii == 0x09 || ascii == 0x0A || ascii == 0x0D || ascii == 0x2A) {
            return (.dropped, width)
        }
        return (.ascii(ascii), width)
    }

    /// What `labelKey` leaves of the scalar whose UTF-8 starts at byte `i` of `u`, by `fold`'s step, as
    /// a number (the ASCII byte it folds to, or the UTF-8 bytes of a scalar copied as it is; nil when
    /// it is dropped), and the scalar's length in bytes: the key's scalars one by one, without making
    /// it. The trailing colons `labelKey` also drops are among them.
    @inline(__always)
    static func keyUnit(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (unit: UInt32?, width: Int) {
        let (folded, width) = foldedScalar(u, at: i, forKey: true)
        switch folded {
        case .ascii(let a):
            return (UInt32(a), width)
        case .copied:
            var unit: UInt32 = 0
            for k in i..<min(i + width, u.count) { unit = unit << 8 | UInt32(u[k]) }
            return (unit, width)
        case .dropped:
            return (nil, width)
        }
    }

    /// `s.filter { !$0.isWhitespace }`; on the bytes when `s` is plain (see `PlainText`), whose only
    /// white space is ASCII and the ideographic space.
    public static func withoutWhitespace(_ s: String) -> String {
        guard PlainText.isPlain(s) else { return s.filter { !$0.isWhitespace } }
        return PlainText.withUTF8(s) { u in
            func spaceLength(at i: Int) -> Int {
                let b = u[i]
                if b == 0x20 || (b >= 0x09 && b <= 0x0C) { return 1 }
                return b == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80 ? 3 : 0
            }
            guard u.indices.contains(where: { spaceLength(at: $0) > 0 }) else { return s }
            return String(unsafeUninitializedCapacity: u.count) { out in
                var o = 0, i = 0
                while i < u.count {
                    let w = spaceLength(at: i)
                    if w > 0 { i += w; continue }
                    out[o] = u[i]; o += 1; i += 1
                }
                return o
            }
        }
    }

    /// Whether `s` holds anything `halfWidth` (or, `forKey`, `labelKey`) would change, by a scan
    /// of its UTF-8 bytes: full-width forms are EF BC xx / EF BD xx, the ideographic space E3 80 80.
    static func needsFolding(_ s: String, forKey: Bool) -> Bool {
        PlainText.withUTF8(s) { u in
            // lead bytes never occur inside a sequence, so each pattern is tested where its first byte is
            let n = u.count
            for i in 0..<n {
                let b = u[i]
                if b < 0x80 {
                    if forKey && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2A || b == 0x3A) { return true }
                } else if b == 0xEF {
                    if i + 1 < n && (u[i + 1] == 0xBC || u[i + 1] == 0xBD || u[i + 1] == 0xBB) { return true }
                } else if b == 0xE3 {
                    if i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x80 { return true }
                } else if forKey && b == 0xC2 {
                    if i + 1 < n && u[i + 1] == 0xA0 { return true }
                } else if forKey && b == 0xE2 {
                    if i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x8B { return true }
                }
            }
            return false
        }
    }

    /// Substring search on UTF-8 bytes. Foundation's `contains` goes through NSString on Linux,
    /// which costs more than everything else the importer does to a cell.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        PlainText.withUTF8(needle) { n in
            PlainText.withUTF8(haystack) { h in contains(h, n) }
        }
    }

    /// Substring search on bytes.
    @inlinable
    public static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = n.first else { return true }
        let count = h.count, m = n.count
        if m > count { return false }
        guard m >= 2, let hp = UnsafeRawPointer(h.baseAddress), let np = UnsafeRawPointer(n.baseAddress) else {
            return h.contains(first)
        }
        // The first two bytes are compared as one 16-bit word: in Chinese text nearly every third
        // byte is a lead byte E4–E9, so a first-byte test alone stops almost everywhere.
        let head = np.loadUnaligned(as: UInt16.self)
        var i = 0
        while i <= count - m {
            if hp.loadUnaligned(fromByteOffset: i, as: UInt16.self) == head,
                m == 2 || memcmp(hp + i + 2, np + 2, m - 2) == 0
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// Trims spaces, tabs, ideographic spaces and zero-width characters at both ends.
    @inlinable
    public static func trim(_ s: some StringProtocol) -> String {
        // most cells have nothing to trim: their end bytes say so without decoding anything
        if s.utf8.withContiguousStorageIfAvailable({ endsAreSolid($0) }) == true { return String(s) }
        return trimmed(Substring(s))
    }

    /// Whether the first and the last scalar are surely not blank, by their bytes: ASCII, CJK
    /// ideographs (U+4000–U+9FFF, lead bytes E4–E9) and full-width forms (EF BC, EF BD). Anything
    /// else is left to `trimmed`.
    @usableFromInline
    static func endsAreSolid(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        func solid(at i: Int) -> Bool {
            let b = u[i]
            if b < 0x80 { return !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) }
            if b >= 0xE4 && b <= 0xE9 { return true }
            return b == 0xEF && i + 1 < u.count && (u[i + 1] == 0xBC || u[i + 1] == 0xBD)
        }
        guard !u.isEmpty, solid(at: 0) else { return false }
        var last = u.count - 1
        while last > 0 && u[last] & 0xC0 == 0x80 { last -= 1 }
        return solid(at: last)
    }

    /// `trim` of plain text (see `PlainText`) on its bytes: its only blank scalars are ASCII white
    /// space and the ideographic space.
    public static func trimPlain(_ u: UnsafeBufferPointer<UInt8>) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var start = 0, end = u.count
        while start < end {
            if isSpace(u[start]) {
                start += 1
            } else if end - start >= 3, u[start] == 0xE3, u[start + 1] == 0x80, u[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if isSpace(u[end - 1]) {
                end -= 1
            } else if end - start >= 3, u[end - 3] == 0xE3, u[end - 2] == 0x80, u[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)
    }

    @usableFromInline
    static func trimmed(_ s: Substring) -> String {
        if let f = s.unicodeScalars.first, let l = s.unicodeScalars.last, !isBlankScalar(f), !isBlankScalar(l) {
            return String(s)
        }
        var sub = s
        // one Character at a time by `index(after:)`/`index(before:)`: `dropLast()` on a Substring
        // measures the whole text first
        while let f = sub.first, isBlank(f) { sub = sub[sub.index(after: sub.startIndex)...] }
        while let l = sub.last, isBlank(l) { sub = sub[..<sub.index(before: sub.endIndex)] }
        return String(sub)
    }

    static func isBlankScalar(_ u: Unicode.Scalar) -> Bool {
        // ASCII, ideographs and full-width forms answer without the Unicode property tables
        if u.value < 0x80 { return u.value == 0x20 || (u.value >= 0x09 && u.value <= 0x0D) }
        if (u.value >= 0x3400 && u.value <= 0x9FFF) || (u.value >= 0xFF01 && u.value <= 0xFF5E) { return false }
        return u.properties.isWhitespace || u.value == 0x3000 || u.value == 0x200B || u.value == 0xFEFF
    }

    static func isBlank(_ c: Character) -> Bool {
        c.isWhitespace || c == "\u{3000}" || c == "\u{200B}" || c == "\u{FEFF}"
    }

    /// Parses a decimal number as typed: full-width digits, thousands separators `1,234`, a leading `+`.
    /// Returns nil for anything that is not wholly a number.
    public static func number(_ text: String) -> Double? {
        // plain text (see `PlainText`), as nearly every cell is, is read on its bytes
        if PlainText.withUTF8(text, { PlainText.isPlain($0) && $0.count <= 96 }) {
            return PlainText.withUTF8(text) { plainNumber($0) }
        }
        var s = halfWidth(text).filter { !$0.isWhitespace }
        if s.isEmpty { return nil }
        if s.first == "+" { s.removeFirst() }
        if s.utf8.contains(UInt8(ascii: ",")) {
            // only a thousands separator: digits in groups of three
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count > 1, parts.dropFirst().allSatisfy({ $0.prefix(while: \.isNumber).count == 3 })
            else { return nil }
            s = parts.joined()
        }
        var sawDigit = false, sawDot = false
        for (i, c) in s.enumerated() {
            if c.isASCII && c.isNumber { sawDigit = true; continue }
            if c == "." && !sawDot { sawDot = true; continue }
            if c == "-" && i == 0 { continue }
            return nil
        }
        guard sawDigit else { return nil }
        return Double(s)
    }

    /// `number` for plain text (see `PlainText`), on its bytes: every scalar is a Character, the only
    /// white space is ASCII or the ideographic space, and a number is ASCII once folded, so the text is
    /// folded into a small buffer and checked there. Digit groups are checked for ASCII digits where
    /// `number` asks `isNumber`: a group that differs holds a non-ASCII numeral (万), which no number
    /// has, so the answer is nil either way.
    static func plainNumber(_ u: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count) { buf -> Double? in
            var n = 0
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    i += 1
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
                    buf[n] = b; n += 1
                } else if b == 0xEF, u[i + 1] == 0xBC || u[i + 1] == 0xBD {
                    // full-width ASCII: ０-９ ． ， ＋ －, or anything else, which is never part of a number
                    let a = u[i + 1] == 0xBC ? u[i + 2] &- 0x60 : u[i + 2] &- 0x20
                    i += 3
                    buf[n] = a; n += 1
                } else if b == 0xE3, u[i + 1] == 0x80, u[i + 2] == 0x80 {
                    i += 3 // ideographic space
                } else {
                    return nil // any other character is not part of a number
                }
            }
            var start = 0
            if n == 0 { return nil }
            if buf[0] == UInt8(ascii: "+") { start = 1 }
            // only a thousands separator: digits in groups of three
            var hasComma = false
            for k in start..<n where buf[k] == UInt8(ascii: ",") { hasComma = true; break }
            if hasComma {
                var k = start, groupStart = -1, w = start
                while k <= n {
                    if k == n || buf[k] == UInt8(ascii: ",") {
                        if groupStart >= 0 {
                            var digits = 0
                            while groupStart + digits < k, buf[groupStart + digits] >= 0x30, buf[groupStart + digits] <= 0x39 {
                                digits += 1
                            }
                            if digits != 3 { return nil }
                        }
                        groupStart = k + 1
                    } else {
                        buf[w] = buf[k]; w += 1
                    }
                    k += 1
                }
                n = w
            }
            var sawDigit = false, sawDot = false
            for k in start..<n {
                let c = buf[k]
                if c >= 0x30 && c <= 0x39 { sawDigit = true; continue }
                if c == UInt8(ascii: ".") && !sawDot { sawDot = true; continue }
                if c == UInt8(ascii: "-") && k == start { continue }
                return nil
            }
            guard sawDigit else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<n]), as: UTF8.self))
        }
    }

    /// Formats a number without a trailing `.0` and with at most `decimals` places.
    public static func format(_ value: Double, decimals: Int = 2) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        var s = String(format: "%.\(decimals)f", value)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
}
