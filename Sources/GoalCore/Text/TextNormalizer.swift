import Foundation

/// Folding of the look-alike characters users type in Chinese documents, used only for *reading*:
/// the text as written is always kept beside what was parsed from it.
public enum TextNormalizer {
    /// Full-width ASCII (０-９, ＞, ％, （ …) to half-width, ideographic space to space.
    public static func halfWidth(_ s: String) -> String {
        if !needsFolding(s, forKey: false) { return s }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.unicodeScalars.count)
        var changed = false
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 0xFF01 && v <= 0xFF5E, let h = Unicode.Scalar(v - 0xFEE0) {
                out.append(h); changed = true
            } else if v == 0x3000 {
                out.append(" "); changed = true
            } else {
                out.append(u)
            }
        }
        return changed ? String(out) : s
    }

    /// The form of a label used to compare it: half-width, no spaces, no `*` marks, no trailing colon.
    public static func labelKey(_ s: String) -> String {
        // this runs on every cell of every pasted line: most cells need no change at all
        if !needsFolding(s, forKey: true) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            var v = u.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if v == 0x3000 || v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0x2A || v == 0x200B || v == 0xFEFF { continue }
            if let scalar = Unicode.Scalar(v) { out.append(scalar) }
        }
        while let last = out.last, last == ":" { out.removeLast() }
        return String(out)
    }

    /// Whether `s` holds anything `halfWidth` (or, `forKey`, `labelKey`) would change, by a scan
    /// of its UTF-8 bytes: full-width forms are EF BC xx / EF BD xx, the ideographic space E3 80 80.
    static func needsFolding(_ s: String, forKey: Bool) -> Bool {
        let u = s.utf8
        var it = u.makeIterator()
        var prev2: UInt8 = 0, prev1: UInt8 = 0
        while let b = it.next() {
            if forKey && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2A || b == 0x3A) { return true }
            if prev1 == 0xEF && (b == 0xBC || b == 0xBD || b == 0xBB) { return true }
            if prev2 == 0xE3 && prev1 == 0x80 && b == 0x80 { return true }
            if forKey && ((prev1 == 0xC2 && b == 0xA0) || (prev2 == 0xE2 && prev1 == 0x80 && b == 0x8B)) { return true }
            prev2 = prev1; prev1 = b
        }
        return false
    }

    /// Substring search on UTF-8 bytes. Foundation's `contains` goes through NSString on Linux,
    /// which costs more than everything else the importer does to a cell.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        return haystack.utf8.withContiguousStorageIfAvailable { h -> Bool in
            let count = h.count, m = n.count
            if m > count { return false }
            var i = 0
            while i <= count - m {
                if h[i] == first {
                    var j = 1
                    while j < m && h[i + j] == n[j] { j += 1 }
                    if j == m { return true }
                }
                i += 1
            }
            return false
        } ?? haystack.contains(needle)
    }

    /// Trims spaces, tabs, ideographic spaces and zero-width characters at both ends.
    public static func trim(_ s: some StringProtocol) -> String {
        // most cells have nothing to trim: check the end scalars before slicing by Character
        if let f = s.unicodeScalars.first, let l = s.unicodeScalars.last, !isBlankScalar(f), !isBlankScalar(l) { return String(s) }
        var sub = Substring(s)
        while let f = sub.first, isBlank(f) { sub = sub.dropFirst() }
        while let l = sub.last, isBlank(l) { sub = sub.dropLast() }
        return String(sub)
    }

    static func isBlankScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isWhitespace || u.value == 0x3000 || u.value == 0x200B || u.value == 0xFEFF
    }

    static func isBlank(_ c: Character) -> Bool {
        c.isWhitespace || c == "\u{3000}" || c == "\u{200B}" || c == "\u{FEFF}"
    }

    /// Parses a decimal number as typed: full-width digits, thousands separators `1,234`, a leading `+`.
    /// Returns nil for anything that is not wholly a number.
    public static func number(_ text: String) -> Double? {
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

    /// Formats a number without a trailing `.0` and with at most `decimals` places.
    public static func format(_ value: Double, decimals: Int = 2) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        var s = String(format: "%.\(decimals)f", value)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
}
