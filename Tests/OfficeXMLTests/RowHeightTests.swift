import Foundation
import Testing
@testable import OfficeXML

/// The row height written for wrapped or multi-line text is computed on bytes where it can be (issue
/// #23); it must stay what the first definition, kept here word for word, gives for any text.
@Suite("行高估计")
struct RowHeightTests {
    /// `WorksheetXML.estimatedHeight` as first written (Character-based `contains` and `split`).
    static func reference(
        sheet: WorksheetDraft, cells: [WorksheetDraft.DraftCell], row: Int, styles: StyleTable,
        mergeStarts: [CellAddress: CellRange]
    ) -> Double? {
        var tallest: Double?
        for cell in cells {
            guard case .string(let text) = cell.value, !text.isEmpty else { continue }
            guard cell.style.index < styles.styles.count else { continue }
            let style = styles.styles[cell.style.index]
            guard style.wrapText || text.contains("\n") else { continue }
            var columns = cell.column...cell.column
            if let range = mergeStarts[CellAddress(row: row, column: cell.column)] {
                guard range.rows.count == 1 else { continue }
                columns = range.columns
            }
            let width = columns.reduce(0.0) { $0 + (sheet.columnWidths[$1] ?? 8.43) }
            var lines = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let units = line.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
                lines += style.wrapText ? max(1, Int((units / max(width, 1)).rounded(.up))) : 1
            }
            guard lines > 1 else { continue }
            let height = Double(lines) * style.font.size * 1.35 + 3
            tallest = max(tallest ?? 0, height)
        }
        return tallest
    }

    /// Pieces texts are made of, the awkward ones included: CR LF (one Character), a line feed before
    /// a combining mark, U+2E80 itself (one unit) and U+2E81 (two), full-width forms, an emoji.
    static let pieces = [
        "指标", "产出", "a", "7", " ", "\n", "\r\n", "\r", "\n\u{301}", "e\u{301}", "\u{2E80}", "\u{2E81}", "（", "≥", "😀",
        "培训人次不少于1200人次", "Quality", "\u{2028}",
    ]

    @Test("the height of every row is the first definition's, for 3,000 random texts")
    func sameAsFirstDefinition() {
        var styles = StyleTable()
        let wrapped = styles.add(CellStyle(font: FontStyle(size: 10), wrapText: true))
        let plain = styles.add(CellStyle(font: FontStyle(size: 12)))
        var sheet = WorksheetDraft(name: "表")
        sheet.columnWidths = [1: 6, 2: 14.5, 3: 30]
        let merges = [CellAddress(row: 1, column: 2): CellRange(rows: 1...1, columns: 2...3)]
        let xml = WorksheetXML(sheet: sheet, isSelected: true, dateSystem: .from1900)
        var generator = SystemRandomNumberGenerator()
        var differing: [String] = []
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
                .joined()
            let cells = (1...3).map { column in
                WorksheetDraft.DraftCell(column: column, value: .string(text), style: Bool.random() ? wrapped : plain)
            }
            for cell in cells {
                let expected = Self.reference(sheet: sheet, cells: [cell], row: 1, styles: styles, mergeStarts: merges)
                let actual = xml.estimatedHeight(of: [cell], row: 1, styles: styles, mergeStarts: merges)
                if expected != actual { differing.append(text.debugDescription) }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
