/// A taxonomy's lookups precomputed into dictionaries, for the hot paths (import, check) that ask
/// "is this a 一级/二级/共性指标 name?" of every cell.
public struct TaxonomyIndex: Sendable {
    public let taxonomy: Taxonomy
    private let level1ByKey: [String: String]
    private let level2ByKey: [String: (level2: String, level1: String)]
    private let parentsByKey: [String: [String]]
    private let commonByKey: [String: Taxonomy.CommonIndicator]

    public init(_ taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var l1: [String: String] = [:], l2: [String: (String, String)] = [:], parents: [String: [String]] = [:]
        for g in taxonomy.groups {
            l1[Taxonomy.key(g.level1)] = l1[Taxonomy.key(g.level1)] ?? g.level1
            for n in g.level2 {
                let k = Taxonomy.key(n)
                if l2[k] == nil { l2[k] = (n, g.level1) }
                parents[k, default: []].append(g.level1)
            }
        }
        var common: [String: Taxonomy.CommonIndicator] = [:]
        for c in taxonomy.commonIndicators where common[TextNormalizer.labelKey(c.name)] == nil {
            common[TextNormalizer.labelKey(c.name)] = c
        }
        level1ByKey = l1; level2ByKey = l2; parentsByKey = parents; commonByKey = common
    }

    public func level1(named text: String) -> String? { level1ByKey[Taxonomy.key(text)] }
    public func level2(named text: String) -> (level2: String, level1: String)? { level2ByKey[Taxonomy.key(text)] }
    public func parents(ofLevel2 text: String) -> [String] { parentsByKey[Taxonomy.key(text)] ?? [] }
    public func commonIndicator(named text: String) -> Taxonomy.CommonIndicator? { commonByKey[TextNormalizer.labelKey(text)] }
    public func allows(level1: String, level2: String) -> Bool {
        let k1 = Taxonomy.key(level1)
        return parents(ofLevel2: level2).contains { Taxonomy.key($0) == k1 }
    }
}
