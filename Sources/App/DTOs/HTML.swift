import GoalCore

/// A piece of HTML written as a Swift string literal: the literal's own text is markup, and every
/// interpolated `String` or number is escaped, as Leaf's `#(…)` does (`HTMLEscape`, shared with the print views). Another `HTML` interpolates as
/// markup. So `"<b>\(name)</b>" as HTML` cannot let a unit's name open a tag.
///
/// Why not Leaf for the busiest page: under load, Leaf's serializer and its encoder were a fifth of the
/// table page's samples (`perf`, `scripts/load-bench.sh`), resolving each `#(…)` through dictionaries of
/// `LeafData`; the page written here is plain appends. See `TablePage`.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    /// Markup already made (a cached, rendered part): taken as it is.
    init(trusted markup: String) { text = markup }

    static let empty = HTML(stringLiteral: "")

    static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }

    static func += (a: inout HTML, b: HTML) { a.text += b.text }

    /// The parts, in order, with nothing between.
    static func joined<S: Sequence>(_ parts: S) -> HTML where S.Element == HTML {
        HTML(trusted: parts.reduce(into: "") { $0 += $1.text })
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        mutating func appendInterpolation(_ value: String) { HTMLEscape.append(value, to: &text) }

        mutating func appendInterpolation(_ value: String?) {
            if let value { HTMLEscape.append(value, to: &text) }
        }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        mutating func appendInterpolation(_ value: HTML) { text += value.text }
    }
}
