import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO

/// Bad input gets a clear Chinese message, never a crash or a hang, and nothing is invented.
@Suite("异常输入")
struct BadInputTests {
    func errorMessage(_ data: Data, name: String = "x.txt") -> String? {
        do {
            _ = try DocumentReader.read(data: data, name: name)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("an empty file says it is empty")
    func empty() {
        #expect(errorMessage(Data())?.contains("空") == true)
    }

    @Test("a binary file is refused as binary")
    func binary() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in bytes.indices { bytes[i] = UInt8((i * 37 + 11) % 256) }
        let m = errorMessage(Data(bytes))
        #expect(m != nil)
        #expect(m?.contains("编码") == true || m?.contains("二进制") == true)
    }

    @Test("a large file of valid UTF-8 full of control characters is refused as binary, as a small one is")
    func largeBinaryText() {
        // 2 MB: read in pieces on all cores, and judged on its first 65,536 characters as any file is
        var bytes = [UInt8]()
        bytes.reserveCapacity(2 << 20)
        while bytes.count < 2 << 20 { bytes += [0x01, 0x02, 0x41, 0x0A] + Array("项目支出绩效目标表\n".utf8) }
        let large = errorMessage(Data(bytes))
        let small = errorMessage(Data(bytes.prefix(4096)))
        #expect(large?.contains("二进制") == true)
        #expect(large == small)
    }

    @Test("a cut-off .xls and PDF files are named, with what to do")
    func officeSignatures() {
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100))
        #expect(errorMessage(xls, name: "a.xls")?.contains("Excel 97-2003 工作簿（.xls）已损坏或不完整") == true)
        #expect(errorMessage(Data("%PDF-1.7\n".utf8) + Data(repeating: 0x41, count: 50), name: "a.pdf")?.contains("PDF") == true)
        #expect(errorMessage(Data("plain text".utf8), name: "a.xlsx")?.contains("不是该格式") == true)
    }

    @Test(
        "a titled form with its header filled but no indicator rows is kept as a header-only table, and says so; a title alone is not a table"
    )
    func headerOnly() {
        let r = TextTableReader.read(text: "项目支出绩效目标表\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\n")
        #expect(r.tables.count == 1)
        #expect(r.tables.first?.project?.name == "某项目")
        #expect(r.tables.first?.indicators.isEmpty == true)
        #expect(r.notes.has("header-only-table"))
        let bare = TextTableReader.read(text: "项目支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n")
        #expect(bare.tables.isEmpty)
        #expect(bare.notes.has("table-without-indicators"))
    }

    @Test("invalid UTF-8 that is not Chinese either is refused with the encodings it tried")
    func invalidUTF8() {
        let m = errorMessage(Data([0x41, 0xC3, 0x28, 0x41, 0xFF, 0xFE, 0x80, 0x81, 0x00, 0x01]))
        #expect(m != nil)
    }

    @Test("GB18030 and UTF-16 files read, and the encoding is reported", arguments: ["GB18030", "UTF-16"])
    func encodings(encoding: String) throws {
        let text = "项目支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补助人数\t≥100人\n"
        let data: Data
        if encoding == "GB18030" {
            data = try #require(text.data(using: TextDecoding.gb18030))
        } else {
            data = try #require(text.data(using: .utf16))
        }
        let r = try DocumentReader.read(data: data, name: "a.txt")
        #expect(r.tables.first?.indicators.first?.name == "补助人数")
        #expect(r.notes.contains { $0.code == .encoding(name: encoding) })
    }

    @Test("8 MB of noise ends with no table, quickly (50 MB is run by `jixiao-bench convert`)")
    func noise() throws {
        var rng = SplitMix(seed: 7)
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 << 20)
        // valid UTF-8 noise made of the characters tables are made of, so every line is really parsed
        let alphabet = ["a", "b", "7", "0", " ", "\t", "|", "=", "%", "≥", "指标", "产出", "率", "。", "人"].map { Array($0.utf8) }
        while bytes.count < 8 << 20 {
            if rng.next() % 40 == 0 { bytes.append(0x0A) } else { bytes += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        }
        let r = try DocumentReader.read(data: Data(bytes), name: "noise.txt")
        #expect(r.tables.isEmpty)
    }

    @Test("hostile text in every cell is kept as text, not interpreted")
    func hostileText() throws {
        let evil = "<script>alert(1)</script>"
        let text = "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\n产出指标\t数量指标\t\(evil)名称\t≥\t5\t个\t'; DROP TABLE goals;--\n"
        let t = try #require(TextTableReader.read(text: text).tables.first)
        #expect(t.indicators[0].name == "\(evil)名称", "text that looks like HTML is the user's text")
        #expect(t.indicators[0].explanation == "'; DROP TABLE goals;--")
        let web = TextTableReader.read(text: "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t<p>指标<script>x</script></p>\t≥1个\n")
        #expect(
            web.tables.first?.indicators.first?.name == "指标<script>x</script>",
            "a pasted web cell loses its <p>, not the user's text")
        let grid = TextTableReader.read(grid: [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "<b>粗体</b>", "≥1个"]])
        #expect(grid.tables.first?.indicators.first?.name == "<b>粗体</b>", "worksheet cells are never read as HTML")
        let long = String(repeating: "很长的名称", count: 5000)
        let r = TextTableReader.read(text: "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t\(long)\t≥1个\n")
        #expect(r.tables.first?.indicators.first?.name.count == long.count)
    }

    @Test("a truncated interchange JSON gets a Chinese error")
    func truncatedJSON() throws {
        let url = SharedFiles.seedFixtures.appendingPathComponent("000_b3337543220addae.expected.json")
        let full = try SharedFiles.data(url)
        let m = errorMessage(full.prefix(full.count / 2), name: "a.json")
        #expect(m?.contains("JSON") == true)
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
