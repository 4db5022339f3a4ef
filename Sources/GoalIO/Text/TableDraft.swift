import GoalCore

/// A table while it is being read: what has been found so far, with the source line of each piece,
/// so that the finishing passes (levels, explanations, tasks) can report where they changed things.
struct TableDraft {
    struct Row {
        var indicator: Indicator
        /// What a 自评表 printed on the row (实际完成值, 偏差原因): it goes beside the plan, keyed by row
        /// (the reader makes no ids), when the table is built.
        var evaluation = IndicatorEvaluation()
        var line: Int
        var level1Printed: Bool
        var level2Printed: Bool
    }

    /// Loose text inside the grid: explanations printed away from their rows, OCR paragraphs.
    struct Paragraph {
        var text: String
        var firstLine: Int
        var lastLine: Int
        /// The indicator printed just before this text with nothing in between, if any.
        var follows: Int?
        /// Text on a 二级/一级 label row: it belongs to the next indicator when that one has none.
        var onLabelRow: Bool = false
        var nextIndicator: Int?
        var isOpen: Bool {
            guard let last = text.last else { return false }
            return last.isLetter && !last.isASCII || "、，,".contains(last)
        }
    }

    var index: Int
    var startLine: Int
    var title: String?
    var kind: TableKind?
    var year: Int?
    var unit: String?
    /// The unit was read from the form's own unit label (单位名称, 预算单位…), not from 实施单位.
    var unitLabelled = false
    var duty: String?
    var goal: String?
    var projectName: String?
    var projectManager: String?
    var funds = Funds()
    var execution: Execution?
    var taskNames: [(name: String, line: Int)] = []
    var taskContents: [(text: String, after: Int)] = []
    var rows: [Row] = [] {
        didSet {
            if let last = rows.last, !hasInputManagement { hasInputManagement = Taxonomy.key(last.indicator.level1) == "投入管理" }
        }
    }
    /// Whether a row carries 投入管理指标, the provincial form's own group.
    private(set) var hasInputManagement = false
    /// First row of each name (by `labelKey`), to find repeats without scanning.
    var nameIndex: [TextKey: Int] = [:]

    var signoff = Signoff()
    var paragraphs: [Paragraph] = []
    var sawSupervisor = false
    /// The header printed the project form's labels (项目名称, 项目负责人), filled or not.
    var projectFieldsPrinted = false

    init(index: Int, startLine: Int) {
        self.index = index
        self.startLine = startLine
    }

    /// Adds an indicator row, indexed under `nameKey` when no earlier row has that key. In place:
    /// read through `drafts[i]`, `nameIndex` would be read from a copy of the whole draft.
    mutating func append(_ row: Row, nameKey: TextKey) {
        if nameIndex[nameKey] == nil { nameIndex[nameKey] = rows.count }
        rows.append(row)
    }

    var hasHeaderContent: Bool {
        unit != nil || projectName != nil || goal != nil || duty != nil || !funds.isEmpty
    }

    /// The kind from the title, else from what the table holds.
    var resolvedKind: TableKind {
        if let kind { return kind }
        // the project form prints 项目名称 and 项目负责人/经办人 even when they are left empty
        if projectName != nil || projectManager != nil || projectFieldsPrinted { return .project }
        if !taskNames.isEmpty || hasInputManagement { return .provincial }
        return .department
    }

    func build() -> GoalTable {
        let k = resolvedKind
        let project: ProjectInfo? =
            (projectName != nil || projectManager != nil) ? ProjectInfo(name: projectName, manager: projectManager) : nil
        var t = GoalTable(
            kind: k, title: title ?? k.officialTitle, year: year, unit: unit ?? "", duty: duty, goal: goal,
            project: project, funds: funds.isEmpty ? nil : funds, tasks: [], indicators: rows.map(\.indicator),
            signoff: signoff.isEmpty ? nil : signoff, execution: execution)
        t.setEvaluationsByRow(rows.map(\.evaluation))
        return t
    }
}
