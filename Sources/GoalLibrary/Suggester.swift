import Foundation
import GoalCore

/// What the unit itself reached last time for an indicator (from its own approved tables).
public struct OwnHistory: Sendable, Hashable {
    public var year: Int?
    public var actual: Double
    public var unit: String?
    public init(year: Int?, actual: Double, unit: String?) { self.year = year; self.actual = actual; self.unit = unit }
}

/// A library entry offered for a name being typed: the fields it fills and why.
public struct Suggestion: Sendable, Hashable {
    public var entry: LibraryEntry
    public var score: Double
    public var level1: String
    public var level2: String
    public var type: Comparison
    public var unit: String?
    public var explanation: String?
    public var scoring: String?
    /// The proposed 指标值 (as a number written in `unit`), if the figures allow one.
    public var target: String?
    /// Why this target: "本单位上年实际 1.83 万人；同类单位中位数 1.6 万人（12 张表，1.2–2.4 万人）".
    public var targetReason: String
    /// Why this entry: the words in common, how many tables use it.
    public var why: [String]
}

/// An indicator suggested for a new table, from the tables most like it.
public struct StartingSuggestion: Sendable, Hashable {
    public var entry: LibraryEntry
    /// How many of the similar tables use it.
    public var usedBy: Int
    public var of: Int
    public var why: String
}

/// An approved table, as far as starting sets need it.
public struct TableSketch: Sendable, Hashable {
    public var tableID: String
    public var kind: TableKind?
    public var name: String
    public var unit: String
    public var keys: [String]
    public init(tableID: String, kind: TableKind?, name: String, unit: String, keys: [String]) {
        self.tableID = tableID; self.kind = kind; self.name = name; self.unit = unit; self.keys = keys
    }
}

extension IndicatorLibrary {
    /// Entries offered for a 三级 name as it is typed, best first, each with what taking it fills.
    public func suggest(name: String, kind: TableKind? = nil, own: OwnHistory? = nil, limit: Int = 5) -> [Suggestion] {
        let hits = search(LibraryQuery(words: name, preferKind: kind, limit: max(limit, 8)))
        var out = hits.prefix(limit).map { hit in
            let e = hit.entry
            var why = hit.reasons
            why.append(usage(e))
            let (target, reason) = Self.proposal(e, own: own)
            return Suggestion(
                entry: e, score: hit.score, level1: e.level1, level2: e.level2, type: e.type, unit: e.unit,
                explanation: e.explanations.first?.text, scoring: e.scorings.first?.text, target: target,
                targetReason: reason, why: why)
        }
        // no entry of this name: the first suggestion's 二级, type and unit are what most of the close
        // entries say (weighted by how close), rather than the one nearest entry's
        if let top = hits.first, top.score < 0.9, !out.isEmpty {
            let close = hits.filter { $0.score >= top.score * 0.75 }
            if close.count >= 2 {
                func vote(_ list: [LibraryHit], _ field: (LibraryEntry) -> String) -> String {
                    var w: [String: Double] = [:]
                    for h in list { w[field(h.entry), default: 0] += h.score }
                    return w.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
                }
                let l2 = vote(close) { Taxonomy.key($0.level2) }
                let typed = vote(close) { $0.type.rawValue }
                let sameType = close.filter { $0.entry.type.rawValue == typed }
                let unit = vote(sameType) { $0.unit ?? "" }
                var first = out[0]
                if let model = close.first(where: { Taxonomy.key($0.entry.level2) == l2 }) {
                    first.level1 = model.entry.level1
                    first.level2 = model.entry.level2
                }
                first.type = Comparison(rawValue: typed) ?? first.type
                first.unit = unit.isEmpty ? nil : unit
                if first.level2 != first.entry.level2 || first.type != first.entry.type || first.unit != first.entry.unit {
                    first.why.append("二级、类型、单位取相近的 \(close.count) 条中多数的写法")
                    if first.type != first.entry.type || first.unit != first.entry.unit {
                        var e = first.entry
                        e.type = first.type
                        e.unit = first.unit
                        (first.target, first.targetReason) = Self.proposal(e, own: own)
                        if first.unit != first.entry.unit { first.target = nil; first.targetReason = "相近指标的计量单位不一，未建议指标值" }
                    }
                }
                out[0] = first
            }
        }
        return out
    }

