import Foundation
import GoalCore
import OfficeXML

/// A blank workbook of one form to fill in: the official layout with empty indicator rows, and
/// dropdowns (数据验证 → 序列) on 一级指标, 二级指标 and 指标值类型 so what is typed is what the
/// importer and the checker know. What a user types reads back through `DocumentReader`.
public enum TemplateBuilder {
    /// How many empty indicator rows the template offers (a table has 8–20 indicators).
    public static let blankRows = 20

    public static func data(kind: TableKind, taxonomy: Taxonomy? = nil) throws(ImportError) -> Data {
        let taxonomy = taxonomy ?? Profile.default(for: kind).taxonomy
        let layout = OfficialLayout(table: GoalTable(kind: kind), emptyRows: blankRows)
        var level2: [String] = []
        for g in taxonomy.groups { for l in g.level2 where !level2.contains(l) { level2.append(l) } }
        let lists: [(IndicatorField, [String], String)] = [
            (.level1, taxonomy.groups.map(\.level1), "请从列表中选择一级指标"),
            (.level2, level2, "请从列表中选择二级指标（须属于本行的一级指标）"),
            (.type, Comparison.allCases.map(\.rawValue), "请选择 ≥ > = ≤ < 或 定性"),
        ]
        var validations: [DataValidation] = []
        var options = WorksheetDraft(name: "选项", visibility: .hidden)
        for (k, (field, choices, prompt)) in lists.enumerated() {
            guard let i = layout.columns.firstIndex(where: { $0.holds == .field(field) }), !choices.isEmpty else { continue }
            let target = CellRange(rows: layout.firstIndicatorRow...layout.lastIndicatorRow, columns: (i + 1)...(i + 1))
            // Excel allows 255 characters in an inline list; a longer one is kept on a hidden sheet.
            if choices.joined(separator: ",").count <= 250 {
                validations.append(DataValidation(range: target, source: .list(choices), prompt: prompt))
            } else {
                for (r, v) in choices.enumerated() { options.set(v, row: r + 1, column: k + 1) }
                let letter = CellAddress.columnName(k + 1)
                validations.append(
                    DataValidation(range: target, source: .range("'选项'!$\(letter)$1:$\(letter)$\(choices.count)"), prompt: prompt)
                )
            }
        }
        let name = SheetNames.unique([kind.officialTitle])[0]
        let extra = validations.contains { if case .range = $0.source { true } else { false } } ? [options] : []
        return try XLSXExporter.write([layout], names: [name], extraSheets: extra) { sheet, _ in
            sheet.validations = validations
        }
    }
}
