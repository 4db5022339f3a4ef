import Foundation

/// Text made only of the characters Chinese forms are written in (ASCII without CR, CJK ideographs,
/// CJK punctuation, full-width forms, general punctuation, ≤ ≥ ≦ ≧, the formula signs × ÷ ± ° · √ ℃
/// and the circled numbers ①–⑳), which can be compared by its
/// UTF-8 bytes with exactly the result Swift's `String` operations give.
///
/// Swift compares and hashes strings up to canonical equivalence and counts grapheme clusters; for
/// CJK text that means normalising on every `==`, every dictionary lookup and every `count`, which is
/// most of an importer's time. None of the scalars admitted here has a canonical decomposition, a
/// combining class or a grapheme-joining role (no CR, ZWJ, combining marks, Hangul, kana voicing
/// marks), so such a text is already in NFC and every scalar is a Character of its own:
/// `==` is byte equality, `count` is the scalar count, `hasPrefix`/`hasSuffix` are byte prefix and
/// suffix. Any other text takes the ordinary `String` path, so nothing is decided differently.
/// Its only white space is ASCII (tab, line feed, vertical tab, form feed, space) and U+3000.
public enum PlainText {
    /// Whether the bytes are plain text as described above (valid UTF-8 is assumed).
    @inlinable
    public static func isPlain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 {
                if b == 0x0D { return false }
                i += 1
                continue
            }
            if b == 0xC2 || b == 0xC3 {
                // ° ± · (C2 B0, C2 B1, C2 B7), × ÷ (C3 97, C3 B7): the signs formulas are written with
                guard i + 1 < n else { return false }
                let b1 = u[i + 1]
                guard b == 0xC2 ? (b1 == 0xB0 || b1 == 0xB1 || b1 == 0xB7) : (b1 == 0x97 || b1 == 0xB7) else { return false }
                i += 2
                continue
            }
            guard b >= 0xE2, b <= 0xEF, i + 2 < n else { return false }
            let b1 = u[i + 1], b2 = u[i + 2]
            switch b {
            case 0xE4...0xE9:
                break // U+4000–U+9FFF: CJK ideographs (with extension A and the hexagrams)
            case 0xE3:
                // U+3000–U+303F without the combining tone marks U+302A–U+302F; U+3400–U+3FFF
                guard (b1 == 0x80 && !(0xAA...0xAF).contains(b2)) || b1 >= 0x90 else { return false }
            case 0xE2:
                // U+2010–U+2027 and U+2030–U+205E (dashes, quotes, ‰, ※ — not the joiners and spaces
                // around them); U+2264–U+2267 (≤ ≥ ≦ ≧); U+2103 ℃, U+221A √ and U+2460–U+2473
                // (①–⑳), which formulas and numbered lists use
                guard
                    (b1 == 0x80 && b2 >= 0x90 && !(0xA8...0xAF).contains(b2))
                        || (b1 == 0x81 && b2 <= 0x9E) || (b1 == 0x89 && b2 >= 0xA4 && b2 <= 0xA7)
                        || (b1 == 0x84 && b2 == 0x83) || (b1 == 0x88 && b2 == 0x9A) || (b1 == 0x91 && b2 >= 0xA0 && b2 <= 0xB3)
                else { return false }
            case 0xEF:
                // U+FF01–U+FF5E: full-width ASCII forms
                guard (b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0x9E) else { return false }
            default:
                return false
            }
            i += 3
        }
        return true
    }

    /// Whether `s` is plain text.
    public static func isPlain(_ s: String) -> Bool {
        withUTF8(s) { isPlain($0) }
    }

    /// Runs `body` on the UTF-8 bytes of `s` (contiguous for every native string; a bridged one is
    /// copied once).
    @inlinable
    public static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = s
        return try copy.withUTF8(body)
    }

    /// `a == b`, by bytes when both are plain.
    public static func equals(_ a: String, _ b: String) -> Bool {
        withUTF8(a) { x in
            withUTF8(b) { y in
                if isPlain(x) && isPlain(y) { return x.elementsEqual(y) }
                return a == b
            }
        }
    }

    /// `s.hasPrefix(p)`, by bytes when both are plain.
    public static func hasPrefix(_ s: String, _ p: String) -> Bool {
        isPlain(s) && isPlain(p) ? bytes(of: s, havePrefix: p) : s.hasPrefix(p)
    }

    /// `hasPrefix(s, p)` for many `p` against one `s`: whether `s` is plain is found once, not once a
    /// prefix (a label key tried against every label of a form).
    public struct Prefixes {
        let s: String
        let plain: Bool

        public init(of s: String) {
            self.s = s
            plain = PlainText.isPlain(s)
        }

        /// Whether `s` starts with `p`, as `PlainText.hasPrefix(s, p)` says.
        public func have(_ p: String) -> Bool {
            plain && PlainText.isPlain(p) ? PlainText.bytes(of: s, havePrefix: p) : s.hasPrefix(p)
        }
    }

    /// `s.hasSuffix(p)`, by bytes when both are plain.
    public static func hasSuffix(_ s: String, _ p: String) -> Bool {
        isPlain(s) && isPlain(p) ? bytes(of: s, haveSuffix: p) : s.hasSuffix(p)
    }

    /// Whether the bytes of `s` start with those of `p` (`hasPrefix` when both are plain).
    public static func bytes(of s: String, havePrefix p: String) -> Bool {
        withUTF8(s) { x in
            withUTF8(p) { y in x.count >= y.count && (y.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, y.count) == 0) }
        }
    }

    /// Whether the bytes of `s` end with those of `p` (`hasSuffix` when both are plain).
    public static func bytes(of s: String, haveSuffix p: String) -> Bool {
        withUTF8(s) { x in
            withUTF8(p) { y in
                x.count >= y.count && (y.isEmpty || memcmp(x.baseAddress! + (x.count - y.count), y.baseAddress!, y.count) == 0)
            }
        }
    }

    /// `s.count` (Characters), counted as scalars when `s` is plain.
    public static func count(_ s: String) -> Int {
        withUTF8(s) { x in
            if isPlain(x) { return scalarCount(x) }
            return s.count
        }
    }

    /// The number of scalars in valid UTF-8: the bytes that do not continue a sequence.
    @inlinable
    public static func scalarCount(_ u: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in u where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}

