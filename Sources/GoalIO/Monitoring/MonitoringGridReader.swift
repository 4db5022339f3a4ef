import Foundation
import GoalCore
import GoalMonitoring

/// Reads 项目支出（部门整体）绩效目标执行监控表 from a grid of cell texts (a worksheet, a Word table,
/// pasted lines), by the form's own headings: the header block, the budget block (年初预算数,
/// 全年预算数, 1-N月执行数, 执行率, 全年预计执行数), 年度总体目标, and the indicator grid with its two
/// heading rows (偏差原因分析 over 经费保障 … 原因说明, 完成目标可能性 over 确定能 / 有可能 / 完全不可能).
/// Nothing is invented: a cell that does not hold what its column asks for is kept as written and
/// reported with its place.
struct MonitoringGridReader {
    let grid: [[String]]
    /// Names a 0-based (row, column) for notes: a sheet cell, a Word table cell, a line of text.
    let locate: (Int, Int) -> SourceLocation
    var notes: [ImportNote] = []
    /// The form being read (0-based), for the notes.
    private var currentTable = 0

    init(grid: [[String]], locate: @escaping (Int, Int) -> SourceLocation) {
        self.grid = grid.map { $0.map(TextNormalizer.trim) }
        self.locate = locate
    }

    static func isMonitoringForm(_ grid: [[String]]) -> Bool {
        grid.prefix(40).contains { row in row.contains { $0.contains("监控表") || $0.contains("运行监控") || $0.contains("执行监控") } }
            && grid.contains { row in row.contains { $0 == "确定能" || $0 == "完全不可能" } }
    }

    mutating func read() -> [MonitoredTable] {
        var tables: [MonitoredTable] = []
        // each indicator heading row (三级指标 beside a 完成可能性 or 执行数 column) starts the grid of one
        // form; the header block is what lies between the previous form and it
        var start = 0
        var r = 0
        while r < grid.count {
            if let columns = IndicatorColumns(grid, row: r) {
                currentTable = tables.count
                let (table, end) = readForm(headerRange: start..<r, columns: columns)
                tables.append(table)
                start = end
                r = end
            } else {
                r += 1
            }
        }
        return tables
    }

    private func cell(_ r: Int, _ c: Int) -> String { r < grid.count && c < grid[r].count ? grid[r][c] : "" }

    /// `field` is set on notes about the plan (the target), which a goal-table import keeps; notes
    /// about monitoring values have none.
    private mutating func note(_ code: ImportNote.Code, _ r: Int, _ c: Int, indicator: Int? = nil, field: IndicatorField? = nil) {
        var location = locate(r, c)
        location.indicator = indicator
        location.field = field
        location.table = currentTable
        notes.append(ImportNote(code, at: location))
    }

    // MARK: one form

