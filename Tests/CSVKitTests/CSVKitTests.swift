import Testing
@testable import CSVKit

@Suite("CSVKit：读取（SwiftCSV）与写出（公式防护）")
struct CSVKitTests {
    @Test("BOM, quotes with commas and line breaks, CRLF, line numbers")
    func reads() throws {
        let text = "\u{FEFF}表,三级指标,实际完成值\r\n1,\"培训,人数\",120\r\n1,\"两\n行\",\"说\"\"明\"\"\"\r\n\r\n2,x,3\r\n"
        let records = try CSVReader.records(text)
        #expect(records[0].fields == ["表", "三级指标", "实际完成值"])
        #expect(records[1].fields == ["1", "培训,人数", "120"])
        #expect(records[2].fields == ["1", "两\n行", "说\"明\""])
        #expect(records[2].line == 3)
        #expect(records[3].isBlank)
        #expect(records[3].line == 5)
        #expect(records[4].line == 6)
    }

    @Test("tab-separated when the first line has tabs and no commas")
    func tabs() throws {
        let records = try CSVReader.records("表\t三级指标\n1\t人数,合计\n")
        #expect(records[1].fields == ["1", "人数,合计"])
    }

    @Test("an unpaired quote is refused in Chinese")
    func badQuote() throws {
        #expect(throws: CSVReader.ReadError.self) { try CSVReader.records("a,b\n\"x\"y,1\n") }
        #expect(try CSVReader.records("").isEmpty)
    }

    @Test("one defusing rule: apostrophe before = + - @ tab CR; numbers and a lone operator kept")
    func defuses() {
        #expect(CSVWriter.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVWriter.field("+cmd") == "'+cmd")
        #expect(CSVWriter.field("-1+2") == "'-1+2")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("\t=1") == "'\t=1")
        #expect(CSVWriter.field("\r=1") == "\"'\r=1\"")
        #expect(CSVWriter.field("-5") == "-5")
        #expect(CSVWriter.field("=") == "=")
        #expect(CSVWriter.field("有,逗号") == "\"有,逗号\"")
    }

    @Test("what the writer writes, the reader reads back (less the defusing apostrophe)")
    func roundTrip() throws {
        let rows = [["编码", "名称"], ["A,1", "多\n行\"引号\""], ["", "末尾"]]
        let doc = CSVWriter.document(rows)
        #expect(doc.hasPrefix("\u{FEFF}"))
        #expect(try CSVReader.records(doc).map(\.fields) == rows)
    }
}
