import GoalCore

/// The budget-execution block of a self-evaluation table (自评表):
///
///     项目资金（万元） |              | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
///                    | 年度资金总额 | 100        | 100        | 95         | 10   | 95%    | 9.5
///                    | 其中：财政拨款 …
///
/// The 年度资金总额 row gives `execution` (budget, spent, weight) for scoring, and the funds.
enum ExecutionBlock {
    enum Column: Hashable, Sendable { case plannedBudget, budget, spent, weight, rate, score }

    static let headings = WordTable<Column>([
        ("年初预算数", .plannedBudget), ("全年预算数", .budget), ("全年执行数", .spent), ("分值", .weight),
        ("执行率", .rate), ("得分", .score), ("预算数", .budget), ("执行数", .spent), ("全年实际执行数", .spent),
    ])
    /// No heading is longer (7 characters, 21 bytes, and a little room for spaces): longer cells are not looked up.
    static let longestHeadingBytes = 32

    static let goalSubheadings = WordSet(["预期目标", "实际完成情况", "年度目标"])

    /// The columns of a heading row, in order, when it names at least three of them.
    static func heading(_ row: SourceRow) -> [Column]? {
        let ne = row.nonEmpty
        guard ne.count >= 3 else { return nil }
        var cols: [Column] = []
        for (k, c) in ne.enumerated() {
            // three headings are needed: once the cells left cannot make them, the row is none (most
            // rows, of tables and of noise, end here after two or three cells)
            if cols.count + (ne.count - k) < 3 { return nil }
            // the label key is looked up whole: one that starts with no heading is none, told without
            // making it (`WordStarts`)
            if c.cell.text.utf8.count <= longestHeadingBytes, headings.mayStartWithWord(c.cell.text),
                let col = headings[TextNormalizer.labelKey(c.cell.text)]
            {
                cols.append(col)
            }
        }
        return cols.count >= 3 && cols.contains(.spent) ? cols : nil
    }
}

extension Reader {
    /// A row under the execution heading: `年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5`.
    mutating func readExecutionRow(_ row: SourceRow, columns: [ExecutionBlock.Column]) -> Bool {
        let ne = row.nonEmpty
        guard
            let (labelIndex, field) = ne.indices.lazy
                .compactMap({ i in HeaderBlockReader.label(ne[i].cell.text).map { (i, $0.0) } }).first
        else { return false }
        var values: [ExecutionBlock.Column: Double] = [:]
        for (col, cell) in zip(columns, ne[(labelIndex + 1)...]) {
            if let v = Target.parse(cell.cell.text).number { values[col] = v }
        }
        let budget = values[.budget] ?? values[.plannedBudget]
        switch field {
        case .fundsTotal:
            current?.funds.total = budget
            if let budget, let spent = values[.spent] {
                current?.execution = Execution(budget: budget, spent: spent, weight: values[.weight] ?? 10)
                if values[.weight] == nil {
                    note(.executionWeightDefault(line: row.line), line: row.line)
                }
            }
        case .fundsFiscal: current?.funds.fiscal = budget
        case .fundsOther: current?.funds.other = budget
        default: return false
        }
        return true
    }
}
