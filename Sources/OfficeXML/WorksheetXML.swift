import Foundation

/// Writes one worksheet part. The children of `<worksheet>` must come in the schema's order
/// (sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, mergeCells, dataValidations,
/// printOptions, pageMargins, pageSetup); Excel refuses a file that breaks it.
struct WorksheetXML {
    let sheet: WorksheetDraft
    let isSelected: Bool
    let dateSystem: DateSystem

    func xml(strings: inout SharedStringTable, styles: inout StyleTable) -> [UInt8] {
        var xml = XMLBuilder(capacity: sheet.rows.count * 400 + 4096)
        xml.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        xml.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if sheet.pageSetup?.fitToWidth == true {
            xml.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>")
        }
        let size = sheet.usedSize
        xml.raw("<dimension ref=\"A1")
        if size.rows > 0, size.columns > 0, size.rows + size.columns > 2 {
            xml.raw(":")
            xml.cellAddress(row: size.rows, column: size.columns)
        }
        xml.raw("\"/>")
        writeSheetViews(&xml)
        xml.raw("<sheetFormatPr defaultRowHeight=\"14.25\"/>")
        writeColumns(&xml)
        writeSheetData(&xml, strings: &strings, styles: &styles)
        // A one-cell "merge" means nothing and some readers complain about it.
        let merged = sheet.merged.filter { $0.start != $0.end }
        if !merged.isEmpty {
            xml.raw("<mergeCells")
            xml.attribute("count", merged.count)
            xml.raw(">")
            for range in merged {
                xml.raw("<mergeCell ref=\"")
                xml.raw(range.description)
                xml.raw("\"/>")
            }
            xml.raw("</mergeCells>")
        }
        writeValidations(&xml)
        writePrintSetup(&xml)
        xml.raw("</worksheet>")
        return xml.bytes
    }

    private func writeSheetViews(_ xml: inout XMLBuilder) {
        xml.raw("<sheetViews><sheetView")
        if isSelected { xml.raw(" tabSelected=\"1\"") }
        xml.raw(" workbookViewId=\"0\"")
        let rows = sheet.frozenRows
        let columns = sheet.frozenColumns
        guard rows > 0 || columns > 0 else {
            xml.raw("/></sheetViews>")
            return
        }
        let pane: StaticString = rows > 0 && columns > 0 ? "bottomRight" : (rows > 0 ? "bottomLeft" : "topRight")
        let topLeft = CellAddress(row: rows + 1, column: columns + 1).description
        xml.raw("><pane")
        if columns > 0 { xml.attribute("xSplit", columns) }
        if rows > 0 { xml.attribute("ySplit", rows) }
        xml.attribute("topLeftCell", topLeft)
        xml.raw(" activePane=\"")
        xml.raw(pane)
        xml.raw("\" state=\"frozen\"/><selection pane=\"")
        xml.raw(pane)
        xml.raw("\"")
        xml.attribute("activeCell", topLeft)
        xml.attribute("sqref", topLeft)
        xml.raw("/></sheetView></sheetViews>")
    }

    private func writeColumns(_ xml: inout XMLBuilder) {
        let columns = Set(sheet.columnWidths.keys).union(sheet.hiddenColumns).sorted()
        guard !columns.isEmpty else { return }
        xml.raw("<cols>")
        for column in columns {
            xml.raw("<col")
            xml.attribute("min", column)
            xml.attribute("max", column)
            xml.attribute("width", sheet.columnWidths[column] ?? 9)
            if sheet.hiddenColumns.contains(column) { xml.raw(" hidden=\"1\"") }
            if sheet.columnWidths[column] != nil { xml.raw(" customWidth=\"1\"") }
            xml.raw("/>")
        }
        xml.raw("</cols>")
    }

    private func writeSheetData(_ xml: inout XMLBuilder, strings: inout SharedStringTable, styles: inout StyleTable) {
        let rowIndices = Set(sheet.rows.keys).union(sheet.rowHeights.keys).union(sheet.hiddenRows).sorted()
        guard !rowIndices.isEmpty else {
            xml.raw("<sheetData/>")
            return
        }
        xml.raw("<sheetData>")
        let mergeStarts = Dictionary(sheet.merged.map { ($0.start, $0) }, uniquingKeysWith: { first, _ in first })
        for rowIndex in rowIndices {
            xml.raw("<row")
            xml.attribute("r", rowIndex)
            let estimated =
                sheet.rowHeights[rowIndex] == nil
                ? estimatedHeight(of: sheet.rows[rowIndex] ?? [], row: rowIndex, styles: styles, mergeStarts: mergeStarts) : nil
            if let height = sheet.rowHeights[rowIndex] ?? estimated {
                xml.attribute("ht", height)
                xml.raw(" customHeight=\"1\"")
            }
            if sheet.hiddenRows.contains(rowIndex) { xml.raw(" hidden=\"1\"") }
            guard let cells = sheet.rows[rowIndex], !cells.isEmpty else {
                xml.raw("/>")
                continue
            }
            xml.raw(">")
            for cell in ordered(cells) {
                writeCell(cell, row: rowIndex, &xml, strings: &strings, styles: &styles)
            }
            xml.raw("</row>")
        }
        xml.raw("</sheetData>")
    }

