import Foundation

/// A compiled regular expression used by the parsers. Patterns are fixed at compile time and used
/// only to read (never shared mutable state), hence `@unchecked Sendable`.
struct TextPattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) {
        // The patterns are literals of this module: a bad one is a programming error caught by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: [])
    }

    func matches(in s: String) -> [TextMatch] {
        regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { TextMatch(text: s, result: $0) }
    }

    func firstMatch(in s: String) -> TextMatch? {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)).map { TextMatch(text: s, result: $0) }
    }

    func contains(in s: String) -> Bool { firstMatch(in: s) != nil }

    /// The text with every match removed.
    func removing(from s: String) -> String {
        regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "")
    }
}

/// One match: the whole range and its capture groups as text.
struct TextMatch {
    let text: String
    let result: NSTextCheckingResult

    var range: Range<String.Index> { Range(result.range, in: text) ?? text.startIndex..<text.startIndex }
    var whole: String { String(text[range]) }

    subscript(_ group: Int) -> String? {
        guard group < result.numberOfRanges, let r = Range(result.range(at: group), in: text) else { return nil }
        return String(text[r])
    }

    func number(_ group: Int) -> Double? { self[group].flatMap { Double($0) } }
}
