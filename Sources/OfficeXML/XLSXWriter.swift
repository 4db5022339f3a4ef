import Foundation

/// Writes .xlsx workbooks that Excel, WPS, LibreOffice and openpyxl open without complaint.
///
/// ```swift
/// var writer = XLSXWriter()
/// let header = writer.addStyle(CellStyle(font: FontStyle(name: "黑体", bold: true), border: .thin))
/// var sheet = WorksheetDraft(name: "项目支出")
/// sheet.merge(CellRange("A1:F1"), value: .string("绩效目标表"), style: header)
/// try writer.addSheet(sheet)
/// try writer.write(to: url)
/// ```
public struct XLSXWriter: Sendable {
    /// What the workbook part needs of a sheet once its cells are written.
    public struct SheetEntry: Sendable, Equatable {
        public let name: String
        public let visibility: SheetVisibility
        public let printTitleRows: ClosedRange<Int>?
    }

    /// The sheets added so far. Each sheet's XML is made and deflated into a temporary file (the spool)
    /// as the sheet is added, so the writer keeps neither its cells nor its XML: a province's export of
    /// 18,816 sheets held every draft until the end.
    public private(set) var sheets: [SheetEntry] = []
    /// The sheets' names as Excel compares them (case-insensitively): a workbook of thousands of sheets
    /// checks each new name in constant time, not against every earlier one.
    private var takenNames = Set<String>()
    /// Set before adding sheets: their dates are written as they are added (`write` refuses otherwise).
    public var dateSystem: DateSystem = .from1900
    /// Shown in the file's properties (作者).
    public var creator = "Jixiao"
    private var styles = StyleTable()
    private var strings = SharedStringTable()
    /// The sheets' parts, deflated; nil until the first sheet.
    private var spool: PackageWriter.Spool?
    /// The calendar the spooled sheets' dates were written in.
    private var spooledDateSystem: DateSystem?
    /// The first visible sheet, selected when the file opens.
    private var firstVisible: Int?
    /// Where the spool is kept (tests give a folder of their own).
    var temporaryDirectory = FileManager.default.temporaryDirectory

    public init() {}

    /// Registers a style once; cells then refer to it by the returned id.
    public mutating func addStyle(_ style: CellStyle) -> StyleID {
        styles.add(style)
    }

    /// Adds a sheet after checking its name the way Excel does, and writes its part at once.
    public mutating func addSheet(_ sheet: WorksheetDraft) throws {
        try addSheets([sheet])
    }

    /// Adds sheets in order, as `addSheet` one by one would, their parts deflated on all cores at once:
    /// a workbook of thousands of sheets is best added a batch at a time (issue #23). A sheet refused
    /// stops the batch there, the sheets before it added.
    public mutating func addSheets(_ batch: [WorksheetDraft]) throws {
        var parts: [(path: String, bytes: [UInt8])] = []
        var refusal: (any Error)?
        for sheet in batch {
            do {
                parts.append(try part(for: sheet))
            } catch {
                refusal = error
                break
            }
        }
        if !parts.isEmpty { try uniqueSpool().add(parts) }
        if let refusal { throw refusal }
    }

    /// Checks a sheet, counts it in, and makes its part's XML; the strings and styles it uses are added.
    private mutating func part(for sheet: WorksheetDraft) throws -> (path: String, bytes: [UInt8]) {
        try checkName(sheet.name)
        try checkMerges(sheet)
        try checkCells(sheet)
        if let spooled = spooledDateSystem, spooled != dateSystem {
            throw OfficeError.writeFailed(detail: "日期系统须在添加工作表之前设定")
        }
        // made (or copied) before the sheet is counted in, so a sheet is never counted without a spool
        _ = try uniqueSpool()
        let index = sheets.count
        let isSelected = sheet.visibility == .visible && firstVisible == nil
        let xml = WorksheetXML(sheet: sheet, isSelected: isSelected, dateSystem: dateSystem)
            .xml(strings: &strings, styles: &styles)
        if isSelected { firstVisible = index }
        spooledDateSystem = dateSystem
        sheets.append(SheetEntry(name: sheet.name, visibility: sheet.visibility, printTitleRows: sheet.printTitleRows))
        takenNames.insert(sheet.name.lowercased())
        return ("xl/worksheets/sheet\(index + 1).xml", xml)
    }

