import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalWorkflow
import Vapor

/// 自评报告: a page where the unit writes the free sections beside the figures each rests on, saved as a
/// draft, and the .docx built from the drafts, the scores and the evidence index. Seen by whoever sees the
/// table; written by the table's own unit while its 自评 can be edited (the 自评 page's lock).
struct ReportController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.tableReport(.key).pathComponents, use: page)
        app.post(SitePath.tableReport(.key).pathComponents, use: save)
        app.get(SitePath.tableReportDocx(.key).pathComponents, use: docx)
    }

    struct Page: Encodable {
        var title: String
        var nav = PageContext.Nav()
        var summary: TableSummaryDTO
        var links: SitePath.TableLinks
        var lock: String?
        var saved: String?
        var sections: [Section]

        struct Section: Encodable {
            var key: String
            var heading: String
            var prompt: String
            var figures: [String]
            var text: String
        }
    }

    /// The report of a table as it stands: its scores, the saved words and the evidence index.
    static func report(_ d: TableDetailDTO, on db: any Database) async throws -> SelfEvaluationReport {
        let scored = try await SelfEvaluationFormController.scored(d, on: db)
        let texts = try await ReportDrafts.load(of: d.summary.id, on: db).texts
        let evidence = try await EvidenceStore.index(of: d.summary.id, table: d.table, on: db).map {
            EvidenceEntry(
                indicator: $0.indicator, fileName: $0.fileName, size: $0.sizeText, uploadedBy: $0.uploadedBy,
                uploadedAt: $0.uploadedAtText)
        }
        return SelfEvaluationReport(scored, texts: texts, evidence: evidence)
    }

    @Sendable func page(req: Request) async throws -> View {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        let report = try await Self.report(d, on: req.db)
        let saved = try await ReportDrafts.load(of: d.summary.id, on: req.db)
        let sections = ReportSection.allCases.map { s in
            Page.Section(
                key: s.rawValue, heading: s.heading, prompt: s.prompt, figures: report.figures(for: s),
                text: report.texts[s] ?? "")
        }
        let note = saved.at.map { "草稿由\(saved.by ?? "")保存于 \(Workflow.beijingTime($0))" }
        return try await req.page(
            "report",
            Page(
                title: "自评报告：" + d.summary.name, summary: d.summary, links: .init(d.summary.id),
                lock: EvidenceController.lock(d, user: user), saved: note, sections: sections))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        if let why = EvidenceController.lock(d, user: user) { throw Abort(.forbidden, reason: "不能保存自评报告：\(why)") }
        var texts: [ReportSection: String] = [:]
        for s in ReportSection.allCases {
            guard let t = try? req.content.get(String.self, at: s.rawValue) else { continue }
            guard t.count <= ReportDrafts.maxCharacters else {
                throw Abort(.unprocessableEntity, reason: "“\(s.heading)”超过\(ReportDrafts.maxCharacters)字，未保存，请精简后再保存。")
            }
            texts[s] = t.replacingOccurrences(of: "\r\n", with: "\n")
        }
        try await ReportDrafts.save(texts, of: d.summary.id, tableName: d.summary.name, by: user, on: req.db)
        return req.redirect(to: SitePath.tableReport(.value(d.summary.id)).path + "#saved")
    }

    @Sendable func docx(req: Request) async throws -> Response {
        let d = try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
        let report = try await Self.report(d, on: req.db)
        let body = try await req.heavy { try report.data() }
        return .download(
            body, name: "自评报告-\(d.summary.name.isEmpty ? "目标表" : d.summary.name).docx", asciiName: "report.docx",
            contentType: EvidenceCheck.Kind.docx.contentType)
    }
}
