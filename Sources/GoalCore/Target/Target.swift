import Foundation

/// A target (指标值) read from what users type: `≥16.44万人`, `>=98%`, `<=0.42万元/次`, `95%以上`,
/// `不低于95%`, a bare `100%`, `每月25日前`, or qualitative text such as `有效提高`.
/// `written` keeps the cell exactly as typed; the parsed parts sit beside it.
public struct Target: Sendable, Hashable {
    /// The cell as typed.
    public var written: String
    /// The operator written in the cell or implied by its words (以上 → ≥, 以下/前 → ≤); nil when none.
    public var comparison: Comparison?
    /// The value part as written (`"16.44"`, `"1,234"`), or the whole text for a qualitative target.
    public var valueText: String
    /// The number, when the value part is one.
    public var number: Double?
    /// The unit written after the number, if any.
    public var unit: String?
    /// Text before the number that qualifies it (`每月` in `每月25日前`).
    public var qualifier: String?

    public var measureUnit: MeasureUnit? { unit.map(MeasureUnit.init) }
    public var isQuantitative: Bool { number != nil }

    /// The number in the unit's base (万人 → 人), for comparisons across units.
    public var baseNumber: Double? { number.map { $0 * (measureUnit?.factor ?? 1) } }

    public init(
        written: String, comparison: Comparison?, valueText: String, number: Double?, unit: String?, qualifier: String? = nil
    ) {
        self.written = written
        self.comparison = comparison
        self.valueText = valueText
        self.number = number
        self.unit = unit
        self.qualifier = qualifier
    }

    // MARK: parsing

    private static let leadingOperators: [(String, Comparison)] = [
        (">=", .atLeast), ("=>", .atLeast), ("≥", .atLeast), ("≧", .atLeast), ("⩾", .atLeast),
        ("<=", .atMost), ("=<", .atMost), ("≤", .atMost), ("≦", .atMost), ("⩽", .atMost),
        ("不低于", .atLeast), ("不少于", .atLeast), ("大于等于", .atLeast), ("大于或等于", .atLeast), ("至少", .atLeast),
        ("不高于", .atMost), ("不超过", .atMost), ("不多于", .atMost), ("小于等于", .atMost), ("小于或等于", .atMost),
        ("控制在", .atMost), ("低于", .less), ("小于", .less), ("少于", .less),
        ("高于", .greater), ("大于", .greater), ("超过", .greater), ("多于", .greater),
        ("==", .equal), ("=", .equal), ("等于", .equal), ("达到", .equal),
        (">", .greater), ("<", .less),
    ]

    private static let operatorInitials = Set(leadingOperators.compactMap(\.0.first))

    private static let trailingWords: [(String, Comparison)] = [
        // longest first: 或以上 before 以上, 以内 before 内
        ("及以上", .atLeast), ("或以上", .atLeast), ("以上", .atLeast), ("之上", .atLeast),
        ("及以下", .atMost), ("或以下", .atMost), ("以下", .atMost), ("以内", .atMost), ("之内", .atMost), ("内", .atMost),
        ("之前", .atMost), ("前", .atMost),
    ]

    /// The units a bare trailing 内 may follow: spans of time and distance.
    private static let spanUnits = ["日", "天", "工作日", "小时", "分钟", "周", "月", "年", "公里", "千米", "米"]

