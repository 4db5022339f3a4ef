import Foundation
import GoalCore
import Testing
import TestSupport

/// `jixiao convert` and `jixiao template` as a user runs them: the built binary, its files and messages.
@Suite("命令行 convert / template")
struct ConvertOfficeCLITests {
    static func run(_ args: [String]) throws -> (out: String, err: String, code: Int32) {
        try CheckCLITests.run(args)
    }

    static func seed(_ prefix: String) -> String {
        SharedFiles.files(in: SharedFiles.seeds, ending: ".txt").first { $0.lastPathComponent.hasPrefix(prefix) }!.path
    }

    @Test("a seed .txt → .xlsx → JSON gives the same tables as .txt → JSON")
    func textToXlsxAndBack() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xlsx = directory.appendingPathComponent("项目.xlsx").path
        let toXlsx = try Self.run(["convert", Self.seed("003"), "-o", xlsx])
        #expect(toXlsx.code == 0, "\(toXlsx.err)")
        #expect(toXlsx.err.contains("已读取 9 张表"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: xlsx))
        #expect(bytes.prefix(2) == Data("PK".utf8))

        let direct = try Self.run(["convert", Self.seed("003"), "-q"])
        let back = try Self.run(["convert", xlsx, "-q"])
        #expect(back.code == 0, "\(back.err)")
        // the same tables; each conversion gives its indicators new ids (they are made on output)
        let a = try GoalDocument.decode(Data(direct.out.utf8)).tables
        let b = try GoalDocument.decode(Data(back.out.utf8)).tables
        #expect(!a.isEmpty && a.map(\.withoutIndicatorIDs) == b.map(\.withoutIndicatorIDs))
        #expect(a.allSatisfy { $0.indicators.allSatisfy { ($0.id ?? "").count == 36 } })

        // a problem found in the workbook is named by sheet and cell (seed 003's second table has a row without a name)
        let notes = try Self.run(["convert", xlsx, "-o", directory.appendingPathComponent("back.json").path])
        #expect(notes.err.contains("第11行没有三级指标名称"))
        #expect(notes.err.contains("!C11）"))
    }

    @Test("csv and html by the output's extension, or to standard output with --format")
    func csvAndHtml() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("a.csv")
        #expect(try Self.run(["convert", Self.seed("000"), "-q", "-o", csv.path]).code == 0)
        #expect(try Data(contentsOf: csv).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let html = try Self.run(["convert", Self.seed("000"), "-q", "--format", "html"])
        #expect(html.code == 0 && html.out.contains("@page { size: A4 landscape"))
    }

    @Test("a workbook to standard output, or an unknown extension, is refused before reading")
    func refusedOutputs() throws {
        let xlsx = try Self.run(["convert", Self.seed("000"), "--format", "xlsx"])
        #expect(xlsx.code == 1 && xlsx.err.contains("不能输出到标准输出"))
        let pdf = try Self.run(["convert", Self.seed("000"), "-o", "/tmp/x.pdf"])
        #expect(pdf.code == 1 && pdf.err.contains("不支持的输出格式“pdf”"))
        // a name without an extension gets JSON, as before other formats existed
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: plain) }
        #expect(try Self.run(["convert", Self.seed("000"), "-q", "-o", plain.path]).code == 0)
        #expect(try String(contentsOf: plain, encoding: .utf8).hasPrefix("{"))
    }

    @Test("template, then convert: a blank form says it has no indicator rows; an unknown kind is refused")
    func templateRoundTrip() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for kind in ["department", "project", "provincial"] {
            let file = directory.appendingPathComponent("\(kind).xlsx").path
            let made = try Self.run(["template", kind, "-o", file])
            #expect(made.code == 0, "\(made.err)")
            let back = try Self.run(["convert", file])
            #expect(back.code == 1)
            #expect(back.err.contains("没有读到任何指标行"))
            #expect(back.err.contains("没有读到任何绩效目标表"))
        }
        let bad = try Self.run(["template", "county", "-o", directory.appendingPathComponent("x.xlsx").path])
        #expect(bad.code == 1 && bad.err.contains("department"))
    }

    @Test("a .xls file is told to be saved as .xlsx")
    func legacyExcel() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("旧表.xls")
        try CompoundFileFixture.make(streams: ["Workbook"]).write(to: file)
        let r = try Self.run(["convert", file.path])
        #expect(r.code == 1 && r.err.contains("另存为"))
    }
}
