import Foundation
import GoalCore
import GoalMonitoring
import GoalScoring
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
        var profiles: [Choice] = []
        var units: [Pick] = []
        var tables: [Pick] = []

        init(year: String, period: String, kind: String, due: String, scope: String, profile: String) {
            self.year = year; self.period = period; self.kind = kind; self.due = due; self.scope = scope
            profiles = MonitoringProfile.builtIn.map { .init(value: $0.name, label: $0.title, chosen: $0.name == profile) }
            periods = (1...12).map {
                .init(value: String($0), label: MonitoringWorkflow.periodLabel($0), chosen: String($0) == period)
            }
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
        var summary: String
        /// How many tables show each light: 红 first.
        var lights: [Choice]
        /// Each unit's light: the worst of its tables' (the spec's unit light), worst first.
        var units: [UnitLine]
        var back = SitePath.monitoring.path

        init(_ r: MonitoringRoundRecord, entries: [MonitoringEntryRecord], now: Date) {
            title = r.title
            line = RoundLine(r, entries: entries, now: now)
            openedBy = r.openedBy
            summary = SitePath.monitoringRoundSummary(.value(r.id!)).path
            let shown = entries.map { $0.light.flatMap(Light.init(rawValue:)) ?? .undetermined }
            lights = [Light.red, .yellow, .green, .blue, .undetermined].map { l in
                .init(value: l.rawValue, label: "\(shown.count { $0 == l })", chosen: false)
            }
            var byUnit: [String: [Light]] = [:]
            for (e, l) in zip(entries, shown) { byUnit[e.unit, default: []].append(l) }
            units = byUnit.map { unit, lights in
                let worst = Light.worst(lights)
                return UnitLine(unit: unit, light: LightCell(worst, "\(lights.count) 张表中最差的预警"), tables: lights.count)
            }.sorted { ($0.severity, $0.unit) > ($1.severity, $1.unit) }
            self.entries = entries.map { e in
                let status = MonitoringStatus(stored: e.status)
                return EntryLine(
                    unit: e.unit, table: e.tableName, status: status.label,
                    overdue: MonitoringWorkflow.isOverdue(status: status, due: r.dueAt, now: now),
                    returned: status == .filling ? e.returnComment : nil,
                    rectification: RectificationStatus(stored: e.rectification) == .none
                        ? "" : RectificationStatus(stored: e.rectification).label,
                    link: SitePath.monitoringEntry(.value(e.id!)).path,
                    light: LightCell(e.light.flatMap(Light.init(rawValue:)) ?? .undetermined, ""))
            }
        }
    }

    struct UnitLine: Encodable {
        var unit: String
        var light: LightCell
        var tables: Int
        var severity: Int { (Light(rawValue: light.light) ?? .undetermined).severity }
    }

    struct EntryLine: Encodable {
        var unit: String
        var table: String
        var status: String
        var overdue: Bool
        var returned: String?
        var rectification: String
        var link: String
        var light: LightCell
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
        var profile: String
        /// 保存: only for the unit, only while filling.
        var editable: Bool
        var saveAction: String
        var lightsAction: String
        var importAction: String
        /// 部门整体 (department or provincial) or 项目支出: the form's title and its text fields differ.
        var formTitle: String
        var department: Bool
        var deviationSummary: String
        var problems: String
        var measures: String
        var formXLSX: String
        var printView: String
        /// 绩效运行监控报告 (.docx).
        var reportDocx: String
        /// Cells that were not read as typed, by row and column (the page keeps what was typed).
        var unread: [String] = []
        /// What an import of a filled form did, cell by cell.
        var notes: [String] = []
        /// 提交 refused: why, and the rows still lacking what the rules require (what was typed is saved).
        var refusal: String?
        var refusalRows: [String] = []
        var light: LightCell
        var budgetLight: LightCell
        var budgetHeadings: [String]
        var budget: [BudgetLine]
        var goalProgress: String
        var causes: [String]
        var likelihoods: [String]
        var rows: [Row]
        var actions: [Action]
        var back: String

        init(
            _ e: MonitoringEntryRecord, round r: MonitoringRoundRecord, table: GoalTable, entry: MonitoringEntry,
            unread: [MonitoringEntryForm.Unread] = [], user: CurrentUser, headConfirmation: Bool, now: Date
        ) {
            let status = MonitoringStatus(stored: e.status), rect = RectificationStatus(stored: e.rectification)
            let profile = MonitoringProfile.named(r.profile) ?? .standard
            let lights = Monitor(profile: profile).lights(table: table, entry: entry)
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
            self.profile = profile.title
            editable = MonitoringWorkflow.editable(by: user.role, status: status)
            let id = e.id!
            saveAction = SitePath.monitoringEntry(.value(id)).path
            lightsAction = SitePath.monitoringEntryLights(.value(id)).path
            importAction = SitePath.monitoringEntryImport(.value(id)).path
            department = table.kind != .project
            formTitle = department ? "部门整体绩效目标执行监控表" : "项目支出绩效目标执行监控表"
            deviationSummary = entry.deviationSummary ?? ""
            problems = entry.problems ?? ""
            measures = entry.measures ?? ""
            formXLSX = SitePath.monitoringEntryForm(.value(id)).path
            printView = SitePath.monitoringEntryPrint(.value(id)).path
            reportDocx = SitePath.monitoringEntryReport(.value(id)).path
            self.unread = unread.map(\.message)
            light = LightCell(lights.light, lights.explanation)
            budgetLight = LightCell(lights.budget.light, lights.budget.explanation)
            let typedBad = Dictionary(unread.map { ($0.field, $0.typed) }, uniquingKeysWith: { a, _ in a })
            budgetHeadings = MonitoringEntryForm.BudgetColumn.allCases.map { $0.label(period: r.period) }
            budget = entry.budget.map { b in
                BudgetLine(
                    label: b.item.formLabel,
                    cells: MonitoringEntryForm.BudgetColumn.allCases.map { c in
                        let key = MonitoringEntryForm.budgetField(b.item, c)
                        let v: Double? =
                            switch c {
                            case .initial: b.initial
                            case .adjusted: b.adjusted
                            case .spent: b.spent
                            case .expected: b.expected
                            }
                        return BudgetCell(
                            name: key, label: c.label(period: r.period),
                            value: typedBad[key] ?? v.map { ArithmeticText.number($0) } ?? "", bad: typedBad[key] != nil)
                    }, rate: b.rate.map { ArithmeticText.number(($0 * 100).rounded() / 100) + "%" } ?? "")
            }
            goalProgress = entry.goalProgress ?? ""
            causes = DeviationCause.allCases.map(\.rawValue)
            likelihoods = Likelihood.allCases.map(\.rawValue)
            let byID = Dictionary(lights.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            rows = table.indicators.enumerated().compactMap { i, ind in
                guard let iid = ind.id else { return nil }
                let p = entry.progress(for: iid) ?? IndicatorProgress(id: iid)
                let l = byID[iid]
                func f(_ name: String) -> String { MonitoringEntryForm.indicatorField(iid, name) }
                return Row(
                    number: i + 1, level1: ind.level1, level2: ind.level2, name: ind.name, target: ind.targetText,
                    completedName: f("completed"), completed: p.completed ?? "",
                    expectedName: f("expected"), expected: p.expected ?? "",
                    likelihoodName: f("likelihood"),
                    likelihoods: Likelihood.allCases.map {
                        .init(value: $0.rawValue, label: $0.rawValue, chosen: p.likelihood == $0)
                    },
                    causes: DeviationCause.allCases.map {
                        .init(id: MonitoringEntryForm.causeField(iid, $0), name: $0.rawValue, chosen: p.causes.contains($0))
                    },
                    causeTextName: f("causeText"), causeText: p.causeText ?? "",
                    correctionName: f("correction"), correction: p.correction ?? "",
                    noteName: f("note"), note: p.note ?? "",
                    light: l.map { LightCell($0.light, $0.explanation) } ?? LightCell(.undetermined, "还没有填写完成值"),
                    reasonRequired: l?.reasonRequired ?? false, reasonMissing: l?.reasonMissing ?? false)
            }
            // only the steps this account can take now: a button that would be refused is not offered
            actions = MonitoringAction.allCases.compactMap { a in
                guard
                    MonitoringWorkflow.outcome(
                        of: a, by: user.role, status: status, rectification: rect,
                        headConfirmation: headConfirmation
                    ).isPossible
                else {
                    return nil
                }
                // the filler's 提交 says where it goes when the head confirms first
                let label = a == .submit && headConfirmation && user.role != .unitHead ? "提交单位负责人确认" : a.label
                return Action(
                    label: label, href: SitePath.monitoringEntryAction(.value(id), .value(a)).path,
                    commentLabel: a.commentLabel, danger: a == .sendBack, isSubmit: a == .submit)
            }
            back = SitePath.monitoringRound(.value(e.roundID)).path
        }
    }

    struct LightCell: Codable, Sendable {
        var light: String
        var css: String
        var explanation: String

        init(_ l: Light, _ explanation: String) {
            light = l.rawValue
            css =
                switch l {
                case .red: "light-red"
                case .yellow: "light-yellow"
                case .green: "light-green"
                case .blue: "light-blue"
                default: "light-unknown"
                }
            self.explanation = explanation
        }
    }

    struct BudgetLine: Encodable {
        var label: String
        var cells: [BudgetCell]
        var rate: String
    }

    struct BudgetCell: Encodable {
        var name: String
        /// The column's heading, said beside the cell on a phone.
        var label: String
        var value: String
        var bad: Bool
    }

    struct Row: Encodable {
        var number: Int
        var level1: String
        var level2: String
        var name: String
        var target: String
        var completedName: String
        var completed: String
        var expectedName: String
        var expected: String
        var likelihoodName: String
        var likelihoods: [Choice]
        var causes: [Pick]
        var causeTextName: String
        var causeText: String
        var correctionName: String
        var correction: String
        var noteName: String
        var note: String
        var light: LightCell
        var reasonRequired: Bool
        var reasonMissing: Bool
    }

    struct Action: Encodable {
        var label: String
        var href: String
        var commentLabel: String?
        var danger: Bool
        /// 提交: offered at the foot of the form as 保存并提交 (what is typed goes with it).
        var isSubmit = false
    }

    /// 2026-08-15 as the end of that day is meant; nil for anything else.
    static func date(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            return nil
        }
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
