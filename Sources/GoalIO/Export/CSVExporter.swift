import CSVKit
import Foundation
import GoalCore

/// Writes goal tables as CSV: one row per indicator, with the table it belongs to (表序号, 表名, 单位,
/// 年度) and every indicator field, for sorting and filtering in a spreadsheet.
public enum CSVExporter {
    /// Every stored indicator field, in the order of the interchange format (`IndicatorField`).
    static let fields = IndicatorField.stored

    /// UTF-8 with a byte-order mark: Excel and WPS otherwise open a UTF-8 CSV as the local code page
    /// and show every Chinese character garbled. Lines end in CRLF (RFC 4180).
    public static func data(_ tables: [GoalTable]) -> Data {
        var lines: [String] = []
        lines.append(line(["表序号", "表名", "单位", "年度"] + fields.map(\.label)))
        for (t, table) in tables.enumerated() {
            for row in table.rows {
                let values = fields.map { OfficialLayout.value(of: $0, in: row) ?? "" }
                lines.append(line([String(t + 1), table.title, table.unit, table.year.map(String.init) ?? ""] + values))
            }
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func line(_ cells: [String]) -> String { CSVWriter.line(cells) }

    /// One field, defused and quoted by the project's one rule (`CSVWriter`).
    static func field(_ raw: String) -> String { CSVWriter.field(raw) }
}
