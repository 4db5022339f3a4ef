import Foundation

/// Writes a plain Word document (.docx): a title, headings, paragraphs and bordered tables on A4 portrait,
/// in the fonts Chinese official documents use (黑体 headings, 仿宋/宋体 text). Only the parts Word, WPS and
/// LibreOffice require: `[Content_Types].xml`, the package and document relationships, `word/document.xml`
/// and `word/styles.xml`. User text goes through `XMLBuilder.text`, so no text can break the XML. The
/// headings are real Word headings (styles Heading1/Heading2), so Word's navigation pane shows the outline.
public struct DocxDraft: Sendable {
    public enum Block: Sendable, Equatable {
        /// Centred, large, bold: the document's title.
        case title(String)
        /// 一、… (level 1) or （一）… (level 2).
        case heading(String, level: Int)
        /// Body text, the first line indented two characters as Chinese documents are.
        case paragraph(String)
        /// Body text without indent (a line of figures, a note under a table).
        case plain(String)
        /// A line set to the right: who signs and stamps (`某单位（盖章）`).
        case signature(String)
        /// A table; the first row is its heading (bold, repeated on every page) when `heading` is true.
        /// `widths` in twentieths of a point, one per column; nil: equal widths over the text width.
        case table(rows: [[String]], heading: Bool, widths: [Int]?)
        case pageBreak
    }

    public var blocks: [Block]

    public init(blocks: [Block] = []) { self.blocks = blocks }

    /// A4 portrait text width with 2.5 cm margins left and right, in twentieths of a point.
    public static let textWidth = 9070

    public func data() throws -> Data {
        try PackageWriter.data(parts: [
            ("[Content_Types].xml", Self.contentTypes), ("_rels/.rels", Self.packageRels),
            ("word/_rels/document.xml.rels", Self.documentRels), ("word/styles.xml", Self.styles),
            ("word/document.xml", document()),
        ])
    }

    func document() -> [UInt8] {
        var x = XMLBuilder(capacity: 16_384)
        x.raw(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
        )
        for (k, block) in blocks.enumerated() {
            // the last line before a signature stays on its page, so a stamp never stands alone on a new one
            let keep = k + 1 < blocks.count && { if case .signature = blocks[k + 1] { return true } else { return false } }()
            switch block {
            case .title(let s): paragraph(&x, s, style: "Title")
            case .heading(let s, let level): paragraph(&x, s, style: level <= 1 ? "Heading1" : "Heading2")
            case .paragraph(let s), .plain(let s):
                let lines = Self.lines(s)
                let style: String? = if case .plain = block { "Plain" } else { nil }
                for (n, line) in lines.enumerated() { paragraph(&x, line, style: style, keepNext: keep && n == lines.count - 1) }
            case .signature(let s): paragraph(&x, s, style: "Signature")
            case .table(let rows, let heading, let widths): table(&x, rows, heading: heading, widths: widths)
            case .pageBreak: x.raw("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
            }
        }
        // A4 portrait: 11906 × 16838 twips; margins 2.54 cm top/bottom, 2.5 cm left/right
        x.raw(
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1418\" w:bottom=\"1440\" w:left=\"1418\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
        )
        x.raw("</w:body></w:document>")
        return x.bytes
    }

    /// A text's lines, each its own paragraph (Word has no line breaks inside a body paragraph here).
    static func lines(_ s: String) -> [String] {
        s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    private func paragraph(_ x: inout XMLBuilder, _ text: String, style: String?, keepNext: Bool = false) {
        x.raw("<w:p>")
        if style != nil || keepNext {
            x.raw("<w:pPr>")
            if let style {
                x.raw("<w:pStyle")
                x.attribute("w:val", style)
                x.raw("/>")
            }
            if keepNext { x.raw("<w:keepNext/>") }
            x.raw("</w:pPr>")
        }
        run(&x, text, bold: false)
        x.raw("</w:p>")
    }

    private func run(_ x: inout XMLBuilder, _ text: String, bold: Bool) {
        x.raw(bold ? "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">" : "<w:r><w:t xml:space=\"preserve\">")
        x.text(text)
        x.raw("</w:t></w:r>")
    }

    private func table(_ x: inout XMLBuilder, _ rows: [[String]], heading: Bool, widths: [Int]?) {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return }
        let w = widths.flatMap { $0.count == columns ? $0 : nil } ?? Array(repeating: Self.textWidth / columns, count: columns)
        x.raw("<w:tbl><w:tblPr><w:tblW w:w=\"")
        x.int(w.reduce(0, +))
        x.raw("\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>")
        for side: StaticString in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            x.raw("<w:")
            x.raw(side)
            x.raw(" w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
        }
        x.raw(
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        )
        for width in w {
            x.raw("<w:gridCol")
            x.attribute("w:w", width)
            x.raw("/>")
        }
        x.raw("</w:tblGrid>")
        for (r, row) in rows.enumerated() {
            let isHeading = heading && r == 0
            x.raw(isHeading ? "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for c in 0..<columns {
                x.raw("<w:tc><w:tcPr><w:tcW")
                x.attribute("w:w", w[c])
                x.raw(" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"Cell\"/>")
                if isHeading { x.raw("<w:jc w:val=\"center\"/>") }
                x.raw("</w:pPr>")
                run(&x, c < row.count ? row[c] : "", bold: isHeading)
                x.raw("</w:p></w:tc>")
            }
            x.raw("</w:tr>")
        }
        x.raw("</w:tbl>")
        // Word needs a paragraph between two tables, and after the last one before the section ends
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"Plain\"/></w:pPr></w:p>")
    }

    static let contentTypes = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
        """.utf8)

    static let packageRels = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """.utf8)

    static let documentRels = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """.utf8)

    /// 仿宋 三号-ish body (14 pt here, to keep tables readable), 黑体 headings, 宋体 10.5 pt in tables.
    static let styles = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="400" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="560"/><w:jc w:val="both"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:right="560"/><w:jc w:val="right"/><w:spacing w:before="240"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:before="240" w:after="360" w:line="560" w:lineRule="exact"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/><w:spacing w:before="200" w:after="60"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Cell"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:line="300" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
        </w:styles>
        """.utf8)
}
