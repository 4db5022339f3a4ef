import GoalCore

/// The units an algorithm walks a text by: Characters, or, for plain text (see `PlainText`), the
/// Unicode scalars, which there are exactly the Characters. Scalars are four bytes compared as
/// integers; Characters are small strings found by grapheme breaking and compared through
/// normalisation. An algorithm written over `TextUnit` is called with the scalars when the text is
/// plain and with the Characters otherwise, and answers the same either way.
protocol TextUnit: Equatable, ExpressibleByUnicodeScalarLiteral {
    /// `Character.isNumber`: the unit's (first) scalar has a numeric type.
    var isNumber: Bool { get }
    var isASCII: Bool { get }
    static func units(of text: String) -> [Self]
    static func string(_ units: ArraySlice<Self>) -> String
}

extension Character: TextUnit {
    static func units(of text: String) -> [Character] { Array(text) }
    static func string(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension Unicode.Scalar: TextUnit {
    var isNumber: Bool { properties.numericType != nil }
    static func units(of text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }
    static func string(_ units: ArraySlice<Unicode.Scalar>) -> String {
        // encoded straight into the string's storage (at most four bytes a scalar)
        String(unsafeUninitializedCapacity: units.count * 4) { buffer in
            var n = 0
            for u in units {
                UTF8.encode(u) {
                    buffer[n] = $0; n += 1
                }
            }
            return n
        }
    }
}
