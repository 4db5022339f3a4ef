import GoalCore

/// Groups samples into entries and works out each entry's statistics. Pure and deterministic: the same
/// samples in any order give the same entries.
public enum LibraryBuilder {
    /// The library's entries: one per indicator key among `samples` (approved tables) and `builtIn`
    /// (the seed tables' indicators, counted like the others but marked 共性指标), plus the common
    /// indicators of the provincial form, with finance's overrides applied. Sorted by key.
    public static func build(
        samples: [LibrarySample], builtIn: [LibrarySample] = [], common: [LibraryEntry] = BuiltInIndicators.common,
        overrides: [LibraryOverride] = []
    ) -> [LibraryEntry] {
        var groups: [String: [LibrarySample]] = [:]
        var builtInKeys = Set<String>()
        for s in samples where !s.name.isEmpty { groups[LibraryText.key(s.name), default: []].append(s) }
        for s in builtIn where !s.name.isEmpty {
            let k = LibraryText.key(s.name)
            groups[k, default: []].append(s)
            builtInKeys.insert(k)
        }
        var entries: [String: LibraryEntry] = [:]
        for (key, list) in groups {
            var e = entry(key: key, list)
            if builtInKeys.contains(key) { e.origin = .builtIn }
            entries[key] = e
        }
        for c in common {
            if var e = entries[c.key] {
                e.origin = .builtIn
                if e.explanations.isEmpty, let d = c.explanations.first { e.explanations = [d] }
                entries[c.key] = e
            } else {
                entries[c.key] = c
            }
        }
        for o in overrides {
            if let own = o.entry {
                if var e = entries[o.key] {
                    e.name = own.name; e.level1 = own.level1; e.level2 = own.level2; e.type = own.type; e.unit = own.unit
                    if let x = own.explanations.first, !e.explanations.contains(where: { $0.text == x.text }) {
                        e.explanations.insert(x, at: 0)
                    }
                    if let x = own.scorings.first, !e.scorings.contains(where: { $0.text == x.text }) {
                        e.scorings.insert(x, at: 0)
                    }
                    entries[o.key] = e
                } else {
                    var e = own
                    e.key = o.key; e.origin = .finance
                    entries[o.key] = e
                }
            }
            guard var e = entries[o.key] else { continue }
            e.mark = o.mark
            if let s = o.standard { e.standard = s }
            entries[o.key] = e
        }
        return entries.values.sorted { $0.key < $1.key }
    }

    /// One entry from the samples filed under one key.
    static func entry(key: String, _ list: [LibrarySample]) -> LibraryEntry {
        let name = mode(list.map(\.name)).value
        // 二级 by the taxonomy's key (服务对象满意度 and 服务对象满意度指标 are one), then its most written spelling
        let l2Key = mode(list.map { Taxonomy.key($0.level2) }.filter { !$0.isEmpty })
        let l2Spelled = list.filter { !$0.level2.isEmpty && Taxonomy.key($0.level2) == l2Key.value }
        let l2 = (value: mode(l2Spelled.map(\.level2)).value, share: l2Key.share)
        let l1 = mode(l2Spelled.map(\.level1).filter { !$0.isEmpty }).value
        let type = mode(list.map(\.type.rawValue))
        let usualType = Comparison(rawValue: type.value) ?? .qualitative
        let units = mode(list.map { LibraryText.unit($0.targetUnit) ?? "" })
        let unit = units.value.isEmpty ? nil : units.value
        var targets: [Double] = []
        var actuals: [Double] = []
        let usual = unit.map(MeasureUnit.init)
        for s in list where s.type.isQuantitative {
            let own = LibraryText.unit(s.targetUnit).map(MeasureUnit.init)
            func inUsual(_ v: Double) -> Double? {
                switch (own, usual) {
                case (nil, nil): return v
                case (let o?, let u?): return o.convert(v, to: u)
                default: return nil
                }
            }
            if let v = s.target, let x = inUsual(v) { targets.append(x) }
            if let v = s.actual, let x = inUsual(v) { actuals.append(x) }
        }
        let tables = Set(list.map(\.tableID))
        let kinds = Set(list.compactMap(\.kind)).sorted { $0.rawValue < $1.rawValue }
        return LibraryEntry(
            key: key, name: name, level1: l1, level2: l2.value, type: usualType, unit: unit,
            level2Share: l2.share, typeShare: type.share, unitShare: units.share, kinds: kinds, tables: tables.count,
            units: Set(list.map(\.unit)).count, targets: Spread(targets), actuals: Spread(actuals),
            explanations: typical(list.map(\.explanation)), scorings: typical(list.map(\.scoring)),
            standard: mode(list.compactMap { $0.standard?.rawValue }).value.isEmpty
                ? nil : ValueStandard(rawValue: mode(list.compactMap { $0.standard?.rawValue }).value),
            origin: .tables)
    }

    /// The most frequent value and its share; ties go to the value first in sorted order, so the
    /// result does not depend on the samples' order.
    static func mode(_ values: [String]) -> (value: String, share: Double) {
        guard !values.isEmpty else { return ("", 0) }
        var counts: [String: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        return (best.key, Double(best.value) / Double(values.count))
    }

    /// The three texts most written, most frequent first (then shorter, then in order).
    static func typical(_ texts: [String?], keep: Int = 3) -> [UsedText] {
        var counts: [String: Int] = [:]
        for t in texts { if let t { counts[t, default: 0] += 1 } }
        return counts.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key.count != b.key.count ? a.key.count < b.key.count : a.key < b.key
        }
        .prefix(keep).map { UsedText(text: $0.key, count: $0.value) }
    }
}

/// The common indicators every province's form prints (共性指标), as library entries.
public enum BuiltInIndicators {
    public static let common: [LibraryEntry] = Taxonomy.provincial.commonIndicators.map { c in
        let key = LibraryText.key(c.name)
        let isRate = key.hasSuffix("率")
        let lower = ["调整率", "结转结余率"].contains { key.hasSuffix($0) }
        return LibraryEntry(
            name: c.name, level1: c.level1, level2: c.level2,
            type: isRate ? (lower ? .atMost : .atLeast) : .qualitative, unit: isRate ? "%" : nil,
            kinds: [.provincial], explanations: c.definition.map { [UsedText(text: $0, count: 0)] } ?? [],
            origin: .builtIn)
    }
}
