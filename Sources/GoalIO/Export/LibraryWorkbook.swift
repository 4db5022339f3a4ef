import Foundation
import GoalCore
import GoalLibrary
import OfficeXML

/// The indicator library (指标库) as one .xlsx sheet, both ways. Export writes every entry with its
/// statistics; import reads back what finance may change (the fields, 值标准, 标记), by column heading,
/// so a workbook whose columns were moved or whose statistics were deleted still reads.
public enum LibraryWorkbook {
    public static let sheetName = "指标库"
    static let headings = [
        "三级指标", "一级指标", "二级指标", "指标值类型", "度量单位", "值标准", "标记", "来源", "使用表数", "使用单位数",
        "目标值中位数", "目标值最小", "目标值最大", "上年实际中位数", "上年实际最小", "上年实际最大", "指标解释", "评（扣）分标准",
    ]

    public static func write(_ entries: [LibraryEntry]) throws -> Data {
        var w = XLSXWriter()
        let bold = w.addStyle(CellStyle(font: FontStyle(bold: true)))
        var s = WorksheetDraft(name: sheetName)
        for (c, h) in headings.enumerated() { s.set(h, row: 1, column: c + 1, style: bold) }
        s.frozenRows = 1
        for (i, e) in entries.enumerated() {
            let r = i + 2
            let texts: [String?] = [
                e.name, e.level1, e.level2, e.type.rawValue, e.unit, e.standard?.rawValue, e.mark?.rawValue, e.origin.rawValue,
            ]
            for (c, t) in texts.enumerated() { if let t, !t.isEmpty { s.set(t, row: r, column: c + 1) } }
            s.set(Double(e.tables), row: r, column: 9)
            s.set(Double(e.units), row: r, column: 10)
            for (c, v) in [e.targets?.median, e.targets?.min, e.targets?.max, e.actuals?.median, e.actuals?.min, e.actuals?.max]
                .enumerated()
            {
                if let v { s.set(v, row: r, column: 11 + c) }
            }
            if let x = e.explanations.first?.text { s.set(x, row: r, column: 17) }
            if let x = e.scorings.first?.text { s.set(x, row: r, column: 18) }
        }
        for (c, width) in [24.0, 12, 14, 8, 8, 12, 6, 10, 8, 8, 10, 10, 10, 10, 10, 10, 40, 40].enumerated() {
            s.columnWidths[c + 1] = width
        }
        try w.addSheet(s)
        return try w.data()
    }

    public struct Outcome: Sendable {
        public var overrides: [LibraryOverride]
        /// What could not be read, with the row: "第5行：指标值类型“大约”不是 ≥ > = ≤ < 或 定性".
        public var problems: [String]
    }

    /// Finance's entries from a workbook written by `write` (or typed by hand with the same headings).
    public static func read(_ data: Data, limits: ReadLimits = .upload) throws -> Outcome {
        let book = try XLSXReader(limits: limits).read(data: data)
        guard let sheet = book[sheetName] ?? book.visibleSheets.first else { return Outcome(overrides: [], problems: ["没有工作表"]) }
        var column: [String: Int] = [:]
        for cell in sheet.row(1)?.cells ?? [] {
            column[TextNormalizer.withoutWhitespace(cell.value.displayText)] = cell.column
        }
        guard let nameColumn = column["三级指标"] else {
            return Outcome(overrides: [], problems: ["第1行：找不到“三级指标”列"])
        }
        func text(_ r: Int, _ heading: String) -> String? {
            guard let c = column[heading] else { return nil }
            let t = TextNormalizer.trim(sheet[r, c].displayText)
            return t.isEmpty ? nil : t
        }
        var out: [LibraryOverride] = []
        var problems: [String] = []
        var seen = Set<String>()
        for row in sheet.rows where row.index > 1 {
            let r = row.index
            guard let name = TextNormalizer.trim(sheet[r, nameColumn].displayText) as String?, !name.isEmpty else { continue }
            let key = LibraryText.key(name)
            guard seen.insert(key).inserted else { problems.append("第\(r)行：三级指标“\(name)”与上面一行重复，未读入"); continue }
            var type = Comparison.qualitative
            if let t = text(r, "指标值类型") {
                guard let c = Comparison.parse(t) else {
                    problems.append("第\(r)行：指标值类型“\(t)”不是 ≥ > = ≤ < 或 定性"); continue
                }
                type = c
            }
            var mark: LibraryMark?
            if let m = text(r, "标记") {
                guard let v = LibraryMark(rawValue: m) else { problems.append("第\(r)行：标记“\(m)”应为“推荐”或“停用”"); continue }
                mark = v
            }
            var standard: ValueStandard?
            if let v = text(r, "值标准") {
                guard let s = ValueStandard.find(in: v) else {
                    problems.append("第\(r)行：值标准“\(v)”应为计划标准、历史标准、行业标准或预算支出标准"); continue
                }
                standard = s
            }
            let entry = LibraryEntry(
                key: key, name: name, level1: text(r, "一级指标") ?? "", level2: text(r, "二级指标") ?? "", type: type,
                unit: text(r, "度量单位"), explanations: text(r, "指标解释").map { [UsedText(text: $0, count: 0)] } ?? [],
                scorings: text(r, "评（扣）分标准").map { [UsedText(text: $0, count: 0)] } ?? [], standard: standard, mark: mark,
                origin: .finance)
            out.append(LibraryOverride(key: key, mark: mark, standard: standard, entry: entry))
        }
        return Outcome(overrides: out, problems: problems)
    }
}
