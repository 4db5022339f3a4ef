import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO

/// Every seed table written as an .xlsx in its official layout reads back to the same table.
@Suite("Excel 导出往返")
struct XLSXRoundTripTests {
    static func fixture(_ name: String) throws -> [GoalTable] {
        try GoalDocument.decode(try SharedFiles.data(SharedFiles.seedFixtures.appendingPathComponent("\(name).expected.json")))
            .tables
    }

    @Test("JSON → .xlsx → JSON gives back every seed's tables, field for field", arguments: SharedFiles.seedNames)
    func seedRoundTrip(name: String) throws {
        let tables = try Self.fixture(name)
        let data = try XLSXExporter.data(tables)
        let back = try DocumentReader.read(data: data, name: "\(name).xlsx")
        try TableComparison.expectSame(back.tables, tables, name)
    }

    /// A file Jixiao wrote, Jixiao reads: a workbook of a sheet per table, written straight to its file
    /// as the command line does (sheet by sheet through a spool), reads back under the command line's
    /// limits to the same tables; the server's upload limits (2,000 parts) still refuse it.
    @Test("2,100 tables (past the upload limit of 2,000 parts) → one .xlsx → the same 2,100 tables")
    func manySheetsRoundTrip() throws {
        let seed = try SharedFiles.seedNames.flatMap { try Self.fixture($0) }
        let tables = (0..<2_100).map { seed[$0 % seed.count] }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("全省.xlsx")
        try XLSXExporter.write(tables, to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["全省.xlsx"])
        let data = try Data(contentsOf: url)
        let back = try DocumentReader.read(data: data, name: "全省.xlsx")
        #expect(back.tables.count == 2_100)
        try TableComparison.expectSame(Array(back.tables.suffix(seed.count)), Array(tables.suffix(seed.count)), "last sheets")
        let refused = #expect(throws: ImportError.self) { try DocumentReader.read(data: data, name: "全省.xlsx", limits: .upload) }
        #expect(refused?.message.contains("部件") == true)
    }

    @Test("the laid-out grid alone reads back the same (what the worksheet shows)", arguments: SharedFiles.seedNames)
    func layoutGridRoundTrip(name: String) throws {
        let tables = try Self.fixture(name)
        var got: [GoalTable] = []
        for t in tables { got += TextTableReader.read(grid: OfficialLayout(table: t).grid).tables }
        try TableComparison.expectSame(got, tables, name)
    }
}

/// Every field of the interchange, filled on every form, survives the official layout.
@Suite("全部字段往返")
struct AllFieldsRoundTripTests {
    static func table(_ kind: TableKind) -> GoalTable {
        let indicators = [
            Indicator(
                level1: "产出指标", level2: "数量指标", name: "培训人次", type: .atLeast, value: "1200", unit: "人次",
                explanation: "全年组织培训的人次", scoring: "达到计划值得满分10分，否则按比例计分。", weight: 10, basis: "计划标准",
                lastYear: "1100人次", evidence: "签到表", note: "含线上"),
            Indicator(
                level1: "产出指标", level2: "质量指标", name: "培训合格率", type: .equal, value: "100", unit: "%",
                explanation: "合格人数/参训人数", scoring: "每下降1%扣0.5分", weight: 7.5, basis: "历史标准",
                lastYear: "98%", evidence: "考试记录", note: nil),
            Indicator(
                level1: "效益指标", level2: "社会效益指标", name: "服务能力提升", type: .qualitative, value: "明显提升",
                explanation: "培训对服务能力的影响", scoring: "效果明显得15分", weight: 15, basis: "其他",
                lastYear: "有所提升", evidence: "总结报告", note: "定性"),
            Indicator(
                level1: "成本指标", level2: "经济成本指标", name: "培训总成本", type: .atMost, value: "60", unit: "万元",
                explanation: nil, scoring: "控制在预算内得10分", weight: 10, basis: "预算支出标准",
                lastYear: "0.06万元/人", evidence: "原始凭证", note: nil),
        ]
        var t = GoalTable(
            kind: kind, year: 2026, unit: "某县人社局",
            duty: kind == .project ? nil : "负责全县职业技能培训",
            goal: "完成培训1200人次，合格率100%。",
            project: kind == .project ? ProjectInfo(name: "职业技能提升行动", manager: "周八") : nil,
            funds: kind == .department ? nil : Funds(total: 60, fiscal: 55.125, other: 4.875),
            tasks: kind == .provincial
                ? [AnnualTask(name: "技能培训", content: "组织职业技能培训"), AnnualTask(name: "考核发证", content: nil)] : [],
            indicators: indicators,
            signoff: Signoff(
                filledBy: "吴九", phone: "0745-1112222", filledOn: "2025-11-30", head: "郑十",
                businessReviewer: "王审", performanceReviewer: "李核"))
        t.setEvaluationsByRow([
            IndicatorEvaluation(actual: "1250", deviation: "无偏差"), IndicatorEvaluation(actual: "99", deviation: "个别学员缺考"),
            IndicatorEvaluation(actual: "明显提升"), IndicatorEvaluation(),
        ])
        return t
    }

    @Test("JSON → .xlsx → JSON with every field filled", arguments: TableKind.allCases)
    func everyField(kind: TableKind) throws {
        let t = Self.table(kind)
        let back = try DocumentReader.read(data: try XLSXExporter.data([t]), name: "all.xlsx")
        try TableComparison.expectSame(back.tables, [t], "\(kind)")
    }
}

/// Layouts the exporter writes that the grid reader once misread.
@Suite("网格读取：导出版式")
struct GridReaderExportedLayouts {
    @Test("a compound unit 万元/人 in its own 计量单位 column, with 指标解释 empty, stays the unit")
    func compoundUnitBesideEmptyExplanation() {
        let grid = [
            ["部门（单位）整体支出绩效目标表", "", "", "", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评（扣）分标准", "分值"],
            ["成本指标", "经济成本指标", "人均培训成本", "≤", "0.05", "万元/人", "", "控制在预算内得10分", "10"],
        ]
        let indicator = TextTableReader.read(grid: grid).tables.first?.indicators.first
        #expect(indicator?.unit == "万元/人")
        #expect(indicator?.explanation == nil)
    }
}
