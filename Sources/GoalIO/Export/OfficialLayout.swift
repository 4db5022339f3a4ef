import Foundation
import GoalCore

/// One goal table laid out as its official form prints it, on a grid of cells: title, 年度 line,
/// header block, indicator grid, sign-off lines and the 填表说明. The .xlsx exporter, the HTML print
/// view and the blank template all draw from this one layout, so the three look alike and the
/// importer reads back what any of them shows.
///
/// The layout is built to be read back losslessly by `TextTableReader.read(grid:)`: every field
/// some indicator has gets a column (the form's own columns first, extra ones such as 指标解释 only
/// when an indicator uses them), and values are written the way the importer reads them.
struct OfficialLayout: Sendable {
    /// What a cell is, which decides how it looks.
    enum Role: Sendable, Hashable {
        case title, year, label, value, money, heading, indicatorText, indicatorShort, signoff, guidanceHeading, guidance
    }

    enum Content: Sendable, Hashable {
        case text(String)
        case number(Double)

        var text: String {
            switch self {
            case .text(let s): return s
            case .number(let d): return TextNormalizer.format(d, decimals: 6)
            }
        }
    }

    /// A cell, or the top-left of a merged block of `rowSpan` × `columnSpan` cells. 1-based.
    struct Block: Sendable, Hashable {
        var row: Int
        var column: Int
        var rowSpan = 1
        var columnSpan = 1
        var content: Content
        var role: Role
    }

    /// A column of the indicator grid: the heading printed and the field it holds.
    struct Column: Sendable, Hashable {
        enum Holds: Sendable, Hashable {
            /// The 绩效指标 group label of the department form (one merged cell down the grid).
            case groupLabel
            case field(IndicatorField)
            /// Operator, number and unit in one cell, as the project form prints `≥16.44万人`.
            case combinedValue
        }
        var heading: String
        var holds: Holds
        /// Width in Excel's character units.
        var width: Double
    }

    let kind: TableKind
    let columns: [Column]
    var blocks: [Block] = []
    /// 1-based rows of the grid's heading and of its first and last indicator.
    var headingRow = 0
    var firstIndicatorRow = 0
    var lastIndicatorRow = 0
    var rowCount = 0
    /// Rows left empty to write in (a template's indicator and task rows).
    var blankRows: [Int] = []

    var columnCount: Int { columns.count }

    /// The layout of a table; `emptyRows` adds indicator rows to fill in (templates), and then
    /// task rows on the provincial form.
    init(table: GoalTable, emptyRows: Int = 0) {
        kind = table.kind
        columns = Self.columns(for: table)
        var row = 0
        func next() -> Int { row += 1; return row }

        add(.text(table.title), row: next(), column: 1, columnSpan: columnCount, role: .title)
        add(.text(Self.yearLine(table)), row: next(), column: 1, columnSpan: columnCount, role: .year)
        row = addHeaderBlock(table, after: row, blankTasks: emptyRows > 0 ? 5 : 0)

        headingRow = next()
        for (i, c) in columns.enumerated() {
            // The department form's 绩效指标 label runs down beside the whole grid.
            let span = c.holds == .groupLabel ? max(1, table.indicators.count + emptyRows + 1) : 1
            add(.text(c.heading), row: headingRow, column: i + 1, rowSpan: span, role: .heading)
        }
        firstIndicatorRow = headingRow + 1
        addIndicators(of: table, from: firstIndicatorRow)
        lastIndicatorRow = headingRow + table.indicators.count + emptyRows
        if emptyRows > 0 {
            for r in (headingRow + table.indicators.count + 1)...lastIndicatorRow {
                blankRows.append(r)
                for (i, c) in columns.enumerated() where c.holds != .groupLabel {
                    add(.text(""), row: r, column: i + 1, role: .indicatorShort)
                }
            }
        }
        row = lastIndicatorRow
        for line in Self.signoffLines(table.signoff ?? Signoff()) {
            add(.text(line), row: next(), column: 1, columnSpan: columnCount, role: .signoff)
        }
        row += 1 // a blank line before the 填表说明, as printed
        add(.text(FormGuidance.heading), row: next(), column: 1, columnSpan: columnCount, role: .guidanceHeading)
        for paragraph in FormGuidance.paragraphs(for: kind) {
            add(.text(paragraph), row: next(), column: 1, columnSpan: columnCount, role: .guidance)
        }
        rowCount = row
    }

