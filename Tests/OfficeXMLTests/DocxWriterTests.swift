import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// Our Word documents as readers see them: our own reader, LibreOffice, and the text of the PDF it prints.
@Suite("Word 文档写出（.docx）", .serialized)
struct DocxWriterTests {
    static let draft = DocxDraft(blocks: [
        .title("某单位2026年度绩效自评报告"),
        .heading("一、基本情况", level: 1),
        .paragraph("第一段 <script>&\"引号\"\n第二段"),
        .heading("（一）产出指标", level: 2),
        .table(rows: [["指标", "分值", "得分"], ["培训人数", "50", "40"], ["满意度", "50"]], heading: true, widths: [5000, 2000, 2070]),
        .plain("表下说明"),
        .signature("某单位（盖章）"),
        .pageBreak,
        .heading("附件目录", level: 1),
    ])

    @Test("our reader gets back every paragraph in order, each line its own, and the table's cells (a short row padded)")
    func readsBack() throws {
        let doc = try DocxReader().read(data: try Self.draft.data())
        #expect(
            doc.blocks.compactMap { if case .paragraph(let p) = $0 { return p } else { return nil } } == [
                "某单位2026年度绩效自评报告", "一、基本情况", "第一段 <script>&\"引号\"", "第二段", "（一）产出指标", "表下说明", "某单位（盖章）", "附件目录",
            ])
        #expect(doc.tables.count == 1)
        #expect(doc.tables.first?.grid() == [["指标", "分值", "得分"], ["培训人数", "50", "40"], ["满意度", "50", ""]])
    }

    @Test("the package holds the parts Word requires and headings are Word headings (outline levels)")
    func parts() throws {
        let data = try Self.draft.data()
        let paths = try #require(FileSniffer.zipPaths(data))
        #expect(
            Set(paths) == [
                "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml",
            ])
        #expect(FileSniffer.kind(of: data) == .docx)
        let xml = String(decoding: Self.draft.document(), as: UTF8.self)
        #expect(xml.contains("<w:pStyle w:val=\"Heading1\"/>") && xml.contains("<w:tblHeader/>"))
        #expect(xml.contains("<w:pStyle w:val=\"Signature\"/></w:pPr><w:r><w:t xml:space=\"preserve\">某单位（盖章）"))
        #expect(xml.contains("&lt;script&gt;&amp;"))
    }

    @Test(
        "LibreOffice opens it and prints every heading, the table and the text after the page break",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-writer)"))
    func libreOfficePrints() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.docx")
        try Self.draft.data().write(to: file)
        let pdf = try ExternalTools.soffice(convert: file, to: "pdf", in: directory)
        #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF".utf8)))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        let pages = try ExternalTools.run(["/usr/bin/pdftotext", "-layout", pdf.path, "-"]).stdout.components(
            separatedBy: "\u{0C}")
        #expect(pages.count >= 2)
        #expect(pages[0].contains("一、基本情况") && pages[0].contains("培训人数") && pages[0].contains("<script>&"))
        #expect(pages[1].contains("附件目录"))
    }
}