    private mutating func readForm(headerRange: Range<Int>, columns: IndicatorColumns) -> (MonitoredTable, Int) {
        var table = GoalTable(kind: .project)
        var entry = MonitoringEntry(period: columns.period ?? 0)
        var period = columns.period
        readHeader(headerRange, into: &table, entry: &entry, period: &period)
        // the indicator rows
        var r = columns.firstDataRow
        var level1 = "", level2 = ""
        var progress: [IndicatorProgress] = []
        var indicators: [Indicator] = []
        while r < grid.count {
            if IndicatorColumns(grid, row: r) != nil { break }
            let row = grid[r]
            guard row.contains(where: { !$0.isEmpty }) else { r += 1; continue }
            // the department form's text fields, printed under its grid
            if let first = row.firstIndex(where: { !$0.isEmpty }), let field = Self.textField(Self.labelKey(row[first])) {
                let value = row[(first + 1)...].first { !$0.isEmpty }
                switch field {
                case .deviation: entry.deviationSummary = value
                case .problems: entry.problems = value
                case .measures: entry.measures = value
                case .progress: entry.goalProgress = value
                }
                r += 1
                continue
            }
            if let c = columns.level1, !cell(r, c).isEmpty { level1 = cell(r, c) }
            if let c = columns.level2, !cell(r, c).isEmpty { level2 = cell(r, c) }
            let name = cell(r, columns.name)
            if name.isEmpty {
                let text = row.filter { !$0.isEmpty }
                // a sign-off or a note under the grid ends it; a row with a 一级/二级 alone is a merged label
                if text.count == 1, [columns.level1, columns.level2].compactMap({ $0 }).contains(where: { !cell(r, $0).isEmpty })
                {
                    r += 1; continue
                }
                if Self.endsGrid(text.first ?? "") { break }
                note(
                    .monitoringRowWithoutName(line: r + 1, text: text.joined(separator: " ")), r,
                    row.firstIndex { !$0.isEmpty } ?? 0)
                r += 1
                continue
            }
            let index = indicators.count
            var indicator = readIndicator(r, columns: columns, level1: level1, level2: level2, name: name, index: index)
            indicator.id = GoalTable.newIndicatorID()
            progress.append(readProgress(r, columns: columns, indicator: indicator, index: index, period: period ?? 0))
            indicators.append(indicator)
            r += 1
        }
        table.indicators = indicators
        entry.indicators = progress
        entry.period = period ?? 0
        if period == nil {
            note(.monitoringPeriodMissing, columns.headingRow, columns.name)
        }
        return (MonitoredTable(table: table, entry: entry), r)
    }

    /// Words that end the indicator grid: sign-off lines and notes printed under the form.
    static func endsGrid(_ text: String) -> Bool {
        ["填表人", "填报人", "联系电话", "单位负责人", "填表日期", "填报日期", "说明", "注：", "注:", "备注：", "审核"].contains { text.hasPrefix($0) }
    }

    // MARK: header and budget block

    private mutating func readHeader(
        _ range: Range<Int>, into table: inout GoalTable, entry: inout MonitoringEntry, period: inout Int?
    ) {
        var budgetColumns: BudgetColumns?
        for r in range {
            let row = grid[r]
            for (c, text) in row.enumerated() where !text.isEmpty {
                if text.contains("监控表") || text.hasSuffix("运行监控") {
                    table.kind = text.contains("部门") || text.contains("整体") ? .department : .project
                }
                if text.hasPrefix("(") || text.hasPrefix("（") || text.contains("年度"), text.count <= 14,
                    let y = Self.year(in: text), table.year == nil
                {
                    table.year = y
                }
                let label = Self.labelKey(text)
                func value() -> String? { row[(c + 1)...].first { !$0.isEmpty } }
                switch label {
                case "项目名称": table.project = ProjectInfo(name: value())
                case "实施单位", "单位名称", "部门(单位)名称", "预算单位":
                    if let v = value() { table.unit = v }
                case "主管部门及代码", "主管部门":
                    if table.unit.isEmpty, table.kind == .department, let v = value() { table.unit = v }
                case "年度总体目标", "项目总体目标", "总体目标", "年度履职目标", "年度绩效目标":
                    table.goal = value()
                default:
                    switch Self.textField(label) {
                    case .progress?: entry.goalProgress = value()
                    case .deviation?: entry.deviationSummary = value()
                    case .problems?: entry.problems = value()
                    case .measures?: entry.measures = value()
                    case nil: break
                    }
                }
            }
            if let columns = BudgetColumns(row) {
                budgetColumns = columns
                if let p = columns.period { period = period ?? p }
                continue
            }
            // the block is the rows right under its heading whose label is a budget line; the first
            // other row ends it (a 总体目标 that mentions 项目支出 is no budget line)
            if let columns = budgetColumns, let first = row.first(where: { !$0.isEmpty }) {
                if let item = BudgetItem.parse(first) {
                    entry.budget.append(readBudgetRow(r, item: item, columns: columns))
                } else {
                    budgetColumns = nil
                }
            }
        }
        table.title = table.kind.officialTitle
        if let total = entry.totalBudget {
            let fiscal = entry.budget.first { $0.item == .fiscal }?.initial
            let other = entry.budget.first { $0.item == .other }?.initial
            table.funds = Funds(total: total.initial, fiscal: fiscal, other: other)
        }
    }

