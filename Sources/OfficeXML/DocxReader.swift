import Foundation

/// Reads the body of a .docx (`word/document.xml`): paragraphs and tables in order, with
/// column spans, vertical merges and nested tables.
public struct DocxReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    public func read(contentsOf url: URL) throws -> WordDocument {
        try read(ZipPackage(url: url, expected: .docx, limits: limits))
    }

    public func read(data: Data) throws -> WordDocument {
        try read(ZipPackage(data: data, expected: .docx, limits: limits))
    }

    private func read(_ package: ZipPackage) throws -> WordDocument {
        if package.contains("xl/workbook.xml"), !package.contains("word/document.xml") {
            throw OfficeError.wrongKind(expected: .docx, found: .xlsx)
        }
        let root = try Relationships.read(for: "", in: package)
        let documentPart = root.first(ofType: "/officeDocument")?.target ?? "word/document.xml"
        guard package.contains(documentPart) else { throw OfficeError.missingPart(path: documentPart) }
        return try package.read(documentPart).scanXML(part: documentPart) { scanner in
            var blocks: [WordBlock] = []
            var inBody = false
            var tableCount = 0
            while true {
                switch try scanner.next() {
                case .eof:
                    return WordDocument(blocks: blocks)
                case .start:
                    if scanner.nameIs("body") {
                        inBody = true
                    } else if inBody, scanner.nameIs("p") {
                        let text = try paragraph(&scanner)
                        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { blocks.append(.paragraph(text)) }
                    } else if inBody, scanner.nameIs("tbl") {
                        tableCount += 1
                        blocks.append(.table(try table(&scanner, depth: 1, number: tableCount, package: package)))
                    }
                // Other elements (content controls, custom XML) are descended into.
                case .end, .text:
                    break
                }
            }
        }
    }

    /// After `<w:p>`: the paragraph's runs joined.
    private func paragraph(_ scanner: inout XMLScanner) throws -> String {
        // Paragraph and run properties hold tab stops (`<w:tab>`) that are not text;
        // text boxes and the fallback copy of drawings would repeat or misplace text.
        try scanner.joinedText(
            skip: { $0.nameIs("pPr") || $0.nameIs("rPr") || $0.nameIs("txbxContent") || $0.nameIs("Fallback") },
            marker: { element in
                if element.nameIs("tab") { return "\t" }
                if element.nameIs("br") || element.nameIs("cr") { return "\n" }
                if element.nameIs("noBreakHyphen") { return "-" }
                return nil
            })
    }

    /// After `<w:tbl>`: its rows.
    private func table(_ scanner: inout XMLScanner, depth: Int, number: Int, package: ZipPackage) throws -> WordTable {
        // Tables are read recursively; a bound keeps a hostile document from exhausting the stack.
        guard depth <= limits.maxTableNesting else { throw OfficeError.tablesNestedTooDeeply(limit: limits.maxTableNesting) }
        var rows: [WordRow] = []
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("tr") {
                    // Bounded as it is counted: a 400,000-row table must not be built before it is refused.
                    guard rows.count < limits.maxRowsPerTable else {
                        throw OfficeError.tooManyTableRows(table: number, limit: limits.maxRowsPerTable)
                    }
                    if rows.count % 1024 == 1023 { try package.checkDeadline() }
                    rows.append(try row(&scanner, depth: depth, number: number, package: package))
                } else if scanner.nameIs("tblPr") || scanner.nameIs("tblGrid") {
                    try scanner.skipElement()
                }
            case .end:
                if scanner.nameIs("tbl") { return WordTable(rows: rows) }
            case .text:
                break
            case .eof:
                throw scanner.malformed("表格未结束")
            }
        }
    }

    private func row(_ scanner: inout XMLScanner, depth: Int, number: Int, package: ZipPackage) throws -> WordRow {
        var row = WordRow(cells: [])
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("tc") {
                    row.cells.append(try cell(&scanner, depth: depth, number: number, package: package))
                } else if scanner.nameIs("gridBefore") {
                    row.skippedColumns = scanner.intAttribute("val") ?? 0
                }
            case .end:
                if scanner.nameIs("tr") { return row }
            case .text:
                break
            case .eof:
                throw scanner.malformed("表格行未结束")
            }
        }
    }

    private func cell(_ scanner: inout XMLScanner, depth: Int, number: Int, package: ZipPackage) throws -> WordCell {
        var cell = WordCell(paragraphs: [])
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("p") {
                    cell.paragraphs.append(try paragraph(&scanner))
                } else if scanner.nameIs("tbl") {
                    cell.tables.append(try table(&scanner, depth: depth + 1, number: number, package: package))
                } else if scanner.nameIs("gridSpan") {
                    cell.gridSpan = max(1, min(scanner.intAttribute("val") ?? 1, 64))
                } else if scanner.nameIs("vMerge") {
                    cell.verticalMerge = scanner.attribute("val") == "restart" ? .restart : .continue
                }
            case .end:
                if scanner.nameIs("tc") { return cell }
            case .text:
                break
            case .eof:
                throw scanner.malformed("单元格未结束")
            }
        }
    }
}
