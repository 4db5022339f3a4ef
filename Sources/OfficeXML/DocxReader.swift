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

    /// After `<w:tbl>`: its rows, packed as they are read (`WordTable`).
    private func table(_ scanner: inout XMLScanner, depth: Int, number: Int, package: ZipPackage) throws -> WordTable {
        // Tables are read recursively; a bound keeps a hostile document from exhausting the stack.
        guard depth <= limits.maxTableNesting else { throw OfficeError.tablesNestedTooDeeply(limit: limits.maxTableNesting) }
        var table = WordTable()
        var width = 1
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("tr") {
                    if table.rowCount % 1024 == 1023 { try package.checkDeadline() }
                    width = max(width, try row(&scanner, into: &table, depth: depth, number: number, package: package))
                    // Bounded as it is read, on the grid the importer will lay out (every row as wide as the
                    // widest): a 10-million-row table, or one very wide row over many, is refused before
                    // its grid is built.
                    guard table.rowCount * width <= limits.maxCellsPerTable else {
                        throw OfficeError.tooManyTableCells(table: number, limit: limits.maxCellsPerTable)
                    }
                } else if scanner.nameIs("tblPr") || scanner.nameIs("tblGrid") {
                    try scanner.skipElement()
                }
            case .end:
                if scanner.nameIs("tbl") { return table }
            case .text:
                break
            case .eof:
                throw scanner.malformed("表格未结束")
            }
        }
    }

    /// After `<w:tr>`: the row's cells added to `table`. Returns the row's width on the column grid.
    private func row(
        _ scanner: inout XMLScanner, into table: inout WordTable, depth: Int, number: Int, package: ZipPackage
    ) throws -> Int {
        var skipped = 0, width = 0
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("tc") {
                    width += try cell(&scanner, into: &table, depth: depth, number: number, package: package)
                } else if scanner.nameIs("gridBefore") {
                    skipped = max(0, min(scanner.intAttribute("val") ?? 0, Self.maxGridSpan))
                }
            case .end:
                if scanner.nameIs("tr") {
                    table.endRow(skippedColumns: skipped)
                    return skipped + width
                }
            case .text:
                break
            case .eof:
                throw scanner.malformed("表格行未结束")
            }
        }
    }

    /// After `<w:tc>`: the cell's paragraphs added to `table`. Returns the columns it spans.
    private func cell(
        _ scanner: inout XMLScanner, into table: inout WordTable, depth: Int, number: Int, package: ZipPackage
    ) throws -> Int {
        var gridSpan = 1
        var verticalMerge = WordCell.VerticalMerge.none
        var tables: [WordTable] = []
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("p") {
                    table.add(paragraph: try paragraph(&scanner))
                } else if scanner.nameIs("tbl") {
                    tables.append(try self.table(&scanner, depth: depth + 1, number: number, package: package))
                } else if scanner.nameIs("gridSpan") {
                    gridSpan = max(1, min(scanner.intAttribute("val") ?? 1, Self.maxGridSpan))
                } else if scanner.nameIs("vMerge") {
                    verticalMerge = scanner.attribute("val") == "restart" ? .restart : .continue
                }
            case .end:
                if scanner.nameIs("tc") {
                    table.endCell(gridSpan: gridSpan, verticalMerge: verticalMerge, tables: tables)
                    return gridSpan
                }
            case .text:
                break
            case .eof:
                throw scanner.malformed("单元格未结束")
            }
        }
    }

    /// The most grid columns one cell (or a row's leading gap) is taken to span: Word's own tables
    /// have at most 63 columns.
    static let maxGridSpan = 64
}
