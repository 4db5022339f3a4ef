import Foundation
import GoalCore
import Testing
import TestSupport

/// `jixiao convert x.xls` and `jixiao score --actuals x.xls` as a user runs them.
@Suite("命令行：.xls 与 WPS .et")
struct XLSCLITests {
    typealias W = BIFFWriter

    /// An .xls whose first sheet holds the given rows as text cells (LABEL records).
    static func xls(_ rows: [[String]], sheet: String = "Sheet1") -> Data {
        var records: [(Int, [UInt8])] = []
        for (r, row) in rows.enumerated() {
            for (c, text) in row.enumerated() where !text.isEmpty {
                records.append((0x0204, W.cellHeader(r, c) + W.unicode(text)))
            }
        }
        return XLSFixture.xls(sheets: [.init(name: sheet, records: records)]).0
    }

    static let table = [
        ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "评（扣）分标准"],
        ["产出指标", "数量指标", "培训人次", "≥", "500", "人次", "达到计划值得满分10分，否则按实际值/计划值*指标分值计分。"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90", "%", "达到得10分，否则按比例计分"],
    ]

    @Test("convert reads an .xls, and the same file named .et (WPS), to the same tables")
    func convertXLSAndET() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xls = directory.appendingPathComponent("目标表.xls")
        try Self.xls(Self.table).write(to: xls)
        let et = directory.appendingPathComponent("目标表.et")
        try Self.xls(Self.table).write(to: et)
        let a = try JixiaoCLI.run(["convert", xls.path, "-q"])
        let b = try JixiaoCLI.run(["convert", et.path, "-q"])
        #expect(a.status == 0, "\(a.err)")
        // the same tables (each conversion makes its own indicator ids)
        let ta = try GoalDocument.decode(Data(a.out.utf8)).tables.map(\.withoutIndicatorIDs)
        let tb = try GoalDocument.decode(Data(b.out.utf8)).tables.map(\.withoutIndicatorIDs)
        #expect(!ta.isEmpty && ta == tb)
        let obj = try JSONSerialization.jsonObject(with: Data(a.out.utf8)) as? [String: Any]
        let indicators = (obj?["tables"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]]
        #expect(indicators?.compactMap { $0["name"] as? String } == ["培训人次", "参训人员满意度"])
    }

    @Test("actuals typed into an .xls score the table")
    func xlsActuals() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tablePath = try JixiaoCLI.temp(
            "表.txt", Data(Self.table.map { $0.joined(separator: "\t") }.joined(separator: "\n").utf8))
        let actuals = directory.appendingPathComponent("实际值.xls")
        try Self.xls(
            [["三级指标", "实际完成值", "偏差原因"], ["培训人次", "450", "疫情停课两周"], ["参训人员满意度", "95%", ""]],
            sheet: "实际完成值"
        ).write(to: actuals)
        let r = try JixiaoCLI.run(["score", tablePath, "--actuals", actuals.path, "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let indicators = try #require((obj?["tables"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]])
        #expect(indicators.first?["actual"] as? String == "450")
        #expect(indicators.first?["score"] as? Double == 9)
        #expect(indicators.first?["deviation"] as? String == "疫情停课两周")
    }

    @Test("an encrypted .xls and a Word .doc named .xls are refused with what to do")
    func refusals() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let encrypted = directory.appendingPathComponent("加密.xls")
        let filePass = (0x002F, W.u16(1) + [UInt8](repeating: 0, count: 52))
        try XLSFixture.xls(sheets: [.init(name: "表", records: [])], globals: [filePass]).0.write(to: encrypted)
        let a = try JixiaoCLI.run(["convert", encrypted.path])
        #expect(a.status == 1 && a.err.contains("取消密码"))
        let doc = directory.appendingPathComponent("其实是文档.xls")
        try XLSFixture.compoundFile(streams: [("WordDocument", [0xEC, 0xA5])]).0.write(to: doc)
        let b = try JixiaoCLI.run(["convert", doc.path])
        #expect(b.status == 1 && b.err.contains("Word 97-2003 文档（.doc）") && b.err.contains(".docx"))
    }
}