    /// The spool, made on the first sheet, and copied first if a copy of this writer shares it.
    private mutating func uniqueSpool() throws -> PackageWriter.Spool {
        if spool == nil {
            let made = try PackageWriter.Spool(in: temporaryDirectory)
            // A constant part first: tools that sniff a file's type by its first entry see an Office file.
            try made.add(path: "_rels/.rels", bytes: packageRelationships())
            spool = made
        } else if !isKnownUniquelyReferenced(&spool) {
            spool = try spool?.copy()
        }
        guard let spool else { throw OfficeError.writeFailed(detail: "无法创建暂存文件") }
        return spool
    }

    /// Excel calls a file with these "unreadable content", so they are reported with their place.
    private func checkCells(_ sheet: WorksheetDraft) throws {
        for (row, cells) in sheet.rows {
            for cell in cells {
                let address = CellAddress(row: row, column: cell.column)
                guard row >= 1, row <= CellAddress.maxRow, cell.column >= 1, cell.column <= CellAddress.maxColumn else {
                    throw OfficeError.outsideSheet(sheet: sheet.name, cell: "第\(row)行第\(cell.column)列")
                }
                // UTF-8 length is free to read; only long texts are measured in UTF-16 units, as Excel counts.
                if case .string(let text) = cell.value, text.utf8.count > 32_767, text.utf16.count > 32_767 {
                    throw OfficeError.cellTextTooLong(sheet: sheet.name, cell: address.description)
                }
            }
        }
    }

    private func checkMerges(_ sheet: WorksheetDraft) throws {
        var owner: [CellAddress: CellRange] = [:]
        for range in sheet.merged {
            for row in range.rows {
                for column in range.columns {
                    let address = CellAddress(row: row, column: column)
                    if let other = owner.updateValue(range, forKey: address) {
                        throw OfficeError.overlappingMerges(
                            sheet: sheet.name, first: other.description, second: range.description)
                    }
                }
            }
        }
    }

    /// Writes beside `url` and renames over it: a copy of the spooled sheets plus the workbook's
    /// other parts. Memory holds none of the sheets (`PackageWriter`).
    public func write(to url: URL) throws {
        try checkWritable()
        try PackageWriter.write(to: url, after: spool, addParts)
    }

    /// The finished file as bytes, built the same way in a temporary file that is then removed.
    public func data() throws -> Data {
        try checkWritable()
        return try PackageWriter.data(in: temporaryDirectory, after: spool, addParts)
    }

