import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalMonitoring
import GoalWorkflow
import Vapor

/// 运行监控 pages: the rounds and the account's 待办, opening a round (绩效股 / 财政), a round's entries
/// with overdue marks, and one entry with the steps this account can take now (and only those).
struct MonitoringController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.monitoring.pathComponents, use: index)
        app.post(SitePath.monitoringRounds.pathComponents, use: openRound)
        app.get(SitePath.monitoringRound(.key).pathComponents, use: round)
        app.get(SitePath.monitoringEntry(.key).pathComponents, use: entry)
        app.post(SitePath.monitoringEntry(.key).pathComponents, use: save)
        app.post(SitePath.monitoringEntryLights(.key).pathComponents, use: lights)
        app.post(SitePath.monitoringEntryImport(.key).pathComponents, use: importFile)
        app.post(SitePath.monitoringEntryAction(.key, .key).pathComponents, use: act)
        app.get(SitePath.monitoringRoundSummary(.key).pathComponents, use: summary)
        app.get(SitePath.monitoringEntryForm(.key).pathComponents, use: formXLSX)
        app.get(SitePath.monitoringEntryPrint(.key).pathComponents, use: printView)
        app.get(SitePath.monitoringEntryReport(.key).pathComponents, use: reportDocx)
    }

    // MARK: 运行监控 (index)

    struct OpenForm: Content {
        var year: String?
        var period: String?
        var kind: String?
        var profile: String?
        var due: String?
        var scope: String?
        var units: [String]?
        var tables: [String]?
    }

    @Sendable func index(req: Request) async throws -> View {
        try await indexPage(req, form: nil, error: nil)
    }

    private func indexPage(_ req: Request, form: OpenForm?, error: String?) async throws -> View {
        let user = try req.requireUser()
        let now = Date()
        var page = MonitoringPages.Index(title: "运行监控")
        page.error = error
        page.todo = try await MonitoringStore.waiting(for: user, now: now, on: req.db).map { e, r, why in
            .init(
                title: "\(e.unit) · \(e.tableName)", why: why, link: SitePath.monitoringEntry(.value(e.id!)).path,
                overdue: MonitoringWorkflow.isOverdue(status: MonitoringStatus(stored: e.status), due: r.dueAt, now: now))
        }
        for r in try await MonitoringStore.rounds(for: user, on: req.db) {
            let entries = try await MonitoringStore.entries(ofRound: r.id!, for: user, on: req.db)
            page.rounds.append(.init(r, entries: entries, now: now))
        }
        if MonitoringWorkflow.opensRounds(user.role) {
            let year = Int(Workflow.day(now).prefix(4)) ?? 2026
            let approved = try await GoalTableRecord.query(on: req.db).filter(\.$status == TableStatus.approved.rawValue)
                .visible(in: Access.scope(of: user)).sort(\.$year, .descending).sort(\.$orgPath).sort(\.$name).limit(500).all()
            // the newest year that has approved tables (a round of a year without any is refused), and a due
            // day that is not already past (15 August, else two weeks from today)
            let defaultYear = approved.first?.year ?? year
            let august = "\(year)-08-15", today = Workflow.day(now)
            let defaultDue = august >= today ? august : Workflow.day(now.addingTimeInterval(14 * 86_400))
            var open = MonitoringPages.Opening(
                year: form?.year ?? String(defaultYear), period: form?.period ?? "7",
                kind: form?.kind ?? MonitoringKind.selfMonitoring.rawValue,
                due: form?.due ?? defaultDue, scope: form?.scope ?? "all",
                profile: form?.profile ?? MonitoringProfile.standard.name)
            let chosenUnits = Set(form?.units ?? []), chosenTables = Set(form?.tables ?? [])
            open.units = try await OrganisationRecord.query(on: req.db)
                .filter(\.$path, .contains(inverse: false, .prefix), user.organisationPath)
                .filter(\.$kind == OrganisationKind.unit.rawValue).sort(\.$path).all()
                .map { .init(id: $0.id!.uuidString, name: $0.name, chosen: chosenUnits.contains($0.id!.uuidString)) }
            open.tables =
                approved
                .map {
                    .init(
                        id: $0.id!.uuidString, name: "\($0.year.map { "\($0)年 " } ?? "")\($0.unit) · \($0.name)",
                        chosen: chosenTables.contains($0.id!.uuidString))
                }
            page.opening = open
        }
        return try await req.page("monitoring", page)
    }

    @Sendable func openRound(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(OpenForm.self)
        do {
            guard let year = Int(form.year?.trimmingCharacters(in: .whitespaces) ?? "") else {
                throw MonitoringStore.Failure.invalid("年度应为四位年份，实为“\(form.year ?? "")”")
            }
            guard let period = Int(form.period ?? "") else { throw MonitoringStore.Failure.invalid("请选择监控期间（1-N月）") }
            guard let kind = MonitoringKind(rawValue: form.kind ?? "") else { throw MonitoringStore.Failure.invalid("请选择监控方式") }
            guard let due = MonitoringPages.date(form.due ?? "") else {
                throw MonitoringStore.Failure.invalid("截止日期应写成 2026-08-15 的样子，实为“\(form.due ?? "")”")
            }
            let scope: MonitoringStore.Scope
            switch form.scope {
            case "units": scope = .units((form.units ?? []).compactMap(UUID.init(uuidString:)))
            case "tables": scope = .tables((form.tables ?? []).compactMap(UUID.init(uuidString:)))
            default: scope = .all
            }
            guard let profile = MonitoringProfile.named(form.profile ?? MonitoringProfile.standard.name) else {
                throw MonitoringStore.Failure.invalid("没有这种预警规则：“\(form.profile ?? "")”")
            }
            let opened = try await MonitoringStore.open(
                .init(year: year, period: period, kind: kind, due: due, scope: scope, profile: profile), by: user, on: req.db)
            return req.redirect(to: SitePath.monitoringRound(.value(opened.round.id!)).path, redirectType: .normal)
        } catch MonitoringStore.Failure.invalid(let why) {
            // said beside the form, with everything chosen still chosen
            return try await indexPage(req, form: form, error: why).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    // MARK: a round

    @Sendable func round(req: Request) async throws -> View {
        let user = try req.requireUser()
        let r = try await MonitoringStore.round(try req.tableID(), on: req.db)
        let entries = try await MonitoringStore.entries(ofRound: r.id!, for: user, on: req.db)
        // a round is shown to whom it has entries for, or to the finance office that opened it
        guard
            !entries.isEmpty || (MonitoringWorkflow.opensRounds(user.role) && r.orgPath.hasPrefix(user.organisationPath))
                || user.role == .admin
        else { throw MonitoringStore.Failure.notFound }
        return try await req.page("monitoring-round", MonitoringPages.Round(r, entries: entries, now: Date()))
    }

    // MARK: an entry

    /// The entry, its round, the approved goals it reports on and what the unit entered so far.
    private func load(_ req: Request, _ user: CurrentUser) async throws
        -> (MonitoringEntryRecord, MonitoringRoundRecord, GoalTable, MonitoringEntry, Bool)
    {
        let e = try await MonitoringStore.entry(try req.tableID(), for: user, on: req.db)
        let r = try await MonitoringStore.round(e.roundID, on: req.db)
        guard let record = try await GoalTableRecord.query(on: req.db).withDeleted().filter(\.$id == e.tableID).first() else {
            throw MonitoringStore.Failure.notFound
        }
        let table = try TableDetailDTO(record).table
        let confirmation = try await Organisations.wantsHeadConfirmation(path: e.orgPath, on: req.db)
        return (e, r, table, MonitoringEntryForm.decode(e.entered, table: table, period: r.period), confirmation)
    }

    @Sendable func entry(req: Request) async throws -> View {
        let user = try req.requireUser()
        let (e, r, table, entry, confirmation) = try await load(req, user)
        return try await req.page(
            "monitoring-entry",
            MonitoringPages.Entry(
                e, round: r, table: table, entry: entry, user: user, headConfirmation: confirmation, now: Date()))
    }

    /// 保存: what the unit typed; an amount that is not a number is named and shown again, nothing is saved.
    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (e, r, table, entry, confirmation) = try await load(req, user)
        let form = try req.content.decode([String: String].self)
        let (edited, unread) = MonitoringEntryForm.read(form, into: entry, table: table)
        guard unread.isEmpty else {
            let page = MonitoringPages.Entry(
                e, round: r, table: table, entry: edited, unread: unread, user: user, headConfirmation: confirmation, now: Date())
            return try await req.page("monitoring-entry", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let version = try req.expectedVersion(form["version"].flatMap { Int($0) }, what: "保存监控表")
        let profile = MonitoringProfile.named(r.profile) ?? .standard
        let light = Monitor(profile: profile).lights(table: table, entry: edited).light
        _ = try await MonitoringStore.save(
            e.id!, entered: MonitoringEntryForm.encode(edited), light: light.rawValue,
            expectedVersion: version, by: user, on: req.db)
        return req.redirect(to: SitePath.monitoringEntry(.value(e.id!)).path, redirectType: .normal)
    }

    /// What the page's script shows while the unit types: each light and its arithmetic, nothing saved.
    struct LightsAnswer: Content {
        var light: MonitoringPages.LightCell
        var budget: MonitoringPages.LightCell
        var rates: [String]
        var rows: [RowLight]
        var unread: [String]
    }

    struct RowLight: Content {
        var number: Int
        var light: MonitoringPages.LightCell
        var reasonRequired: Bool
        var reasonMissing: Bool
    }

    @Sendable func lights(req: Request) async throws -> LightsAnswer {
        let user = try req.requireUser()
        let (e, r, table, entry, confirmation) = try await load(req, user)
        let (edited, unread) = MonitoringEntryForm.read(try req.content.decode([String: String].self), into: entry, table: table)
        let page = MonitoringPages.Entry(
            e, round: r, table: table, entry: edited, unread: unread, user: user, headConfirmation: confirmation, now: Date())
        return LightsAnswer(
            light: page.light, budget: page.budgetLight, rates: page.budget.map(\.rate),
            rows: page.rows.map {
                RowLight(
                    number: $0.number, light: $0.light, reasonRequired: $0.reasonRequired,
                    reasonMissing: $0.reasonMissing)
            },
            unread: page.unread)
    }

    struct ActionForm: Content {
        var comment: String?
        var version: Int?
    }

    @Sendable func act(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let raw = req.parameters.get(SitePath.actionKey), let action = MonitoringAction(rawValue: raw) else {
            throw Abort(.notFound, reason: "没有这种监控操作：“\(req.parameters.get(SitePath.actionKey) ?? "")”")
        }
        let form = try req.content.decode(ActionForm.self)
        var (e, r, table, entry, confirmation) = try await load(req, user)
        var version = try req.expectedVersion(form.version, what: action.label)
        let profile = MonitoringProfile.named(r.profile) ?? .standard
        // 提交 from the form itself carries what is typed: saved first, so nothing typed is lost and the
        // check below sees what the unit sees (an amount that is not a number is named, nothing saved)
        if action == .submit, MonitoringWorkflow.editable(by: user.role, status: MonitoringStatus(stored: e.status)) {
            let fields = try req.content.decode([String: String].self)
            if fields.keys.contains(where: { $0.hasPrefix("i.") || $0.hasPrefix("b.") }) {
                let (edited, unread) = MonitoringEntryForm.read(fields, into: entry, table: table)
                guard unread.isEmpty else {
                    let page = MonitoringPages.Entry(
                        e, round: r, table: table, entry: edited, unread: unread, user: user, headConfirmation: confirmation,
                        now: Date())
                    return try await req.page("monitoring-entry", page).encodeResponse(status: .unprocessableEntity, for: req)
                }
                let entered = MonitoringEntryForm.encode(edited)
                if entered != e.entered {
                    let light = Monitor(profile: profile).lights(table: table, entry: edited).light
                    e = try await MonitoringStore.save(
                        e.id!, entered: entered, light: light.rawValue,
                        expectedVersion: version, by: user, on: req.db)
                    version = e.version
                }
                entry = edited
            }
        }
        // 提交 is refused while a light the rules ask a reason for has none: the rows are named
        let missing =
            action == .submit
            ? Monitor(profile: profile).submissionCheck(table: table, entry: entry).reasonGaps.map(\.message) : []
        do {
            _ = try await MonitoringStore.act(
                action, on: e.id!, by: user, comment: form.comment,
                expectedVersion: version, missing: missing, on: req.db)
        } catch let refusal as MonitoringRefusal {
            // said on the form itself, beside the rows it names, with what was typed (saved above)
            guard case .incomplete(let rows) = refusal else { throw refusal }
            var page = MonitoringPages.Entry(
                e, round: r, table: table, entry: entry, user: user, headConfirmation: confirmation, now: Date())
            page.refusal = refusal.message
            page.refusalRows = rows
            return try await req.page("monitoring-entry", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SitePath.monitoringEntry(.value(e.id!)).path, redirectType: .normal)
    }

    struct ImportUpload: Content {
        var file: File?
        var text: String?
        var version: Int?
    }

    /// A filled 执行监控表 (.xlsx, .xls, .et, .docx or pasted text) read into the entry through the same
    /// structure-recovering reader as 导入: rows matched to the approved goals by id, else by name; what the
    /// reader repaired or could not read, and rows matching no indicator, listed on the page by sheet and cell.
    @Sendable func importFile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (e, r, table, entry, confirmation) = try await load(req, user)
        let form = try req.content.decode(ImportUpload.self)
        var input: (data: Data, name: String)? = nil
        if let f = form.file, f.data.readableBytes > 0 {
            input = (Data(buffer: f.data), f.filename)
        } else if let t = form.text, t.hasContent {
            input = (Data(t.utf8), "")
        }
        func again(_ problems: [String], _ shown: MonitoringEntry, status: HTTPResponseStatus) async throws -> Response {
            var page = MonitoringPages.Entry(
                e, round: r, table: table, entry: shown, user: user, headConfirmation: confirmation, now: Date())
            page.notes = problems
            return try await req.page("monitoring-entry", page).encodeResponse(status: status, for: req)
        }
        guard let input else { return try await again(["请选择已填写的执行监控表文件，或粘贴表格文本后再导入"], entry, status: .badRequest) }
        let version = try req.expectedVersion(form.version, what: "导入监控表")
        // read off the event loops, within the upload limits, as every upload
        let read: Result<MonitoringImportResult, Abort> = try await req.heavy {
            do { return .success(try MonitoringReader.read(data: input.data, name: input.name, limits: .upload)) } catch let error
                as ImportError
            { return .failure(Abort(.unprocessableEntity, reason: "无法识别为执行监控表：\(error.description)")) } catch {
                return .failure(Abort(.unprocessableEntity, reason: "无法识别为执行监控表"))
            }
        }
        let result = try read.get()
        guard let found = result.tables.first else {
            return try await again(
                ["没有读到执行监控表（需要“三级指标”“完成值”等列）"] + result.notes.map { "\($0.location.description)：\($0.message)" }, entry,
                status: .unprocessableEntity)
        }
        var (imported, unmatched) = found.entry.rekeyed(from: found.table, to: table)
        var notes =
            result.notes.map { "\($0.location.description)：\($0.message)" } + unmatched.map { "文件中的指标“\($0)”在已批复的目标中找不到，没有导入" }
        if imported.period != r.period {
            notes.append("文件的监控期间为\(imported.periodLabel)，本轮为\(MonitoringWorkflow.periodLabel(r.period))：按本轮保存")
            imported.period = r.period
        }
        if imported.budget.isEmpty { imported.budget = entry.budget }
        let profile = MonitoringProfile.named(r.profile) ?? .standard
        let light = Monitor(profile: profile).lights(table: table, entry: imported).light
        let saved = try await MonitoringStore.save(
            e.id!, entered: MonitoringEntryForm.encode(imported), light: light.rawValue,
            expectedVersion: version, by: user, on: req.db)
        var page = MonitoringPages.Entry(
            saved, round: r, table: table, entry: imported, user: user, headConfirmation: confirmation, now: Date())
        page.notes =
            [
                "已从\(input.name.isEmpty ? "粘贴的文本" : "文件“\(input.name)”")导入 \(imported.indicators.count { $0.completed != nil }) 项指标的完成值"
            ] + notes
        return try await req.page("monitoring-entry", page).encodeResponse(for: req)
    }

    // MARK: files

    @Sendable func formXLSX(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (e, _, table, entry, _) = try await load(req, user)
        let data = try MonitoringFormXLSX.data([MonitoredTable(table: table, entry: entry)])
        return .download(
            data, name: "执行监控表-\(e.tableName).xlsx", asciiName: "monitoring.xlsx", contentType: ExportFormat.xlsx.contentType)
    }

    @Sendable func printView(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (_, _, table, entry, _) = try await load(req, user)
        return Response(
            status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"],
            body: .init(string: MonitoringPrintView.html([MonitoredTable(table: table, entry: entry)])))
    }

    /// 绩效运行监控报告 (.docx) of an entry, with the lights of the round's profile.
    @Sendable func reportDocx(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (e, r, table, entry, _) = try await load(req, user)
        let lights = Monitor(profile: MonitoringProfile.named(r.profile) ?? .standard).lights(table: table, entry: entry)
        let report = MonitoringReport(MonitoredTable(table: table, entry: entry), lights: lights)
        let body = try await req.heavy { try report.data() }
        return .download(
            body, name: "监控报告-\(e.tableName).docx", asciiName: "monitoring-report.docx",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    /// 监控汇总表 of the entries of a round this account sees.
    @Sendable func summary(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let r = try await MonitoringStore.round(try req.tableID(), on: req.db)
        let entries = try await MonitoringStore.entries(ofRound: r.id!, for: user, on: req.db)
        guard !entries.isEmpty else { throw MonitoringStore.Failure.notFound }
        let tables = try await GoalTableRecord.query(on: req.db).withDeleted().filter(\.$id ~~ entries.map(\.tableID)).all()
        let byID = Dictionary(uniqueKeysWithValues: try tables.map { (try $0.requireID(), try TableDetailDTO($0).table) })
        let now = Date()
        let lines = entries.compactMap { e -> MonitoringSummaryLine? in
            guard let t = byID[e.tableID] else { return nil }
            let status = MonitoringStatus(stored: e.status)
            var words = [status.label]
            if MonitoringWorkflow.isOverdue(status: status, due: r.dueAt, now: now) { words.append("逾期") }
            if status == .filling, e.returnComment != nil { words.append("退回") }
            return MonitoringSummaryLine(
                unit: e.unit,
                table: MonitoredTable(table: t, entry: MonitoringEntryForm.decode(e.entered, table: t, period: r.period)),
                status: words.joined(separator: "、"))
        }
        let data = try MonitoringSummaryXLSX.data(
            lines, title: "\(r.title)监控汇总表", profile: MonitoringProfile.named(r.profile) ?? .standard)
        return .download(
            data, name: "监控汇总表-\(r.title).xlsx", asciiName: "monitoring-summary.xlsx", contentType: ExportFormat.xlsx.contentType)
    }
}
