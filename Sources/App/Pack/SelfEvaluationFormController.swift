import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalScoring
import Vapor

/// The 自评表 of a table as the unit stamps and uploads it: the workbook and its print view, with the
/// scores the 自评 page shows (`Analysis.scores`, the profile's own settings). Whoever may see the table
/// may download them (`Access.visible`).
struct SelfEvaluationFormController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.tableSelfEvaluationForm(.key).pathComponents, use: workbook)
        app.get(SitePath.tableSelfEvaluationPrint(.key).pathComponents, use: printView)
    }

    /// The table, scored, with the 实际完成情况 the unit wrote in its 自评报告 (when it did) and the 主管部门
    /// the organisation tree names.
    static func scored(_ d: TableDetailDTO, on db: any Database) async throws -> ScoredTable {
        let achieved = try await ReportDrafts.achieved(of: d.summary.id, on: db)
        let department = try await Organisations.department(of: d.summary.organisationID, on: db)
        return ScoredTable(
            table: d.table, score: Analysis.scores([d.table])[0], achieved: achieved, department: department)
    }

    static func fileName(_ d: TableDetailDTO) -> String {
        "自评表-\(d.summary.name.isEmpty ? "目标表" : d.summary.name).xlsx"
    }

    @Sendable func workbook(req: Request) async throws -> Response {
        let d = try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
        let scored = try await Self.scored(d, on: req.db)
        let body = try await req.heavy { try SelfEvaluationXLSX.data([scored]) }
        return .download(
            body, name: Self.fileName(d), asciiName: "self-evaluation.xlsx", contentType: ExportFormat.xlsx.contentType)
    }

    @Sendable func printView(req: Request) async throws -> Response {
        let d = try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
        let scored = try await Self.scored(d, on: req.db)
        return Response(
            status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"],
            body: .init(string: SelfEvaluationXLSX.html([scored])))
    }
}
