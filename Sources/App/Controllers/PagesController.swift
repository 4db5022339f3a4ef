import Fluent
import Foundation
import GoalWorkflow
import GoalCheck
import GoalCharts
import GoalCore
import GoalIO
import Vapor

/// The pages: 首页, 表格, 导入, 自评, 编辑, 导出. Each handler fetches through `TableStore` and renders a `PageContext`.
struct PagesController {
    let config: AppConfig

    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.home.pathComponents, use: home)
        app.get(SitePath.importPage.pathComponents, use: importPage)
        app.post(SitePath.importPreview.pathComponents, use: importPreview)
        app.post(SitePath.importSave.pathComponents, use: importSave)
        app.get(SitePath.importDraft(.key).pathComponents, use: importDraft)
        app.get(SitePath.table(.key).pathComponents, use: table)
        app.get(SitePath.tableEdit(.key).pathComponents, use: edit)
        app.get(SitePath.tableSelfEvaluation(.key).pathComponents, use: selfEvaluation)
        app.get(SitePath.tableExport(.key).pathComponents, use: export)
        for format in ExportFormat.allCases {
            app.get(SitePath.tableExportFile(.key, format).pathComponents) { req in try await exportFile(req, format) }
        }
    }

    /// The table of the path, if the signed-in account may see it (404 otherwise, as for no table at all).
    private func detail(_ req: Request) async throws -> TableDetailDTO {
        try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
    }

    /// `/?unit=…&year=…&kind=…&page=…`: one page of the matching tables, filtered and paged in SQL.
    @Sendable func home(req: Request) async throws -> View {
        let user = try req.requireUser()
        let scope = Access.scope(of: user)
        let query = TableListQuery(req)
        let page = try await TableStore.page(query, in: scope, for: user, on: req.db)
        let facets = try await TableStore.facets(in: scope, on: req.db)
        var home = PageContext.Home(page, query: query, facets: facets)
        home.filter?.canMine = user.role != .admin
        home.offerBulk(to: user)
        // import previews not yet saved come first: recognised, then left before 保存
        home.todo = try await ImportDrafts.open(for: user.id, on: req.db).map { d in
            .init(
                name: "导入预览（\(d.tables) 张表）尚未保存", unit: d.names,
                why: "识别于 \(d.at)，请核对后保存，\(d.expires)后失效", link: SitePath.importDraft(.value(d.id)).path)
        }
        home.todo += try await TableStore.waiting(for: user, on: req.db).map { s, why in
            .init(name: s.name, unit: s.unit, why: why, link: SitePath.table(.value(s.id)).path)
        }
        // 运行监控 entries whose turn it is, with their due day, beside the tables
        home.todo += try await MonitoringStore.waiting(for: user, on: req.db).map { e, _, why in
            .init(name: e.tableName, unit: e.unit, why: why, link: SitePath.monitoringEntry(.value(e.id!)).path)
        }
        return try await req.page("home", home)
    }

    @Sendable func table(req: Request) async throws -> View {
        let user = try req.requireUser(), db = req.db // `req.db` makes a new handle on every use
        // the table once, with the trail's key and the confirmation setting; its document is decoded only if
        // this view needs the table (`LazyTable`)
        let (shown, trailState, wantsConfirmation) = try await TableRead.page(try req.tableID(), for: user, on: db)
        let t = LazyTable(shown)
        let s = t.summary
        var (page, part) = try await officialPart(t, req)
        let open = TableStatus(stored: s.status) == .approved ? try await TableStore.openAdjustment(of: s.id, on: db) : nil
        let confirmation = TableStatus(stored: s.status) == .draft && wantsConfirmation
        page.workflow = .init(
            s, user: user, openAdjustment: open, headConfirmation: confirmation,
            checked: (part.errorMessages, part.evaluationGaps))
        try await Self.yearLinks(&page.workflow!, s, user: user, on: db)
        page.monitoringWarnings = try await MonitoringYearEnd.of(s, table: { try t.detail().table }, on: db)
            .contradictions.map(\.message)
        page.trail = try await AuditTrailPart.html(table: s.id, state: trailState, req)
        page.historyFindings = try await historyFindings(t, user: user, req)
        return req.page(title: page.title, body: page.bodyHTML)
    }

    /// A table of one page view with its document decoded on first use: a view whose printed form is kept
    /// (`RenderedParts`), whose cross-year findings are kept and whose table is not monitored never decodes
    /// it. Decoding was 5 % of the table page's samples under load (`perf`, `scripts/load-bench.sh`).
    private final class LazyTable {
        let shown: TableRead.Shown
        var summary: TableSummaryDTO { shown.summary }
        private var decoded: TableDetailDTO?

        init(_ shown: TableRead.Shown) { self.shown = shown }

        func detail() throws -> TableDetailDTO {
            if let decoded { return decoded }
            let d = try shown.detail()
            decoded = d
            return d
        }
    }

    /// 结转到下一年 on the table page: the button only when it can succeed (approved, with a year, not yet
    /// carried, an account that may carry), else the draft made before; a carried draft links its source.
    static func yearLinks(
        _ panel: inout WorkflowPanel, _ s: TableSummaryDTO, user: CurrentUser, on db: any Database
    ) async throws {
        // the source's summary only: the link needs its year and name, not its decoded document
        if let from = s.carriedFrom, let source = try? await TableRead.visible(from, for: user, on: db).summary {
            panel.carriedFrom = .init(
                href: SitePath.table(.value(from)).path,
                text: "由\(source.year.map { "\($0)年度" } ?? "上年")已批复的“\(source.name)”结转而来",
                compare: SitePath.tableYearCompare(.value(s.id)).path)
        }
        guard TableStatus(stored: s.status) == .approved, let year = s.year else { return }
        if let next = try await TableStore.carriedTo(s.id, adjusts: s.adjusts, on: db) {
            let n = try TableSummaryDTO(next)
            panel.carriedTo = .init(
                href: SitePath.table(.value(n.id)).path, text: "已结转为\(year + 1)年度草稿（\(n.statusLabel)）",
                compare: SitePath.tableYearCompare(.value(n.id)).path)
        } else if TableStore.mayCarry(user.role) {
            panel.carry = .init(href: SitePath.tableCarryForward(.value(s.id)).path, nextYear: year + 1)
            panel.nothingToDo = false
        }
    }

    /// Y01–Y05, the rules across years and units. They read earlier years and up to 500 other units'
    /// tables, so the result is kept for this saved state and this account's view for five minutes
    /// (`RenderedParts`): another unit's save shows here within that time, and a busy page reads them
    /// once, not on every view.
    private func historyFindings(_ t: LazyTable, user: CurrentUser, _ req: Request) async throws
        -> [PageContext.FindingLine]
    {
        let parts = req.application.renderedParts
        let bucket = Int(Date().timeIntervalSince1970 / 300)
        let key = "history|\(RenderedParts.key(t.summary))|\(Access.scope(of: user))|\(bucket)"
        if let kept = parts.part(key) { return kept.findings }
        let d = try t.detail()
        let history = try await YearHistory.gather(for: d, user: user, on: req.db)
        let findings =
            history.isEmpty
            ? [] : Checker(profile: nil).checkAcrossYears(d.table, history: history).map(PageContext.FindingLine.init)
        parts.keep(.init(html: "", findings: findings), as: key)
        return findings
    }

    /// The page's context with its printed form already rendered: from `RenderedParts` when this saved
    /// state was rendered before, else checked, scored and rendered now and kept.
    private func officialPart(_ t: LazyTable, _ req: Request) async throws -> (PageContext.Table, RenderedParts.Part) {
        let parts = req.application.renderedParts, key = RenderedParts.key(t.summary)
        var page: PageContext.Table
        if let part = parts.part(key) {
            page = PageContext.Table(
                title: t.summary.name, heading: "", yearLabel: "", summary: t.summary, header: [], columns: [],
                rows: [], tableFindings: [], errors: part.errors, warnings: part.warnings, hints: part.hints,
                links: .init(t.summary.id), score: part.score)
            page.official = part.html
            return (page, part)
        }
        let d = try t.detail()
        page = PageContext.table(d)
        let view = try await req.view.render("table-official", page)
        let part = RenderedParts.Part(
            html: String(buffer: view.data), errors: page.errors, warnings: page.warnings,
            hints: page.hints, score: page.score, errorMessages: Analysis.errorMessages(d.table),
            evaluationGaps: Analysis.evaluationGaps(d.table))
        parts.keep(part, as: key)
        page.official = part.html
        page.rows = [] // rendered: the page need not encode them again
        return (page, part)
    }

    @Sendable func edit(req: Request) async throws -> View {
        let d = try await detail(req)
        var page = PageContext.Editor(d, title: "编辑")
        page.lock = Self.lock(d.summary, user: try req.requireUser(), evaluation: false)
        return try await req.page("edit", page)
    }

    @Sendable func selfEvaluation(req: Request) async throws -> View {
        try await req.page("selfeval", try await Self.selfEvaluationPage(try await detail(req), config: config, req: req))
    }

    /// The 自评 page of `d`: what `selfEvaluation` shows, and what a refused 佐证材料 upload shows again with
    /// its reason.
    static func selfEvaluationPage(_ d: TableDetailDTO, config: AppConfig, req: Request) async throws -> PageContext.Editor {
        var page = PageContext.Editor(d, title: "自评")
        page.lock = Self.lock(d.summary, user: try req.requireUser(), evaluation: true)
        let monitoring = try await MonitoringYearEnd.of(d, on: req.db)
        if !monitoring.guesses.isEmpty {
            let byID = Dictionary(monitoring.guesses.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
            page.guesses = String(decoding: try JSONEncoder().encode(byID), as: UTF8.self)
            page.guessRound = monitoring.lastRound
        }
        page.contradictions = monitoring.contradictions.map(\.message)
        // offered only when there is something to pack (else the link would answer 404)
        if let org = d.summary.organisationID,
            try await PackController.unitTables(org, year: d.summary.year, for: try req.requireUser(), on: req.db).count() > 0
        {
            page.unitPack = SitePath.organisationPack(.value(org)).path + (d.summary.year.map { "?year=\($0)" } ?? "")
        }
        page.evidence = try await EvidenceStore.index(of: d.summary.id, table: d.table, on: req.db)
        page.evidenceLock = EvidenceController.lock(d, user: try req.requireUser())
        page.evidenceAccepted = EvidenceCheck.accepted(maxBytes: min(config.maxEvidenceBytes, config.maxBodyBytes))
        page.evidenceTargets = d.table.indicators.compactMap { i in
            i.id.map { .init(id: $0, label: "\(i.level2)｜\(i.name)") }
        }
        if let offered = try await InputIndicators.offered(for: d, on: req.db) {
            page.computed = offered.rows.map { .init(name: $0.name, arithmetic: $0.item.arithmetic) }
            let values = offered.rows.compactMap { row in row.item.percent.map { (row.id, SVGText.number($0, decimals: 2)) } }
            page.computedValues = String(
                decoding: try JSONEncoder().encode(Dictionary(values, uniquingKeysWith: { a, _ in a })), as: UTF8.self)
            page.computedYear = offered.year
        }
        let targets = d.table.indicators.compactMap { i in i.id.map { ($0, i.targetText) } }
        page.targets = String(
            decoding: try JSONEncoder().encode(Dictionary(targets, uniquingKeysWith: { a, _ in a })), as: UTF8.self)
        return page
    }

    /// Said before the user types, not after a refused save: why this page cannot save now.
    static func lock(_ s: TableSummaryDTO, user: CurrentUser, evaluation: Bool) -> String? {
        guard user.role.isUnitRole else { return "您的角色（\(user.role.label)）只能查看这张表，不能修改" }
        switch Workflow.editScope(status: TableStatus(stored: s.status), evaluation: EvaluationStatus(stored: s.evaluationStatus))
        {
        case .everything: return nil
        case .evaluationOnly:
            return evaluation ? nil : "这张表已批复，绩效目标不能直接修改：实际完成值请在“自评”中填写；如需修改目标，请在表格页点“调整”"
        case .nothing(let why): return why
        }
    }

    @Sendable func export(req: Request) async throws -> View {
        let d = try await detail(req)
        let formats = ExportFormat.allCases.map { $0.option(for: d.summary.id) }
        return try await req.page(
            "export",
            PageContext.Export(
                title: "导出：" + d.summary.name, summary: d.summary, links: .init(d.summary.id), formats: formats))
    }

    @Sendable func exportFile(_ req: Request, _ format: ExportFormat) async throws -> Response {
        let d = try await detail(req)
        let table = d.table
        // an .xlsx of a large table takes a while: written on HeavyWork's threads, not a page's
        let body = try await req.heavy { try format.webData([table]) }
        return .download(
            body, name: "\(d.summary.name.isEmpty ? "目标表" : d.summary.name).\(format.fileExtension)",
            asciiName: "table.\(format.fileExtension)", contentType: format.contentType, inline: format == .html)
    }

    // MARK: 导入

    @Sendable func importPage(req: Request) async throws -> View {
        try Access.requireUnitRole(try req.requireUser(), to: "导入目标表")
        return try await req.page("import", importContext(text: ""))
    }

    private func importContext(text: String, error: String? = nil) -> PageContext.Import {
        PageContext.Import(
            text: text, error: error, maxBytes: config.maxBodyBytes,
            maxText: ChineseErrorMiddleware.sizeText(config.maxBodyBytes))
    }

    struct ImportForm: Content {
        var text: String?
        var file: File?
        /// `files[]`: several files in one upload.
        var files: [File]?
    }

    /// Reads pasted text or uploaded files with `DocumentReader` and shows what was recovered: the tables of
    /// every file one after the other, each file's notes renumbered to its tables' places.
    @Sendable func importPreview(req: Request) async throws -> Response {
        try Access.requireUnitRole(try req.requireUser(), to: "导入目标表")
        let form = try req.content.decode(ImportForm.self)
        let files = ([form.file].compactMap { $0 } + (form.files ?? [])).filter { $0.data.readableBytes > 0 }
        var collected: [(data: Data, name: String, source: String)] = files.map {
            (Data(buffer: $0.data), $0.filename, "文件“\($0.filename)”")
        }
        if let text = form.text, text.hasContent {
            collected.insert((Data(text.utf8), "", "粘贴的文本"), at: 0)
        }
        let inputs = collected
        guard !inputs.isEmpty else {
            let empty = ([form.file].compactMap { $0 } + (form.files ?? [])).filter { !$0.filename.isEmpty }.map(\.filename)
            if !empty.isEmpty {
                return try await rerender(
                    req, form.text ?? "", error: "所选文件“\(empty.joined(separator: "、"))”是空文件（0 字节），请检查后重新选择。")
            }
            return try await rerender(req, form.text ?? "", error: "请粘贴表格文本，或选择一个文件后再点“识别”。")
        }
        // Reading and checking run through HeavyWork: a large upload must not hold a thread pages need.
        let outcome: Result<(ImportResult, [String]), Abort> = try await req.heavy {
            var combined = ImportResult(), sources: [String] = []
            for input in inputs {
                let result: ImportResult
                do {
                    result = try DocumentReader.read(data: input.data, name: input.name, limits: .upload)
                } catch let error as ImportError {
                    return .failure(Abort(.unprocessableEntity, reason: "\(input.source)无法识别为绩效目标表：\(error.description)"))
                } catch {
                    return .failure(Abort(.unprocessableEntity, reason: "\(input.source)无法识别为绩效目标表"))
                }
                let offset = combined.tables.count
                combined.tables += result.tables
                combined.notes += result.notes.map { note in
                    var n = note
                    if let t = n.location.table {
                        n.location.table = t + offset
                    } else if inputs.count > 1 {
                        n.message = "\(input.source)：" + n.message
                    }
                    return n
                }
                sources += Array(repeating: input.source, count: result.tables.count)
            }
            return .success((combined, sources))
        }
        let combined: ImportResult, sources: [String]
        switch outcome {
        case .failure(let why): return try await rerender(req, form.text ?? "", error: why.reason)
        case .success(let r): (combined, sources) = r
        }
        guard !combined.tables.isEmpty else {
            let what = inputs.count == 1 ? inputs[0].source : "所选内容"
            return try await rerender(req, form.text ?? "", error: "\(what)中没有找到绩效目标表（需要包含“一级指标”等表头的指标表）。")
        }
        let source = inputs.count == 1 ? inputs[0].source : inputs.map(\.source).joined(separator: "、")
        // the draft is stored (its JSON written on this task) while the preview is checked and laid out on
        // the heavy-work threads: neither needs the other until the page names the draft
        async let draft = ImportDrafts.keep(combined.document, for: try req.requireUser().id, on: req.db)
        var page = try await req.heavy {
            PageContext.ImportPreview(source: source, result: combined, sources: inputs.count > 1 ? sources : nil, draft: nil)
        }
        page.draft = try await draft.uuidString
        return try await req.page(title: page.title, body: page.bodyHTML).encodeResponse(for: req)
    }

    /// An import preview recognised earlier and not yet saved (linked from 待办): shown again from the stored draft.
    @Sendable func importDraft(req: Request) async throws -> View {
        let user = try req.requireUser()
        try Access.requireUnitRole(user, to: "导入目标表")
        guard let s = req.parameters.get(SitePath.idKey), let id = UUID(uuidString: s),
            let doc = try await ImportDrafts.take(id, for: user.id, on: req.db)
        else {
            throw Abort(.gone, reason: "这次导入的识别结果已过期或已保存（识别结果保留 \(Int(ImportDrafts.lifetime / 3600)) 小时）。请回到“导入”重新识别")
        }
        var recovered = ImportResult()
        recovered.tables = doc.tables
        let result = recovered
        let page = try await req.heavy { PageContext.ImportPreview(source: "之前识别的内容", result: result, sources: nil, draft: id) }
        return req.page(title: page.title, body: page.bodyHTML)
    }

    private func rerender(_ req: Request, _ text: String, error: String) async throws -> Response {
        let res = try await req.page("import", importContext(text: text, error: error)).encodeResponse(for: req)
        res.status = .unprocessableEntity
        return res
    }

    struct SaveForm: Content {
        /// The `ImportDraftRecord` the preview stored.
        var draft: UUID
        /// Present when the preview offered a choice: then only the tables in `keep` are saved.
        var choosing: String?
        var keep: [Int]?
    }

    /// Saves the chosen previewed tables, all in one transaction, then shows the list.
    @Sendable func importSave(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireUnitRole(user, to: "导入目标表")
        let form = try req.content.decode(SaveForm.self)
        guard let doc = try await ImportDrafts.take(form.draft, for: user.id, on: req.db) else {
            throw Abort(.gone, reason: "保存导入：这次识别的结果已过期或已保存（识别结果保留 \(Int(ImportDrafts.lifetime / 3600)) 小时）。请回到“导入”重新识别后再保存")
        }
        var tables = doc.tables
        if form.choosing != nil {
            let keep = Set(form.keep ?? [])
            tables = doc.tables.enumerated().filter { keep.contains($0.offset) }.map(\.element)
            guard !tables.isEmpty else {
                throw Abort(.badRequest, reason: "保存导入：没有勾选任何表。请返回预览页勾选要保存的表（共 \(doc.tables.count) 张）")
            }
        }
        let owner = TableStore.Owner(user), chosen = tables
        let new = try await req.heavy { TableStore.New.all(chosen, owner: owner) }
        let draft = form.draft
        _ = try await TableStore.createAll(new, by: user, on: req.db) { tx in
            guard try await ImportDrafts.claim(draft, on: tx) else {
                throw Abort(.conflict, reason: "保存导入：这次识别的结果已经保存过了（可能按了两次“保存”）。已保存的表在首页，不会重复保存")
            }
        }
        return req.redirect(to: SitePath.home.path, redirectType: .normal)
    }
}
