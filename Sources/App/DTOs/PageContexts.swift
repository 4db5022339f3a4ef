import Foundation
import GoalWorkflow
import GoalCheck
import GoalCore
import GoalIO
import GoalScoring
import Vapor

/// What the Leaf templates see. Every string is user text or Chinese labels; Leaf's `#()` escapes them all.
/// Built from DTOs and domain values only, never from Fluent records.
enum PageContext {
    struct Nav: Encodable {
        var home = SitePath.home.path
        var importPage = SitePath.importPage.path
        var openAPI = SitePath.api(.openAPI).path
    }

    // MARK: 首页

    struct Home: Encodable {
        var title = "首页"
        var nav = Nav()
        var groups: [Group]
        var count: Int
        /// The filter form and the page links (`PageContext+HomeFilter.swift`); nil shows neither.
        var filter: HomeFilter?
        var pager: Pager?
        /// 待办: what waits for this account (set by the page handler from `TableStore.waiting`).
        var todo: [Todo] = []
        /// 批量审核 for reviewers: the actions, and which rows can be ticked (`markSelectable`).
        var bulk: Bulk?

        struct Bulk: Encodable {
            var path = SitePath.tablesBulkAction.path
            var actions: [Action]
            var today: String
            struct Action: Encodable {
                var value: String
                var label: String
                var needsComment: Bool
                var needsApproval: Bool
            }
        }

        struct Todo: Encodable {
            var name: String
            var unit: String
            var why: String
            var link: String
        }

        struct Group: Encodable {
            var unit: String
            var year: String
            var rows: [Row]
        }

        struct Row: Encodable {
            var name: String
            var title: String
            var kind: String
            var status: String
            var errors: Int
            var warnings: Int
            var score: String
            /// 表上填写的单位, when the form prints another name than its owner's.
            var printedUnit: String?
            var links: SitePath.TableLinks
            /// `id:version`, the value of its 批量审核 box; `selectable` when some bulk action can be taken on it now.
            var pick: String
            var selectable = false
            var rawStatus: String
            var rawEvaluation: String
        }

        /// Offers 批量审核 to an account with review actions, ticking only rows one of them can move now.
        mutating func offerBulk(to user: CurrentUser, now: Date = Date()) {
            let actions = Workflow.bulkActions(for: user.role)
            guard !actions.isEmpty else { return }
            bulk = Bulk(
                actions: actions.map {
                    .init(
                        value: $0.rawValue, label: $0.label, needsComment: $0.needsComment,
                        needsApproval: $0 == .approve)
                },
                today: Workflow.day(now))
            for g in groups.indices {
                for r in groups[g].rows.indices {
                    let row = groups[g].rows[r]
                    groups[g].rows[r].selectable = actions.contains {
                        Workflow.outcome(
                            of: $0, by: user.role, status: TableStatus(stored: row.rawStatus),
                            evaluation: EvaluationStatus(stored: row.rawEvaluation)
                        ).isPossible
                    }
                }
            }
            if !groups.contains(where: { $0.rows.contains(where: \.selectable) }) { bulk = nil }
        }

        init(_ tables: [TableSummaryDTO]) {
            var groups: [Group] = []
            for t in tables {
                let unit = t.unit.isEmpty ? "（未填单位）" : t.unit
                let year = t.year.map { "\($0)年度" } ?? "（未填年度）"
                let row = Row(
                    name: t.name, title: t.title, kind: t.kindLabel, status: t.statusLabel, errors: t.errors,
                    warnings: t.warnings, score: PageContext.scoreText(t.score, t.scoreMax, t.grade),
                    printedUnit: t.printedUnit, links: .init(t.id), pick: "\(t.id.uuidString):\(t.version)",
                    rawStatus: t.status, rawEvaluation: t.evaluationStatus)
                if let last = groups.last, last.unit == unit, last.year == year {
                    groups[groups.count - 1].rows.append(row)
                } else {
                    groups.append(Group(unit: unit, year: year, rows: [row]))
                }
            }
            self.groups = groups
            count = tables.count
        }
    }

    static func scoreText(_ score: Double?, _ max: Double?, _ grade: String?) -> String {
        guard let score, let max else { return "未评分" }
        return "\(ArithmeticText.number(score)) / \(ArithmeticText.number(max))" + (grade.map { "（\($0)）" } ?? "")
    }

    // MARK: 表格 (official layout)

    struct HeaderField: Encodable {
        var label: String
        var value: String
    }

