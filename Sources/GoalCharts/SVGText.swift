import Foundation

/// Text and numbers as they go into SVG and into the charts' tables: escaped for XML (a unit may be
/// named `<script>` by anyone who can type a name), numbers printed the way the forms print them.
public enum SVGText {
    /// `&`, `<`, `>`, `"` and `'` escaped, so any text is safe in an element or a quoted attribute.
    public static func escape(_ s: String) -> String {
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

    /// At most `decimals` places, trailing zeros dropped: 12, 12.5, 0.33 — never 12.000000001.
    public static func number(_ v: Double, decimals: Int = 1) -> String {
        guard v.isFinite else { return "—" }
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
