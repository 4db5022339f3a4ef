import Foundation
import GoalCore

/// Reads the sign-off lines under a form: `填表人：欧阳瑜 联系电话：17877717130`,
/// `填表日期：2025.12.12 单位负责人：杨`, `业务股室审核：肖鸿雁`.
enum SignoffReader {
    /// Whether a row is a sign-off row: it starts with a sign-off label.
    static func isSignoff(_ row: SourceRow) -> Bool {
        guard let text = row.nonEmpty.first?.cell.text else { return false }
        // a label opens the row and none is longer than 7 characters: the first 72 bytes (24
        // Chinese characters, room for the spaces and marks `labelKey` drops) are all that is
        // searched and folded, and folded only when they hold a sign-off word
        let (headBytes, mayBeSignoff) = PlainText.withUTF8(text) { u in
            var end = min(u.count, 72)
            while end > 0, end < u.count, u[end] & 0xC0 == 0x80 { end -= 1 } // back to the start of a scalar
            return (end, UnsafeBufferPointer(rebasing: u[..<end]).containsAnyBytes(signoffWords))
        }
        guard mayBeSignoff else { return false }
        let first =
            headBytes == text.utf8.count
            ? text
            : PlainText.withUTF8(text) { String(decoding: UnsafeBufferPointer(rebasing: $0[..<headBytes]), as: UTF8.self) }
        let k = TextNormalizer.labelKey(first)
        let starts = PlainText.Prefixes(of: k)
        return FormVocabulary.signoffLabels.contains { starts.have($0.0) && $0.1 != .phone && $0.1 != .filledOn }
            || (starts.have("填表日期") || starts.have("填报日期") || starts.have("联系电话"))
    }

    /// One of these is in every sign-off label.
    private static let signoffWords: [StaticString] = ["填", "审核", "负责人", "电话", "日期"]

    /// Adds what the row says to `signoff`. Empty values (`绩效股审核：` with nothing after) stay nil.
    static func read(_ row: SourceRow, into signoff: inout Signoff) {
        var texts: [String] = []
        for (_, c) in row.nonEmpty { texts.append(contentsOf: c.hadMarkup ? c.segments : [c.text]) }
        for text in texts { readText(TextNormalizer.halfWidth(text), into: &signoff) }
    }

    private static let labelsLongestFirst = FormVocabulary.signoffLabels.sorted { $0.0.count > $1.0.count }

    static func readText(_ text: String, into signoff: inout Signoff) {
        // walked by scalars when the text is plain, else by Characters (see `TextUnit`)
        if PlainText.isPlain(text) {
            // the labels are plain too: one occurs as scalars exactly where its bytes do, and a label
            // whose bytes are nowhere in the text is not looked for scalar by scalar
            let present = labelsLongestFirst.filter { TextNormalizer.contains(text, $0.0) }
            readText(Unicode.Scalar.units(of: text), labels: present, into: &signoff)
        } else {
            readText(Character.units(of: text), labels: labelsLongestFirst, into: &signoff)
        }
    }

    /// Reads `chars` at the occurrences of `labels` (longest first): every label that may occur in them.
    private static func readText<U: TextUnit>(
        _ chars: [U], labels: [(String, FormVocabulary.SignoffField)], into signoff: inout Signoff
    ) {
        // find label occurrences, longest first, without overlaps
        var taken = [Bool](repeating: false, count: chars.count)
        var found: [(start: Int, end: Int, field: FormVocabulary.SignoffField)] = []
        for (label, field) in labels {
            let l = U.units(of: label)
            var i = 0
            while i + l.count <= chars.count {
                if !taken[i], chars[i..<(i + l.count)].elementsEqual(l), !taken[i..<(i + l.count)].contains(true) {
                    for k in i..<(i + l.count) { taken[k] = true }
                    found.append((i, i + l.count, field))
                    i += l.count
                } else {
                    i += 1
                }
            }
        }
        found.sort { $0.start < $1.start }
        for (n, f) in found.enumerated() {
            let valueEnd = n + 1 < found.count ? found[n + 1].start : chars.count
            var value = U.string(chars[f.end..<max(f.end, valueEnd)])
            value = TextNormalizer.trim(value.drop(while: { $0 == ":" || $0 == " " }))
            guard !value.isEmpty else { continue }
            switch f.field {
            case .filledBy: signoff.filledBy = value
            case .phone: signoff.phone = value
            case .filledOn: signoff.filledOn = normalizeDate(value) ?? value
            case .head: signoff.head = value
            case .businessReviewer: signoff.businessReviewer = value
            case .performanceReviewer: signoff.performanceReviewer = value
            }
        }
    }

    /// `2025.12.12`, `2025-12-12`, `2025/12/12`, `2025年12月12日` → `2025-12-12`.
    static func normalizeDate(_ text: String) -> String? {
        let parts = TextNormalizer.halfWidth(text).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard parts.count >= 3, (1900...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            return nil
        }
        return isoDate(parts[0], parts[1], parts[2])
    }

    /// `String(format: "%04d-%02d-%02d", y, m, d)` for the years, months and days `normalizeDate`
    /// admits, without Foundation's formatter (a sign-off row of every table of a large paste).
    static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String {
        func padded(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.utf8.count >= width ? s : String(repeating: "0", count: width - s.utf8.count) + s
        }
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }
}