    struct FindingLine: Encodable {
        var severity: String
        var severityLabel: String
        var code: String
        var message: String
        var suggestion: String?

        init(_ f: Finding) {
            // the table page shows one table: its messages start at the row
            severity = f.severity.rawValue; severityLabel = f.severity.label; code = f.code;
            message = Analysis.oneTable(f.message)
            suggestion = f.suggestion
        }
    }

    struct GridRow: Encodable {
        var number: Int
        var level1: String
        var level1Span: Int
        var showLevel1: Bool
        var level2: String
        var level2Span: Int
        var showLevel2: Bool
        var name: String
        var target: String
        var cells: [String]
        /// The same cells with their columns' headings (a phone shows each row as a card of labelled fields).
        var labelled: [HeaderField] = []
        var findings: [FindingLine]
        var hasErrors: Bool
    }

    struct Table: Encodable {
        var title: String
        var nav = Nav()
        var heading: String
        var yearLabel: String
        var summary: TableSummaryDTO
        var header: [HeaderField]
        var columns: [String]
        var rows: [GridRow]
        var tableFindings: [FindingLine]
        var errors: Int
        var warnings: Int
        var hints: Int
        var links: SitePath.TableLinks
        var score: String
        /// 流程 and 审计记录: set by the page handler, which knows the account.
        var workflow: WorkflowPanel? = nil
        /// The printed form (`table-official`), rendered once per saved state (`RenderedParts`).
        var official: String? = nil
        /// 审计记录, rendered once per state of the trail (`AuditTrailPart`).
        var trail: String? = nil
        /// 完全不可能 in monitoring, full marks in 自评: said beside the form (not in it, as monitoring changes apart).
        var monitoringWarnings: [String] = []
        /// 与上年和其他单位对照: the rules across years and units (Y01–Y05), worked out per view.
        var historyFindings: [FindingLine] = []
    }

    /// The optional columns of the grid, shown when any row has a value; each read through its
    /// `IndicatorField`, the one place a field's text is taken from a row.
    static let optionalColumns: [IndicatorField] = [.explanation, .basis, .lastYear, .weight, .scoring, .evidence, .note]

    static func targetText(_ i: Indicator) -> String {
        i.targetText
    }

    static func header(_ t: GoalTable) -> [HeaderField] {
        var out: [HeaderField] = []
        func add(_ label: String, _ value: String?) {
            if let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty {
                out.append(.init(label: label, value: v))
            }
        }
        let n = { (d: Double?) in d.map { ArithmeticText.number($0) } }
        switch t.kind {
        case .project:
            add("预算单位", t.unit)
            add("项目名称", t.project?.name)
            add("项目负责人", t.project?.manager)
            if let f = t.funds, !f.isEmpty {
                add(
                    "项目资金（万元）",
                    [
                        "年度预算总额：\(n(f.total) ?? "—")", "其中：财政拨款 \(n(f.fiscal) ?? "—")",
                        "其他资金 \(n(f.other) ?? "—")",
                    ].joined(separator: "；"))
            }
            add("项目总体目标", t.goal)
        case .department, .provincial:
            add("部门（单位）名称", t.unit)
            add("部门（单位）职责", t.duty)
            if let f = t.funds, !f.isEmpty {
                add(
                    "资金（万元）",
                    [
                        "预算总额 \(n(f.total) ?? "—")", "财政资金 \(n(f.fiscal) ?? "—")",
                        "其他资金 \(n(f.other) ?? "—")",
                    ].joined(separator: "；"))
            }
            for task in t.tasks { add("年度主要任务：\(task.name)", task.content ?? "") }
            add("年度履职目标", t.goal)
        }
        return out
    }

