import Foundation
import GoalCore
import GoalIO
import GoalWorkflow
import Vapor

/// 结转到下一年 (issue #19): one table from its page or the API, all approved tables of a year from 批量结转
/// (绩效股, 财政). Every carry goes through `TableStore.carryForward`, one transaction per table.
struct CarryController {
    func register(_ app: any RoutesBuilder) {
        app.post(SitePath.tableCarryForward(.key).pathComponents, use: pageCarry)
        app.post(SitePath.api(.tableCarryForward(.key)).pathComponents, use: apiCarry)
        app.get(SitePath.carryForward.pathComponents, use: bulkPage)
        app.post(SitePath.carryForward.pathComponents, use: bulkCarry)
        app.get(SitePath.tableYearCompare(.key).pathComponents, use: yearCompare)
        for f in YearCompareFormat.allCases {
            app.get(SitePath.tableYearCompareFile(.key, f).pathComponents) { req in try await yearCompareFile(req, f) }
        }
    }

    /// The answer of the API: the draft, and whether it was made now (201) or found made before (200).
    struct CarryDTO: Content, Sendable {
        var created: Bool
        var source: UUID
        var table: TableSummaryDTO
        /// In words: what was done and where 上年完成值 came from.
        var note: String
        var link: String
    }

    /// From the table page: to the new draft (or the one made before).
    @Sendable func pageCarry(req: Request) async throws -> Response {
        let carried = try await TableStore.carryForward(try req.tableID(), by: try req.requireUser(), on: req.db)
        return req.redirect(to: SitePath.table(.value(carried.next.id)).path, redirectType: .normal)
    }

    @Sendable func apiCarry(req: Request) async throws -> Response {
        let carried = try await TableStore.carryForward(try req.tableID(), by: try req.requireUser(), on: req.db)
        let dto = CarryDTO(
            created: carried.created, source: carried.source.id, table: carried.next, note: carried.note,
            link: SitePath.table(.value(carried.next.id)).path)
        let res = Response(status: carried.created ? .created : .ok)
        try res.content.encode(dto)
        return res
    }

    struct Page: Encodable {
        var title = "结转到下一年"
        var years: [YearOption]
        var year: Int?
        var nextYear: Int?
        var rows: [Row]
        var pending: Int
        var done: Int
        var action = SitePath.carryForward.path
        /// After 全部结转 without scripts: what happened, in numbers and per table.
        var result: Result?

        struct YearOption: Encodable {
            var value: Int
            var selected: Bool
        }

        struct Row: Encodable {
            var name: String
            var unit: String
            var kind: String
            var link: String
            var api: String
            var done: Bool
            var next: String?
            var text: String
            var failed: Bool = false
        }

        struct Result: Encodable {
            var created: Int
            var skipped: Int
            var refused: Int
        }
    }

    /// `/carry-forward?year=2026`: the approved tables of a year the account sees, carried or not.
    @Sendable func bulkPage(req: Request) async throws -> View {
        let user = try req.requireUser()
        try Self.requireBulk(user)
        return try await req.page("carry", try await page(req, user: user, year: req.query[Int.self, at: "year"]))
    }

    struct BulkForm: Content { var year: Int? }

    /// 全部结转 without scripts: each table in turn, then the page with what happened. (With scripts the page
    /// posts each table to the API itself and shows the progress as it goes.)
    @Sendable func bulkCarry(req: Request) async throws -> View {
        let user = try req.requireUser()
        try Self.requireBulk(user)
        guard let year = try req.content.decode(BulkForm.self).year else {
            throw Abort(.badRequest, reason: "批量结转：请选择要结转的年度")
        }
        let candidates = try await TableStore.carryCandidates(year: year, for: user, on: req.db)
        let describe = ChineseErrorMiddleware(maxBodyBytes: 0)
        var result = Page.Result(created: 0, skipped: 0, refused: 0)
        // by the source's link, as the rows name it
        var outcome: [String: (ok: Bool, text: String)] = [:]
        for c in candidates where c.next == nil {
            do {
                let carried = try await TableStore.carryForward(c.source.id, by: user, on: req.db)
                if carried.created { result.created += 1 } else { result.skipped += 1 }
                outcome[SitePath.table(.value(c.source.id)).path] = (true, carried.note)
            } catch {
                result.refused += 1
                outcome[SitePath.table(.value(c.source.id)).path] = (false, "未能结转：" + describe.describe(error, req).1)
            }
        }
        result.skipped += candidates.count { $0.next != nil }
        var p = try await page(req, user: user, year: year)
        for k in p.rows.indices {
            guard let o = outcome[p.rows[k].link] else { continue }
            p.rows[k].text = o.text
            p.rows[k].failed = !o.ok
        }
        p.result = result
        return try await req.page("carry", p)
    }

    private static func requireBulk(_ user: CurrentUser) throws {
        guard TableStore.mayCarryInBulk(user.role) else {
            throw Abort(
                .forbidden,
                reason: "批量结转是绩效股、财政审核的工作（您的角色：\(user.role.label)）；单位可在已批复的表格页点“结转到下一年”")
        }
    }

