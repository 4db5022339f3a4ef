import Foundation
import GoalCore
import GoalWorkflow

/// What the 运行监控 templates show, already in words: states as labels, dates as the forms print them.
enum MonitoringPages {
    struct Index: Encodable {
        var title: String
        var error: String?
        var todo: [Todo] = []
        var rounds: [RoundLine] = []
        /// The form to open a round: only for 绩效股 and 财政.
        var opening: Opening?
        var roundsAction = SitePath.monitoringRounds.path
    }

    struct Todo: Encodable {
        var title: String
        var why: String
        var link: String
        var overdue: Bool
    }

    struct Opening: Encodable {
        var year: String
        var period: String
        var kind: String
        var due: String
        var scope: String
        var periods: [Choice] = []
        var kinds: [Choice] = []
        var units: [Pick] = []
        var tables: [Pick] = []

        init(year: String, period: String, kind: String, due: String, scope: String) {
            self.year = year; self.period = period; self.kind = kind; self.due = due; self.scope = scope
            periods = (1...12).map { .init(value: String($0), label: MonitoringWorkflow.periodLabel($0), chosen: String($0) == period) }
            kinds = MonitoringKind.allCases.map { .init(value: $0.rawValue, label: $0.label, chosen: $0.rawValue == kind) }
        }
    }

    struct Choice: Encodable {
        var value: String
        var label: String
        var chosen: Bool
    }

    struct Pick: Encodable {
        var id: String
        var name: String
        var chosen: Bool
    }

    /// A round in a list: how far its entries have come.
    struct RoundLine: Encodable {
        var title: String
        var scope: String
        var due: String
        var link: String
        var total: Int
        var handedIn: Int
        var accepted: Int
        var overdue: Int
        var returned: Int

        init(_ r: MonitoringRoundRecord, entries: [MonitoringEntryRecord], now: Date) {
            title = r.title
            scope = r.scope
            due = Workflow.day(r.dueAt)
            link = SitePath.monitoringRound(.value(r.id!)).path
            total = entries.count
            let states = entries.map { MonitoringStatus(stored: $0.status) }
            handedIn = states.count(where: \.isHandedIn)
            accepted = states.count { $0 == .accepted }
            overdue = states.count { MonitoringWorkflow.isOverdue(status: $0, due: r.dueAt, now: now) }
            returned = entries.count { MonitoringStatus(stored: $0.status) == .filling && $0.returnComment != nil }
        }
    }

    struct Round: Encodable {
        var title: String
        var line: RoundLine
        var openedBy: String
        var entries: [EntryLine]
        var back = SitePath.monitoring.path

        init(_ r: MonitoringRoundRecord, entries: [MonitoringEntryRecord], now: Date) {
            title = r.title
            line = RoundLine(r, entries: entries, now: now)
            openedBy = r.openedBy
            self.entries = entries.map { e in
                let status = MonitoringStatus(stored: e.status)
                return EntryLine(unit: e.unit, table: e.tableName, status: status.label,
                                 overdue: MonitoringWorkflow.isOverdue(status: status, due: r.dueAt, now: now),
                                 returned: status == .filling ? e.returnComment : nil,
                                 rectification: RectificationStatus(stored: e.rectification) == .none
                                     ? "" : RectificationStatus(stored: e.rectification).label,
                                 link: SitePath.monitoringEntry(.value(e.id!)).path)
            }
        }
    }

    struct EntryLine: Encodable {
        var unit: String
        var table: String
        var status: String
        var overdue: Bool
        var returned: String?
        var rectification: String
        var link: String
    }

    struct Entry: Encodable {
        var title: String
        var round: String
        var period: String
        var due: String
        var overdue: Bool
        var status: String
        var unit: String
        var table: String
        var tableLink: String
        var version: Int
        var returnComment: String?
        var rectification: String?
        var rectificationRequest: String?
        var rectificationAnswer: String?
        /// The approved goals the entry reports on, row by row.
        var plan: [PlanRow]
        var actions: [Action]
        var back: String

        init(_ e: MonitoringEntryRecord, round r: MonitoringRoundRecord, table: GoalTable?, user: CurrentUser, now: Date) {
            let status = MonitoringStatus(stored: e.status), rect = RectificationStatus(stored: e.rectification)
            title = "运行监控 · \(e.tableName)"
            round = r.title
            period = MonitoringWorkflow.periodLabel(r.period)
            due = Workflow.day(r.dueAt)
            overdue = MonitoringWorkflow.isOverdue(status: status, due: r.dueAt, now: now)
            self.status = status.label
            unit = e.unit
            self.table = e.tableName
            tableLink = SitePath.table(.value(e.tableID)).path
            version = e.version
            returnComment = status == .filling ? e.returnComment : nil
            rectification = rect == .none ? nil : rect.label
            rectificationRequest = e.rectificationRequest
            rectificationAnswer = e.rectificationAnswer
            plan = (table?.indicators ?? []).enumerated().map { i, ind in
                PlanRow(number: i + 1, level1: ind.level1, level2: ind.level2, name: ind.name, target: ind.targetText)
            }
            let id = e.id!
            // only the steps this account can take now: a button that would be refused is not offered
            actions = MonitoringAction.allCases.compactMap { a in
                guard MonitoringWorkflow.outcome(of: a, by: user.role, status: status, rectification: rect).isPossible else {
                    return nil
                }
                return Action(label: a.label, href: SitePath.monitoringEntryAction(.value(id), .value(a)).path,
                              commentLabel: a.commentLabel, danger: a == .sendBack)
            }
            back = SitePath.monitoringRound(.value(e.roundID)).path
        }
    }

    struct PlanRow: Encodable {
        var number: Int
        var level1: String
        var level2: String
        var name: String
        var target: String
    }

    struct Action: Encodable {
        var label: String
        var href: String
        var commentLabel: String?
        var danger: Bool
    }

    /// 2026-08-15 as the end of that day is meant; nil for anything else.
    static func date(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]; c.hour = 12
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        guard let d = cal.date(from: c), Workflow.day(d) == String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2]) else {
            return nil
        }
        return d
    }
}
