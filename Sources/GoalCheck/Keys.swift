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
        for u in text.unicodeScalars {
            var v = u.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 }
            if isBlank(v) || v == 0x2A { continue } // spaces and the form's `*` marks
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
    static func isBlank(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// `text` without blanks at either end; the same String when there are none (the usual case).
    static func trim(_ text: String) -> String {
        let s = text.unicodeScalars
        guard let f = s.first, let l = s.last else { return text }
        if !isBlank(f.value) && !isBlank(l.value) { return text }
        var start = s.startIndex, end = s.endIndex
        while start < end, isBlank(s[start].value) { start = s.index(after: start) }
        while end > start, isBlank(s[s.index(before: end)].value) { end = s.index(before: end) }
        return String(s[start..<end])
    }
}

/// A number as typed in the common case (ASCII digits, one `.`, an optional leading `-`), read without
/// the general parser; nil sends the caller to `Target.parse` for everything else.
enum QuickNumber {
    static func parse(_ text: String) -> Double? {
        let u = text.utf8
        guard !u.isEmpty, u.count < 32 else { return nil }
        var sawDigit = false, sawDot = false, i = 0
        for b in u {
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
            } else if b == 0x2E && !sawDot {
                sawDot = true
            } else if b == 0x2D && i == 0 {
            } else {
                return nil
            }
            i += 1
        }
        return sawDigit ? Double(text) : nil
    }

    /// `1023人`, `98%`, `120元/人/月`: a leading ASCII number and a short unit after it.
    static func split(_ text: String) -> (number: Double, unit: String?)? {
        let s = text.unicodeScalars
        var end = s.startIndex
        var sawDot = false
        while end < s.endIndex {
            let v = s[end].value
            if v >= 0x30 && v <= 0x39 { end = s.index(after: end); continue }
            if v == 0x2E && !sawDot { sawDot = true; end = s.index(after: end); continue }
            break
        }
        guard end > s.startIndex, let n = Double(String(s[s.startIndex..<end])) else { return nil }
        let rest = String(s[end...])
        if rest.isEmpty { return (n, nil) }
        if rest.unicodeScalars.count > 8 { return nil }
        return (n, rest)
    }
}