    func usage(_ e: LibraryEntry) -> String {
        var parts: [String] = []
        if e.tables > 0 { parts.append("\(e.tables) 张已批复表使用") }
        if e.origin == .builtIn { parts.append("共性指标") }
        if e.origin == .finance { parts.append("财政添加") }
        if e.mark == .recommended { parts.append("财政推荐") }
        if e.tables > 1 && e.typeShare < 1 { parts.append("\(Int((e.typeShare * 100).rounded()))% 用“\(e.type.rawValue)”") }
        return parts.joined(separator: "，")
    }

    /// The target an entry proposes with the unit's own last figure, and its reason (without searching again).
    public func proposal(_ e: LibraryEntry, own: OwnHistory?) -> (target: String?, reason: String) {
        Self.proposal(e, own: own)
    }

    /// The target to propose and its reason: what the unit reached last time (so a ≥ target does not
    /// fall below it), else the median of the tables' targets; the spread is given beside it.
    static func proposal(_ e: LibraryEntry, own: OwnHistory?) -> (String?, String) {
        guard e.type.isQuantitative else { return (nil, "定性指标：按评分标准的常见写法填写") }
        let unitText = e.unit ?? ""
        var parts: [String] = []
        var ownValue: Double?
        if let own {
            let converted: Double? =
                switch (own.unit.map(MeasureUnit.init), e.unit.map(MeasureUnit.init)) {
                case (let o?, let u?): o.convert(own.actual, to: u)
                case (nil, _): own.actual
                default: nil
                }
            if let v = converted {
                ownValue = v
                let year = own.year.map { "\($0)年" } ?? "上年"
                parts.append("本单位\(year)实际 \(TextNormalizer.format(v))\(unitText)")
            }
        }
        if let t = e.targets {
            let range = t.min == t.max ? "" : "，\(TextNormalizer.format(t.min))–\(TextNormalizer.format(t.max))\(unitText)"
            parts.append("同类单位中位数 \(TextNormalizer.format(t.median))\(unitText)（\(t.count) 个目标值\(range)）")
        }
        if let a = e.actuals { parts.append("各单位实际中位数 \(TextNormalizer.format(a.median))\(unitText)") }
        // the unit's own figure first (a ≥ target not below what was reached), else the tables' median
        let proposed = ownValue ?? e.targets?.median
        if e.unit == "%", let p = proposed, p > 100, e.type != .equal { return ("100", parts.joined(separator: "；")) }
        return (proposed.map { TextNormalizer.format($0) }, parts.isEmpty ? "尚无可参考的目标值" : parts.joined(separator: "；"))
    }

    /// Indicators to start a new table with: those most used by the approved tables of the same kind
    /// whose project (or unit) name is most like this one's.
    public func startingSet(
        kind: TableKind, name: String, unit: String = "", tables: [TableSketch], similar: Int = 5, limit: Int = 12
    ) -> [StartingSuggestion] {
        let qName = NameShape(name, synonyms: synonyms), qUnit = NameShape(unit, synonyms: synonyms)
        var scored: [(TableSketch, Double)] = []
        for t in tables where t.kind == kind {
            let byName = name.isEmpty ? 0 : NameMatch.between(qName, NameShape(t.name, synonyms: synonyms)).score
            let byUnit = unit.isEmpty ? 0 : NameMatch.between(qUnit, NameShape(t.unit, synonyms: synonyms)).score
            scored.append((t, 0.7 * byName + 0.3 * byUnit))
        }
        scored.sort { a, b in a.1 != b.1 ? a.1 > b.1 : a.0.tableID < b.0.tableID }
        let near = scored.prefix(similar).map(\.0)
        guard !near.isEmpty else { return [] }
        var uses: [String: [String]] = [:]
        for t in near { for k in Set(t.keys) { uses[k, default: []].append(t.name) } }
        let ranked = uses.compactMap { k, names -> StartingSuggestion? in
            guard let e = self[k], e.mark != .retired else { return nil }
            let shown = names.prefix(2).map { "《\($0)》" }.joined(separator: "")
            return StartingSuggestion(
                entry: e, usedBy: names.count, of: near.count,
                why: "相近的 \(near.count) 张\(kindWord(kind))中 \(names.count) 张使用（如\(shown)）")
        }
        return ranked.sorted { a, b in
            a.usedBy != b.usedBy
                ? a.usedBy > b.usedBy
                : a.entry.tables != b.entry.tables ? a.entry.tables > b.entry.tables : a.entry.key < b.entry.key
        }
        .prefix(limit).map { $0 }
    }

    private func kindWord(_ k: TableKind) -> String {
        switch k {
        case .project: "项目支出表"
        case .department: "整体支出表"
        case .provincial: "省级整体表"
        }
    }
}
