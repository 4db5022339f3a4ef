import GoalCore

/// One table being checked: its rows, the profile in force and the findings so far.
/// Each rule family adds a method in its own file (`Rules/`).
struct TableCheck {
    let rules: CompiledProfile
    let table: GoalTable
    let tableIndex: Int
    let rows: [Row]
    /// The form has a 指标解释 / 佐证资料 column when some row fills it.
    let hasExplanationColumn: Bool
    let hasEvidenceColumn: Bool
    private(set) var findings: [Finding] = []
    /// `第2张表 第`, the start of every row's place in this table, as UTF-8: written once per table
    /// instead of piece by piece for each row with a finding.
    private let placePrefix: [UInt8]

    /// `rules` nil: the built-in profile that fits the table (`Checker.autoRules`).
    init(table: GoalTable, index: Int, rules chosen: CompiledProfile?) {
        self.table = table
        tableIndex = index
        let indicators = table.indicators
        (rules, rows) = indicators.withUnsafeBufferPointer { cells in
            // the level keys are made once: the profile is chosen from them and the rows keep them
            let keys = LevelKeys(cells)
            let rules = chosen ?? Checker.autoRules(for: table, keys: keys)
            var rows: [Row] = []
            rows.reserveCapacity(cells.count)
            for i in cells.indices {
                rows.append(
                    Row(
                        index: i, of: indicators, cells: cells, level1Key: keys.level1[i], level2Key: keys.level2[i],
                        rules: rules, previous: rows.last))
            }
            return (rules, rows)
        }
        hasExplanationColumn = rows.contains { $0.explanation != nil }
        hasEvidenceColumn = rows.contains { $0.hasEvidence }
        placePrefix = TableCheck.placePrefix(index)
        findings.reserveCapacity(rows.count + 8) // about one finding a row in practice: grown once, not step by step
    }

    mutating func run() -> [Finding] {
        for row in rows {
            fillingRules(row)
            if row.isLabelOnly { continue }
            directionRules(row)
            rowConsistencyRules(row)
        }
        headerRules()
        tableRules()
        return findings
    }

    /// Adds a finding unless the profile switched the rule off; the profile may also change its severity.
    /// Not inlined into the forty places that call it; the texts are handed over, not retained again.
    @inline(never)
    mutating func emit(
        _ rule: Rule, row: Int?, field: IndicatorField?, _ message: consuming String, fix: consuming String? = nil
    ) {
        // The built-in profiles switch nothing off and change no severity: their findings are emitted
        // without hashing the rule's code twice (two String hashes per finding were ~2 % of checking).
        if rules.changesRules && rules.disabled.contains(rule.code) { return }
        let severity = rules.changesRules ? rules.severities[rule.code] ?? rule.severity : rule.severity
        let finding = Finding(
            table: tableIndex, indicator: row, field: field, severity: severity,
            code: rule.code, message: message, suggestion: fix, profile: rules.name)
        findings.append(consume finding)
    }

    /// `第2张表 第` for the table at `index`, as UTF-8, written byte by byte: an interpolation made a
    /// String (growing it twice) only to copy its bytes out.
    private static func placePrefix(_ index: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(placePrefixStart.count + TextBuilder.intCapacity + placePrefixEnd.count)
        bytes += placePrefixStart
        bytes += String(index + 1).utf8
        bytes += placePrefixEnd
        return bytes
    }

    private static let placePrefixStart = Array("第".utf8)
    private static let placePrefixEnd = Array("张表 第".utf8)

    func previous(of row: Row) -> Row? { row.index > 0 ? rows[row.index - 1] : nil }

    // MARK: places in words

    var tablePlace: String { TextBuilder.joined("第", String(tableIndex + 1), "张表") }

    /// `第2张表 第4行“工伤保险待遇发放率”（时效指标）`. Made once per row and kept there: most rows
    /// with findings have several, and building this string cost more than the rules that find them.
    func place(_ row: Row) -> String {
        if let p = row.place { return p }
        let name = row.name.isEmpty ? "" : row.shownName
        let l2 = row.shownLevel2
        // the prefix, the number, 行, and the name and the 二级 each between two 3-byte marks
        let prefix = placePrefix, number = row.index + 1 // the closure captures these, not a copy of self
        let capacity = prefix.count + TextBuilder.intCapacity + 3 + name.utf8.count + 6 + l2.utf8.count + 6
        let place = TextBuilder.string(capacity: capacity) { s in
            s.append(prefix); s.append(number); s.append("行")
            if !name.isEmpty { s.append("“"); s.append(name); s.append("”") }
            if !l2.isEmpty { s.append("（"); s.append(l2); s.append("）") }
        }
        row.place = place
        return place
    }

    /// `第3行（质量指标）`, for pointing at another row of the same table.
    func shortPlace(_ row: Row) -> String {
        let l2 = row.shownLevel2
        return l2.isEmpty ? "第\(row.index + 1)行" : "第\(row.index + 1)行（\(l2)）"
    }
}
