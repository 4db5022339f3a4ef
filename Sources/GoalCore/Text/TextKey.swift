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
    @usableFromInline let shapes: WordShapes

    /// The words with their values; where two words are equal, the first is kept.
    public init(_ pairs: some Sequence<(String, Value)>) {
        var d: [TextKey: Value] = [:]
        for (w, v) in pairs where d[TextKey(w)] == nil { d[TextKey(w)] = v }
        values = d
        shapes = WordShapes(d.keys)
    }

    @inlinable
    public subscript(_ word: String) -> Value? {
        let key = TextKey(word)
        return shapes.mayHold(key) ? values[key] : nil
    }

    /// The lookup without `shapes`, which must give the same answer (tests compare the two).
    public func unfilteredValue(_ word: String) -> Value? { values[TextKey(word)] }
}

/// A read-only set of words keyed by `TextKey`.
@frozen
public struct WordSet: Sendable {
    @usableFromInline let words: Set<TextKey>
    @usableFromInline let shapes: WordShapes

    public init(_ words: some Sequence<String>) {
        self.words = Set(words.map { TextKey($0) })
        shapes = WordShapes(self.words)
    }

    @inlinable
    public func contains(_ word: String) -> Bool {
        let key = TextKey(word)
        return shapes.mayHold(key) && words.contains(key)
    }

    /// The lookup without `shapes`, which must give the same answer (tests compare the two).
    public func unfilteredContains(_ word: String) -> Bool { words.contains(TextKey(word)) }
}

/// The byte length and last byte of every word of a list: most texts looked up in a word list are
/// not in it (every cell of every row is asked whether it is a label, a heading, a level name), and
/// most of those differ from every word in one of the two. Telling so from two bytes of a table
/// skips hashing the text and probing the dictionary. Never says no to a word of the list.
@frozen
public struct WordShapes: Sendable {
    /// Bit `last & 63` of entry `min(length, 63)` is set for each word; the empty word sets bit 0 of entry 0.
    @usableFromInline let bits: [UInt64]

    init(_ keys: some Sequence<TextKey>) {
        var bits = [UInt64](repeating: 0, count: 64)
        for k in keys {
            let (row, bit) = PlainText.withUTF8(k.text) { Self.shape($0) }
            bits[row] |= 1 << bit
        }
        self.bits = bits
    }

    @inlinable
    static func shape(_ u: UnsafeBufferPointer<UInt8>) -> (row: Int, bit: UInt64) {
        (min(u.count, 63), UInt64((u.last ?? 0) & 63))
    }

    @inlinable
    func mayHold(_ key: TextKey) -> Bool {
        let (row, bit) = PlainText.withUTF8(key.text) { Self.shape($0) }
        return bits[row] & (1 << bit) != 0
    }
}