    static func table(_ detail: TableDetailDTO) -> Table {
        let t = detail.table
        let findings = Analysis.findings([t])
        let score = Analysis.scores([t])[0]
        let tableRows = t.rows
        let columns = optionalColumns.filter { f in tableRows.contains { !(f.text(of: $0) ?? "").isEmpty } }
        var rows: [GridRow] = []
        for (i, ind) in t.indicators.enumerated() {
            // merged cells as on the printed form: a 一级/二级 spans the following rows that repeat it
            let first1 = i == 0 || t.indicators[i - 1].level1 != ind.level1
            let first2 = first1 || t.indicators[i - 1].level2 != ind.level2
            let span1 = first1 ? t.indicators[i...].prefix { $0.level1 == ind.level1 }.count : 0
            let span2 = first2 ? t.indicators[i...].prefix { $0.level1 == ind.level1 && $0.level2 == ind.level2 }.count : 0
            let mine = findings.filter { $0.indicator == i }.map(FindingLine.init)
            rows.append(
                GridRow(
                    number: i + 1, level1: ind.level1, level1Span: span1, showLevel1: first1, level2: ind.level2,
                    level2Span: span2, showLevel2: first2, name: ind.name, target: targetText(ind),
                    cells: columns.map { $0.text(of: tableRows[i]) ?? "" },
                    labelled: columns.map { HeaderField(label: $0.label(for: t.kind), value: $0.text(of: tableRows[i]) ?? "") },
                    findings: mine, hasErrors: mine.contains { $0.severity == "error" }))
        }
        return Table(
            title: detail.summary.name, heading: t.title,
            yearLabel: t.year.map { FormWords.yearLine(kind: t.kind, year: $0) } ?? "",
            summary: detail.summary, header: header(t), columns: columns.map { $0.label(for: t.kind) }, rows: rows,
            tableFindings: findings.filter { $0.indicator == nil }.map(FindingLine.init),
            errors: findings.count { $0.severity == .error }, warnings: findings.count { $0.severity == .warning },
            hints: findings.count { $0.severity == .hint }, links: .init(detail.summary.id),
            score: score.hasScores ? score.summary : "未评分（自评中填写实际完成值后计算）")
    }

    // MARK: 导入

    struct Import: Encodable {
        var title = "导入"
        var nav = Nav()
        var preview = SitePath.importPreview.path
        var text: String
        var error: String?
        /// The upload limit, checked in the browser before sending so that nothing typed or chosen is lost.
        var maxBytes: Int = 10 * 1024 * 1024
        var maxText: String = "10 MB"
    }

    // MARK: 编辑 / 自评 / 导出

    struct Editor: Encodable {
        var title: String
        var nav = Nav()
        var summary: TableSummaryDTO
        var links: SitePath.TableLinks
        var checkAPI = SitePath.api(.check).path
        var scoreAPI = SitePath.api(.score).path
        /// 指标库: suggestions for a 三级 name, and a starting set for an empty table (edit.js).
        var suggestAPI = SitePath.api(.librarySuggestions).path
        var startingSetAPI = SitePath.api(.libraryStartingSet).path
        /// `{"产出指标": ["数量指标", …], …}` for the 一级/二级 dropdowns (in a data attribute, escaped).
        var taxonomy: String
        /// `{"project": {"产出指标": […], …}, "department": …}`: the dropdowns for each 表种, so that changing
        /// the kind in the editor refreshes them without asking the server (the profile is the checker's choice).
        var taxonomies: String
        /// `{"project": {"weight": "指标分值权重", …}, …}`: each form's own words for the grid's fields
        /// (`IndicatorField.label(for:)`), so the editor says what the printed form says for its 表种.
        var fieldLabels: String
        /// Suggestions for 指标值设置依据, as the forms' 填表说明 lists them.
        var bases = ["计划标准", "历史标准", "行业标准", "行业或国家标准", "预算支出标准", "其他"]
        var types = Comparison.allCases.map(\.rawValue)
        var kinds = TableKind.allCases.map { KindOption(value: $0.rawValue, label: $0.shortLabel) }
        /// Why this account cannot save here now (the workflow's words), or nil; set by the page handler.
        var lock: String? = nil
        /// The reviewer's words from the last 退回 of the goals or of the self-evaluation, until the unit submits again.
        var returnNote: String?
        /// 自评: the last monitoring round's 全年预计完成值 by indicator id (`{"id": "120"}`), shown as a marked
        /// hint in each empty 实际完成值, never filled in; and the round's name.
        var guesses = "{}"
        var guessRound: String?
        /// 自评: each indicator's target as the form prints it, by indicator id (`Indicator.targetText`: the
        /// page shows it, never composes it).
        var targets = "{}"
        /// 自评 of a department's own table: the 投入管理 indicators computed from the system's records
        /// (`InputIndicators`), with their arithmetic, and their values by indicator id for the hints.
        var computed: [ComputedIndicator] = []
        var computedValues = "{}"
        var computedYear: Int?
        /// 自评: indicators called 完全不可能 in monitoring that now score full marks.
        var contradictions: [String] = []
        /// 自评: the 佐证材料目录, whether this account may attach now (else why not), what is accepted, and
        /// the indicators a file can be attached to.
        var evidence: [EvidenceStore.Line] = []
        var evidenceLock: String? = nil
        var evidenceAccepted = ""
        /// Why the last upload was refused, shown beside the upload form (nothing was stored).
        var evidenceProblem: String? = nil
        var evidenceTargets: [EvidenceTarget] = []
        /// 自评: the pack of every approved table of the table's organisation for its year.
        var unitPack: String? = nil