    /// The entry's text fields by their labels: 年度总体目标 执行情况 and the department form's three.
    enum TextField { case progress, deviation, problems, measures }

    static func textField(_ label: String) -> TextField? {
        switch label {
        case "执行情况", "目标执行情况", "总体目标执行情况", "年度总体目标执行情况": return .progress
        case "绩效目标执行出现的偏差", "绩效目标执行偏差": return .deviation
        case "存在的问题", "存在问题": return .problems
        case "纠偏整改措施", "整改措施": return .measures
        default: return nil
        }
    }

    /// A header label as a key: half-width, no spaces, no colon after it (`实施单位：`).
    static func labelKey(_ text: String) -> String {
        var t = TextNormalizer.withoutWhitespace(TextNormalizer.halfWidth(text))
        while t.hasSuffix(":") { t.removeLast() }
        return t
    }

    static func year(in text: String) -> Int? {
        var digits = ""
        for ch in text {
            if ch.isASCII && ch.isNumber { digits.append(ch); if digits.count == 4 { break } } else { digits = "" }
        }
        guard digits.count == 4, let y = Int(digits), (2000...2100).contains(y) else { return nil }
        return y
    }

    private mutating func readBudgetRow(_ r: Int, item: BudgetItem, columns: BudgetColumns) -> BudgetRow {
        func number(_ c: Int?, _ heading: String) -> Double? {
            guard let c else { return nil }
            let text = cell(r, c)
            if text.isEmpty { return nil }
            if let n = TextNormalizer.number(text.replacingOccurrences(of: "万元", with: "")) { return n }
            note(.budgetNotNumber(item: item.rawValue, heading: heading, text: text), r, c)
            return nil
        }
        let row = BudgetRow(
            item: item, initial: number(columns.initial, "年初预算数"), adjusted: number(columns.adjusted, "全年预算数"),
            spent: number(columns.spent, "执行数"), expected: number(columns.expected, "全年预计执行数"))
        // 执行率 is computed; a printed one that says otherwise is reported, not kept
        if let c = columns.rate, !cell(r, c).isEmpty {
            let printed = Target.parse(cell(r, c))
            if let p = printed.number, let rate = row.rate, abs(p - rate) > 0.01 {
                note(
                    .executionRateRecomputed(item: item.rawValue, printed: cell(r, c), computed: TextNormalizer.format(rate)), r,
                    c)
            } else if printed.number == nil {
                note(.executionRateNotPercent(item: item.rawValue, printed: cell(r, c)), r, c)
            }
        }
        return row
    }

    // MARK: indicator rows

    private mutating func readIndicator(
        _ r: Int, columns: IndicatorColumns, level1: String, level2: String, name: String, index: Int
    ) -> Indicator {
        let valueText = columns.target.map { cell(r, $0) } ?? ""
        let typeText = columns.type.map { cell(r, $0) }
        let unitText = columns.unit.map { cell(r, $0) }
        var target = Target.parse(type: typeText, value: valueText, unit: unitText)
        var type: Comparison
        var value: String
        if target.comparison == .qualitative || target.number == nil {
            type = .qualitative
            value =
                target.comparison == nil || target.comparison == .qualitative ? TextNormalizer.trim(valueText) : target.valueText
            target.unit = nil
        } else {
            type = target.comparison ?? .equal
            value = target.valueText
            if target.comparison == nil, let c = columns.target {
                note(.monitoringTargetWithoutOperator(text: valueText), r, c, indicator: index, field: .value)
            }
        }
        if valueText.isEmpty, let c = columns.target {
            note(.monitoringTargetEmpty(name: name), r, c, indicator: index, field: .value)
            type = .qualitative; value = ""
        }
        let indicator = Indicator(
            level1: level1, level2: level2, name: name, type: type, value: value,
            unit: type == .qualitative ? nil : target.unit)
        return indicator
    }

