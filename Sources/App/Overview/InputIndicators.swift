import Fluent
import Foundation
import GoalCharts
import GoalCore
import GoalWorkflow
import SQLKit

/// 投入管理 indicators of the provincial 部门（单位）整体绩效目标申报表 (seed 004) that the system's own
/// records answer for a department: how many of its projects were monitored, self-evaluated and had
/// complete goals. No system filled these in before; each comes with its arithmetic, so a reviewer can
/// check the figure against the lists it links to.
///
/// - 部门绩效监控完成率 = 已完成绩效监控项目数 ÷ 部门项目总数 × 100%: 项目 = approved 项目支出 tables of the
///   year; 已完成 = at least one monitoring entry of the year 已审核 (accepted by finance).
/// - 绩效自评完成率 = 已完成自评项目数 ÷ 部门项目总数 × 100%: 已完成 = 自评 submitted or reviewed.
/// - 目标完整率 = 检查无错误的项目目标表数 ÷ 项目目标表总数 × 100%, over every live 项目支出 table of the year.
struct InputIndicators: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var name: String
        var numerator: Int
        var denominator: Int
        var numeratorLabel: String
        var denominatorLabel: String
        /// The percent, 2 decimals; nil when there is nothing to divide by.
        var percent: Double?
        /// The arithmetic in words: `已完成绩效监控项目数 3 ÷ 部门项目总数 4 × 100% = 75%`.
        var arithmetic: String {
            guard let percent else { return "\(denominatorLabel)为 0，无法计算" }
            return
                "\(numeratorLabel) \(numerator) ÷ \(denominatorLabel) \(denominator) × 100% = \(SVGText.number(percent, decimals: 2))%"
        }
    }

    var year: Int
    var items: [Item]

    /// The three names as the provincial form prints them, and the shorter ones units write.
    static let names: [String: [String]] = [
        "部门绩效监控完成率": ["部门绩效监控完成率", "绩效监控完成率", "监控完成率"],
        "绩效自评完成率": ["绩效自评完成率", "部门绩效自评完成率", "自评完成率"],
        "目标完整率": ["目标完整率", "绩效目标完整率", "绩效目标编制完整率"],
    ]

    /// The item a table's indicator name asks for, if it is one of these.
    func item(forIndicator name: String) -> Item? {
        let key = name.filter { !$0.isWhitespace }
        return items.first { Self.names[$0.name]?.contains(key) ?? false }
    }

    static func of(counts c: Counts, year: Int) -> InputIndicators {
        func item(_ name: String, _ n: Int, _ nLabel: String, _ d: Int, _ dLabel: String) -> Item {
            Item(
                name: name, numerator: n, denominator: d, numeratorLabel: nLabel, denominatorLabel: dLabel,
                percent: d == 0 ? nil : (Double(n) / Double(d) * 10_000).rounded() / 100)
        }
        return InputIndicators(
            year: year,
            items: [
                item("部门绩效监控完成率", c.monitored, "已完成绩效监控项目数", c.approved, "部门项目总数"),
                item("绩效自评完成率", c.evaluated, "已完成自评项目数", c.approved, "部门项目总数"),
                item("目标完整率", c.complete, "检查无错误的项目目标表数", c.projects, "项目目标表总数"),
            ])
    }

    struct Counts: Decodable, Sendable, Equatable {
        var projects: Int
        var complete: Int
        var approved: Int
        var evaluated: Int
        var monitored: Int
    }

    /// The counts for the tables of `scope` in `year`: one pass over the department's live tables
    /// (`goal_tables_overview`) and the set of the year's accepted monitoring entries.
    static func compute(year: Int, scope: Access.Scope, on sql: any SQLDatabase) async throws -> InputIndicators {
        let f = OverviewFilter(TableListQuery(year: year), scope: scope, user: nil, dialect: sql.dialect.name)
        let project = TableKind.project.rawValue, approved = TableStatus.approved.rawValue
        // the year's accepted entries in the scope, asked once (the planner hashes them) rather than probed
        // per project: 87 → 17 ms for a province's 8,500 approved projects on PostgreSQL
        let inScope = OverviewFilter.scope(
            scope, path: "e.org_path", organisation: "e.organisation_id", dialect: sql.dialect.name)
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS projects, \
            COALESCE(SUM(CASE WHEN t.error_count = 0 THEN 1 ELSE 0 END), 0) AS complete, \
            COALESCE(SUM(CASE WHEN t.status = \(bind: approved) THEN 1 ELSE 0 END), 0) AS approved, \
            COALESCE(SUM(CASE WHEN t.status = \(bind: approved) AND t.evaluation_status IN (\(bind: EvaluationStatus.submitted.rawValue), \
            \(bind: EvaluationStatus.reviewed.rawValue)) THEN 1 ELSE 0 END), 0) AS evaluated, \
            COALESCE(SUM(CASE WHEN t.status = \(bind: approved) AND t.id IN (SELECT e.table_id FROM monitoring_entries e \
            JOIN monitoring_rounds r ON r.id = e.round_id WHERE r.year = \(bind: year)\(inScope) \
            AND e.status = \(bind: MonitoringStatus.accepted.rawValue)) THEN 1 ELSE 0 END), 0) AS monitored \
            FROM goal_tables t WHERE \(f.conditions()) AND t.kind = \(bind: project)
            """
        ).first(decoding: Counts.self)
        return of(counts: row ?? Counts(projects: 0, complete: 0, approved: 0, evaluated: 0, monitored: 0), year: year)
    }

    /// For the 自评 of a department's (or unit's) own 整体支出 table: the indicators of the table that are
    /// among these three, each with its computed item, for the department's subtree in the table's year.
    /// nil for a 项目支出 table, or one with none of these indicators.
    static func offered(for d: TableDetailDTO, on db: any Database) async throws
        -> (year: Int, rows: [(id: String, name: String, item: Item)])?
    {
        guard d.table.kind != .project, let year = d.summary.year else { return nil }
        let wanted = d.table.indicators.filter { i in names.values.contains { $0.contains(i.name.filter { !$0.isWhitespace }) } }
        guard !wanted.isEmpty, let r = try await GoalTableRecord.find(d.summary.id, on: db) else { return nil }
        let computed = try await compute(year: year, scope: .subtree(r.orgPath), on: try TablePhases.sql(db))
        let rows = wanted.compactMap { i in
            i.id.flatMap { id in computed.item(forIndicator: i.name).map { (id: id, name: i.name, item: $0) } }
        }
        return rows.isEmpty ? nil : (year, rows)
    }

    var table: ChartTable {
        ChartTable(
            caption: "投入管理指标（\(year)年度，由本系统记录计算）", headers: ["三级指标", "计算", "实际完成值（%）"],
            rows: items.map { [.init($0.name), .init($0.arithmetic), $0.percent.map { .value($0, decimals: 2) } ?? .init("—")] })
    }
}
