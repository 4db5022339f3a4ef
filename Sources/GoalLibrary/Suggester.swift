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
        search(LibraryQuery(words: name, preferKind: kind, limit: limit)).map { hit in
            let e = hit.entry
            var why = hit.reasons
            why.append(usage(e))
            let (target, reason) = Self.proposal(e, own: own)
            return Suggestion(
                entry: e, score: hit.score, level1: e.level1, level2: e.level2, type: e.type, unit: e.unit,
                explanation: e.explanations.first?.text, scoring: e.scorings.first?.text, target: target,
                targetReason: reason, why: why)
        }
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