    private func page(_ req: Request, user: CurrentUser, year asked: Int?) async throws -> Page {
        let years = try await TableStore.approvedYears(for: user, on: req.db)
        let year = asked ?? years.first
        var candidates: [TableStore.CarryCandidate] = []
        if let year { candidates = try await TableStore.carryCandidates(year: year, for: user, on: req.db) }
        var rows: [Page.Row] = []
        for c in candidates {
            var text = "待结转"
            if let n = c.next { text = "已结转：" + (n.year.map { "\($0)年度" } ?? "") + n.statusLabel }
            rows.append(
                Page.Row(
                    name: c.source.name, unit: c.source.unit, kind: c.source.kindLabel,
                    link: SitePath.table(.value(c.source.id)).path,
                    api: SitePath.api(.tableCarryForward(.value(c.source.id))).path, done: c.next != nil,
                    next: c.next.map { SitePath.table(.value($0.id)).path }, text: text))
        }
        return Page(
            years: years.map { .init(value: $0, selected: $0 == year) }, year: year, nextYear: year.map { $0 + 1 },
            rows: rows, pending: rows.count { !$0.done }, done: rows.count { $0.done })
    }

    // MARK: 与上年对比

    /// The table of the path and the one it was carried from (its latest approved version), both visible.
    private func yearPair(_ req: Request) async throws -> (current: TableDetailDTO, previous: TableDetailDTO) {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        guard let from = d.summary.carriedFrom else {
            throw Abort(
                .notFound,
                reason: "这张表不是由上年的表结转生成的，没有可对比的上年表（在上年已批复的表格页点“结转到下一年”生成的草稿才有）")
        }
        guard let r = try await YearHistory.latestApproved(from, on: req.db), Access.canSee(r, user) else {
            throw Abort(.notFound, reason: "找不到这张表结转自的上年表（可能已被删除）")
        }
        return (d, try TableDetailDTO(r))
    }

    struct YearComparePage: Encodable {
        var title: String
        var current: TableSummaryDTO
        var previous: TableSummaryDTO
        var currentLink: String
        var previousLink: String
        var xlsx: String
        var csv: String
        var previousYear: String
        var year: String
        var counts: [Count]
        var header: [TableChange]
        var lines: [Line]

        struct Count: Encodable {
            var label: String
            var n: Int
        }

        struct Line: Encodable {
            var kind: String
            var previousRow: String
            var row: String
            var level2: String
            var name: String
            var before: String
            var lastActual: String
            var after: String
            var beforeWeight: String
            var afterWeight: String
            var changes: [String]
            var beforeExplanation: String
            var afterExplanation: String
        }
    }

    @Sendable func yearCompare(req: Request) async throws -> View {
        let (d, p) = try await yearPair(req)
        let r = YearComparison.compare(previous: p.table, current: d.table)
        func num(_ w: Double?) -> String { w.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "" }
        let lines = r.lines.map { l in
            YearComparePage.Line(
                kind: l.changes.contains(.added)
                    ? "added" : l.changes.contains(.removed) ? "removed" : l.changes.isEmpty ? "same" : "changed",
                previousRow: l.previousRow.map { "第\($0 + 1)行" } ?? "—", row: l.row.map { "第\($0 + 1)行" } ?? "—",
                level2: l.level2, name: l.name, before: l.before?.targetText ?? "", lastActual: l.lastActual ?? "",
                after: l.after?.targetText ?? "", beforeWeight: num(l.before?.weight), afterWeight: num(l.after?.weight),
                changes: l.changes.isEmpty ? ["无变化"] : l.described, beforeExplanation: l.before?.explanation ?? "",
                afterExplanation: l.after?.explanation ?? "")
        }
        let counts =
            YearComparison.Change.allCases.map { YearComparePage.Count(label: $0.label, n: r.count($0)) }
            .filter { $0.n > 0 } + [.init(label: "无变化", n: r.unchanged)]
        let id = d.summary.id
        return try await req.page(
            "year-compare",
            YearComparePage(
                title: "与上年对比：" + d.summary.name, current: d.summary, previous: p.summary,
                currentLink: SitePath.table(.value(id)).path, previousLink: SitePath.table(.value(p.summary.id)).path,
                xlsx: SitePath.tableYearCompareFile(.value(id), .xlsx).path,
                csv: SitePath.tableYearCompareFile(.value(id), .csv).path,
                previousYear: p.table.year.map { "\($0)年" } ?? "上年", year: d.table.year.map { "\($0)年" } ?? "本年",
                counts: counts, header: r.header, lines: lines))
    }

    func yearCompareFile(_ req: Request, _ format: YearCompareFormat) async throws -> Response {
        let (d, p) = try await yearPair(req)
        let r = YearComparison.compare(previous: p.table, current: d.table)
        let name = "与上年对比-\(d.summary.name)"
        switch format {
        case .csv:
            return .download(
                YearComparisonExport.csv(r, previous: p.table, current: d.table), name: name + ".csv",
                asciiName: "year-compare.csv", contentType: "text/csv; charset=utf-8")
        case .xlsx:
            let title =
                "\(d.summary.name) 与上年对比（\(p.table.year.map(String.init) ?? "上年")—\(d.table.year.map(String.init) ?? "本年")）"
            return .download(
                try YearComparisonExport.xlsx(r, previous: p.table, current: d.table, title: title), name: name + ".xlsx",
                asciiName: "year-compare.xlsx",
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }
}
