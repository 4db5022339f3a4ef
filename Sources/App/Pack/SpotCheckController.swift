import Fluent
import Foundation
import GoalCore
import GoalScoring
import GoalWorkflow
import Vapor

/// 自评抽查 pages: finance draws a sample (a number or a share of the year's submitted self-evaluations,
/// with a seed it may give or the server picks, recorded either way), opens each table's 自评, report and
/// evidence from the draw, and records a conclusion per table. Offered to finance only (`SpotChecks.mayDraw`).
struct SpotCheckController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.spotChecks.pathComponents, use: index)
        app.post(SitePath.spotChecks.pathComponents, use: draw)
        app.get(SitePath.spotCheck(.key).pathComponents, use: detail)
        app.post(SitePath.spotCheckConclusion(.key, .key).pathComponents, use: conclude)
    }

    struct IndexPage: Encodable {
        var title = "自评抽查"
        var nav = PageContext.Nav()
        var error: String?
        var year: Int
        var draws: [Line]
        struct Line: Encodable {
            var href: String; var year: String; var rule: String; var seed: String; var by: String; var at: String
        }
    }

    struct DetailPage: Encodable {
        var title: String
        var nav = PageContext.Nav()
        var rule: String
        var seed: String
        var population: Int
        var by: String
        var at: String
        /// The draw repeated now from the recorded population, rule and seed gives the same tables.
        var reproduced: Bool
        var results = SpotChecks.results
        var items: [Item]
        struct Item: Encodable {
            var position: Int
            var name: String
            var unit: String
            var score: String
            var selfEvaluation: String
            var report: String
            var pack: String
            var action: String
            var result: String?
            var opinion: String?
            var reviewed: String?
        }
    }

    private func requireFinance(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUser()
        guard SpotChecks.mayDraw(user.role) else { throw Abort(.forbidden, reason: "自评抽查由财政审核人员进行") }
        return user
    }

    @Sendable func index(req: Request) async throws -> View {
        try await indexPage(req, error: nil)
    }

    private func indexPage(_ req: Request, error: String?) async throws -> View {
        let user = try requireFinance(req)
        let draws = try await SpotChecks.list(for: user, on: req.db).compactMap { r -> IndexPage.Line? in
            guard let id = r.id else { return nil }
            return .init(
                href: SitePath.spotCheck(.value(id)).path, year: r.year.map { "\($0)年" } ?? "",
                rule: SpotCheckDraw.Size(recorded: r.rule)?.label ?? r.rule, seed: r.seed, by: r.drawnByName,
                at: Workflow.beijingTime(r.drawnAt))
        }
        let year = Int(Workflow.day(Date()).prefix(4)) ?? 2026
        return try await req.page("spotchecks", IndexPage(error: error, year: year - 1, draws: draws))
    }

    struct DrawForm: Content {
        var year: String?
        /// count / percent
        var by: String?
        var amount: String?
        var seed: String?
    }

    @Sendable func draw(req: Request) async throws -> Response {
        let user = try requireFinance(req)
        let form = try req.content.decode(DrawForm.self)
        func refuse(_ message: String) async throws -> Response {
            try await indexPage(req, error: message).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let year = form.year.flatMap({ Int(TextNormalizer.trim($0)) }), (2000...2100).contains(year) else {
            return try await refuse("请填写抽查年度（如 2026）。")
        }
        let amount = TextNormalizer.trim(form.amount ?? "")
        let size: SpotCheckDraw.Size
        if form.by == "percent" {
            guard let p = Double(amount), p > 0, p <= 100 else { return try await refuse("抽查比例应为 0 到 100 之间的数（百分比）。") }
            size = .percent(p)
        } else {
            guard let n = Int(amount), n > 0 else { return try await refuse("抽查数量应为正整数。") }
            size = .count(n)
        }
        let seedText = TextNormalizer.trim(form.seed ?? "")
        let seed: UInt64
        if seedText.isEmpty {
            seed = UInt64.random(in: 1...UInt64(Int64.max))
        } else {
            guard let s = UInt64(seedText) else { return try await refuse("随机种子应为非负整数，或留空由系统生成。") }
            seed = s
        }
        do {
            let id = try await SpotChecks.draw(year: year, size: size, seed: seed, by: user, on: req.db)
            return req.redirect(to: SitePath.spotCheck(.value(id)).path)
        } catch let f as SpotChecks.Failure {
            return try await refuse(f.message)
        }
    }

    @Sendable func detail(req: Request) async throws -> View {
        let user = try requireFinance(req)
        let r = try await SpotChecks.find(try req.tableID(), for: user, on: req.db)
        let items = try await SpotChecks.items(of: try r.requireID(), on: req.db)
        let tables = try await GoalTableRecord.query(on: req.db).withDeleted().filter(\.$id ~~ items.map(\.tableID)).all()
        let byID = Dictionary(tables.compactMap { t in t.id.map { ($0, t) } }, uniquingKeysWith: { a, _ in a })
        var lines: [DetailPage.Item] = []
        for item in items {
            let t = byID[item.tableID]
            let score = t.flatMap { try? TableDetailDTO($0) }.map { Analysis.scores([$0.table])[0].summary } ?? ""
            lines.append(
                .init(
                    position: item.position, name: t?.name ?? "（已删除的表）", unit: t?.unit ?? "", score: score,
                    selfEvaluation: SitePath.tableSelfEvaluation(.value(item.tableID)).path,
                    report: SitePath.tableReport(.value(item.tableID)).path, pack: SitePath.tablePack(.value(item.tableID)).path,
                    action: SitePath.spotCheckConclusion(.value(try r.requireID()), .value(item.tableID)).path,
                    result: item.result, opinion: item.opinion,
                    reviewed: item.reviewedAt.map { "\(item.reviewedByName ?? "") \(Workflow.beijingTime($0))" }))
        }
        let reproduced = SpotChecks.repeated(r) == items.map(\.tableID.uuidString)
        return try await req.page(
            "spotcheck",
            DetailPage(
                title: "\(r.year.map { "\($0)年" } ?? "")自评抽查", rule: SpotCheckDraw.Size(recorded: r.rule)?.label ?? r.rule,
                seed: r.seed, population: SpotChecks.population(of: r).count, by: r.drawnByName,
                at: Workflow.beijingTime(r.drawnAt), reproduced: reproduced, items: lines))
    }

    struct ConclusionForm: Content {
        var result: String?
        var opinion: String?
    }

    @Sendable func conclude(req: Request) async throws -> Response {
        let user = try requireFinance(req)
        let r = try await SpotChecks.find(try req.tableID(), for: user, on: req.db)
        let tableID = try req.fileID()
        guard let item = try await SpotChecks.items(of: try r.requireID(), on: req.db).first(where: { $0.tableID == tableID })
        else {
            throw Abort(.notFound, reason: "这张表不在本次抽查之中")
        }
        let form = try req.content.decode(ConclusionForm.self)
        guard let result = form.result, SpotChecks.results.contains(result) else {
            throw Abort(.unprocessableEntity, reason: "请选择抽查结论：\(SpotChecks.results.joined(separator: "、"))。")
        }
        let opinion = TextNormalizer.trim(form.opinion ?? "")
        try await SpotChecks.conclude(item, result: result, opinion: String(opinion.prefix(5000)), by: user, on: req.db)
        return req.redirect(to: SitePath.spotCheck(.value(try r.requireID())).path + "#table-\(item.position)")
    }
}