    /// Reads one cell that may hold operator, number and unit together.
    public static func parse(_ cell: String) -> Target {
        let written = cell
        let trimmed = TextNormalizer.trim(cell)
        let folded = TextNormalizer.halfWidth(trimmed)
        // in plain text (see `PlainText`) every Character is one scalar: the scans below go by bytes
        let plain = PlainText.isPlain(folded)
        var s = Substring(folded)
        var comparison: Comparison?
        // most cells start with a digit or a letter: only look for an operator when the first
        // character can begin one
        if let first = s.first, operatorInitials.contains(first) {
            for (op, c) in leadingOperators where plain ? s.utf8.starts(with: op.utf8) : s.hasPrefix(op) {
                comparison = c
                s = s.dropFirst(op.count)
                break
            }
        }
        s = Substring(TextNormalizer.trim(s))
        // qualifier before the number: 每月25日前, 全年12次
        var qualifier: String?
        let digit =
            plain ? s.utf8.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) : s.firstIndex(where: { $0.isASCII && $0.isNumber })
        if let firstDigit = digit, firstDigit != s.startIndex {
            let pre = s[..<firstDigit]
            if pre.count <= 4, pre.allSatisfy({ !$0.isASCII }), !pre.contains(where: { "，。；".contains($0) }) {
                qualifier = String(pre)
                s = s[firstDigit...]
            }
        }
        // the number: digits, '.', ',' between digit groups, optional leading '-'
        let (end, sawDigit) = plain ? Self.plainNumberEnd(s) : Self.numberEnd(s)
        guard sawDigit, let number = TextNormalizer.number(String(s[s.startIndex..<end])) else {
            // with no number, a word such as 达到 or 不低于 is part of the text (达到国家标准 is a
            // qualitative target); a sign (≥良好) still says which way the target points
            if let c = comparison, !s.isEmpty, let op = leadingOperators.first(where: { $0.1 == c && folded.hasPrefix($0.0) })?.0,
                op.unicodeScalars.contains(where: { !$0.isASCII && !"≥≧⩾≤≦⩽".unicodeScalars.contains($0) })
            {
                return Target(written: written, comparison: nil, valueText: trimmed, number: nil, unit: nil)
            }
            return Target(
                written: written, comparison: comparison,
                valueText: comparison == nil ? trimmed : String(s), number: nil, unit: nil)
        }
        // full-width digits are folded to ASCII; separators stay as typed
        let numberText = String(s[s.startIndex..<end])
        var rest = Substring(TextNormalizer.trim(s[end...]))
        // trailing words 以上/以下/前 imply the operator; each ends in 上, 下, 内 or 前, and most rests
        // end otherwise
        let mayEndInWord = rest.last.map { "上下内前".contains($0) } ?? false
        for (w, c) in trailingWords
        where mayEndInWord && (plain ? rest.utf8.reversed().starts(with: w.utf8.reversed()) : rest.hasSuffix(w)) {
            // a bare 内 bounds a time or a distance (3个工作日内, 5公里内), not a place (辖区内)
            if w == "内", !Self.spanUnits.contains(where: { rest.dropLast(1).hasSuffix($0) }) { break }
            if comparison == nil { comparison = c }
            rest = rest.dropLast(w.count)
            break
        }
        // a rest that is a sentence, not a unit: keep it as qualitative text
        let unitText = TextNormalizer.trim(rest)
        if (plain ? PlainText.count(unitText) : unitText.count) > 8 || unitText.contains(where: { "，。；、,;".contains($0) }) {
            return Target(written: written, comparison: comparison, valueText: trimmed, number: nil, unit: nil)
        }
        // a date (2024年12月31日前, 12月底前完成) is a deadline in words, read as text: 2024 is not a
        // number of 年
        if Self.isDateRest(unitText) {
            return Target(written: written, comparison: nil, valueText: trimmed, number: nil, unit: nil)
        }
        return Target(
            written: written, comparison: comparison, valueText: numberText, number: number,
            unit: unitText.isEmpty ? nil : unitText, qualifier: qualifier)
    }

    /// Whether what follows a number makes it part of a date: `年12月31日`, `月底`, `月31日前完成`.
    /// A unit holds no digit, and 月/年 followed by more of a date is never one.
    static func isDateRest(_ rest: String) -> Bool {
        guard let first = rest.unicodeScalars.first, first == "年" || first == "月" || first == "日" else { return false }
        let after = rest.unicodeScalars.dropFirst()
        if after.contains(where: { $0.value >= 0x30 && $0.value <= 0x39 }) { return true }
        // the rest after 年/月/日 made a String once, not once for every word it is compared with
        let tail = String(String.UnicodeScalarView(after))
        return ["底", "末", "初", "中旬", "上旬", "下旬", "前完成", "完成", "底前", "末前"].contains { w in tail.hasPrefix(w) }
    }

    /// Where the number at the start of `s` ends (digits, `.` or `,` between digits, an optional
    /// leading `-`), and whether it has a digit.
    private static func numberEnd(_ s: Substring) -> (String.Index, Bool) {
        var end = s.startIndex
        var i = s.startIndex
        if i < s.endIndex, s[i] == "-" { i = s.index(after: i) }
        var sawDigit = false
        while i < s.endIndex {
            let c = s[i]
            if c.isASCII && c.isNumber { sawDigit = true; i = s.index(after: i); end = i; continue }
            if c == "." || c == "," {
                let n = s.index(after: i)
                if n < s.endIndex, s[n].isASCII, s[n].isNumber { i = n; continue }
            }
            break
        }
        return (end, sawDigit)
    }

    /// `numberEnd` for plain text, on its bytes: every Character is one scalar, and the ones the
    /// number is made of are ASCII.
    private static func plainNumberEnd(_ s: Substring) -> (String.Index, Bool) {
        let u = s.utf8
        func isDigit(_ i: String.Index) -> Bool { u[i] >= 0x30 && u[i] <= 0x39 }
        var end = u.startIndex
        var i = u.startIndex
        if i < u.endIndex, u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
        var sawDigit = false
        while i < u.endIndex {
            if isDigit(i) { sawDigit = true; i = u.index(after: i); end = i; continue }
            if u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",") {
                let n = u.index(after: i)
                if n < u.endIndex, isDigit(n) { i = n; continue }
            }
            break
        }
        return (end, sawDigit)
    }

    /// Reads a target from separate cells: 指标值类型, 指标值 and 计量单位, as the department form has them.
    /// The value cell may itself carry an operator or a unit; what the separate cells say wins.
    public static func parse(type: String?, value: String, unit: String?) -> Target {
        var t = parse(value)
        if let typeText = type.map(TextNormalizer.trim), !typeText.isEmpty, let c = Comparison.parse(typeText) {
            t.comparison = c
            if c == .qualitative { t.number = nil; t.unit = nil; t.valueText = TextNormalizer.trim(value) }
        }
        if let u = unit.map(TextNormalizer.trim), !u.isEmpty, t.comparison != .qualitative { t.unit = u }
        return t
    }
}
