/// Writes CSV for Excel and WPS, with the project's one formula-defusing rule.
///
/// **The rule.** A cell whose first character is `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe (`'=HYPERLINK(…)`), so a spreadsheet opening the file shows the text and never runs
/// it as a formula. Two kinds of cell are left as written because they hold no formula and people sort
/// and sum them: a plain signed number (`-5`, `+3.5`, `-1e3`) and a single character (the 指标值类型
/// column's lone `=`). After that, a cell holding a comma, a double quote or a line break is quoted,
/// quotes doubled (RFC 4180). The apostrophe was chosen over quoting alone because quoting does not
/// stop Excel from evaluating `"=1+1"`.
public enum CSVWriter {
    /// UTF-8 byte-order mark: Excel and WPS otherwise open UTF-8 as the local code page and garble Chinese.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell, defused and quoted as the rule above says.
    public static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.first, isFormulaStart(first), s.count > 1, !isPlainNumber(s) { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            s = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One record, cells joined by commas, without a line ending.
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",")
    }

    /// A whole file: a byte-order mark (unless `bom` is false), then every record ending in CRLF (RFC 4180).
    public static func document(_ records: [[String]], bom: Bool = true) -> String {
        var out = bom ? byteOrderMark : ""
        for r in records { out += line(r) + "\r\n" }
        return out
    }

    static func isFormulaStart(_ c: Character) -> Bool {
        c == "=" || c == "+" || c == "-" || c == "@" || c == "\t" || c == "\r" || c == "\r\n"
    }

    static func isPlainNumber(_ s: String) -> Bool {
        Double(s) != nil && s.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
    }
}