    private mutating func add(_ content: Content, row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, role: Role) {
        blocks.append(Block(row: row, column: column, rowSpan: rowSpan, columnSpan: columnSpan, content: content, role: role))
    }

    // MARK: title and year

    /// `（2026）年度` on the whole-spending forms, `（2023年）` on the project form, as the seeds print.
    /// The screens print the same line (`yearLine(kind:year:)`), so a form's year reads one way everywhere.
    static func yearLine(_ table: GoalTable) -> String { FormWords.yearLine(kind: table.kind, year: table.year) }

    // MARK: header block

    /// Writes the header block from row `after + 1`; returns the last row used.
    private mutating func addHeaderBlock(_ t: GoalTable, after start: Int, blankTasks: Int) -> Int {
        var row = start
        let n = columnCount
        // The department form's labels sit in the 绩效指标 column; the others' span two columns.
        let labelSpan = kind == .department ? 1 : 2
        func labelled(_ label: String, _ value: String?) {
            row += 1
            add(.text(label), row: row, column: 1, columnSpan: labelSpan, role: .label)
            add(.text(value ?? ""), row: row, column: labelSpan + 1, columnSpan: n - labelSpan, role: .value)
        }
        /// The funds row: the group label over two columns, then label | figure three times.
        func fundsRow(_ labels: [String], _ r: Int) {
            let figures = [t.funds?.total, t.funds?.fiscal, t.funds?.other]
            add(.text(labels[0]), row: r, column: 1, columnSpan: 2, role: .label)
            for (k, figure) in figures.enumerated() {
                add(.text(labels[k + 1]), row: r, column: 3 + 2 * k, role: .label)
                add(
                    figure.map { .number($0) } ?? .text(""), row: r, column: 4 + 2 * k, columnSpan: k == 2 ? n - 7 : 1,
                    role: .money)
            }
        }
        switch kind {
        case .department:
            labelled("部门（单位）名称", t.unit)
            labelled("部门（单位）职责", t.duty)
            labelled("年度履职目标", t.goal)
        case .project:
            labelled("预算单位", t.unit)
            row += 1
            add(.text("项目名称"), row: row, column: 1, columnSpan: 2, role: .label)
            add(.text(t.project?.name ?? ""), row: row, column: 3, columnSpan: n - 6, role: .value)
            add(.text("项目负责人"), row: row, column: n - 3, columnSpan: 2, role: .label)
            add(.text(t.project?.manager ?? ""), row: row, column: n - 1, columnSpan: 2, role: .value)
            row += 1
            fundsRow(["项目资金（万元）", "年度预算总额", "其中：财政拨款", "其他资金"], row)
            labelled("项目总体目标", t.goal)
        case .provincial:
            labelled("部门（单位）名称", t.unit)
            if let duty = t.duty { labelled("部门（单位）职责", duty) }
            labelled("年度履职目标", t.goal)
            row = addTasks(t.tasks, after: row, blank: blankTasks)
            row += 1
            fundsRow(["预算情况", "部门预算总额（万元）", "财政性资金", "其他资金"], row)
        }
        return row
    }

    /// 年度主要任务: a heading row 任务名称 | 主要内容, then one row per task. The importer reads a
    /// task row as name + content; a task without content has only its name, so its row carries
    /// the 年度主要任务 label again (a lone name cell would read as a stray line).
    private mutating func addTasks(_ tasks: [AnnualTask], after start: Int, blank: Int) -> Int {
        let n = columnCount
        let headingRow = start + 1
        let allHaveContent = tasks.allSatisfy { !($0.content ?? "").isEmpty }
        let rows = tasks.count + blank
        add(.text("年度主要任务"), row: headingRow, column: 1, rowSpan: allHaveContent ? rows + 1 : 1, columnSpan: 2, role: .label)
        add(.text("任务名称"), row: headingRow, column: 3, columnSpan: 2, role: .label)
        add(.text("主要内容"), row: headingRow, column: 5, columnSpan: n - 4, role: .label)
        for i in 0..<rows {
            let r = headingRow + 1 + i
            let task = i < tasks.count ? tasks[i] : AnnualTask(name: "", content: "")
            if i >= tasks.count { blankRows.append(r) }
            if !allHaveContent {
                let hasContent = !(task.content ?? "").isEmpty
                add(.text(hasContent ? "" : "年度主要任务"), row: r, column: 1, columnSpan: 2, role: .label)
            }
            add(.text(task.name), row: r, column: 3, columnSpan: 2, role: .value)
            add(.text(task.content ?? ""), row: r, column: 5, columnSpan: n - 4, role: .value)
        }
        return headingRow + rows
    }

