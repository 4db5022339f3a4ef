import Foundation
import Testing
@testable import OfficeXML
import TestSupport

@Suite(
    "Rendering for a person to look at",
    .enabled(
        if: ExternalTools.hasSoffice
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm"),
        "needs LibreOffice and poppler-utils (apt-get install libreoffice-calc poppler-utils fonts-noto-cjk)"))
struct RenderTests {
    /// The sample is left in `$TMPDIR/officexml-render/` so that it can be opened and looked at.
    @Test("scripts/render-xlsx.sh prints the sample on one landscape page")
    func renderSample() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("officexml-render")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("sample.xlsx")
        try SampleWorkbook.make().write(to: file)
        let script = SharedFiles.packageRoot.appendingPathComponent("scripts/render-xlsx.sh").path
        let output = try ExternalTools.run(["/bin/bash", script, file.path, directory.path])
        #expect(output.status == 0, "\(output.stderr)")
        let png = try Data(contentsOf: directory.appendingPathComponent("sample-1.png"))
        // PNG's IHDR holds the width and height, big-endian, at bytes 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > height, "A4 landscape is wider than tall: \(width)×\(height)")
        // Two visible sheets, each fitted to one page wide; the hidden sheet is not printed.
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".png") }
        #expect(pages.sorted() == ["sample-1.png", "sample-2.png"])
    }

    @Test("a long table prints its header rows again at the top of every page")
    func repeatedHeader() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var writer = XLSXWriter()
        let border = writer.addStyle(CellStyle(border: .thin))
        var sheet = WorksheetDraft(name: "长表")
        sheet.merge(try CellRange("A1:D1"), value: .string("长表标题"))
        sheet.merge(try CellRange("A2:D2"), value: .string("重复的表头"), style: border)
        for (column, text) in ["序号", "指标名称", "指标值", "备注"].enumerated() {
            sheet.set(text, row: 3, column: column + 1, style: border)
        }
        for row in 4...150 {
            sheet.set(Double(row - 3), row: row, column: 1, style: border)
            sheet.set("第\(row - 3)项指标", row: row, column: 2, style: border)
        }
        sheet.printTitleRows = 2...3
        sheet.pageSetup = .a4LandscapeFitToWidth
        try writer.addSheet(sheet)
        let file = directory.appendingPathComponent("long.xlsx")
        try writer.write(to: file)
        let script = SharedFiles.packageRoot.appendingPathComponent("scripts/render-xlsx.sh").path
        #expect(try ExternalTools.run(["/bin/bash", script, file.path, directory.path]).status == 0)
        let pdf = directory.appendingPathComponent("long.pdf").path
        let pageTwo = try ExternalTools.run(["/usr/bin/pdftotext", "-f", "2", "-l", "2", pdf, "-"]).stdout
        #expect(pageTwo.contains("重复的表头"))
        #expect(pageTwo.contains("指标名称"))
        #expect(!pageTwo.contains("长表标题"))
    }
}
