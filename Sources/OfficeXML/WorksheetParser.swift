import Foundation

/// Reads one worksheet part (`xl/worksheets/sheetN.xml`) into a `Sheet`.
struct WorksheetParser {
    let sharedStrings: [String]
    let formats: StyleFormats
    let dateSystem: DateSystem
    let limits: ReadLimits
    /// The document's time budget (`ZipPackage.deadline`).
    var deadline: ContinuousClock.Instant = .now + .seconds(3600)

    /// The cell types of the `t` attribute.
    private enum CellType { case number, shared, formulaString, inline, bool, error, isoDate }

    func parse(_ data: Data, name: String, part: String, visibility: SheetVisibility) throws -> Sheet {
        var sheet = Sheet(name: name, visibility: visibility)
        try data.scanXML(part: part) { scanner in
            var row: Row?
            var lastRowIndex = 0
            var rowsSorted = true
            var cellCount = 0
            // The cell being read.
            var column = 0
            var type = CellType.number
            var style = 0
            var valueText = ""
            var formula: String?
            var inlineText: String?
            var inValue = false
            var inFormula = false
            var inCell = false

            func finishRow() {
                guard let finished = row else { return }
                if !finished.cells.isEmpty || finished.isHidden || finished.height != nil {
                    var finished = finished
                    if !zip(finished.cells, finished.cells.dropFirst()).allSatisfy({ $0.column < $1.column }) {
                        finished.cells.sort { $0.column < $1.column }
                    }
                    if let last = sheet.rows.last, last.index >= finished.index { rowsSorted = false }
                    sheet.rows.append(finished)
                }
                row = nil
            }

            // Only rows that hold something count: empty formatted rows far down cost nothing to skip.
            func checkRowCount() throws {
                if sheet.rows.count >= limits.maxRowsPerSheet {
                    throw OfficeError.tooManyRows(sheet: name, limit: limits.maxRowsPerSheet)
                }
                if sheet.rows.count % 1024 == 1023, ContinuousClock.now > deadline {
                    throw OfficeError.tooSlow(seconds: limits.maxSeconds)
                }
            }

            while true {
                switch try scanner.next() {
                case .eof:
                    finishRow()
                    if !rowsSorted { sheet.rows.sort { $0.index < $1.index } }
                    return
                case .start:
                    if inCell {
                        if scanner.nameIs("v") {
                            inValue = true
                        } else if scanner.nameIs("f") {
                            inFormula = true
                            formula = ""
                        } else if scanner.nameIs("is") {
                            inlineText = try RichText.read(&scanner)
                        }
                    } else if scanner.nameIs("c") {
                        // Without `r`, a cell follows the previous one, stored or empty.
                        column =
                            scanner.attributeRange("r").flatMap { CellAddress.parse(scanner.bytes, $0)?.column }
                            ?? column + 1
                        type = cellType(scanner)
                        style = scanner.intAttribute("s") ?? 0
                        valueText = ""
                        formula = nil
                        inlineText = nil
                        inCell = true
                    } else if scanner.nameIs("row") {
                        finishRow()
                        try checkRowCount()
                        // Without `r`, a row follows the previous one, stored or empty.
                        let index = scanner.intAttribute("r") ?? lastRowIndex + 1
                        guard index >= 1, index <= CellAddress.maxRow else { throw scanner.malformed("行号 \(index) 无效") }
                        lastRowIndex = index
                        row = Row(
                            index: index, height: scanner.doubleAttribute("ht"),
                            isHidden: scanner.boolAttribute("hidden") ?? false)
                        column = 0
                    } else if scanner.nameIs("col") {
                        readColumn(scanner, into: &sheet)
                    } else if scanner.nameIs("mergeCell"), let ref = scanner.attribute("ref"),
                        let range = try? CellRange(ref)
                    {
                        sheet.merged.append(range)
                    } else if scanner.nameIs("pane"), scanner.attribute("state")?.hasPrefix("frozen") == true {
                        sheet.frozenRows = Int(scanner.doubleAttribute("ySplit") ?? 0)
                        sheet.frozenColumns = Int(scanner.doubleAttribute("xSplit") ?? 0)
                    }
                case .text:
                    if inValue {
                        valueText += scanner.text
                    } else if inFormula {
                        formula? += scanner.text
                    }
                case .end:
                    if inValue, scanner.nameIs("v") {
                        inValue = false
                    } else if inFormula, scanner.nameIs("f") {
                        inFormula = false
                    } else if inCell, scanner.nameIs("c") {
                        inCell = false
                        let value = cellValue(type: type, style: style, text: valueText, inline: inlineText)
                        if !value.isEmpty || formula?.isEmpty == false {
                            cellCount += 1
                            if cellCount > limits.maxCellsPerSheet {
                                throw OfficeError.tooManyCells(sheet: name, limit: limits.maxCellsPerSheet)
                            }
                            if row == nil { row = Row(index: lastRowIndex + 1) }
                            row?.cells.append(
                                Cell(
                                    column: column, value: value,
                                    formula: formula?.isEmpty == false ? formula : nil))
                        }
                    } else if scanner.nameIs("row") {
                        finishRow()
                        try checkRowCount()
                    }
                }
            }
        }
        return sheet
    }

