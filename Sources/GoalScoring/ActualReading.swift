import GoalCore

/// An actual (实际完成值) as written, read against its indicator: a number in the target's unit,
/// a text (效果明显), 不适用, or nothing. Every liberty taken (a unit converted, 约 dropped, a formula
/// computed) is recorded as a note so that the score's explanation can say so.
public struct ActualReading: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// In the target's unit (1.71 for 17100人 against a 万人 target).
        case number(Double)
        case text(String)
        case notApplicable
        case missing
    }

    public var written: String
    public var value: Value
    /// The text normalised for matching (half-width, Arabic numerals, no spaces).
    public var normalized: String
    /// The formula computed, when the actual gave its inputs.
    public var formula: String?
    /// Liberties taken, in Chinese (单位换算、“约”字、比较符).
    public var notes: [String]
    /// A reading the scorer should flag as doubtful (unit that does not match …).
    public var warning: String?

    public var number: Double? { if case .number(let n) = value { return n } else { return nil } }

    static let notApplicableWords: Set<String> = ["不适用", "不涉及", "N/A", "n/a", "NA", "无此项", "本年不涉及", "不适用本项"]
    static let approximateWords = ["约为", "大约", "约计", "约", "近", "将近", "接近", "左右", "余"]
    static let leadingWords = ["实际完成", "实际", "完成", "达到", "达", "共计", "共", "累计", "全年", "合计", "为", "是", "计"]

    /// Reads an actual against the target (`target` is the indicator's parsed target).
    /// `targetUnit` is the target's unit when the caller has it at hand (it is read from `target` otherwise).
    public static func read(
        _ text: String?, target: Target, indicator: Indicator,
        targetUnit: MeasureUnit?? = nil
    ) -> ActualReading {
        let written = text ?? ""
        let trimmed = needsTrim(written) ? TextNormalizer.trim(written) : written
        guard !trimmed.isEmpty, !["-", "--", "—", "/", "／", "\\", "——"].contains(trimmed) else {
            return ActualReading(written: written, value: .missing, normalized: "", notes: [])
        }
        if let f = trimmed.unicodeScalars.first, "不NnN无本".unicodeScalars.contains(f),
            notApplicableWords.contains(trimmed) || trimmed.hasPrefix("不适用")
        {
            return ActualReading(written: written, value: .notApplicable, normalized: trimmed, notes: [])
        }
        // Fast path: a plain number (the usual case) is the actual in the target's unit.
        if let n = plainNumber(trimmed) {
            return ActualReading(written: written, value: .number(n), normalized: trimmed, notes: [])
        }
        if let (n, unit) = numberAndUnit(trimmed) {
            return withUnit(
                n, unit: unit, written: written, trimmed: trimmed, normalized: trimmed, notes: [],
                target: target, targetUnit: targetUnit ?? target.measureUnit)
        }
        let s = RuleParser.normalize(trimmed)
        // a text with no figure in it (效果明显) is a text
        if !s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            return ActualReading(written: written, value: .text(trimmed), normalized: s, notes: [])
        }
        let targetUnit = targetUnit ?? target.measureUnit
        let isPercent = targetUnit?.isPercent ?? false
        if target.isQuantitative,
            let f = FormulaActuals.compute(s, name: indicator.name, explanation: indicator.explanation, percent: isPercent)
        {
            return ActualReading(written: written, value: .number(f.value), normalized: s, formula: f.text, notes: [])
        }
        var notes: [String] = []
        var body = Substring(s)
        var approximate = false
        var changed = true
        while changed {
            changed = false
            for w in approximateWords where body.hasPrefix(w) && body.count > w.count {
                body = body.dropFirst(w.count); approximate = true; changed = true
            }
            for w in leadingWords
            where body.hasPrefix(w) && body.count > w.count && body.dropFirst(w.count).first?.isNumber == true {
                body = body.dropFirst(w.count); changed = true
            }
        }
        for w in ["左右", "上下", "多", "余"] where body.hasSuffix(w) && body.count > w.count {
            body = body.dropLast(w.count); approximate = true
        }
        var parsed = Target.parse(String(body))
        // a figure followed by a remark: 100%，已全部完成 · 93.75%(300/320)
        if parsed.number == nil, let cut = body.firstIndex(where: { "，,；;。(".contains($0) }), cut != body.startIndex {
            let head = Target.parse(String(body[..<cut]))
            if head.number != nil {
                parsed = head
                notes.append("只取“\(body[..<cut])”，其后“\(body[cut...])”未计")
            }
        }
        guard let raw = parsed.number else {
            return ActualReading(written: written, value: .text(trimmed), normalized: s, notes: [])
        }
        if let op = parsed.comparison, op != .equal {
            notes.append("实际完成值带有“\(op.rawValue)”，按\(ArithmeticText.number(raw))计")
        }
        if approximate { notes.append("“\(trimmed)”是约数，按\(ArithmeticText.number(raw))计") }
        return withUnit(
            raw, unit: parsed.unit, written: written, trimmed: trimmed, normalized: s, notes: notes,
            target: target, targetUnit: targetUnit)
    }

    /// The number in the target's unit: converted when the units differ (17100人 → 1.71万人).
    static func withUnit(
        _ raw: Double, unit: String?, written: String, trimmed: String, normalized s: String,
        notes: [String], target: Target, targetUnit: MeasureUnit?
    ) -> ActualReading {
        var notes = notes
        var value = raw
        var warning: String?
        if let unit, let tu = targetUnit, unit != tu.written, case let u = MeasureUnit(unit),
            u.base != tu.base || u.factor != tu.factor
        {
            if let magnitude = bareMagnitudes[unit], !tu.isPercent {
                // 1.02万 against a count in 人: the magnitude alone, in the target's own unit
                value = raw * magnitude / tu.factor
                notes.append("\(ArithmeticText.number(raw))\(unit) = \(ArithmeticText.number(value))\(tu.written)")
            } else if let converted = u.convert(raw, to: tu) {
                value = converted
                notes.append("\(ArithmeticText.number(raw))\(u.written) = \(ArithmeticText.number(converted))\(tu.written)")
            } else if u.isPercent, let t = target.number {
                // a completion rate written where a count is expected: 92.5% of 20000人
                value = raw / 100 * t
                notes.append(
                    "实际完成值写成完成率\(ArithmeticText.number(raw))%，按计划值的\(ArithmeticText.number(raw))%即\(ArithmeticText.number(value))\(tu.written)计"
                )
            } else if !isDayUnit(u.base) || !isDayUnit(tu.base) {
                warning = "实际完成值的单位“\(u.written)”与计量单位“\(tu.written)”不一致，按数字\(ArithmeticText.number(raw))计"
            }
        }
        return ActualReading(written: written, value: .number(value), normalized: s, notes: notes, warning: warning)
    }

    static func needsTrim(_ s: String) -> Bool {
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return false }
        if f <= 0x20 || l <= 0x20 || f == 0xC2 || f == 0xE2 || f == 0xE3 || f == 0xEF { return true }
        // ends in U+00A0, U+200B, U+3000 or U+FEFF
        guard l == 0xA0 || l == 0x8B || l == 0x80 || l == 0xBF, let last = s.unicodeScalars.last else { return false }
        return last == "\u{A0}" || last == "\u{200B}" || last == "\u{3000}" || last == "\u{FEFF}"
    }

    static let notUnits = ["以上", "以下", "左右", "余", "多", "以内", "之内", "前", "后", "上下"]

    /// A plain number followed by a short unit (`27日`, `93%`, `17100人`), read without the general parser.
    static func numberAndUnit(_ s: String) -> (Double, String)? {
        let u = s.utf8
        var end = u.startIndex, sawDigit = false, sawDot = false
        for i in u.indices {
            let b = u[i]
            if b >= 0x30 && b <= 0x39 { sawDigit = true; end = u.index(after: i); continue }
            if b == UInt8(ascii: "."), !sawDot { sawDot = true; continue }
            if b == UInt8(ascii: "-"), i == u.startIndex { continue }
            break
        }
        guard sawDigit, end < u.endIndex, let n = Double(String(s[s.startIndex..<end])) else { return nil }
        let unit = String(s[end...])
        guard unit.count <= 6,
            !unit.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3C || $0 == 0x3D || $0 == 0x3E || $0 <= 0x20 }),
            !notUnits.contains(where: { unit.hasSuffix($0) }), RuleParser.isPlain(unit)
        else { return nil }
        return (n, unit)
    }

    static let bareMagnitudes: [String: Double] = ["万": 10_000, "亿": 100_000_000, "千": 1000, "百万": 1_000_000, "千万": 10_000_000]

    static func isDayUnit(_ u: String) -> Bool { ["日", "天", "号"].contains(u) }

    /// A plain decimal (`93`, `1.71`, `-2`, `0.40`) without anything else, read quickly.
    static func plainNumber(_ s: String) -> Double? {
        var sawDigit = false, sawDot = false
        for (i, b) in s.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."): if sawDot { return nil }; sawDot = true
            case UInt8(ascii: "-") where i == 0: continue
            default: return nil
            }
        }
        return sawDigit ? Double(s) : nil
    }
}
