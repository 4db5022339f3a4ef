import Foundation
import GoalIO
import GoalWorkflow
import Vapor

/// A route parameter: `.key` when registering (`:id`), `.value(x)` when building a link.
enum Param<T: Sendable>: Sendable {
    case key
    case value(T)
}

/// Every path of the site, used both to register routes (`pathComponents`) and to build links (`path`),
/// so a link cannot point at a route that does not exist.
enum SitePath: Sendable {
    case home
    case importPage
    case importPreview
    case importSave
    /// An import preview kept on the server, shown again (`/import/drafts/:id`).
    case importDraft(Param<UUID>)
    case table(Param<UUID>)
    case tableEdit(Param<UUID>)
    case tableSelfEvaluation(Param<UUID>)
    /// The 自评表 with its scores: the workbook (`…/self-evaluation/form.xlsx`) and its print view.
    case tableSelfEvaluationForm(Param<UUID>)
    case tableSelfEvaluationPrint(Param<UUID>)
    /// 自评报告: the page of the unit's words (GET, POST saves), and the document (`report.docx`).
    case tableReport(Param<UUID>)
    case tableReportDocx(Param<UUID>)
    /// 自评材料包: one table's (`…/pack.zip`), and all of one organisation's approved tables (`?year=`).
    case tablePack(Param<UUID>)
    case organisationPack(Param<UUID>)
    /// 自评抽查: the draws (GET) and a new draw (POST); one draw; one table's conclusion in it (POST).
    case spotChecks
    case spotCheck(Param<UUID>)
    case spotCheckConclusion(Param<UUID>, Param<UUID>)
    /// 佐证材料: attach (POST), one file (GET `…/evidence/:file`), remove it (POST `…/delete`).
    case tableEvidence(Param<UUID>)
    case tableEvidenceFile(Param<UUID>, Param<UUID>)
    case tableEvidenceDelete(Param<UUID>, Param<UUID>)
    case tableExport(Param<UUID>)
    /// A download of one table: `/tables/:id/export/json|xlsx|csv|print`.
    case tableExportFile(Param<UUID>, ExportFormat)
    /// A workflow action posted from the table page: `/tables/:id/actions/:action`.
    case tableAction(Param<UUID>, Param<WorkflowAction>)
    /// An adjustment (调整) beside the approved table it adjusts.
    case tableCompare(Param<UUID>)
    case tableAuditCSV(Param<UUID>)
    /// 结转到下一年: one approved table's next-year draft (POST).
    case tableCarryForward(Param<UUID>)
    /// 与上年对比: a table beside the one of the year before it, by indicator (page, .xlsx, .csv).
    case tableYearCompare(Param<UUID>)
    case tableYearCompareFile(Param<UUID>, YearCompareFormat)
    /// 批量结转: the approved tables of a year (GET), all carried at once (POST).
    case carryForward
    /// 批量审核: one action on several tables, each through the workflow's own rule.
    case tablesBulkAction
    case login
    case logout
    case password
    case admin
    case adminOrganisationsImport
    case adminAccounts
    /// An organisation's settings (单位负责人确认).
    case adminOrganisationSettings(Param<UUID>)
    /// One account: its name, role and organisation; `…/active` disables or re-enables it; `…/password` resets it.
    case adminAccount(Param<UUID>)
    case adminAccountActive(Param<UUID>)
    case adminAccountPassword(Param<UUID>)
    /// Every event of the audit trail (sign-ins, accounts, organisations and all tables), as CSV.
    case adminAuditCSV
    /// 运行监控: rounds and the account's entries; a round is opened by posting to `monitoringRounds`.
    case monitoring
    case monitoringRounds
    case monitoringRound(Param<UUID>)
    /// One entry (one table in one round): the form, its save and its workflow steps.
    case monitoringEntry(Param<UUID>)
    case monitoringEntryAction(Param<UUID>, Param<MonitoringAction>)
    /// 监控汇总表 of a round (.xlsx); the official 执行监控表 of an entry (.xlsx) and its print view.
    case monitoringRoundSummary(Param<UUID>)
    case monitoringEntryForm(Param<UUID>)
    case monitoringEntryPrint(Param<UUID>)
    /// 绩效运行监控报告 of an entry (.docx).
    case monitoringEntryReport(Param<UUID>)
    /// The lights of what is typed, not saved: the form updates them as the unit types.
    case monitoringEntryLights(Param<UUID>)
    /// A filled 执行监控表 (.xlsx, .xls, .docx, text) read into the entry.
    case monitoringEntryImport(Param<UUID>)
    /// 总览: where the year stands for everything the account sees (charts, tables, drill-down), and as .xlsx.
    case overview
    case overviewExport
    /// 指标库: search and statistics; finance's marks, own entries, .xlsx export and import.
    case library
    case libraryMarks
    case libraryEntries
    case libraryExport
    case libraryImport
    case api(API)
    /// A route that does nothing, to measure the server itself (`scripts/load-bench.sh`).
    case benchBare
    /// The process answers (load balancers, orchestrators).
    case healthz
    /// The database answers and its migrations are current.
    case readyz
    /// Prometheus metrics, behind `JIXIAO_METRICS_TOKEN`.
    case metrics
    /// The OpenAPI document rendered as a page for integrators.
    case apiDocs