    private func cellType(_ scanner: XMLScanner) -> CellType {
        guard let range = scanner.attributeRange("t"), let first = range.first.map({ scanner.bytes[$0] }) else {
            return .number
        }
        switch (first, range.count) {
        case (UInt8(ascii: "s"), 1): return .shared
        case (UInt8(ascii: "s"), _): return .formulaString
        case (UInt8(ascii: "i"), _): return .inline
        case (UInt8(ascii: "b"), _): return .bool
        case (UInt8(ascii: "e"), _): return .error
        case (UInt8(ascii: "d"), _): return .isoDate
        default: return .number
        }
    }

    private func readColumn(_ scanner: XMLScanner, into sheet: inout Sheet) {
        guard let low = scanner.intAttribute("min") else { return }
        // Cap the span: `max="16384"` on a styled column is common and must not make 16k entries.
        let high = min(scanner.intAttribute("max") ?? low, low + 1024)
        let width = scanner.doubleAttribute("width")
        let hidden = scanner.boolAttribute("hidden") ?? false
        for column in low...max(low, high) {
            if let width, scanner.boolAttribute("customWidth") != false { sheet.columnWidths[column] = width }
            if hidden { sheet.hiddenColumns.insert(column) }
        }
    }

    private func cellValue(type: CellType, style: Int, text: String, inline: String?) -> CellValue {
        switch type {
        case .shared:
            guard let index = Int(text), index >= 0, index < sharedStrings.count else { return .empty }
            return .string(sharedStrings[index])
        case .inline:
            return .string(inline ?? XMLEscaping.decodeOOXMLEscapes(text))
        case .formulaString:
            return .string(XMLEscaping.decodeOOXMLEscapes(text))
        case .bool:
            return text.isEmpty ? .empty : .bool(text == "1" || text == "true")
        case .error:
            return .error(text)
        case .isoDate:
            return isoDate(text).map(CellValue.date) ?? .string(text)
        case .number:
            guard !text.isEmpty else { return .empty }
            guard let number = Double(text) else { return .string(text) }
            return formats.kind(ofStyle: style).value(number, dateSystem: dateSystem)
        }
    }

    /// Strict OOXML's `t="d"` cells: `2025-12-12` or `2025-12-12T08:30:00`.
    private func isoDate(_ text: String) -> CellDate? {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        let hasTime = numbers.count >= 5 && (numbers[3] != 0 || numbers[4] != 0 || (numbers.count > 5 && numbers[5] != 0))
        return CellDate(
            year: numbers[0], month: numbers[1], day: numbers[2],
            hour: numbers.count > 3 ? numbers[3] : 0, minute: numbers.count > 4 ? numbers[4] : 0,
            second: numbers.count > 5 ? numbers[5] : 0, hasDate: true, hasTime: hasTime)
    }
}