        struct EvidenceTarget: Encodable { var id: String; var label: String }

        struct KindOption: Encodable { var value: String; var label: String }
        struct ComputedIndicator: Encodable { var name: String; var arithmetic: String }

        init(_ d: TableDetailDTO, title: String) {
            self.title = title + "：" + d.summary.name
            summary = d.summary
            let status = TableStatus(stored: d.summary.status)
            if let comment = d.summary.returnComment {
                if status == .draft {
                    returnNote = "已被退回，意见：" + comment
                } else if status == .approved, EvaluationStatus(stored: d.summary.evaluationStatus) == .draft {
                    returnNote = "自评已被退回，意见：" + comment
                }
            }
            links = .init(d.summary.id)
            taxonomy = Self.taxonomyJSON(Analysis.taxonomy(for: d.table))
            taxonomies =
                "{"
                + TableKind.allCases.map { kind in
                    var t = d.table
                    t.kind = kind
                    return Self.quote(kind.rawValue) + ":" + Self.taxonomyJSON(Analysis.taxonomy(for: t))
                }.joined(separator: ",") + "}"
            fieldLabels =
                "{"
                + TableKind.allCases.map { kind in
                    Self.quote(kind.rawValue) + ":{"
                        + IndicatorField.allCases.map { Self.quote($0.rawValue) + ":" + Self.quote($0.label(for: kind)) }
                        .joined(separator: ",") + "}"
                }.joined(separator: ",") + "}"
        }

        static func taxonomyJSON(_ groups: [Taxonomy.Group]) -> String {
            let pairs = groups.map { "\(Self.quote($0.level1)):[\($0.level2.map(Self.quote).joined(separator: ","))]" }
            return "{" + pairs.joined(separator: ",") + "}"
        }

        static func quote(_ s: String) -> String {
            String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
    }

    struct Export: Encodable {
        var title: String
        var nav = Nav()
        var summary: TableSummaryDTO
        var links: SitePath.TableLinks
        var formats: [ExportFormat.Option]
    }
}

extension TableSummaryDTO {
    /// A placeholder for tables not yet saved (the import preview).
    static let preview = TableSummaryDTO(
        id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), unit: "", year: nil, kind: "", kindLabel: "",
        title: "", name: "", status: TableStatus.draft.rawValue, statusLabel: TableStatus.draft.label,
        evaluationStatus: EvaluationStatus.draft.rawValue, evaluationStatusLabel: EvaluationStatus.draft.label,
        adjusts: nil, returnComment: nil, organisationID: nil, version: 0,
        errors: 0, warnings: 0, score: nil, scoreMax: nil, grade: nil, updatedAt: nil)
}

/// How the 导出 page offers each format (`GoalIO.ExportFormat`, the one list the command line uses too).
extension ExportFormat {
    struct Option: Encodable {
        var label: String
        var href: String
        var note: String
        /// The print view opens in the browser; the others download.
        var download: Bool
    }

    /// The last segment of the format's address: the print view is `…/export/print`.
    var pathSegment: String { self == .html ? "print" : rawValue }

    func option(for id: UUID) -> Option {
        let href = SitePath.tableExportFile(.value(id), self).path
        switch self {
        case .json:
            return Option(
                label: "交换格式 JSON（goal-tables/1）", href: href,
                note: "可再次导入本系统，或交给命令行工具 jixiao 检查、评分", download: true)
        case .xlsx:
            return Option(
                label: "Excel 工作簿（.xlsx，官方版式）", href: href,
                note: "一级、二级指标合并单元格，A4 横向打印，附填表说明", download: true)
        case .csv:
            return Option(label: "CSV 表格（.csv）", href: href, note: "每行一项指标，UTF-8，可用 Excel/WPS 打开", download: true)
        case .html:
            return Option(label: "打印版（HTML）", href: href, note: "在浏览器中打开后用“打印”输出纸质或 PDF", download: false)
        }
    }

    /// The file, or 500 with the reason.
    func webData(_ tables: [GoalTable]) throws -> Data {
        do { return try data(tables) } catch { throw Abort(.internalServerError, reason: error.description) }
    }
}