    /// A height for a row whose wrapped or multi-line text needs more than one line.
    ///
    /// Excel and LibreOffice keep the stored height of a row when they open a file, so without
    /// this, wrapped text would spill over the rows around it in print. The estimate counts a
    /// CJK character as two width units and a Latin one as one, against the column's width.
    func estimatedHeight(
        of cells: [WorksheetDraft.DraftCell], row: Int, styles: StyleTable,
        mergeStarts: [CellAddress: CellRange]
    ) -> Double? {
        var tallest: Double?
        for cell in cells {
            guard case .string(let text) = cell.value, !text.isEmpty else { continue }
            guard cell.style.index < styles.styles.count else { continue }
            let style = styles.styles[cell.style.index]
            // Most texts have no line feed byte: then they are one line and `contains("\n")` is false,
            // whatever else they hold, so neither needs the Character-by-Character search, which was a
            // tenth of exporting 18,816 tables (issue #23). Texts with one take the same path as before.
            let hasLineFeed = text.utf8.contains(0x0A)
            guard style.wrapText || hasLineFeed && text.contains("\n") else { continue }
            var columns = cell.column...cell.column
            if let range = mergeStarts[CellAddress(row: row, column: cell.column)] {
                guard range.rows.count == 1 else { continue } // a tall merged block has room already
                columns = range.columns
            }
            let width = columns.reduce(0.0) { $0 + (sheet.columnWidths[$1] ?? 8.43) }
            var lines = 0
            if hasLineFeed {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let units = line.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
                    lines += style.wrapText ? max(1, Int((units / max(width, 1)).rounded(.up))) : 1
                }
            } else {
                // wrapped (the guard above), one line; whole units, so the sum is exact in either type
                var units = 0
                for scalar in text.unicodeScalars { units += scalar.value > 0x2E80 ? 2 : 1 }
                lines = max(1, Int((Double(units) / max(width, 1)).rounded(.up)))
            }
            guard lines > 1 else { continue }
            let height = Double(lines) * style.font.size * 1.35 + 3
            tallest = max(tallest ?? 0, height)
        }
        return tallest
    }

    /// Cells by column, the last one set winning when a cell was set twice.
    private func ordered(_ cells: [WorksheetDraft.DraftCell]) -> [WorksheetDraft.DraftCell] {
        if zip(cells, cells.dropFirst()).allSatisfy({ $0.column < $1.column }) { return cells }
        var byColumn: [Int: WorksheetDraft.DraftCell] = [:]
        for cell in cells { byColumn[cell.column] = cell }
        return byColumn.values.sorted { $0.column < $1.column }
    }

    private func writeCell(
        _ cell: WorksheetDraft.DraftCell, row: Int, _ xml: inout XMLBuilder,
        strings: inout SharedStringTable, styles: inout StyleTable
    ) {
        // A style id from another writer would point past this workbook's styles.
        var style = cell.style.index < styles.styles.count ? cell.style : .default
        if case .date = cell.value { style = styles.dateStyle(for: style) }
        xml.raw("<c r=\"")
        xml.cellAddress(row: row, column: cell.column)
        xml.raw("\"")
        if style.index != 0 { xml.attribute("s", style.index) }
        switch cell.value {
        case .empty:
            xml.raw("/>")
        case .string(let text):
            let clean = XMLEscaping.legalText(text)
            if clean.isEmpty {
                xml.raw("/>")
                return
            }
            xml.raw(" t=\"s\"><v>")
            xml.int(strings.index(of: clean))
            xml.raw("</v></c>")
        case .number(let value, _):
            guard value.isFinite else {
                xml.raw(" t=\"e\"><v>#NUM!</v></c>")
                return
            }
            xml.raw("><v>")
            xml.number(value)
            xml.raw("</v></c>")
        case .bool(let value):
            xml.raw(value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        case .date(let date):
            xml.raw("><v>")
            xml.number(dateSystem.serial(of: date))
            xml.raw("</v></c>")
        case .error(let code):
            xml.raw(" t=\"e\"><v>")
            xml.text(code)
            xml.raw("</v></c>")
        }
    }

    private func writeValidations(_ xml: inout XMLBuilder) {
        guard !sheet.validations.isEmpty else { return }
        xml.raw("<dataValidations")
        xml.attribute("count", sheet.validations.count)
        xml.raw(">")
        for validation in sheet.validations {
            xml.raw("<dataValidation type=\"list\"")
            if validation.allowBlank { xml.raw(" allowBlank=\"1\"") }
            if let prompt = validation.prompt {
                xml.raw(" showInputMessage=\"1\"")
                xml.attribute("prompt", prompt)
            }
            if let message = validation.errorMessage {
                xml.raw(" showErrorMessage=\"1\" errorTitle=\"输入有误\"")
                xml.attribute("error", message)
            }
            xml.attribute("sqref", validation.range.description)
            xml.raw("><formula1>")
            switch validation.source {
            case .list(let choices):
                // An inline list is one string literal: commas separate choices, quotes are doubled.
                let literal = choices.map { XMLEscaping.legalText($0).replacingOccurrences(of: "\"", with: "\"\"") }
                    .joined(separator: ",")
                xml.text("\"" + literal + "\"")
            case .range(let reference):
                xml.text(reference)
            }
            xml.raw("</formula1></dataValidation>")
        }
        xml.raw("</dataValidations>")
    }

    private func writePrintSetup(_ xml: inout XMLBuilder) {
        let setup = sheet.pageSetup ?? PageSetup()
        if setup.centerHorizontally { xml.raw("<printOptions horizontalCentered=\"1\"/>") }
        xml.raw("<pageMargins")
        xml.attribute("left", setup.margins.left)
        xml.attribute("right", setup.margins.right)
        xml.attribute("top", setup.margins.top)
        xml.attribute("bottom", setup.margins.bottom)
        xml.raw(" header=\"0.3\" footer=\"0.3\"/>")
        guard sheet.pageSetup != nil else { return }
        xml.raw("<pageSetup")
        xml.attribute("paperSize", setup.paper.rawValue)
        xml.attribute("orientation", setup.orientation.rawValue)
        if setup.fitToWidth { xml.raw(" fitToWidth=\"1\" fitToHeight=\"0\"") }
        xml.raw("/>")
    }
}
