import Foundation

/// Reads .xlsx workbooks: the sheets found through the workbook's relationships, their cells,
/// merged ranges, hidden rows and columns, widths and visibility.
public struct XLSXReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    public func read(contentsOf url: URL) throws -> Workbook {
        try read(ZipPackage(url: url, expected: .xlsx, limits: limits))
    }

    public func read(data: Data) throws -> Workbook {
        try read(ZipPackage(data: data, expected: .xlsx, limits: limits))
    }

    private struct SheetEntry {
        var name: String
        var relationshipID: String
        var visibility: SheetVisibility
    }

    private func read(_ package: ZipPackage) throws -> Workbook {
        // The package's main part is named by its relationships, but a .docx's is a Word document:
        // tell the user which kind of file they gave us rather than "missing workbook".
        if package.contains("word/document.xml"), !package.contains("xl/workbook.xml") {
            throw OfficeError.wrongKind(expected: .xlsx, found: .docx)
        }
        let root = try Relationships.read(for: "", in: package)
        let workbookPart = root.first(ofType: "/officeDocument")?.target ?? "xl/workbook.xml"
        guard package.contains(workbookPart) else { throw OfficeError.missingPart(path: workbookPart) }
        let (entries, dateSystem) = try parseWorkbook(package.read(workbookPart), part: workbookPart)
        let relationships = try Relationships.read(for: workbookPart, in: package)

        let sharedStrings =
            try relationships.first(ofType: "/sharedStrings")
            .flatMap { try package.readIfPresent($0.target) }
            .map { try SharedStrings.parse($0, part: "sharedStrings.xml") } ?? []
        let formats =
            try relationships.first(ofType: "/styles")
            .flatMap { try package.readIfPresent($0.target) }
            .map { try StyleFormats.parse($0, part: "styles.xml") } ?? StyleFormats()

        var parser = WorksheetParser(sharedStrings: sharedStrings, formats: formats, dateSystem: dateSystem, limits: limits)
        parser.deadline = package.deadline
        var sheets: [Sheet] = []
        for entry in entries {
            // Chart sheets and dialog sheets have no cells; they are left out.
            guard let link = relationships[entry.relationshipID], link.type.hasSuffix("/worksheet") else { continue }
            try package.checkDeadline()
            let data = try package.read(link.target)
            sheets.append(try parser.parse(data, name: entry.name, part: link.target, visibility: entry.visibility))
        }
        return Workbook(sheets: sheets, dateSystem: dateSystem)
    }

    private func parseWorkbook(_ data: Data, part: String) throws -> ([SheetEntry], DateSystem) {
        try data.scanXML(part: part) { scanner in
            var entries: [SheetEntry] = []
            var dateSystem = DateSystem.from1900
            while true {
                switch try scanner.next() {
                case .eof:
                    return (entries, dateSystem)
                case .start:
                    if scanner.nameIs("workbookPr"), scanner.boolAttribute("date1904") == true {
                        dateSystem = .from1904
                    } else if scanner.nameIs("sheet") {
                        entries.append(
                            SheetEntry(
                                name: scanner.attribute("name") ?? "Sheet\(entries.count + 1)",
                                relationshipID: scanner.attribute("id") ?? "",
                                visibility: SheetVisibility(rawValue: scanner.attribute("state") ?? "") ?? .visible))
                    }
                default:
                    break
                }
            }
        }
    }
}
