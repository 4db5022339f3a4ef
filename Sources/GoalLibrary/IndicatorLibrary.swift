import Foundation
import GoalCore

/// A search of the library: words of the name, and filters.
public struct LibraryQuery: Sendable, Hashable {
    public var words: String
    public var level1: String?
    public var level2: String?
    public var kind: TableKind?
    /// Not a filter: entries used in tables of this kind rank a little higher (suggestions).
    public var preferKind: TableKind?
    public var unitType: UnitType?
    public var mark: LibraryMark?
    /// Retired entries are left out unless asked for (finance's list shows them).
    public var includeRetired: Bool
    public var limit: Int

    public init(
        words: String = "", level1: String? = nil, level2: String? = nil, kind: TableKind? = nil, unitType: UnitType? = nil,
        preferKind: TableKind? = nil, mark: LibraryMark? = nil, includeRetired: Bool = false, limit: Int = 20
    ) {
        self.words = words; self.level1 = level1; self.level2 = level2; self.kind = kind; self.unitType = unitType
        self.preferKind = preferKind
        self.mark = mark; self.includeRetired = includeRetired; self.limit = limit
    }
}

/// One entry found, with how well and why.
public struct LibraryHit: Sendable, Hashable {
    public var entry: LibraryEntry
    public var score: Double
    public var reasons: [String]
}

/// The library, indexed for search: entries by the pairs and the characters of their names.
public struct IndicatorLibrary: Sendable {
    public let entries: [LibraryEntry]
    let shapes: [NameShape]
    let byBigram: [String: [Int32]]
    let byChar: [Character: [Int32]]
    let synonyms: [(String, String)]
    let byKey: [String: Int]

    public init(entries: [LibraryEntry], synonyms: LibrarySynonyms = .standard) {
        self.entries = entries
        let replacements = synonyms.replacements
        self.synonyms = replacements
        shapes = entries.map { NameShape($0.name, synonyms: replacements) }
        var bb: [String: [Int32]] = [:], bc: [Character: [Int32]] = [:], keys: [String: Int] = [:]
        for (i, s) in shapes.enumerated() {
            for b in s.bigrams { bb[b, default: []].append(Int32(i)) }
            for c in s.chars { bc[c, default: []].append(Int32(i)) }
            keys[entries[i].key] = i
        }
        byBigram = bb; byChar = bc; byKey = keys
    }

    public subscript(key: String) -> LibraryEntry? { byKey[key].map { entries[$0] } }

    func passes(_ e: LibraryEntry, _ q: LibraryQuery) -> Bool {
        if e.mark == .retired && !q.includeRetired && q.mark != .retired { return false }
        if let m = q.mark, e.mark != m { return false }
        if let l = q.level1, !l.isEmpty, e.level1 != l { return false }
        if let l = q.level2, !l.isEmpty, e.level2 != l { return false }
        if let k = q.kind, !e.kinds.isEmpty, !e.kinds.contains(k) { return false }
        if let u = q.unitType, e.unitType != u { return false }
        return true
    }

    /// Entries that fit the query, best first. Without words: by mark (推荐 first) and use.
    public func search(_ q: LibraryQuery) -> [LibraryHit] {
        let words = LibraryText.key(q.words)
        guard !words.isEmpty else {
            let found = entries.filter { passes($0, q) }
            return found.sorted(by: Self.byUse).prefix(q.limit).map { LibraryHit(entry: $0, score: 0, reasons: []) }
        }
        let shape = NameShape(words, synonyms: synonyms)
        var candidates = Set<Int32>()
        for b in shape.bigrams { for i in byBigram[b] ?? [] { candidates.insert(i) } }
        if candidates.isEmpty {
            // one character typed, or no pair in common: the entries holding its rarest characters
            let chars = shape.chars.compactMap { c in byChar[c].map { (c, $0) } }.sorted { $0.1.count < $1.1.count }
            for (_, list) in chars.prefix(2) { for i in list.prefix(5000) { candidates.insert(i) } }
        }
        var scored: [(Int, Double)] = []
        scored.reserveCapacity(min(candidates.count, 1024))
        for i in candidates {
            let e = entries[Int(i)]
            guard passes(e, q) else { continue }
            let m = NameMatch.score(shape, shapes[Int(i)])
            guard m >= 0.2 else { continue }
            var score = m + 0.02 * log10(1 + Double(e.tables))
            if e.mark == .recommended { score += 0.04 }
            if e.mark == .retired { score -= 0.2 }
            if let k = q.preferKind ?? q.kind, e.kinds.contains(k) { score += 0.03 }
            scored.append((Int(i), score))
        }
        scored.sort { a, b in a.1 != b.1 ? a.1 > b.1 : entries[a.0].key < entries[b.0].key }
        // why, only for the entries shown
        return scored.prefix(q.limit).map { i, score in
            LibraryHit(entry: entries[i], score: score, reasons: NameMatch.reasons(shape, shapes[i]))
        }
    }

    static func byUse(_ a: LibraryEntry, _ b: LibraryEntry) -> Bool {
        let ra = a.mark == .recommended, rb = b.mark == .recommended
        if ra != rb { return ra }
        if a.tables != b.tables { return a.tables > b.tables }
        return a.key < b.key
    }
}