    private func checkName(_ name: String) throws {
        if name.isEmpty || name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw OfficeError.invalidSheetName(name: name, reason: "名称不能为空")
        }
        if name.count > 31 { throw OfficeError.invalidSheetName(name: name, reason: "最多 31 个字符") }
        if let bad = name.first(where: { ":\\/?*[]".contains($0) }) {
            throw OfficeError.invalidSheetName(name: name, reason: "不能包含字符“\(bad)”")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw OfficeError.invalidSheetName(name: name, reason: "不能以单引号开头或结尾")
        }
        if takenNames.contains(name.lowercased()) {
            throw OfficeError.invalidSheetName(name: name, reason: "与已有工作表重名")
        }
    }

    private func checkWritable() throws {
        guard !sheets.isEmpty else { throw OfficeError.writeFailed(detail: "工作簿至少需要一个工作表") }
        guard firstVisible != nil else { throw OfficeError.writeFailed(detail: "至少要有一个工作表是可见的") }
        guard spooledDateSystem == dateSystem else {
            throw OfficeError.writeFailed(detail: "日期系统须在添加工作表之前设定")
        }
    }

    /// Adds the parts that follow the spooled sheets: those that list every sheet, and styles and
    /// strings, complete only after the last sheet (writing dates may add date-formatted styles).
    private func addParts(to sink: PackageWriter.Sink) throws {
        try sink.add(path: "[Content_Types].xml", bytes: contentTypes())
        try sink.add(path: "docProps/app.xml", bytes: appProperties())
        try sink.add(path: "docProps/core.xml", bytes: coreProperties())
        try sink.add(path: "xl/workbook.xml", bytes: workbook(activeTab: firstVisible ?? 0))
        try sink.add(path: "xl/_rels/workbook.xml.rels", bytes: workbookRelationships())
        try sink.add(path: "xl/styles.xml", bytes: styles.xml())
        try sink.add(path: "xl/sharedStrings.xml", bytes: strings.xml())
    }

    private func contentTypes() -> [UInt8] {
        var xml = XMLBuilder()
        xml.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        xml.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        xml.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        xml.raw(
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        )
        for index in sheets.indices {
            xml.raw("<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ")
            xml.raw("ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        xml.raw(
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        )
        xml.raw(
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        )
        xml.raw(
            "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        )
        xml.raw(
            "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        )
        xml.raw("</Types>")
        return xml.bytes
    }

    private func packageRelationships() -> [UInt8] {
        var xml = XMLBuilder()
        xml.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        xml.raw(
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        )
        xml.raw(
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        )
        xml.raw(
            "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        )
        xml.raw("</Relationships>")
        return xml.bytes
    }

    private func appProperties() -> [UInt8] {
        var xml = XMLBuilder()
        xml.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ")
        xml.raw("xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        xml.raw("<Application>Jixiao</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        xml.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant>")
        xml.raw("<vt:variant><vt:i4>")
        xml.int(sheets.count)
        xml.raw("</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector")
        xml.attribute("size", sheets.count)
        xml.raw(" baseType=\"lpstr\">")
        for sheet in sheets { xml.element("<vt:lpstr>", sheet.name, "</vt:lpstr>") }
        xml.raw("</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>")
        return xml.bytes
    }

    private func coreProperties() -> [UInt8] {
        let now = ISO8601DateFormatter().string(from: Date())
        var xml = XMLBuilder()
        xml.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ")
        xml.raw("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ")
        xml.raw("xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        xml.element("<dc:creator>", creator, "</dc:creator>")
        xml.element("<cp:lastModifiedBy>", creator, "</cp:lastModifiedBy>")
        xml.element("<dcterms:created xsi:type=\"dcterms:W3CDTF\">", now, "</dcterms:created>")
        xml.element("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">", now, "</dcterms:modified>")
        xml.raw("</cp:coreProperties>")
        return xml.bytes
    }

    private func workbook(activeTab: Int) -> [UInt8] {
        var xml = XMLBuilder()
        xml.raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        xml.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        xml.raw(dateSystem == .from1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")
        xml.raw("<bookViews><workbookView")
        xml.attribute("activeTab", activeTab)
        xml.raw("/></bookViews><sheets>")
        for (index, sheet) in sheets.enumerated() {
            xml.raw("<sheet")
            xml.attribute("name", sheet.name)
            xml.attribute("sheetId", index + 1)
            if sheet.visibility != .visible { xml.attribute("state", sheet.visibility.rawValue) }
            xml.attribute("r:id", "rId\(index + 1)")
            xml.raw("/>")
        }
        xml.raw("</sheets>")
        let titled = sheets.enumerated().filter { $0.element.printTitleRows != nil }
        if !titled.isEmpty {
            xml.raw("<definedNames>")
            for (index, sheet) in titled {
                guard let rows = sheet.printTitleRows else { continue }
                xml.raw("<definedName name=\"_xlnm.Print_Titles\"")
                xml.attribute("localSheetId", index)
                xml.raw(">")
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
                xml.text("\(quoted)!$\(rows.lowerBound):$\(rows.upperBound)")
                xml.raw("</definedName>")
            }
            xml.raw("</definedNames>")
        }
        xml.raw("<calcPr calcId=\"191029\"/></workbook>")
        return xml.bytes
    }

    private func workbookRelationships() -> [UInt8] {
        var xml = XMLBuilder()
        xml.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for index in sheets.indices {
            xml.raw("<Relationship")
            xml.attribute("Id", "rId\(index + 1)")
            xml.raw(" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"")
            xml.attribute("Target", "worksheets/sheet\(index + 1).xml")
            xml.raw("/>")
        }
        xml.raw("<Relationship")
        xml.attribute("Id", "rId\(sheets.count + 1)")
        xml.raw(" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        xml.raw("<Relationship")
        xml.attribute("Id", "rId\(sheets.count + 2)")
        xml.raw(
            " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        )
        xml.raw("</Relationships>")
        return xml.bytes
    }
}
