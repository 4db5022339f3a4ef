import Foundation
import GoalCore
import OfficeXML

/// Writes goal tables as an .xlsx workbook in the official layouts: one sheet per table, each
/// printable on A4 landscape as the form is filed. The file reads back through `DocumentReader`
/// to the same tables.
public enum XLSXExporter {
    public static func data(_ tables: [GoalTable]) throws(ImportError) -> Data {
        try officeErrors { try workbook(tables).data() }
    }

    /// Writes the workbook straight to `url` (beside it first, then renamed over it): the file is never
    /// held in memory whole, and each sheet's XML only while it is deflated.
    public static func write(_ tables: [GoalTable], to url: URL) throws(ImportError) {
        let book = try workbook(tables)
        do {
            try book.write(to: url)
        } catch let error as OfficeError {
            guard case .cannotWrite = error else { throw ImportError("无法写入“\(url.path)”：\(error.message)") }
            throw ImportError(error.message) // names the file and the reason already
        } catch {
            throw ImportError("无法写入“\(url.path)”：\(error.localizedDescription)")
        }
    }

    /// The tables are laid out a batch at a time on all cores, just before their sheets are added (whose
    /// parts the writer deflates on all cores too), not all of them first: a province's 18,816 tables
    /// were laid out and written on one core (issue #23).
    private static func workbook(_ tables: [GoalTable]) throws(ImportError) -> XLSXWriter {
        let names = SheetNames.unique(tables.map(SheetNames.base(for:)))
        return try officeErrors {
            var writer = XLSXWriter()
            let styles = Styles(&writer)
            // large enough to keep both cores busy, small enough that a batch's XML is a few MB
            let batch = 256
            for start in stride(from: 0, to: tables.count, by: batch) {
                let end = min(start + batch, tables.count)
                try writer.addSheets(
                    Parallel.map(end - start) { i in
                        draft(OfficialLayout(table: tables[start + i]), name: names[start + i], styles: styles)
                    })
            }
            return writer
        }
    }

    /// Writes laid-out sheets; `configure` adds what a caller needs beyond the layout (dropdowns),
    /// `extraSheets` go after them (a template's hidden option lists).
    static func write(
        _ layouts: [OfficialLayout], names: [String], extraSheets: [WorksheetDraft] = [],
        configure: (inout WorksheetDraft, OfficialLayout) -> Void = { _, _ in }
    ) throws(ImportError) -> Data {
        let book = try workbook(layouts, names: names, extraSheets: extraSheets, configure: configure)
        return try officeErrors { try book.data() }
    }

    private static func workbook<Layouts: Sequence<OfficialLayout>>(
        _ layouts: Layouts, names: [String], extraSheets: [WorksheetDraft] = [],
        configure: (inout WorksheetDraft, OfficialLayout) -> Void = { _, _ in }
    ) throws(ImportError) -> XLSXWriter {
        try officeErrors {
            var writer = XLSXWriter()
            let styles = Styles(&writer)
            for (layout, name) in zip(layouts, names) {
                var sheet = draft(layout, name: name, styles: styles)
                configure(&sheet, layout)
                try writer.addSheet(sheet)
            }
            for sheet in extraSheets { try writer.addSheet(sheet) }
            return writer
        }
    }

    /// OfficeXML's errors as the import error the callers show.
    private static func officeErrors<T>(_ body: () throws -> T) throws(ImportError) -> T {
        do {
            return try body()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成 Excel 文件：\(error)")
        }
    }

    /// The registered styles, one per role.
    struct Styles {
        var byRole: [OfficialLayout.Role: StyleID] = [:]
        /// 万元 with two decimals as the forms print them (`5.00`); `money` for other precisions.
        var moneyTwoDecimals: StyleID

