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
    @usableFromInline let starts: WordStarts

    /// The words with their values; where two words are equal, the first is kept.
    public init(_ pairs: some Sequence<(String, Value)>) {
        var d: [TextKey: Value] = [:]
        for (w, v) in pairs where d[TextKey(w)] == nil { d[TextKey(w)] = v }
        values = d
        shapes = WordShapes(d.keys)
        starts = WordStarts(d.keys)
    }

    /// Whether some run of the label key of `text` that starts at the key's start or right after one of
    /// `marks` may be a word of the table (`WordStarts`): false only when none is, so that a caller that
    /// looks up nothing but such runs may skip them all.
    public func mayHoldWord(in text: String, startingAfter marks: WordStarts.Marks) -> Bool {
        starts.mayHoldWord(in: text, startingAfter: marks)
    }

    /// Whether some start of the label key of `text` (all of it included) may be a word of the table
    /// (`WordStarts`).
    public func mayStartWithWord(_ text: String) -> Bool { starts.mayStartWithWord(text) }

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

/// The first two scalars of every word of a list, with the words of one scalar and whether the empty
/// word is one. Asked of a text whose label key (`TextNormalizer.labelKey`) the caller looks up runs
/// of: every run of two scalars or more that is a word starts with that word's first two, and a run
/// of one scalar that is a word is a word of one scalar. So a key whose runs do not start so holds no
/// word of the list, told in one pass over the text's bytes (`TextNormalizer.keyUnit`, the key's
/// scalars without making it) and without hashing the text: most cells asked whether they hold a
/// label, a heading or a level name hold none, and noise holds nothing else (issue #23). Each pair
/// is first tested on the bits of a small table, and only one whose bit is set is looked up.
///
/// A scalar looked at that is not plain (see `PlainText`) makes the answer yes: `TextKey` composes a
/// run that holds one before it is looked up. A run composed to a word (plain, as every word here
/// is: a list with another word always says yes) decomposes to it, and plain scalars decompose to
/// themselves: so a run whose first two scalars are plain starts with the word's first two, whatever
/// follows them, and only the scalars that may start a run are looked at.
@frozen
public struct WordStarts: Sendable {
    /// Bit `slot(a, b)` is set for the first two scalars `a`, `b` of each word, and bit `slot(a, 0)` for
    /// each word that is the one scalar `a` (no unit is 0: a NUL is no word's scalar).
    @usableFromInline let bits: [UInt64]
    /// The pairs and singles exactly, `a << 32 | b` (b = 0 for a single).
    @usableFromInline let exact: Set<UInt64>
    /// Every text may hold a word: the empty word is one, or a word is not plain.
    @usableFromInline let always: Bool

    /// The starts of `words`, each as its own label key.
    public init(words: some Sequence<String>) { self.init(words.map { TextKey(TextNormalizer.labelKey($0)) }) }

    init(_ keys: some Sequence<TextKey>) {
        var bits = [UInt64](repeating: 0, count: Self.slots / 64)
        var exact = Set<UInt64>()
        var always = false
        for k in keys {
            PlainText.withUTF8(k.text) { u in
                // a word's units as a text's are made: the key is its own label key
                var units: [UInt32] = []
                var i = 0
                while i < u.count, units.count < 2 {
                    let (unit, width) = TextNormalizer.keyUnit(u, at: i)
                    if let unit { units.append(unit) }
                    i += width
                }
                guard let a = units.first, PlainText.isPlain(u), !units.contains(0) else {
                    always = true
                    return
                }
                let b = units.count > 1 ? units[1] : 0
                let slot = Self.slot(a, b)
                bits[slot >> 6] |= 1 << UInt64(slot & 63)
                exact.insert(UInt64(a) << 32 | UInt64(b))
            }
        }
        self.bits = bits
        self.exact = exact
        self.always = always
    }

    /// 16,384 bits: a list of a hundred words sets under one in a hundred.
    static var slots: Int { 1 << 14 }

    /// A multiplicative hash of two units to `slots` (the top 14 bits of 32).
    @inline(__always)
    static func slot(_ a: UInt32, _ b: UInt32) -> Int {
        Int((((a &* 0x9E37_79B1) ^ b) &* 0x85EB_CA77) >> 18)
    }

    /// Whether `a`, `b` start a word (`b` 0: whether `a` is one).
    @inline(__always)
    func starts(_ a: UInt32, _ b: UInt32) -> Bool {
        let slot = Self.slot(a, b)
        return bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0 && exact.contains(UInt64(a) << 32 | UInt64(b))
    }

