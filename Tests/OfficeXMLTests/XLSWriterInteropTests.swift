import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// .xls files written by Python's xlwt, a writer with nothing in common with LibreOffice: many
/// shared strings, so the table runs over many CONTINUE records with strings split across them.
@Suite("XLS from xlwt", .enabled(if: ExternalTools.hasXlwt, "needs python3 with xlwt (pip install xlwt)"))
struct XLSWriterInteropTests {
    static let script = #"""
        import sys, json, datetime, xlwt
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("指标")
        expected = {}
        for r in range(3000):
            # Long mixed strings (ASCII-only ones stored one byte a character, Chinese ones two) so the
            # shared string table crosses many 8,224-byte records, splitting strings across them.
            text = ("第%d项指标：培训人次≥%d人次，" % (r, r * 7)) * (1 + r % 5) if r % 3 else "indicator %d " % r * (1 + r % 9)
            sheet.write(r, 0, text)
            sheet.write(r, 1, r * 0.25)
            sheet.write(r, 2, r % 2 == 0)
            expected["A%d" % (r + 1)] = text
            expected["B%d" % (r + 1)] = "n:" + repr(float(r * 0.25))
            expected["C%d" % (r + 1)] = "b:%d" % (r % 2 == 0)
        long_text = "长文本" * 5000 + "end"
        sheet.write(3000, 0, long_text)
        expected["A3001"] = long_text
        sheet.write_merge(3001, 3002, 0, 3, "合并")
        expected["A3002"] = "合并"
        book.dates_1904 = True
        other = book.add_sheet("日期")
        other.write(0, 0, datetime.date(2025, 12, 12), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
        book.save(sys.argv[1])
        print(json.dumps(expected, ensure_ascii=False))
        """#

    @Test("3,000 rows of long strings, numbers and booleans, a 15,000-character cell and a 1904 date read as written")
    func manyStrings() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("xlwt.xls")
        let output = try ExternalTools.python(Self.script, arguments: [file.path], in: directory)
        let expected = try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
        let book = try XLSReader().read(contentsOf: file)
        let sheet = try #require(book["指标"])
        let got = XLSScripts.texts(of: sheet)
        #expect(got.count == expected.count)
        for (address, text) in expected where got[address] != text {
            Issue.record("\(address): got \(got[address]?.prefix(40) ?? "nothing"), want \(text.prefix(40))")
        }
        #expect(sheet.merged.map(\.description) == ["A3002:D3003"])
        #expect(book.dateSystem == .from1904)
        #expect(book["日期"]?["A1"] == .date(CellDate(year: 2025, month: 12, day: 12)))
    }
}