    // MARK: indicator grid

    /// The form's own columns, then any other field some indicator fills, so nothing is lost.
    static func columns(for table: GoalTable) -> [Column] {
        let ind = table.indicators, rows = table.rows
        func used(_ f: IndicatorField) -> Bool { rows.contains { value(of: f, in: $0) != nil } }
        func col(_ f: IndicatorField, _ heading: String? = nil) -> Column {
            let h = heading ?? f.label(for: table.kind)
            return Column(
                heading: h, holds: .field(f),
                width: width(of: f, heading: h, texts: rows.compactMap { value(of: f, in: $0) }, isBlank: ind.isEmpty))
        }
        var base: [Column]
        switch table.kind {
        case .department:
            // Wide enough for the header labels beside it (部门（单位）名称 on two lines).
            base =
                [Column(heading: "绩效指标", holds: .groupLabel, width: 10)]
                + [IndicatorField.level1, .level2, .name, .type, .value, .unit, .explanation, .scoring].map { col($0) }
            // The form has no weight column; 分值 is added when weights exist, before 备注.
            if used(.weight) { base.append(col(.weight)) }
            base.append(col(.note))
        case .project:
            // `≥16.44万人` in one cell reads back only when the number is a number; otherwise the
            // operator, number and unit get their own columns.
            let combinable = ind.allSatisfy { i in
                i.type == .qualitative
                    ? (i.unit == nil && Comparison.parse(i.value) == nil) : TextNormalizer.number(i.value) != nil
            }
            base = [col(.level1), col(.level2), col(.name)]
            base +=
                combinable
                ? [Column(heading: "指标值", holds: .combinedValue, width: fit(ind.map(combinedValue), within: 10...16))]
                : [col(.type), col(.value), col(.unit)]
            base += [col(.basis), col(.lastYear), col(.weight), col(.scoring), col(.evidence)]
        case .provincial:
            base =
                [IndicatorField.level1, .level2, .name, .type, .value, .unit].map { col($0) }
                + [col(.scoring), col(.explanation)]
        }
        let present = Set(
            base.compactMap { c -> IndicatorField? in if case .field(let f) = c.holds { return f } else { return nil } })
        let hasCombined = base.contains { $0.holds == .combinedValue }
        let extras: [IndicatorField] = [
            .explanation, .scoring, .weight, .basis, .lastYear, .evidence, .note, .actual, .deviation,
        ]
        for f in extras where !present.contains(f) && used(f) {
            if hasCombined && (f == .type || f == .unit) { continue }
            base.append(col(f))
        }
        return base
    }

    /// A column width (Excel character units) that fits the longest text of the column on one line
    /// where the column is narrow by nature, and wraps long texts in a readable measure. A column no
    /// indicator fills keeps its heading's width; a blank template gets room to write in.
    static func width(of field: IndicatorField, heading: String, texts: [String], isBlank: Bool) -> Double {
        let range: ClosedRange<Double>
        switch field {
        case .level1, .level2: range = 9...14
        case .name: range = 12...24
        case .type: range = 8...9
        case .unit, .weight: range = 6...9
        case .value: range = 8...14
        case .basis, .lastYear, .evidence, .note, .actual: range = 8...14
        case .explanation, .scoring, .deviation: range = 12...42
        case .score: range = 6...8
        }
        // A heading may wrap onto two lines.
        let headingWidth = displayWidth(heading) / 2 + 1.5
        if texts.isEmpty {
            return isBlank
                ? max(headingWidth, (range.lowerBound + range.upperBound) / 2).clamped(to: range)
                : max(range.lowerBound, headingWidth)
        }
        return max(headingWidth.clamped(to: range), fit(texts, within: range))
    }