        init(_ w: inout XLSXWriter) {
            // 宋体 is what the forms are printed in; 黑体 for the title, as the official forms.
            let body = FontStyle(name: "宋体", size: 10)
            func bordered(_ h: HorizontalAlignment, bold: Bool = false, fill: String? = nil) -> CellStyle {
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10, bold: bold), fillColor: fill, border: .thin,
                    horizontalAlignment: h, verticalAlignment: .center, wrapText: true)
            }
            byRole[.title] = w.addStyle(
                CellStyle(
                    font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center, verticalAlignment: .center))
            byRole[.year] = w.addStyle(CellStyle(font: body, horizontalAlignment: .center, verticalAlignment: .center))
            byRole[.label] = w.addStyle(bordered(.center, bold: true))
            byRole[.value] = w.addStyle(bordered(.left))
            byRole[.heading] = w.addStyle(bordered(.center, bold: true, fill: "F2F2F2"))
            byRole[.indicatorText] = w.addStyle(bordered(.left))
            byRole[.indicatorShort] = w.addStyle(bordered(.center))
            byRole[.signoff] = w.addStyle(CellStyle(font: body, horizontalAlignment: .left, verticalAlignment: .center))
            byRole[.guidanceHeading] = w.addStyle(
                CellStyle(font: FontStyle(name: "宋体", size: 10, bold: true), horizontalAlignment: .left))
            byRole[.guidance] = w.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 9), horizontalAlignment: .left, verticalAlignment: .top, wrapText: true))
            byRole[.money] = w.addStyle(
                CellStyle(font: body, border: .thin, horizontalAlignment: .right, verticalAlignment: .center))
            moneyTwoDecimals = w.addStyle(
                CellStyle(
                    font: body, border: .thin, horizontalAlignment: .right, verticalAlignment: .center, numberFormat: "0.00"))
        }

        subscript(role: OfficialLayout.Role) -> StyleID { byRole[role] ?? .default }
    }

    static func draft(_ layout: OfficialLayout, name: String, styles: Styles) -> WorksheetDraft {
        var sheet = WorksheetDraft(name: name)
        for b in layout.blocks {
            let value: CellValue
            switch b.content {
            case .text(let s): value = s.isEmpty ? .empty : .string(s)
            case .number(let d): value = .number(d)
            }
            var style = styles[b.role]
            // A figure with more than two decimals keeps them all (General) so it reads back exactly.
            if b.role == .money, case .number(let d) = b.content, (d * 100).rounded() == d * 100 {
                style = styles.moneyTwoDecimals
            }
            if b.rowSpan == 1 && b.columnSpan == 1 {
                sheet.set(value, row: b.row, column: b.column, style: style)
            } else {
                sheet.merge(
                    CellRange(rows: b.row...(b.row + b.rowSpan - 1), columns: b.column...(b.column + b.columnSpan - 1)),
                    value: value, style: style)
            }
        }
        for (i, c) in layout.columns.enumerated() { sheet.columnWidths[i + 1] = c.width }
        sheet.rowHeights[1] = 30
        // Room to write by hand in a template's empty rows.
        for r in layout.blankRows { sheet.rowHeights[r] = 24 }
        sheet.frozenRows = layout.headingRow
        sheet.printTitleRows = layout.headingRow...layout.headingRow
        sheet.pageSetup = .a4LandscapeFitToWidth
        return sheet
    }
}

/// Sheet names Excel accepts: unique (ignoring case), at most 31 characters, none of `[]:*?/\`.
enum SheetNames {
    static func base(for table: GoalTable) -> String {
        let name = table.kind == .project ? (table.project?.name ?? table.unit) : table.unit
        if !name.isEmpty { return name }
        switch table.kind {
        case .department: return "部门整体支出"
        case .project: return "项目支出"
        case .provincial: return "省级整体"
        }
    }

    /// Forbidden characters become their full-width forms (`巴财企[2022]38号` → `巴财企〔2022〕38号`,
    /// the bracket official documents use), so the name still reads as the user wrote it.
    static func clean(_ s: String) -> String {
        let map: [Character: Character] = ["[": "〔", "]": "〕", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"]
        var t = String(s.map { map[$0] ?? $0 }.filter { !$0.isNewline })
        t = TextNormalizer.trim(t)
        while t.hasPrefix("'") { t.removeFirst() }
        while t.hasSuffix("'") { t.removeLast() }
        if t.isEmpty || t.lowercased() == "history" { t = "表" }
        return t
    }

    static func unique(_ bases: [String]) -> [String] {
        var taken = Set<String>()
        // the next number to try after each name: thousands of tables of one name are numbered in one
        // pass, not by trying (2), (3), … again for every one of them
        var next: [String: Int] = [:]
        return bases.map { base in
            let b = clean(base)
            var candidate = String(b.prefix(31))
            var n = next[b.lowercased()] ?? 2
            while taken.contains(candidate.lowercased()) {
                let suffix = "(\(n))"
                candidate = String(b.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            taken.insert(candidate.lowercased())
            next[b.lowercased()] = n
            return candidate
        }
    }
}
