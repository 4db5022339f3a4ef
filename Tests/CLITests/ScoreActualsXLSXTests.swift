import Foundation
import OfficeXML
import Testing
import TestSupport

/// `jixiao score --actuals 实际值.xlsx`: the actuals typed into a workbook are joined by name.
@Suite("命令行 score：xlsx 实际完成值")
struct ScoreActualsXLSXTests {
    @Test("actuals from the first sheet of a workbook score the table; an unknown name is reported")
    func xlsxActuals() throws {
        let table = """
            一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t评（扣）分标准
            产出指标\t数量指标\t培训人次\t≥\t500\t人次\t达到计划值得满分10分，否则按实际值/计划值*指标分值计分。
            满意度指标\t服务对象满意度指标\t参训人员满意度\t≥\t90\t%\t达到得10分，否则按比例计分
            """
        let tablePath = try JixiaoCLI.temp("表.txt", Data(table.utf8))
        var writer = XLSXWriter()
        var sheet = WorksheetDraft(name: "实际完成值")
        for (r, row) in [["三级指标", "实际完成值", "偏差原因"], ["培训人次", "450", "疫情停课两周"], ["参训人员满意度", "95%", ""], ["不存在的指标", "1", ""]]
            .enumerated()
        {
            for (c, v) in row.enumerated() where !v.isEmpty { sheet.set(v, row: r + 1, column: c + 1) }
        }
        try writer.addSheet(sheet)
        let xlsx = FileManager.default.temporaryDirectory.appendingPathComponent("actuals-\(UUID().uuidString).xlsx")
        try writer.write(to: xlsx)
        defer { try? FileManager.default.removeItem(at: xlsx) }

        let r = try JixiaoCLI.run(["score", tablePath, "--actuals", xlsx.path, "--format", "json"])
        #expect(r.status == 0)
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let tables = try #require(obj?["tables"] as? [[String: Any]])
        let indicators = try #require(tables.first?["indicators"] as? [[String: Any]])
        #expect(indicators.first?["actual"] as? String == "450")
        #expect(indicators.first?["score"] as? Double == 9)
        #expect(indicators.first?["deviation"] as? String == "疫情停课两周")
        #expect(r.err.contains("不存在的指标"))
    }
}