    static func fit(_ texts: [String], within range: ClosedRange<Double>) -> Double {
        (texts.map(displayWidth).max().map { $0 + 1.5 } ?? range.lowerBound).clamped(to: range)
    }

    /// Width in Excel's character units at the 10-point body font: a CJK character takes about two.
    static func displayWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1.0 : 1.9) }
    }

    /// The text of a field of `row` as the grid prints it (through `IndicatorField`, which knows where each
    /// field lives; a weight with up to 6 decimals); nil when empty.
    static func value(of field: IndicatorField, in row: IndicatorRow) -> String? {
        let s = field == .weight ? row.indicator.weight.map { TextNormalizer.format($0, decimals: 6) } : field.text(of: row)
        return (s?.isEmpty ?? true) ? nil : s
    }

    /// `≥16.44万人`; the text alone for 定性.
    static func combinedValue(_ i: Indicator) -> String {
        i.targetText
    }

    private mutating func addIndicators(of table: GoalTable, from first: Int) {
        let indicators = table.indicators, rows = table.rows
        // 一级 and 二级 are merged down over runs of equal names, as the forms print them.
        func runs(_ key: (Indicator) -> String) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var start = 0
            for i in indicators.indices.dropFirst() where key(indicators[i]) != key(indicators[start]) {
                result.append(start..<i); start = i
            }
            if !indicators.isEmpty { result.append(start..<indicators.count) }
            return result
        }
        let level1Runs = runs { $0.level1 }
        let level2Runs = runs { $0.level1 + "\u{1}" + $0.level2 }
        for (c, column) in columns.enumerated() {
            switch column.holds {
            case .groupLabel:
                continue
            case .field(.level1), .field(.level2):
                let isLevel1 = column.holds == .field(.level1)
                for run in isLevel1 ? level1Runs : level2Runs {
                    let i = indicators[run.lowerBound]
                    add(
                        .text(isLevel1 ? i.level1 : i.level2), row: first + run.lowerBound, column: c + 1,
                        rowSpan: run.count, role: .indicatorShort)
                }
            case .field(let f):
                for (k, i) in indicators.enumerated() {
                    let content: Content =
                        f == .weight ? (i.weight.map { .number($0) } ?? .text("")) : .text(Self.value(of: f, in: rows[k]) ?? "")
                    add(content, row: first + k, column: c + 1, role: Self.isShort(f) ? .indicatorShort : .indicatorText)
                }
            case .combinedValue:
                for (k, i) in indicators.enumerated() {
                    add(.text(Self.combinedValue(i)), row: first + k, column: c + 1, role: .indicatorShort)
                }
            }
        }
    }

    static func isShort(_ f: IndicatorField) -> Bool {
        [.level1, .level2, .type, .value, .unit, .weight, .basis, .lastYear].contains(f)
    }

    // MARK: sign-off

    /// The lines under the grid, with the labels the forms print; empty values leave room to sign.
    /// An approved table adds its 批复文号 and 批复日期.
    static func signoffLines(_ s: Signoff) -> [String] {
        func v(_ x: String?) -> String { x ?? "" }
        let gap = "　　　　"
        return [
            "业务股室审核：\(v(s.businessReviewer))\(gap)绩效股审核：\(v(s.performanceReviewer))",
            "填表人：\(v(s.filledBy))\(gap)联系电话：\(v(s.phone))",
            "填表日期：\(v(s.filledOn))\(gap)单位负责人：\(v(s.head))",
        ] + (s.approvalNumber == nil && s.approvedOn == nil ? [] : ["批复文号：\(v(s.approvalNumber))\(gap)批复日期：\(v(s.approvedOn))"])
    }

    // MARK: grid

    /// The layout as rows of texts, merged cells as their top-left cell: what a worksheet shows.
    var grid: [[String]] {
        var g = Array(repeating: Array(repeating: "", count: columnCount), count: rowCount)
        for b in blocks { g[b.row - 1][b.column - 1] = b.content.text }
        return g
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}

/// Words each form prints, for the screens to print them the same way.
public enum FormWords {
    /// `（2026）年度` on the whole-spending forms, `（2023年）` on the project form.
    public static func yearLine(kind: TableKind, year: Int?) -> String {
        let y = year.map(String.init) ?? "    "
        return kind == .project ? "（\(y)年）" : "（\(y)）年度"
    }
}
