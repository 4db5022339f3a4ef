import Foundation
import Testing
@testable import OfficeXML

@Suite("Cell values as a user sees them")
struct CellValueTests {
    @Test(
        "numbers show without trailing .0 and without floating-point noise",
        arguments: [
            (1200.0, "1200"), (95.5, "95.5"), (0.1 + 0.2, "0.3"), (-3.0, "-3"), (1e-3, "0.001"),
            (123456789012.5, "123456789012.5"),
        ])
    func generalNumbers(value: Double, text: String) {
        #expect(CellValue.number(value).displayText == text)
    }

    @Test("Excel serial numbers become the calendar dates Excel shows, in both date systems")
    func serialDates() throws {
        #expect(DateSystem.from1900.date(fromSerial: 1)?.displayText == "1900-01-01")
        #expect(DateSystem.from1900.date(fromSerial: 59)?.displayText == "1900-02-28")
        #expect(DateSystem.from1900.date(fromSerial: 60)?.displayText == "1900-02-29")
        #expect(DateSystem.from1900.date(fromSerial: 61)?.displayText == "1900-03-01")
        #expect(DateSystem.from1900.date(fromSerial: 45638)?.displayText == "2024-12-12")
        #expect(DateSystem.from1904.date(fromSerial: 0)?.displayText == "1904-01-01")
        #expect(DateSystem.from1904.date(fromSerial: 45638 - 1462)?.displayText == "2024-12-12")
        #expect(DateSystem.from1900.date(fromSerial: 45638.5, hasTime: true)?.displayText == "2024-12-12 12:00")
        #expect(DateSystem.from1900.date(fromSerial: 0.75, hasDate: false, hasTime: true)?.displayText == "18:00:00")
        for system in [DateSystem.from1900, .from1904] {
            let date = CellDate(year: 2025, month: 12, day: 12)
            #expect(system.date(fromSerial: system.serial(of: date)) == date)
        }
    }

    @Test(
        "number formats are recognised as dates, percentages or plain numbers",
        arguments: [
            ("yyyy\"年\"m\"月\"d\"日\"", NumberFormatKind.date(hasDate: true, hasTime: false)),
            ("yyyy年m月d日", .date(hasDate: true, hasTime: false)),
            ("[$-804]yyyy/m/d;@", .date(hasDate: true, hasTime: false)),
            ("[DBNum1][$-804]yyyy\"年\"m\"月\"", .date(hasDate: true, hasTime: false)),
            ("h:mm", .date(hasDate: false, hasTime: true)),
            ("yyyy-mm-dd hh:mm:ss", .date(hasDate: true, hasTime: true)),
            ("0.0%", .percent(decimals: 1)),
            ("0.00_ ", .fixed(decimals: 2)),
            ("0\"年\"", .general),
            ("0.00E+00", .general),
            ("General", .general),
            ("[Red]#,##0", .general),
        ])
    func customFormats(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.custom(code) == kind)
    }

    @Test("built-in Chinese date format ids count as dates")
    func builtInFormats() {
        for id in [14, 22, 27, 31, 36, 50, 57, 58] {
            #expect(NumberFormatKind.builtIn(id) != .general, "format id \(id)")
        }
        #expect(NumberFormatKind.builtIn(0) == .general)
        #expect(NumberFormatKind.builtIn(9) == .percent(decimals: 0))
    }

    @Test("cell addresses and ranges parse and print like Excel's")
    func addresses() throws {
        #expect(try CellAddress("E7") == CellAddress(row: 7, column: 5))
        #expect(try CellAddress("$AB$12") == CellAddress(row: 12, column: 28))
        #expect(CellAddress(row: 1, column: 16384).description == "XFD1")
        #expect(try CellRange("C3:A1").description == "A1:C3")
        #expect(throws: OfficeError.invalidCellReference("7E")) { try CellAddress("7E") }
        #expect(OfficeError.invalidCellReference("7E").message.contains("B7"))
    }

    @Test("XML escaping keeps markup characters and drops control characters")
    func escaping() {
        #expect(XMLEscaping.escaped("A&B <c> \"d\"\u{1}") == "A&amp;B &lt;c&gt; &quot;d&quot;")
        let bytes = Array("&lt;注&gt; &#x4E2D;&#25991; &unknown;".utf8)
        #expect(bytes.withUnsafeBufferPointer { XMLEscaping.unescape($0) } == "<注> 中文 &unknown;")
        #expect(XMLEscaping.escaped("甲\u{FFFE}乙，丙\u{FFFF}") == "甲乙，丙")
        #expect(XMLEscaping.decodeOOXMLEscapes("a_x000D_b_x") == "a\rb_x")
    }
}