/// Byte searches for fixed words (`StaticString`s: their bytes are static, nothing is allocated).
extension UnsafeBufferPointer<UInt8> {
    @inlinable
    public func hasBytePrefix(_ word: StaticString) -> Bool {
        let m = word.utf8CodeUnitCount
        guard m <= count else { return false }
        return m == 0 || memcmp(baseAddress!, word.utf8Start, m) == 0
    }

    @inlinable
    public func hasByteSuffix(_ word: StaticString) -> Bool {
        let m = word.utf8CodeUnitCount
        guard m <= count else { return false }
        return m == 0 || memcmp(baseAddress! + (count - m), word.utf8Start, m) == 0
    }

    @inlinable
    public func containsBytes(_ word: StaticString) -> Bool {
        TextNormalizer.contains(self, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Whether the bytes hold any of `words`, in one pass: each word is tried only where a byte that
    /// starts one stands (a search a word tests every offset once per word).
    @inlinable
    public func containsAnyBytes(_ words: [StaticString]) -> Bool {
        // bit b of the 256-bit set: some word starts with byte b
        var starts = SIMD4<UInt64>()
        for w in words {
            guard w.utf8CodeUnitCount > 0 else { return true }
            let b = w.utf8Start.pointee
            starts[Int(b >> 6)] |= 1 << UInt64(b & 63)
        }
        guard let base = baseAddress else { return false }
        for i in 0..<count {
            let b = base[i]
            guard starts[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0 else { continue }
            for w in words where w.utf8Start.pointee == b {
                let m = w.utf8CodeUnitCount
                if i + m <= count, memcmp(base + i, w.utf8Start, m) == 0 { return true }
            }
        }
        return false
    }

    /// Whether the bytes are exactly `word`.
    @inlinable
    public func equalsBytes(_ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && hasBytePrefix(word)
    }
}

extension PlainText {
    /// Foundation's `s.contains(word)` (which goes through NSString on Linux and matches canonically
    /// equivalent text), as a byte search when both are plain.
    public static func contains(_ s: String, _ word: String) -> Bool {
        withUTF8(s) { x in
            withUTF8(word) { y in
                isPlain(x) && isPlain(y) ? TextNormalizer.contains(x, y) : s.contains(word)
            }
        }
    }
}

extension PlainText {
    /// `words.contains { contains(s, $0) }`, with whether `s` is plain found once, not once a word.
    public static func containsAny(_ s: String, of words: [String]) -> Bool {
        withUTF8(s) { x in
            let plain = isPlain(x)
            return words.contains { word in
                withUTF8(word) { y in
                    plain && isPlain(y) ? TextNormalizer.contains(x, y) : s.contains(word)
                }
            }
        }
    }
}

extension PlainText {
    /// Foundation's `s.replacingOccurrences(of: word, with: "")` (NSString on Linux), as a byte
    /// search when both are plain: occurrences are removed left to right, without overlaps.
    public static func removingOccurrences(of word: String, in s: String) -> String {
        guard isPlain(s), isPlain(word), !word.isEmpty else { return s.replacingOccurrences(of: word, with: "") }
        return withUTF8(s) { x in
            withUTF8(word) { w in
                guard TextNormalizer.contains(x, w) else { return s }
                return String(unsafeUninitializedCapacity: x.count) { out in
                    var i = 0, o = 0
                    while i < x.count {
                        if i + w.count <= x.count, memcmp(x.baseAddress! + i, w.baseAddress!, w.count) == 0 {
                            i += w.count
                        } else {
                            out[o] = x[i]; o += 1; i += 1
                        }
                    }
                    return o
                }
            }
        }
    }
}

extension PlainText {
    /// `s.utf8.firstIndex(of: byte)`, found by `memchr` on the bytes: the generic search walks the
    /// UTF-8 view an index at a time.
    public static func firstIndex(ofByte byte: UInt8, in s: String) -> String.Index? {
        let offset = withUTF8(s) { u -> Int? in
            guard let base = u.baseAddress, let hit = memchr(base, Int32(byte), u.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
    }

    /// `s.utf8.lastIndex(of: byte)`, by a backward scan of the bytes.
    public static func lastIndex(ofByte byte: UInt8, in s: String) -> String.Index? {
        let offset = withUTF8(s) { u in u.lastIndex(of: byte) }
        return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
    }
}

extension PlainText {
    /// Whether the UTF-8 of `s` holds `byte` (`s.utf8.contains(byte)`, by `memchr`).
    @inlinable
    public static func containsByte(_ s: some StringProtocol, _ byte: UInt8) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { u in
            u.count > 0 && memchr(u.baseAddress!, Int32(byte), u.count) != nil
        } ?? s.utf8.contains(byte)
    }
}
