/// Text made safe inside an HTML element or a quoted attribute: `&`, `<`, `>`, `"` and `'` as the
/// entities Leaf's `#()` writes (`&#39;` for the apostrophe), everything else as it is. The printed
/// views (`HTMLPrintView`) and the web pages written in Swift (`App`'s `HTML`) escape through here, so
/// a page and its print view treat a hostile name alike.
public enum HTMLEscape {
    /// Appends `s`, escaped, to `out`. Text with none of the five, which is most, is appended in one go.
    public static func append(_ s: String, to out: inout String) {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            out += s
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escaped(_ s: String) -> String {
        var out = ""
        append(s, to: &out)
        return out
    }
}