    enum API: Sendable {
        case tables
        case table(Param<UUID>)
        case tableRestore(Param<UUID>)
        case tableAction(Param<UUID>, Param<WorkflowAction>)
        case tableAudit(Param<UUID>)
        case tableCarryForward(Param<UUID>)
        case convert
        case check
        case score
        case openAPI
        /// Sign in (POST), who am I (GET), sign out (DELETE).
        case session
        case sessionPassword
        case organisations
        case organisationsImport
        case accounts
        /// 指标库: search, suggestions for a name, a starting set for a new table, marks and own entries.
        case library
        case librarySuggestions
        case libraryStartingSet
        case libraryMarks
        case libraryEntries
    }

    static let idKey = "id"
    static let actionKey = "action"
    /// A second id in a path: the file under a table (`/tables/:id/evidence/:file`).
    static let fileKey = "file"

    private static func fileSegment(_ p: Param<UUID>) -> String {
        switch p {
        case .key: return ":" + fileKey
        case .value(let id): return id.uuidString
        }
    }

    private static func segment(_ p: Param<WorkflowAction>) -> String {
        switch p {
        case .key: return ":" + actionKey
        case .value(let a): return a.rawValue
        }
    }

    private static func segment(_ p: Param<MonitoringAction>) -> String {
        switch p {
        case .key: return ":" + actionKey
        case .value(let a): return a.rawValue
        }
    }

    private static func segment(_ p: Param<UUID>) -> String {
        switch p {
        case .key: return ":" + idKey
        case .value(let id): return id.text
        }
    }

