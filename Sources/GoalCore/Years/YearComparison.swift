/// 与上年对比 (issue #19): a table beside last year's, indicator by indicator.
///
/// Indicators are paired by id (the same indicator in both), falling back to the `previousId` link a carried
/// indicator keeps (`CarryForward`). Each pair says what moved: the target raised or lowered (figures compared
/// in one unit: 1.8万人 → 19000人 is raised), the unit, the weight, the 指标解释, the name; unpaired indicators are
/// added (this year only) or removed (last year only). The header and funds are compared by `TableDiff`.
public enum YearComparison {
    public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
        case added, removed, renamed, raised, lowered, targetChanged, unitChanged, weightMoved, explanationChanged

        /// The words of the page and the export.
        public var label: String {
            switch self {
            case .added: return "新增"
            case .removed: return "删除"
            case .renamed: return "名称变化"
            case .raised: return "目标提高"
            case .lowered: return "目标降低"
            case .targetChanged: return "指标值变化"
            case .unitChanged: return "计量单位变化"
            case .weightMoved: return "分值变化"
            case .explanationChanged: return "指标解释变化"
            }
        }
    }

    /// One indicator of either year, or of both.
    public struct Line: Sendable, Hashable {
        /// 0-based rows in last year's and this year's table.
        public var previousRow: Int?
        public var row: Int?
        public var before: Indicator?
        public var after: Indicator?
        /// Last year's 自评 实际完成值 of the indicator, when entered.
        public var lastActual: String?
        public var changes: [Change]

        public var name: String { after?.name ?? before?.name ?? "" }
        public var level2: String { after?.level2 ?? before?.level2 ?? "" }

        /// `分值 20→10`, `目标提高（≥1.8万人 → ≥19000人）`: each change in words, for the 变化 column.
        public var described: [String] {
            changes.map { c in
                switch c {
                case .raised, .lowered, .targetChanged:
                    return "\(c.label)（\(before?.targetText ?? "") → \(after?.targetText ?? "")）"
                case .unitChanged: return "\(c.label)（\(before?.unit ?? "无") → \(after?.unit ?? "无")）"
                case .weightMoved:
                    return
                        "\(c.label)（\(before?.weight.map(YearComparison.number) ?? "无") → \(after?.weight.map(YearComparison.number) ?? "无")）"
                case .renamed: return "\(c.label)（原“\(before?.name ?? "")”）"
                default: return c.label
                }
            }
        }
    }

    public struct Result: Sendable, Hashable {
        public var lines: [Line]
        /// Header, funds and tasks that changed (`TableDiff`), 年度 left out: it always moves on.
        public var header: [TableChange]

        public func count(_ c: Change) -> Int { lines.count { $0.changes.contains(c) } }
        /// Lines with no change at all.
        public var unchanged: Int { lines.count { $0.changes.isEmpty } }
    }

    public static func compare(previous: GoalTable, current: GoalTable) -> Result {
        var prevRow: [String: Int] = [:]
        for (i, ind) in previous.indicators.enumerated() { if let id = ind.id, prevRow[id] == nil { prevRow[id] = i } }
        var used = Set<Int>()
        var lines: [Line] = []
        for (k, ind) in current.indicators.enumerated() {
            var match: Int?
            if let id = ind.id, let i = prevRow[id], !used.contains(i) {
                match = i
            } else if let p = ind.previousId, let i = prevRow[p], !used.contains(i) {
                match = i
            }
            guard let i = match else {
                lines.append(Line(previousRow: nil, row: k, before: nil, after: ind, lastActual: nil, changes: [.added]))
                continue
            }
            used.insert(i)
            let before = previous.indicators[i]
            lines.append(
                Line(
                    previousRow: i, row: k, before: before, after: ind, lastActual: previous.actual(at: i),
                    changes: changes(before, ind)))
        }
        for (i, ind) in previous.indicators.enumerated() where !used.contains(i) {
            lines.append(
                Line(previousRow: i, row: nil, before: ind, after: nil, lastActual: previous.actual(at: i), changes: [.removed]))
        }
        var last = previous.goalPart
        last.year = current.year
        let header = TableDiff.changes(from: last, to: current.goalPart).filter {
            ["表头", "资金"].contains($0.place) || $0.place.hasPrefix("任务")
        }
        return Result(lines: lines, header: header)
    }

    static func changes(_ a: Indicator, _ b: Indicator) -> [Change] {
        var out: [Change] = []
        if trim(a.name) != trim(b.name) { out.append(.renamed) }
        let unitA = trim(a.unit ?? ""), unitB = trim(b.unit ?? "")
        if a.type.isQuantitative && b.type.isQuantitative, let x = a.target.number, let y = b.target.number {
            let y2 = unitA == unitB ? y : MeasureUnit(unitB).convert(y, to: MeasureUnit(unitA))
            if a.type != b.type {
                out.append(.targetChanged)
            } else if let y2 {
                if y2 > x { out.append(.raised) } else if y2 < x { out.append(.lowered) }
            }
        } else if a.targetText != b.targetText {
            out.append(.targetChanged)
        }
        if unitA != unitB { out.append(.unitChanged) }
        if a.weight != b.weight { out.append(.weightMoved) }
        if trim(a.explanation ?? "") != trim(b.explanation ?? "") { out.append(.explanationChanged) }
        return out
    }

    static func trim(_ s: String) -> String { TextNormalizer.trim(s) }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : TextNormalizer.format(d, decimals: 2)
    }
}
