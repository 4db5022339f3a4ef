import GoalCore

/// A profile with its lookups built once: taxonomy keys in sets and dictionaries, word lists as
/// scalar arrays. Checking a row then costs hash lookups and short scans, never a re-parse.
/// A final class: tables share one instance instead of copying two dozen word lists per table.
final class CompiledProfile: Sendable {
    let profile: Profile
    let level1ByKey: [Key: String]
    /// `一级key, 1, 二级key` for every allowed pair.
    let pairs: Set<PairKey>
    /// 二级 key → the 一级 names that allow it.
    let parentsByLevel2: [Key: [String]]
    /// 一级 key → its 二级 names, for suggestions.
    let level2Names: [Key: [String]]
    /// Accepted written 二级 key → canonical 二级 key.
    let aliases: [Key: Key]
    let required: [(name: String, key: Key)]
    let disabled: Set<String>
    let severities: [String: Severity]
    /// Whether `disabled` or `severities` holds anything: when not, a finding needs neither look-up.
    let changesRules: Bool
    let generic: WordList
    let satisfaction: WordList
    let positiveRates: WordList
    let lowerIsBetter: WordList
    let growth: WordList
    let timeliness: WordList
    let timelinessRates: WordList
    let dangling: WordList
    /// R13's message after the place for each dangling ending (by its index in `dangling.texts`), and
    /// the end of its fix where `Words.completion` knows how the ending is completed: written once here
    /// instead of for every name found cut off (the most frequent finding).
    let danglingMessageEnds: [String]
    let danglingFixEnds: [String?]
    let measurable: WordList
    let socialBenefit: WordList
    let economicBenefit: WordList
    let moneyNouns: WordList
    /// T02's words for the totals the weights may add up to (`100分或90分（90分时另10分为预算执行率）`)
    /// and its fix: they depend on the profile alone, and about half the tables get T02.
    let weightTotalsText: String
    let weightTotalsFix: String

    init(_ p: Profile) {
        profile = p
        var l1: [Key: String] = [:], pairs = Set<PairKey>(), parents: [Key: [String]] = [:], names: [Key: [String]] = [:]
        for g in p.taxonomy.groups {
            let k1 = Keys.key(g.level1)
            l1[k1] = g.level1
            names[k1, default: []] += g.level2
            for l2 in g.level2 {
                let k2 = Keys.key(l2)
                pairs.insert(PairKey(k1, k2))
                parents[k2, default: []].append(g.level1)
            }
        }
        level1ByKey = l1; self.pairs = pairs; parentsByLevel2 = parents; level2Names = names
        var al: [Key: Key] = [:]
        for (written, canonical) in p.check.level2Aliases { al[Keys.key(written)] = Keys.key(canonical) }
        aliases = al
        required = p.requiredLevel1.map { ($0, Keys.key($0)) }
        disabled = Set(p.check.disabledRules)
        var sev: [String: Severity] = [:]
        for (code, s) in p.check.severities { if let v = Severity(rawValue: s) { sev[code] = v } }
        severities = sev
        changesRules = !disabled.isEmpty || !sev.isEmpty
        generic = WordList(p.check.genericExplanations)
        let lx = p.check.lexicon
        satisfaction = WordList(lx.satisfaction); positiveRates = WordList(lx.positiveRates.map { $0 + "率" })
        lowerIsBetter = WordList(lx.lowerIsBetter); growth = WordList(lx.growth)
        timeliness = WordList(lx.timeliness); timelinessRates = WordList(lx.timelinessRates)
        dangling = WordList(lx.danglingEndings); measurable = WordList(lx.measurableEndings)
        danglingMessageEnds = dangling.texts.map(NameTruncationText.messageEnd)
        danglingFixEnds = dangling.texts.map { Words.completion[$0].map(NameTruncationText.fixEnd) }
        socialBenefit = WordList(lx.socialBenefit); economicBenefit = WordList(lx.economicBenefit)
        moneyNouns = WordList(lx.moneyNouns)
        let totals = p.check.weightTotals
        var totalsText = totals.map { Display.number($0) + "分" }.joined(separator: "或")
        if totals.count > 1, let top = totals.max(), let low = totals.min() {
            totalsText += "（\(Display.number(low))分时另\(Display.number(top - low))分为预算执行率）"
        }
        weightTotalsText = totalsText
        weightTotalsFix = totals.first.map { "调整各指标分值，使合计为\(Display.number($0))分" } ?? ""
    }

    var name: String { profile.name }

    func allows(level1Key k1: Key, level2Key k2: Key) -> Bool {
        if pairs.contains(PairKey(k1, k2)) { return true }
        if let canonical = aliases[k2] { return pairs.contains(PairKey(k1, canonical)) }
        return false
    }

    /// The built-in profiles, compiled once for the whole process.
    static let builtIn: [String: CompiledProfile] = {
        var d: [String: CompiledProfile] = [:]
        for p in Profile.builtIn { d[p.name] = CompiledProfile(p) }
        return d
    }()
}

/// The key `k1 + [1] + k2` of an allowed 一级/二级 pair, without building that array on every look-up
/// (two allocations per row were most of `allows`). It compares and hashes as the joined sequence,
/// so a set of them holds and finds exactly the pairs a set of joined arrays did.
struct PairKey: Hashable, Sendable {
    let level1: Key
    let level2: Key

    init(_ level1: Key, _ level2: Key) { self.level1 = level1; self.level2 = level2 }

    /// Element i of the joined sequence.
    private func joined(_ i: Int) -> UInt32 {
        i < level1.count ? level1[i] : i == level1.count ? 1 : level2[i - level1.count - 1]
    }

    static func == (a: PairKey, b: PairKey) -> Bool {
        if a.level1 == b.level1 && a.level2 == b.level2 { return true }
        let n = a.level1.count + 1 + a.level2.count
        guard n == b.level1.count + 1 + b.level2.count else { return false }
        return (0..<n).allSatisfy { a.joined($0) == b.joined($0) }
    }

    /// One code folded from the joined sequence's elements (FNV-1a style), handed to the hasher once:
    /// a `combine` per scalar made the taxonomy look-up of every row cost hundreds of instructions.
    /// Pairs with the same joined sequence get the same code, so equal keys hash alike.
    func hash(into hasher: inout Hasher) {
        var code = FNV1a()
        for v in level1 { code.add(UInt64(v)) }
        code.add(1)
        for v in level2 { code.add(UInt64(v)) }
        hasher.combine(code.value)
    }
}
