import Foundation
import GoalCore
import GoalScoring
import Vapor

/// What a user typed into a number field of the editor that is not a plain number: `二〇二六` in 年度,
/// `五十万` in 年度预算总额（万元）, `abc` in 分值. The editor sends such text beside the table
/// (`TableInputDTO.typed`, keyed by the field's path); the save reads it where the meaning is sure and
/// names the rest (`UnreadField`), so nothing typed is dropped without a word.
enum TypedInput {
    /// A field the save could not take: where it is, in the form's words, and what was typed.
    struct UnreadField: Content, Equatable {
        /// The field's path as the editor names it: `year`, `funds.total`, `indicators.2.weight`.
        var field: String
        /// `年度`, `年度预算总额（万元）`, `第3行 分值`.
        var label: String
        var typed: String
        /// Chinese: why it could not be read and what to type instead.
        var reason: String

        var message: String { "\(label)“\(typed)”：\(reason)" }
    }

    /// Applies every typed text to `table`; returns the fields it could not read (left empty in the table).
    static func apply(_ typed: [String: String]?, to table: inout GoalTable) -> [UnreadField] {
        guard let typed, !typed.isEmpty else { return [] }
        var unread: [UnreadField] = []
        for (field, raw) in typed.sorted(by: { order($0.key) < order($1.key) }) {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let label = self.label(field, kind: table.kind)
            func refuse(_ reason: String) { unread.append(UnreadField(field: field, label: label, typed: raw, reason: reason)) }
            if text.isEmpty { continue }
            switch field {
            case "year":
                if let y = year(text) { table.year = y } else { refuse("不是年份，请填写四位数字，如“2026”") }
            case "funds.total", "funds.fiscal", "funds.other":
                guard let wan = amountInWan(text) else { refuse("不是金额，请填写以万元计的数字，如“50”"); continue }
                var f = table.funds ?? Funds()
                switch field {
                case "funds.total": f.total = wan
                case "funds.fiscal": f.fiscal = wan
                default: f.other = wan
                }
                table.funds = f
            default:
                let parts = field.split(separator: ".")
                guard parts.count == 3, parts[0] == "indicators", let i = Int(parts[1]), parts[2] == "weight",
                    table.indicators.indices.contains(i)
                else { continue }
                if let w = points(text) { table.indicators[i].weight = w } else { refuse("不是分值，请填写数字，如“10”") }
            }
        }
        return unread
    }

    /// `2026`, `2026年`, `2026年度`, `二〇二六`, `二〇二六年度` → 2026; a year between 1949 and 2199 only.
    static func year(_ text: String) -> Int? {
        var t = halfWidth(text)
        for suffix in ["年度", "年"] where t.hasSuffix(suffix) { t.removeLast(suffix.count); break }
        let n: Double?
        if t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            n = Double(t)
        } else if t.count == 4, t.allSatisfy({ "〇零一二三四五六七八九".contains($0) }) {
            n = ChineseNumerals.value(of: t)
        } else {
            n = nil
        }
        // compared as a Double first: Int(_:) of a huge figure would trap
        guard let y = n, y == y.rounded(), y >= 1949, y <= 2199 else { return nil }
        return Int(y)
    }

    /// An amount for a field kept in 万元: `50`, `50万`, `50万元`, `五十万`, `五十万元`, `500000元`, `1.2亿` → 万元.
    /// Without a unit the number is taken as 万元 (the field's unit).
    static func amountInWan(_ text: String) -> Double? {
        var t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
            .replacingOccurrences(of: " ", with: "")
        var factor = 1.0
        if t.hasSuffix("万元") {
            t.removeLast(2)
        } else if t.hasSuffix("亿元") {
            t.removeLast(2); factor = 10_000
        } else if t.hasSuffix("万") {
            t.removeLast()
        } else if t.hasSuffix("亿") {
            t.removeLast(); factor = 10_000
        } else if t.hasSuffix("元") {
            t.removeLast(); factor = 0.0001
        }
        guard let n = number(t), n >= 0 else { return nil }
        let wan = (n * factor * 1_000_000).rounded() / 1_000_000
        return wan.isFinite && wan < 1e12 ? wan : nil
    }

    /// 分值: `10`, `10分`, `十`, `十分`, `零点五`.
    static func points(_ text: String) -> Double? {
        var t = text
        if t.hasSuffix("分"), t.count > 1 { t.removeLast() }
        guard let n = number(t), n >= 0 else { return nil }
        return n
    }

    /// A plain Arabic number (full-width digits too) or a run of Chinese numerals.
    static func number(_ text: String) -> Double? {
        let half = halfWidth(text)
        // a figure no form holds (400 digits: infinity, which JSON cannot store) is not read
        guard !half.isEmpty, half.count <= 20 else { return nil }
        if half.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let n = Double(half), n.isFinite { return n }
        if half.allSatisfy({ !$0.isASCII }) { return ChineseNumerals.value(of: half).flatMap { $0.isFinite ? $0 : nil } }
        return nil
    }

    /// Full-width digits and point as ASCII (０-９, ．).
    static func halfWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { u in
                    (0xFF10...0xFF19).contains(u.value) || u.value == 0xFF0E ? Unicode.Scalar(u.value - 0xFEE0)! : u
                }))
    }

    /// The field in the form's words.
    static func label(_ field: String, kind: TableKind) -> String {
        switch field {
        case "year": return "年度"
        case "funds.total": return kind == .project ? "年度预算总额（万元）" : "预算总额（万元）"
        case "funds.fiscal": return kind == .project ? "其中：财政拨款（万元）" : "财政资金（万元）"
        case "funds.other": return "其他资金（万元）"
        default:
            let parts = field.split(separator: ".")
            if parts.count == 3, let i = Int(parts[1]) { return "第\(i + 1)行 分值" }
            return field
        }
    }

    /// Header fields first, then rows in order.
    private static func order(_ field: String) -> (Int, Int, String) {
        let header = ["year", "funds.total", "funds.fiscal", "funds.other"]
        if let h = header.firstIndex(of: field) { return (0, h, field) }
        let parts = field.split(separator: ".")
        return (1, parts.count > 1 ? Int(parts[1]) ?? 0 : 0, field)
    }
}
