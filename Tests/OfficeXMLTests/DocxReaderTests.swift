import Foundation
import Testing
@testable import OfficeXML

/// Builds a .docx from body XML, the way Word lays out its parts.
enum DocxFixture {
    static func make(body: String) throws -> Data {
        let document =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#
            + body + #"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>"#
        return try PackageWriter.data(parts: [
            (
                "[Content_Types].xml",
                Array(
                    #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
                        .utf8)
            ),
            (
                "_rels/.rels",
                Array(
                    #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                        .utf8)
            ),
            ("word/document.xml", Array(document.utf8)),
        ])
    }

    static func paragraph(_ runs: String...) -> String {
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
            + runs.map { "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\($0)</w:t></w:r>" }.joined() + "</w:p>"
    }

    static func cell(_ paragraphs: [String], span: Int = 1, vMerge: String? = nil, extra: String = "") -> String {
        var properties = "<w:tcW w:w=\"2000\" w:type=\"dxa\"/>"
        if span > 1 { properties += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let vMerge { properties += vMerge.isEmpty ? "<w:vMerge/>" : "<w:vMerge w:val=\"\(vMerge)\"/>" }
        return "<w:tc><w:tcPr>\(properties)</w:tcPr>" + paragraphs.map { paragraph($0) }.joined() + extra + "</w:tc>"
    }
}

@Suite("Reading Word tables")
struct DocxReaderTests {
    static let body =
        DocxFixture.paragraph("2025年度", "项目支出绩效目标表")
        + "<w:p/>"
        + DocxFixture.paragraph("（2025年度）")
        + "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
        + "<w:tr>" + DocxFixture.cell(["项目名称"]) + DocxFixture.cell(["乡村振兴人才培训"], span: 2) + "</w:tr>"
        + "<w:tr>" + DocxFixture.cell(["产出指标"], vMerge: "restart") + DocxFixture.cell(["数量指标"])
        + DocxFixture.cell(["培训人次", "≥1200人次"]) + "</w:tr>"
        + "<w:tr>" + DocxFixture.cell([""], vMerge: "") + DocxFixture.cell(["质量指标"]) + DocxFixture.cell(["合格率≥95%"]) + "</w:tr>"
        + "<w:tr>" + DocxFixture.cell(["备注"])
        + DocxFixture.cell(
            ["见下表"], span: 2,
            extra: "<w:tbl><w:tr>" + DocxFixture.cell(["内层A"]) + DocxFixture.cell(["内层B"]) + "</w:tr></w:tbl><w:p/>")
        + "</w:tr></w:tbl>"
        + "<w:p><w:r><w:t>填报人：</w:t></w:r><w:r><w:tab/><w:t>张三</w:t></w:r><w:r><w:br/><w:t>日期</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del></w:p>"

    @Test("paragraphs and tables come in document order, runs joined, empty paragraphs left out")
    func blocks() throws {
        let document = try DocxReader().read(data: DocxFixture.make(body: Self.body))
        #expect(document.blocks.count == 4)
        #expect(document.blocks[0] == .paragraph("2025年度项目支出绩效目标表"))
        #expect(document.blocks[1] == .paragraph("（2025年度）"))
        #expect(document.blocks[3] == .paragraph("填报人：\t张三\n日期"))
        #expect(document.tables.count == 1)
    }

    @Test("gridSpan and vMerge place cells on the column grid")
    func mergedCells() throws {
        let table = try #require(try DocxReader().read(data: DocxFixture.make(body: Self.body)).tables.first)
        #expect(table.rows[0].cells[1].gridSpan == 2)
        #expect(table.rows[1].cells[0].verticalMerge == .restart)
        #expect(table.rows[2].cells[0].verticalMerge == .continue)
        #expect(
            table.grid() == [
                ["项目名称", "乡村振兴人才培训", ""],
                ["产出指标", "数量指标", "培训人次\n≥1200人次"],
                ["", "质量指标", "合格率≥95%"],
                ["备注", "见下表", ""],
            ])
        let filled = table.grid(merged: .fill)
        #expect(filled[0] == ["项目名称", "乡村振兴人才培训", "乡村振兴人才培训"])
        #expect(filled[2][0] == "产出指标")
    }

    @Test("a table nested in a cell is kept with that cell")
    func nestedTable() throws {
        let table = try #require(try DocxReader().read(data: DocxFixture.make(body: Self.body)).tables.first)
        let cell = table.rows[3].cells[1]
        #expect(cell.text == "见下表")
        #expect(cell.tables.first?.grid() == [["内层A", "内层B"]])
    }
}
