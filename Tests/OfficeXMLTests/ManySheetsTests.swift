import Foundation
import Testing
@testable import OfficeXML

/// A file Jixiao wrote, Jixiao reads: an export with a sheet per table for a province (over the old
/// limit of 10,000 parts) is written without checking each name against every earlier one, and read back.
@Suite struct ManySheetsTests {
    @Test func twelveThousandSheetsAreWrittenAndReadBack() throws {
        var writer = XLSXWriter()
        for i in 0..<12_000 {
            var sheet = WorksheetDraft(name: "T\(i)")
            sheet.set("项目\(i)", row: 1, column: 1)
            try writer.addSheet(sheet)
        }
        // the same name in another case is still refused, as Excel would
        #expect(throws: OfficeError.self) { try writer.addSheet(WorksheetDraft(name: "t11999")) }
        let book = try XLSXReader().read(data: try writer.data())
        #expect(book.sheets.count == 12_000)
        #expect(book["T11999"]?["A1"] == .string("项目11999"))
    }
}
