import Fluent
import Foundation
import GoalCore
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
        app.post(SitePath.monitoringEntryAction(.key, .key).pathComponents, use: act)
    }

    // MARK: 运行监控 (index)

    struct OpenForm: Content {
        var year: String?
        var period: String?
        var kind: String?
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
            .init(title: "\(e.unit) · \(e.tableName)", why: why, link: SitePath.monitoringEntry(.value(e.id!)).path,
                  overdue: MonitoringWorkflow.isOverdue(status: MonitoringStatus(stored: e.status), due: r.dueAt, now: now))
        }
        for r in try await MonitoringStore.rounds(for: user, on: req.db) {
            let entries = try await MonitoringStore.entries(ofRound: r.id!, for: user, on: req.db)
            page.rounds.append(.init(r, entries: entries, now: now))
        }
        if MonitoringWorkflow.opensRounds(user.role) {
            let year = Calendar(identifier: .gregorian).component(.year, from: now)
            var open = MonitoringPages.Opening(year: form?.year ?? String(year), period: form?.period ?? "7",
                                               kind: form?.kind ?? MonitoringKind.selfMonitoring.rawValue,
                                               due: form?.due ?? "\(year)-08-15", scope: form?.scope ?? "all")
            let chosenUnits = Set(form?.units ?? []), chosenTables = Set(form?.tables ?? [])
            open.units = try await OrganisationRecord.query(on: req.db)
                .filter(\.$path, .contains(inverse: false, .prefix), user.organisationPath)
                .filter(\.$kind == OrganisationKind.unit.rawValue).sort(\.$path).all()
                .map { .init(id: $0.id!.uuidString, name: $0.name, chosen: chosenUnits.contains($0.id!.uuidString)) }
            open.tables = try await GoalTableRecord.query(on: req.db).filter(\.$status == TableStatus.approved.rawValue)
                .visible(in: Access.scope(of: user)).sort(\.$year, .descending).sort(\.$orgPath).sort(\.$name).limit(500).all()
                .map { .init(id: $0.id!.uuidString, name: "\($0.year.map { "\($0)年 " } ?? "")\($0.unit) · \($0.name)",
                             chosen: chosenTables.contains($0.id!.uuidString)) }
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
            let opened = try await MonitoringStore.open(.init(year: year, period: period, kind: kind, due: due, scope: scope),
                                                        by: user, on: req.db)
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
        guard !entries.isEmpty || (MonitoringWorkflow.opensRounds(user.role) && r.orgPath.hasPrefix(user.organisationPath))
            || user.role == .admin
        else { throw MonitoringStore.Failure.notFound }
        return try await req.page("monitoring-round", MonitoringPages.Round(r, entries: entries, now: Date()))
    }

    // MARK: an entry

    @Sendable func entry(req: Request) async throws -> View {
        let user = try req.requireUser()
        let e = try await MonitoringStore.entry(try req.tableID(), for: user, on: req.db)
        let r = try await MonitoringStore.round(e.roundID, on: req.db)
        let table = try await GoalTableRecord.find(e.tableID, on: req.db).map { try TableDetailDTO($0).table }
        return try await req.page("monitoring-entry", MonitoringPages.Entry(e, round: r, table: table, user: user, now: Date()))
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
        let id = try req.tableID()
        _ = try await MonitoringStore.act(action, on: id, by: user, comment: form.comment,
                                          expectedVersion: try req.expectedVersion(form.version, what: action.label), on: req.db)
        return req.redirect(to: SitePath.monitoringEntry(.value(id)).path, redirectType: .normal)
    }
}
