import Foundation

/// Folding of the look-alike characters users type in Chinese documents, used only for *reading*:
/// the text as written is always kept beside what was parsed from it.
public enum TextNormalizer {
    /// Full-width ASCII (０-９, ＞, ％, （ …) to half-width, ideographic space to space.
    public static func halfWidth(_ s: String) -> String {
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
        var t = halfWidth(s)
        t.removeAll { $0.isWhitespace || $0 == "*" || $0 == "\u{200B}" }
        while let last = t.last, last == ":" || last == "：" { t.removeLast() }
        return t
    }

    /// Trims spaces, tabs, ideographic spaces and zero-width characters at both ends.
    public static func trim(_ s: some StringProtocol) -> String {
        var sub = Substring(s)
        while let f = sub.first, isBlank(f) { sub = sub.dropFirst() }
        while let l = sub.last, isBlank(l) { sub = sub.dropLast() }
        return String(sub)
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
        if s.contains(",") {
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
