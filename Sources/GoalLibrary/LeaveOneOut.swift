import GoalCore

/// How well the library guesses an indicator from its name: each indicator of a set of tables is
/// hidden in turn, the library is built from the others, and its first suggestion for the name is
/// compared with what the table filled in.
public enum LeaveOneOut {
    public struct Report: Sendable, Hashable, CustomStringConvertible {
        public var indicators = 0
        /// Indicators for which the library offered anything.
        public var answered = 0
        public var level2 = 0
        public var type = 0
        public var unit = 0
        /// All three right at once.
        public var all = 0
        /// Indicators whose name (by key) appears in another table: the part a library can know.
        public var seenElsewhere = 0
        /// What was wrong, one line per indicator: "名称 → 建议名称：二级 x≠y，类型…".
        public var misses: [String] = []

        func percent(_ n: Int) -> String {
            indicators == 0 ? "-" : TextNormalizer.format(Double(n) * 100 / Double(indicators), decimals: 1) + "%"
        }

        public var description: String {
            "指标 \(indicators)，有建议 \(answered)（\(percent(answered))），首选二级正确 \(level2)（\(percent(level2))），"
                + "类型正确 \(type)（\(percent(type))），单位正确 \(unit)（\(percent(unit))），三项全对 \(all)（\(percent(all))）；"
                + "同名指标见于他表 \(seenElsewhere)（\(percent(seenElsewhere))）"
        }
    }

    public enum Hide: Sendable { case indicator, table }

    /// `tables`: (an id, the table). `.indicator` hides the one indicator (the rest of its table stays
    /// in the library, as when a unit adds a row); `.table` hides its whole table (a unit new to the library).
    public static func evaluate(_ tables: [(String, GoalTable)], hiding: Hide = .indicator) -> Report {
        let perTable = tables.map { id, t in LibrarySample.of(t, tableID: id) }
        let all = perTable.flatMap { $0 }
        var keyTables: [String: Set<String>] = [:]
        for s in all { keyTables[LibraryText.key(s.name), default: []].insert(s.tableID) }
        var r = Report()
        var offset = 0
        for (ti, samples) in perTable.enumerated() {
            for (i, hidden) in samples.enumerated() where !hidden.name.isEmpty {
                let rest: [LibrarySample]
                switch hiding {
                case .indicator:
                    var copy = all
                    copy.remove(at: offset + i)
                    rest = copy
                case .table:
                    rest = Array(all[..<offset] + all[(offset + samples.count)...])
                }
                let library = IndicatorLibrary(entries: LibraryBuilder.build(samples: rest))
                r.indicators += 1
                if (keyTables[LibraryText.key(hidden.name)] ?? []).subtracting([hidden.tableID]).count > 0 {
                    r.seenElsewhere += 1
                }
                guard let first = library.suggest(name: hidden.name, kind: hidden.kind, limit: 1).first else {
                    r.misses.append("\(hidden.name)：无建议")
                    continue
                }
                r.answered += 1
                let l2 = Taxonomy.key(first.level2) == Taxonomy.key(hidden.level2)
                let ty = first.type == hidden.type
                let un = sameUnit(first.unit, hidden.targetUnit)
                if l2 { r.level2 += 1 }
                if ty { r.type += 1 }
                if un { r.unit += 1 }
                if l2 && ty && un {
                    r.all += 1
                } else {
                    r.misses.append(
                        "\(hidden.name) → \(first.entry.name)：二级 \(first.level2)/\(hidden.level2) 类型 \(first.type.rawValue)/\(hidden.type.rawValue) 单位 \(first.unit ?? "-")/\(hidden.targetUnit ?? "-")"
                    )
                }
            }
            offset += samples.count
            _ = ti
        }
        return r
    }

    /// The same unit as written, 百分比 and % being one.
    static func sameUnit(_ a: String?, _ b: String?) -> Bool {
        (LibraryText.unit(a).map(LibraryText.key) ?? "") == (LibraryText.unit(b).map(LibraryText.key) ?? "")
    }
}
