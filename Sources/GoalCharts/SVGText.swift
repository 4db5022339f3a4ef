import Foundation

/// Text and numbers as they go into SVG and into the charts' tables: escaped for XML (a unit may be
/// named `<script>` by anyone who can type a name), numbers printed the way the forms print them.
public enum SVGText {
    /// `&`, `<`, `>`, `"` and `'` escaped, so any text is safe in an element or a quoted attribute.
    public static func escape(_ s: String) -> String {
        // most texts (numbers, most names) need nothing: return them as they are
        if !s.utf8.contains(where: needsEscape) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // XML 1.0 allows no control characters but tab, newline and return
            case _ where ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A control byte or one of `& < > " '`.
    private static func needsEscape(_ b: UInt8) -> Bool {
        switch b {
        case 0..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        default: return false
        }
    }

    /// At most `decimals` places, trailing zeros dropped: 12, 12.5, 0.33 — never 12.000000001.
    public static func number(_ v: Double, decimals: Int = 1) -> String {
        guard v.isFinite else { return "—" }
        // the common case in integer arithmetic: a page of thousands of figures spent most of its time in
        // `String(format:)`; the scaled value is exact below 2^53, so the digits are the same
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
        if decimals >= 0, decimals < scale.count, abs(v) * scale[decimals] < 9e15 {
            let scaled = Int64((abs(v) * scale[decimals]).rounded())
            if scaled == 0 { return "0" }
            let unit = Int64(scale[decimals])
            var whole = String(scaled / unit), fraction = scaled % unit
            guard decimals > 0, fraction != 0 else { return v < 0 ? "-" + whole : whole }
            var digits = decimals
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let text = String(fraction)
            whole += "." + String(repeating: "0", count: digits - text.count) + text
            return v < 0 ? "-" + whole : whole
        }
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A coordinate: two places are more than any screen shows.
    static func coord(_ v: Double) -> String { number(v, decimals: 2) }

    /// A label cut to `max` characters with an ellipsis: long unit names would run over the next bar.
    static func short(_ s: String, max: Int) -> String { s.count <= max ? s : String(s.prefix(max - 1)) + "…" }
}
