import Foundation

/// A string as a dictionary key that is equal to another exactly when the strings are (`==`, that
/// is canonically equivalent), but hashed and compared on bytes.
///
/// A `String` key is hashed through NFC normalisation scalar by scalar, which for Chinese text costs
/// more than the lookup it serves. A `TextKey` holds the text in NFC once: plain text (see
/// `PlainText`) is NFC as it stands, anything else is composed when the key is made. Two NFC texts
/// are canonically equivalent exactly when their bytes are equal.
///
/// `@inlinable` throughout, with `WordTable` and `WordSet`: the importer's modules then specialise the
/// dictionary lookups for `TextKey` instead of going through generic, unspecialised code.
@frozen
public struct TextKey: Hashable, Sendable {
    /// The text in NFC.
    public let text: String

    @inlinable
    public init(_ s: String) {
        text = PlainText.isPlain(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// The text as it is, not composed: two such keys are equal exactly when their bytes are. For
    /// caches, where a canonically equal text spelled otherwise may simply miss.
    @inlinable
    public init(exactly s: String) {
        text = s
    }

    @inlinable
    public static func == (a: TextKey, b: TextKey) -> Bool {
        PlainText.withUTF8(a.text) { x in
            PlainText.withUTF8(b.text) { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        PlainText.withUTF8(text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A read-only word list keyed by `TextKey`: the lookups the importer makes of every cell.
@frozen
public struct WordTable<Value: Sendable>: Sendable {
    @usableFromInline let values: [TextKey: Value]

    /// The words with their values; where two words are equal, the first is kept.
    public init(_ pairs: some Sequence<(String, Value)>) {
        var d: [TextKey: Value] = [:]
        for (w, v) in pairs where d[TextKey(w)] == nil { d[TextKey(w)] = v }
        values = d
    }

    @inlinable
    public subscript(_ word: String) -> Value? { values[TextKey(word)] }
}

/// A read-only set of words keyed by `TextKey`.
@frozen
public struct WordSet: Sendable {
    @usableFromInline let words: Set<TextKey>

    public init(_ words: some Sequence<String>) {
        self.words = Set(words.map { TextKey($0) })
    }

    @inlinable
    public func contains(_ word: String) -> Bool { words.contains(TextKey(word)) }
}
