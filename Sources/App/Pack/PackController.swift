import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalWorkflow
import Vapor

/// 自评材料包: what a unit uploads to the 一体化 system in one download — 自评表.xlsx, 自评报告.docx, the
/// evidence named by indicator and its index. One table's, or every approved table of one organisation
/// that this account sees (optionally of one year), a folder each.
struct PackController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.tablePack(.key).pathComponents, use: tablePack)
        app.get(SitePath.organisationPack(.key).pathComponents, use: organisationPack)
    }

    static func files(_ d: TableDetailDTO, on db: any Database) async throws -> SelfEvaluationPack.TableFiles {
        let report = try await ReportController.report(d, on: db)
        let evidence = try await EvidenceStore.files(of: d.summary.id, table: d.table, on: db)
        return SelfEvaluationPack.TableFiles(report: report, evidence: evidence)
    }

    /// The tables a unit's pack holds: `org`'s live approved tables that `user` sees, of `year` when given.
    static func unitTables(_ org: UUID, year: Int?, for user: CurrentUser, on db: any Database) -> QueryBuilder<GoalTableRecord> {
        var query = GoalTableRecord.query(on: db).live().visible(in: Access.scope(of: user))
            .filter(\.$organisationID == org).filter(\.$status == TableStatus.approved.rawValue)
        if let year { query = query.filter(\.$year == year) }
        return query
    }

    @Sendable func tablePack(req: Request) async throws -> Response {
        let d = try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
        let files = try await Self.files(d, on: req.db)
        let body = try await req.heavy { try SelfEvaluationPack.table(files) }
        return .download(
            body, name: SelfEvaluationPack.fileName(for: d.table), asciiName: "pack.zip", contentType: "application/zip")
    }

    @Sendable func organisationPack(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let org = try req.tableID()
        let records = try await Self.unitTables(org, year: req.query[Int.self, at: "year"], for: user, on: req.db)
            .sort(\.$year).sort(\.$name).all()
        guard !records.isEmpty else {
            throw Abort(.notFound, reason: "没有可打包的已批复目标表（该单位不在您的查看范围内，或该年度没有已批复的表）")
        }
        var all: [SelfEvaluationPack.TableFiles] = []
        for r in records { all.append(try await Self.files(try TableDetailDTO(r), on: req.db)) }
        let tables = all
        let body = try await req.heavy { try SelfEvaluationPack.unit(tables) }
        let unit = SafeFileName.component(records[0].unit, limit: 60)
        let year = req.query[Int.self, at: "year"].map { "-\($0)年" } ?? ""
        return .download(body, name: "自评材料-\(unit)\(year).zip", asciiName: "unit-pack.zip", contentType: "application/zip")
    }
}