    /// The segments after `/`.
    var segments: [String] {
        switch self {
        case .home: return []
        case .importPage: return ["import"]
        case .importPreview: return ["import", "preview"]
        case .importSave: return ["import", "save"]
        case .importDraft(let id): return ["import", "drafts", Self.segment(id)]
        case .table(let id): return ["tables", Self.segment(id)]
        case .tableEdit(let id): return ["tables", Self.segment(id), "edit"]
        case .tableSelfEvaluation(let id): return ["tables", Self.segment(id), "self-evaluation"]
        case .tableSelfEvaluationForm(let id): return ["tables", Self.segment(id), "self-evaluation", "form.xlsx"]
        case .tableSelfEvaluationPrint(let id): return ["tables", Self.segment(id), "self-evaluation", "print"]
        case .tableEvidence(let id): return ["tables", Self.segment(id), "evidence"]
        case .tableReport(let id): return ["tables", Self.segment(id), "report"]
        case .tablePack(let id): return ["tables", Self.segment(id), "pack.zip"]
        case .spotChecks: return ["spot-checks"]
        case .spotCheck(let id): return ["spot-checks", Self.segment(id)]
        case .spotCheckConclusion(let id, let table): return ["spot-checks", Self.segment(id), "tables", Self.fileSegment(table)]
        case .organisationPack(let id): return ["organisations", Self.segment(id), "pack.zip"]
        case .tableReportDocx(let id): return ["tables", Self.segment(id), "report.docx"]
        case .tableEvidenceFile(let id, let file): return ["tables", Self.segment(id), "evidence", Self.fileSegment(file)]
        case .tableEvidenceDelete(let id, let file):
            return ["tables", Self.segment(id), "evidence", Self.fileSegment(file), "delete"]
        case .tableExport(let id): return ["tables", Self.segment(id), "export"]
        case .tableExportFile(let id, let format): return ["tables", Self.segment(id), "export", format.pathSegment]
        case .tableAction(let id, let action): return ["tables", Self.segment(id), "actions", Self.segment(action)]
        case .tableCompare(let id): return ["tables", Self.segment(id), "compare"]
        case .tableAuditCSV(let id): return ["tables", Self.segment(id), "audit.csv"]
        case .tableCarryForward(let id): return ["tables", Self.segment(id), "carry-forward"]
        case .tableYearCompare(let id): return ["tables", Self.segment(id), "previous-year"]
        case .tableYearCompareFile(let id, let f): return ["tables", Self.segment(id), "previous-year." + f.rawValue]
        case .carryForward: return ["carry-forward"]
        case .tablesBulkAction: return ["tables", "bulk-action"]
        case .login: return ["login"]
        case .logout: return ["logout"]
        case .password: return ["account", "password"]
        case .admin: return ["admin"]
        case .adminOrganisationsImport: return ["admin", "organisations", "import"]
        case .adminAccounts: return ["admin", "accounts"]
        case .adminOrganisationSettings(let id): return ["admin", "organisations", Self.segment(id), "settings"]
        case .adminAccount(let id): return ["admin", "accounts", Self.segment(id)]
        case .adminAccountActive(let id): return ["admin", "accounts", Self.segment(id), "active"]
        case .adminAccountPassword(let id): return ["admin", "accounts", Self.segment(id), "password"]
        case .adminAuditCSV: return ["admin", "audit.csv"]
        case .monitoring: return ["monitoring"]
        case .monitoringRounds: return ["monitoring", "rounds"]
        case .monitoringRound(let id): return ["monitoring", "rounds", Self.segment(id)]
        case .monitoringEntry(let id): return ["monitoring", "entries", Self.segment(id)]
        case .monitoringEntryAction(let id, let action):
            return ["monitoring", "entries", Self.segment(id), "actions", Self.segment(action)]
        case .monitoringRoundSummary(let id): return ["monitoring", "rounds", Self.segment(id), "summary.xlsx"]
        case .monitoringEntryForm(let id): return ["monitoring", "entries", Self.segment(id), "form.xlsx"]
        case .monitoringEntryPrint(let id): return ["monitoring", "entries", Self.segment(id), "print"]
        case .monitoringEntryReport(let id): return ["monitoring", "entries", Self.segment(id), "report.docx"]
        case .monitoringEntryLights(let id): return ["monitoring", "entries", Self.segment(id), "lights"]
        case .monitoringEntryImport(let id): return ["monitoring", "entries", Self.segment(id), "import"]
        case .overview: return ["overview"]
        case .overviewExport: return ["overview", "export.xlsx"]
        case .library: return ["library"]
        case .libraryMarks: return ["library", "marks"]
        case .libraryEntries: return ["library", "entries"]
        case .libraryExport: return ["library", "export.xlsx"]
        case .libraryImport: return ["library", "import"]
        case .benchBare: return ["bench", "bare"]
        case .healthz: return ["healthz"]
        case .readyz: return ["readyz"]
        case .metrics: return ["metrics"]
        case .apiDocs: return ["api-docs"]
        case .api(let api):
            let rest: [String]
            switch api {
            case .tables: rest = ["tables"]
            case .table(let id): rest = ["tables", Self.segment(id)]
            case .tableRestore(let id): rest = ["tables", Self.segment(id), "restore"]
            case .tableAction(let id, let action): rest = ["tables", Self.segment(id), "actions", Self.segment(action)]
            case .tableAudit(let id): rest = ["tables", Self.segment(id), "audit"]
            case .tableCarryForward(let id): rest = ["tables", Self.segment(id), "carry-forward"]
            case .session: rest = ["session"]
            case .sessionPassword: rest = ["session", "password"]
            case .organisations: rest = ["organisations"]
            case .organisationsImport: rest = ["organisations", "import"]
            case .accounts: rest = ["accounts"]
            case .library: rest = ["library"]
            case .librarySuggestions: rest = ["library", "suggestions"]
            case .libraryStartingSet: rest = ["library", "starting-set"]
            case .libraryMarks: rest = ["library", "marks"]
            case .libraryEntries: rest = ["library", "entries"]
            case .convert: rest = ["convert"]
            case .check: rest = ["check"]
            case .score: rest = ["score"]
            case .openAPI: rest = ["openapi.json"]
            }
            return ["api", "v1"] + rest
        }
    }

