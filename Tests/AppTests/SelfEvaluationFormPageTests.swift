import Foundation
import GoalCore
import GoalScoring
import OfficeXML
import Testing
import VaporTesting
@testable import App

/// The 自评表 a unit downloads to stamp: the scores it prints are those the 自评 page shows.
@Suite("自评表下载与打印")
struct SelfEvaluationFormPageTests {
    static func evaluated() -> GoalTable {
        var table = sampleTable(name: "受益人员满意度")
        table.setActual("80", at: 0)
        table.setDeviation("报名人数不足，下年提前宣传", at: 0)
        table.setActual("95", at: 1)
        table.execution = Execution(budget: 10, spent: 8.5, weight: 10)
        return table
    }

    static func number(_ v: CellValue) -> Double? {
        if case .number(let x, _) = v { return x }
        return nil
    }

    @Test(
        "the workbook carries the 主管部门 and every row's 得分, 总分 and grade as scored; its unit and department see it, others do not"
    )
    func download() async throws { try await Self.download(.sqliteMemory) }

    static func download(_ database: AppConfig.Database) async throws {
        try await withJixiao(database: database) { app in
            let created = try await app.create(Self.evaluated())
            let id = created.summary.id
            let score = Analysis.scores([created.table])[0]
            let res = try await app.send(.GET, SitePath.tableSelfEvaluationForm(.value(id)).path)
            #expect(res.status == .ok)
            #expect(res.headers.first(name: "Content-Disposition")?.contains("self-evaluation.xlsx") == true)
            let sheet = try #require(try XLSXReader().read(data: Data(buffer: res.body)).sheets.first)
            let grid = try sheet.grid()
            #expect(grid.first?.first == "项目支出绩效自评表")
            // 主管部门 from the organisation tree: 测试单位甲 is under 测试主管部门一
            let department = try #require(grid.first { $0.first == "主管部门" })
            #expect(department[2] == "测试主管部门一")
            let heading = try #require(grid.firstIndex { $0.count > 8 && $0[7] == "得分" })
            for (k, row) in score.indicators.enumerated() {
                #expect(Self.number(sheet[heading + 2 + k, 8]) == row.score)
            }
            #expect(grid[heading + 1][8] == "报名人数不足，下年提前宣传")
            let total = try #require(grid.firstIndex { $0.first == "总分" })
            #expect(Self.number(sheet[total + 1, 8]) == score.total)
            #expect(grid[total][8] == "自评等级：\(score.grade.rawValue)")

            let print = try await app.send(.GET, SitePath.tableSelfEvaluationPrint(.value(id)).path, as: .businessD1)
            #expect(print.status == .ok && print.body.string.contains("自评等级：\(score.grade.rawValue)"))
            #expect(print.body.string.contains("测试主管部门一"))
            // another unit and another department's reviewer get nothing, as for the table itself
            for stranger in [Persona.fillerB, .businessD2] {
                #expect(
                    try await app.send(.GET, SitePath.tableSelfEvaluationForm(.value(id)).path, as: stranger).status == .notFound)
            }
            // the 自评 page offers both
            let page = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path)
            #expect(page.body.string.contains("下载自评表（Excel）"))
        }
    }
}