    private mutating func readProgress(_ r: Int, columns: IndicatorColumns, indicator: Indicator, index: Int, period: Int)
        -> IndicatorProgress
    {
        var p = IndicatorProgress(id: indicator.id ?? "")
        let label = period > 0 ? MonitoringEntry.periodLabel(period) : "1-N月"
        func text(_ c: Int?) -> String? { c.map { cell(r, $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        p.completed = text(columns.completed)
        p.expected = text(columns.expected)
        if let c = columns.completed, let v = p.completed {
            checkFigure(v, heading: "\(label)\(columns.completedWord)", indicator: indicator, r, c, index)
        }
        if let c = columns.expected, let v = p.expected {
            checkFigure(v, heading: columns.expectedHeading, indicator: indicator, r, c, index)
        }
        for (cause, c) in columns.causes where isTicked(r, c, heading: cause.rawValue, index) { p.causes.append(cause) }
        p.causeText = text(columns.causeText)
        let ticked = columns.likelihoods.filter { isTicked(r, $0.1, heading: $0.0.rawValue, index) }.map(\.0)
        if ticked.count == 1 {
            p.likelihood = ticked[0]
        } else if ticked.count > 1, let c = columns.likelihoods.first?.1 {
            note(
                .likelihoodTickedSeveral(name: indicator.name, ticked: ticked.map(\.rawValue)), r, c,
                indicator: index)
        }
        p.correction = text(columns.correction)
        p.note = text(columns.note)
        return p
    }

    /// Ticks as real files make them: ✔ ✓ √ ☑ and 是; any other text in a tick column is reported.
    private mutating func isTicked(_ r: Int, _ c: Int, heading: String, _ index: Int) -> Bool {
        let t = cell(r, c)
        if t.isEmpty { return false }
        if Self.tickMarks.contains(t) { return true }
        note(.notATick(heading: heading, text: t), r, c, indicator: index)
        return false
    }

    static let tickMarks: Set<String> = ["✔", "✓", "√", "☑", "✅", "✔️", "是", "●", "■", "v", "V", "Y", "y"]

    /// A 完成值 that does not fit its indicator: text in a number column, a percentage where a count
    /// is expected, a 定性 value that is not one of the three levels. Kept as written, reported.
    private mutating func checkFigure(_ text: String, heading: String, indicator: Indicator, _ r: Int, _ c: Int, _ index: Int) {
        if indicator.type == .qualitative {
            if QualitativeLevel.parse(text) == nil, Target.parse(text).number == nil {
                note(
                    .qualitativeValueNotLevel(name: indicator.name, heading: heading, text: text), r,
                    c, indicator: index)
            } else if QualitativeLevel.parse(text) == nil {
                note(
                    .qualitativeValueIsNumber(name: indicator.name, target: indicator.value, heading: heading, text: text), r, c,
                    indicator: index)
            }
            return
        }
        let figure = Target.parse(text)
        guard figure.number != nil else {
            note(.monitoringValueNotNumber(name: indicator.name, heading: heading, text: text), r, c, indicator: index)
            return
        }
        let unit = figure.unit.map(MeasureUnit.init)
        let expected = indicator.unit.map(MeasureUnit.init)
        if let unit, unit.isPercent, !(expected?.isPercent ?? false) {
            note(
                .monitoringValuePercent(
                    name: indicator.name, heading: heading, text: text, target: indicator.targetText, unit: expected?.written),
                r, c, indicator: index)
        } else if let unit, let expected, !unit.isCommensurable(with: expected) {
            note(
                .monitoringValueUnit(name: indicator.name, heading: heading, text: text, target: indicator.targetText), r, c,
                indicator: index)
        }
    }
}

/// The columns of the budget block, from its heading row (年初预算数 … 全年预计执行数).
struct BudgetColumns {
    var initial: Int?, adjusted: Int?, spent: Int?, rate: Int?, expected: Int?
    var period: Int?

    init?(_ row: [String]) {
        for (c, raw) in row.enumerated() where !raw.isEmpty {
            let t = TextNormalizer.withoutWhitespace(raw)
            if t.contains("年初预算") {
                initial = c
            } else if t.contains("全年预算") || t.contains("调整后预算") {
                adjusted = c
            } else if t.contains("预计") {
                expected = c
            } else if t.contains("执行率") {
                rate = c; period = period ?? Period.month(in: t)
            } else if t.contains("执行数") || t.contains("支出数") {
                spent = c; period = Period.month(in: t) ?? period
            }
        }
        guard initial != nil || adjusted != nil, spent != nil || rate != nil else { return nil }
    }
}

/// The columns of the indicator grid, from its heading row and the sub-heading row under it.
struct IndicatorColumns {
    var headingRow: Int
    var firstDataRow: Int
    var level1: Int?, level2: Int?
    var name: Int
    var type: Int?, target: Int?, unit: Int?
    var completed: Int?, expected: Int?
    var completedWord = "执行数"
    var expectedHeading = "全年预计完成值"
    var causes: [(DeviationCause, Int)] = []
    var causeText: Int?
    var likelihoods: [(Likelihood, Int)] = []
    var correction: Int?
    var note: Int?
    var period: Int?

    init?(_ grid: [[String]], row r: Int) {
        let top = grid[r].map(TextNormalizer.withoutWhitespace)
        guard let nameColumn = top.firstIndex(where: { $0 == "三级指标" || $0 == "指标名称" }) else { return nil }
        // the form's heading, not a goal table's: a monitoring column beside 三级指标
        let sub = r + 1 < grid.count ? grid[r + 1].map(TextNormalizer.withoutWhitespace) : []
        let monitoringWords = ["执行数", "完成值", "完成情况", "预计", "完成目标可能性", "偏差原因", "确定能"]
        guard (top + sub).contains(where: { t in monitoringWords.contains { t.contains($0) } && !t.contains("实际完成值") }) else {
            return nil
        }
        headingRow = r
        name = nameColumn
        let hasSubRow = sub.contains { DeviationCause(rawValue: $0) != nil || Likelihood(rawValue: $0) != nil || $0 == "原因说明" }
        firstDataRow = hasSubRow ? r + 2 : r + 1
        let width = max(top.count, sub.count)
        for c in 0..<width {
            let t = c < top.count ? top[c] : ""
            let s = hasSubRow && c < sub.count ? sub[c] : ""
            for text in [s, t] where !text.isEmpty {
                if let cause = DeviationCause(rawValue: text) ?? (text == "其它" ? .other : nil) {
                    causes.append((cause, c)); break
                }
                if let l = Likelihood(rawValue: text) { likelihoods.append((l, c)); break }
                if text == "一级指标" { level1 = c; break }
                if text == "二级指标" { level2 = c; break }
                if text == "三级指标" || text == "指标名称" { break }
                if text == "指标值类型" { type = c; break }
                if text == "计量单位" || text == "度量单位" { unit = c; break }
                if text == "原因说明" || text == "偏差原因说明" { causeText = c; break }
                if text.contains("纠偏") || text.contains("改进措施") { correction = c; break }
                if text == "备注" { if note == nil { note = c }; break }
                if text.contains("预计") { expected = c; expectedHeading = text; break }
                if text.contains("执行数") || text.contains("完成值") || text.contains("完成情况") {
                    if completed == nil {
                        completed = c; completedWord = text.contains("完成值") ? "完成值" : "执行数"; period = Period.month(in: text)
                    }
                    break
                }
                if text.contains("指标值") { target = c; break }
            }
        }
        if target == nil { return nil }
    }
}

/// The period of a column title: 1-7月执行数 → 7.
enum Period {
    static func month(in text: String) -> Int? {
        let t = TextNormalizer.halfWidth(text)
        guard let yue = t.firstIndex(of: "月") else { return nil }
        var digits = ""
        var i = yue
        while i > t.startIndex {
            i = t.index(before: i)
            let ch = t[i]
            if ch.isASCII && ch.isNumber { digits.insert(ch, at: digits.startIndex) } else { break }
        }
        guard let m = Int(digits), (1...12).contains(m) else { return nil }
        return m
    }
}