    /// For `app.get(SitePath.x.pathComponents)`.
    var pathComponents: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }

    /// For links: `/tables/…/edit`.
    var path: String { "/" + segments.joined(separator: "/") }
}

/// The downloads of 与上年对比.
enum YearCompareFormat: String, Sendable, CaseIterable {
    case xlsx, csv
}

extension SitePath {
    /// Links for one stored table, as the templates use them.
    struct TableLinks: Encodable, Sendable {
        var view: String
        var edit: String
        var selfEvaluation: String
        var selfEvaluationForm: String
        var selfEvaluationPrint: String
        var evidence: String
        var report: String
        var reportDocx: String
        var pack: String
        var export: String
        var exportJSON: String
        var api: String
        var restore: String
        var compare: String
        var auditCSV: String
        var auditAPI: String

        init(_ id: UUID) {
            view = SitePath.table(.value(id)).path
            edit = SitePath.tableEdit(.value(id)).path
            selfEvaluation = SitePath.tableSelfEvaluation(.value(id)).path
            selfEvaluationForm = SitePath.tableSelfEvaluationForm(.value(id)).path
            selfEvaluationPrint = SitePath.tableSelfEvaluationPrint(.value(id)).path
            evidence = SitePath.tableEvidence(.value(id)).path
            report = SitePath.tableReport(.value(id)).path
            reportDocx = SitePath.tableReportDocx(.value(id)).path
            pack = SitePath.tablePack(.value(id)).path
            export = SitePath.tableExport(.value(id)).path
            exportJSON = SitePath.tableExportFile(.value(id), .json).path
            api = SitePath.api(.table(.value(id))).path
            restore = SitePath.api(.tableRestore(.value(id))).path
            compare = SitePath.tableCompare(.value(id)).path
            auditCSV = SitePath.tableAuditCSV(.value(id)).path
            auditAPI = SitePath.api(.tableAudit(.value(id))).path
        }
    }
}

extension Request {
    /// The `:id` of the path as a UUID, or 404 in Chinese.
    func tableID() throws -> UUID {
        guard let s = parameters.get(SitePath.idKey), let id = UUID(uuidString: s) else {
            throw Abort(.notFound, reason: "找不到该目标表：编号“\(parameters.get(SitePath.idKey) ?? "")”无效")
        }
        return id
    }

    /// The `:action` of the path, or 404 in Chinese.
    func workflowAction() throws -> WorkflowAction {
        guard let s = parameters.get(SitePath.actionKey), let a = WorkflowAction(rawValue: s) else {
            let names = WorkflowAction.allCases.map(\.rawValue).joined(separator: "、")
            throw Abort(.notFound, reason: "没有“\(parameters.get(SitePath.actionKey) ?? "")”这个流程操作（可用：\(names)）")
        }
        return a
    }
}
