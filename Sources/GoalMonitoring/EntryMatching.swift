import GoalCore

extension MonitoringEntry {
    /// This entry, read from a form whose indicators carry their own ids (an import), re-keyed to the
    /// ids of `stored`, the approved table the round is for: an indicator is matched by id, else by
    /// 一级/二级/三级 names, else by 三级 name alone when that is unique. Rows that match nothing are
    /// returned by name, never attached to another indicator.
    public func rekeyed(from imported: GoalTable, to stored: GoalTable) -> (entry: MonitoringEntry, unmatched: [String]) {
        let storedIDs = Set(stored.indicators.compactMap(\.id))
        var byPath: [String: [String]] = [:]
        var byName: [String: [String]] = [:]
        for i in stored.indicators {
            guard let id = i.id else { continue }
            byPath[Self.key(i.level1, i.level2, i.name), default: []].append(id)
            byName[Self.key(i.name), default: []].append(id)
        }
        var used = Set<String>()
        var importedByID: [String: Indicator] = [:]
        for i in imported.indicators { if let id = i.id, importedByID[id] == nil { importedByID[id] = i } }
        var out = self
        out.indicators = []
        var unmatched: [String] = []
        for p in indicators {
            var target: String?
            if storedIDs.contains(p.id), !used.contains(p.id) {
                target = p.id
            } else if let source = importedByID[p.id] {
                target = byPath[Self.key(source.level1, source.level2, source.name)]?.first { !used.contains($0) }
                if target == nil, let ids = byName[Self.key(source.name)], ids.count == 1, !used.contains(ids[0]) {
                    target = ids[0]
                }
            }
            guard let id = target else { unmatched.append(importedByID[p.id]?.name ?? p.id); continue }
            used.insert(id)
            var moved = p
            moved.id = id
            out.indicators.append(moved)
        }
        return (out, unmatched)
    }

    private static func key(_ parts: String...) -> String {
        parts.map { TextNormalizer.withoutWhitespace($0) }.joined(separator: "\u{1F}")
    }
}
