/// A taxonomy's lookups precomputed into dictionaries, for the hot paths (import, check) that ask
/// "is this a 一级/二级/共性指标 name?" of every cell.
public struct TaxonomyIndex: Sendable {
    public let taxonomy: Taxonomy
    // keyed by `TextKey`: these are asked of nearly every cell, and a `String` key hashes through
    // Unicode normalisation
    private let level1ByKey: WordTable<String>
    private let level2ByKey: WordTable<(level2: String, level1: String)>
    private let parentsByKey: WordTable<[String]>
    private let commonByKey: WordTable<Taxonomy.CommonIndicator>

    public init(_ taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var l1: [(String, String)] = [], l2: [(String, (level2: String, level1: String))] = []
        var parents: [String: [String]] = [:]
        for g in taxonomy.groups {
            l1.append((Taxonomy.key(g.level1), g.level1))
            for n in g.level2 {
                let k = Taxonomy.key(n)
                l2.append((k, (n, g.level1)))
                parents[k, default: []].append(g.level1)
            }
        }
        // the first of equal keys is kept, as `WordTable` does
        level1ByKey = WordTable(l1)
        level2ByKey = WordTable(l2)
        parentsByKey = WordTable(parents.map { ($0.key, $0.value) })
        commonByKey = WordTable(taxonomy.commonIndicators.map { (TextNormalizer.labelKey($0.name), $0) })
    }

    public func level1(named text: String) -> String? { level1ByKey[Taxonomy.key(text)] }
    public func level2(named text: String) -> (level2: String, level1: String)? { level2ByKey[Taxonomy.key(text)] }
    /// `(level1(named:) != nil, level2(named:) != nil)` with the key made once: asked of every short
    /// cell of every row that may be an indicator row, and the key is most of each lookup.
    public func namesLevels(_ text: String) -> (level1: Bool, level2: Bool) {
        // the key is a start of the label key: a text whose label key starts no name of either table
        // names neither, told without making the key or hashing it (the cells of noise and prose name none)
        guard level1ByKey.mayStartWithWord(text) || level2ByKey.mayStartWithWord(text) else { return (false, false) }
        let k = Taxonomy.key(text)
        return (level1ByKey[k] != nil, level2ByKey[k] != nil)
    }
    public func parents(ofLevel2 text: String) -> [String] { parentsByKey[Taxonomy.key(text)] ?? [] }
    public func commonIndicator(named text: String) -> Taxonomy.CommonIndicator? { commonByKey[TextNormalizer.labelKey(text)] }
    public func allows(level1: String, level2: String) -> Bool {
        let k1 = Taxonomy.key(level1)
        return parents(ofLevel2: level2).contains { Taxonomy.key($0) == k1 }
    }
}