    /// The unit of the key scalar at `i` of `u` (`TextNormalizer.keyUnit`), and its width; the unit 0
    /// when the scalar is not plain (a NUL's unit is 0 too: a yes all the same).
    @inline(__always)
    static func plainUnit(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (unit: UInt32?, width: Int) {
        let (unit, width) = TextNormalizer.keyUnit(u, at: i)
        guard let unit, u[i] >= 0x80 else { return (unit, width) }
        return (PlainText.isPlain(UnsafeBufferPointer(rebasing: u[i..<min(i + width, u.count)])) ? unit : 0, width)
    }

    /// The marks after which a run of a label key may start, as `mayHoldWord(in:startingAfter:)` takes
    /// them: their units, and the bytes a scalar that `labelKey` leaves as one of them can start with
    /// (found by `fold`'s own step over every scalar of the basic plane, where all that fold are: a
    /// full-width form folds to an ASCII mark), so that the text between marks is passed over byte by
    /// byte.
    public struct Marks: Sendable {
        let units: [UInt32]
        let leads: [Bool]

        public init(_ marks: String) {
            var units: [UInt32] = []
            PlainText.withUTF8(marks) { u in
                var i = 0
                while i < u.count {
                    let (unit, width) = TextNormalizer.keyUnit(u, at: i)
                    if let unit { units.append(unit) }
                    i += width
                }
            }
            var leads = [Bool](repeating: false, count: 256)
            // each scalar's UTF-8 written by hand (no string made for it: this runs once, and quickly)
            var bytes: [UInt8] = [0, 0, 0]
            bytes.withUnsafeMutableBufferPointer { b in
                for v in 0..<0x1_0000 where !(0xD800...0xDFFF).contains(v) {
                    let n: Int
                    if v < 0x80 {
                        b[0] = UInt8(v); n = 1
                    } else if v < 0x800 {
                        b[0] = UInt8(0xC0 | v >> 6); b[1] = UInt8(0x80 | v & 0x3F); n = 2
                    } else {
                        b[0] = UInt8(0xE0 | v >> 12); b[1] = UInt8(0x80 | (v >> 6) & 0x3F); b[2] = UInt8(0x80 | v & 0x3F); n = 3
                    }
                    let (unit, _) = TextNormalizer.keyUnit(UnsafeBufferPointer(rebasing: b[..<n]), at: 0)
                    if let unit, units.contains(unit) { leads[Int(b[0])] = true }
                }
            }
            self.units = units
            self.leads = leads
        }
    }

    /// Whether some run of the label key of `text` that starts at the key's start or right after one
    /// of `marks` may be a word. Only the first two scalars of such runs are looked at for one that is
    /// not plain; between them, only the bytes that may start a mark.
    public func mayHoldWord(in text: String, startingAfter marks: Marks) -> Bool {
        PlainText.withUTF8(text) { u in
            guard !always else { return true }
            var i = 0
            // the first unit of a run that started where a word may start, waiting for the second
            var first: UInt32 = 0
            var atStart = true
            while i < u.count {
                if !atStart && first == 0 {
                    // no run to look at until the next mark: a byte that starts none is no scalar's
                    // start or starts a scalar that is no mark (ASCII and lead bytes start scalars)
                    while i < u.count && !marks.leads[Int(u[i])] { i += 1 }
                    if i == u.count { break }
                }
                let (unit, width) = TextNormalizer.keyUnit(u, at: i)
                guard let unit else {
                    i += width
                    continue
                }
                if atStart || first != 0 {
                    if u[i] >= 0x80, !PlainText.isPlain(UnsafeBufferPointer(rebasing: u[i..<min(i + width, u.count)])) {
                        return true
                    }
                    if first != 0 && starts(first, unit) { return true }
                    first = 0
                    if atStart {
                        if starts(unit, 0) { return true }
                        first = unit
                    }
                }
                atStart = marks.units.contains(unit)
                i += width
            }
            return false
        }
    }

    /// Whether some start of the label key of `text` (the whole key included) may be a word.
    public func mayStartWithWord(_ text: String) -> Bool {
        PlainText.withUTF8(text) { u in
            guard !always else { return true }
            var i = 0
            var first: UInt32 = 0 // none yet
            while i < u.count {
                let (unit, width) = Self.plainUnit(u, at: i)
                i += width
                guard let unit else { continue }
                if unit == 0 { return true }
                if first != 0 { return starts(first, unit) }
                if starts(unit, 0) { return true }
                first = unit
            }
            return false
        }
    }
}
