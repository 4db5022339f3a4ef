import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import SQLKit
import Vapor

/// `jixiao-server bench-list [--tables N] [--units N] [--runs N]`: the 首页 of a province (issue #23), on
/// the database the server is configured for, printed beside its aim (p99 < 100 ms).
///
/// How the tables are loaded, the fastest honest way through the store's own code: `--units` units are
/// created under one finance bureau (`Organisations.create`), 100 tables are created through
/// `TableStore.create` (checked, scored, with phases, facts and audit), and their rows are then copied
/// to `--tables` rows in one transaction, one `INSERT … SELECT` per row, each with a new id, another
/// unit, year, name and workflow state. The copies carry no facts or audit rows, which the list does not
/// read. Then ANALYZE. Each question below is what the 首页 asks (`TableStore.page`, `facets`,
/// `waiting`), timed `--runs` times; the loaded rows are removed afterwards.
struct ListBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tables", help: "目标表数量（默认 100000）") var tables: Int?
        @Option(name: "units", help: "单位数量（默认 2000）") var units: Int?
        @Option(name: "runs", help: "每项计时次数（默认 50）") var runs: Int?
        @Flag(name: "keep", help: "保留载入的数据（用于 EXPLAIN 查看查询计划）") var keep: Bool
        init() {}
    }

    var help: String { "首页基准：大量目标表时的列表、筛选与待办" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let n = signature.tables ?? 100_000, unitCount = max(1, signature.units ?? 2_000), runs = signature.runs ?? 50
        guard let sql = db as? any SQLDatabase else { return }
        print("bench-list on \(sql.dialect.name), \(System.coreCount) cores: \(n) tables of \(unitCount) units")

        let load = ContinuousClock.now
        let bureau = try await Organisations.create(
            code: "BENCH-\(UUID().uuidString.prefix(8))", name: "基准财政局", kind: .finance, parent: nil, on: db)
        let units: [OrganisationRecord] = try await db.transaction { tx in
            var made: [OrganisationRecord] = []
            for u in 0..<unitCount {
                made.append(
                    try await Organisations.create(
                        code: nil, name: "基准\(["社会保险", "教育", "卫生健康", "农业农村", "交通运输"][u % 5])中心\(u)",
                        kind: .unit, parent: bureau, on: tx))
            }
            return made
        }
        var templates: [UUID] = []
        for k in 0..<min(100, n) {
            let o = units[k % units.count]
            let user = Self.user(.filler, of: o)
            var t = GoalTable(kind: .project, year: 2026, unit: o.name, goal: "基准", project: ProjectInfo(name: "基准项目\(k)"))
            t.indicators = (0..<8).map { i in
                Indicator(
                    level1: "产出指标", level2: ["数量指标", "质量指标", "时效指标", "成本指标"][i % 4], name: "指标\(i)",
                    type: .atLeast, value: "\(90 + i)", unit: "%", scoring: "达到目标值得满分，否则按比例得分", weight: 10)
            }
            templates.append(try await TableStore.create(t, owner: .init(user), by: user, on: db).summary.id)
        }
        let states: [(String, String)] = [
            ("draft", "draft"), ("submitted", "draft"), ("business-reviewed", "draft"), ("performance-reviewed", "draft"),
            ("approved", "draft"), ("approved", "submitted"), ("approved", "approved"),
        ]
        let copies = max(0, n - templates.count), made = templates
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for c in 0..<copies {
                let o = units[(c * 7) % units.count], (status, evaluation) = states[c % states.count]
                try await sql.raw(
                    """
                    INSERT INTO goal_tables (id, unit, printed_unit, year, kind, title, name, status, version, document, \
                    error_count, warning_count, score, score_max, grade, organisation_id, org_path, evaluation_status, \
                    created_at, updated_at) \
                    SELECT \(bind: UUID()), \(bind: o.name), \(bind: o.name), \(bind: 2022 + c % 5), kind, title, \
                    \(bind: "基准\(["培训", "补助", "建设", "运行", "保障"][c % 5])项目\(c)"), \(bind: status), version, document, \
                    error_count, warning_count, score, score_max, grade, \(bind: o.id), \(bind: o.path), \(bind: evaluation), \
                    created_at, updated_at FROM goal_tables WHERE id = \(bind: made[c % made.count])
                    """
                ).run()
            }
        }
        try await sql.raw(sql.dialect.name == "postgresql" ? "VACUUM ANALYZE goal_tables" : "ANALYZE").run()
        print(String(format: "loaded in %.1f s", Self.ms(ContinuousClock.now - load) / 1000))

        let finance = Self.user(.financeReviewer, of: bureau), filler = Self.user(.filler, of: units[3])
        let cases: [(String, CurrentUser, TableListQuery)] = [
            ("财政 首页 第1页", finance, TableListQuery()),
            ("财政 首页 第1000页", finance, TableListQuery(page: 1000)),
            ("财政 按单位名称一部分", finance, TableListQuery(unit: "中心1234")),
            ("财政 按单位（无匹配）", finance, TableListQuery(unit: "不存在的单位")),
            ("财政 年度+表种", finance, TableListQuery(year: 2024, kind: .project)),
            ("单位填报人 首页", filler, TableListQuery()),
        ]
        for (name, user, query) in cases {
            var times: [Double] = [], parts: [[Double]] = [[], [], []]
            var page: TableListPage?
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let scope = Access.scope(of: user)
                page = try await TableStore.page(query, in: scope, for: user, on: db)
                let listed = ContinuousClock.now
                _ = try await TableStore.facets(in: scope, on: db)
                let faceted = ContinuousClock.now
                _ = try await TableStore.waiting(for: user, on: db)
                let end = ContinuousClock.now
                times.append(Self.ms(end - start))
                parts[0].append(Self.ms(listed - start))
                parts[1].append(Self.ms(faceted - listed))
                parts[2].append(Self.ms(end - faceted))
            }
            let p99 = StoreBenchCommand.p99(times)
            print(
                String(
                    format:
                        "%@: %d matching, p50 %.1f ms, p99 %.1f ms (aim p99 < 100 ms) %@ — p50 of list %.1f, filters %.1f, 待办 %.1f ms",
                    name, page?.total ?? 0, StoreBenchCommand.median(times), p99, p99 < 100 ? "ok" : "MISSED",
                    StoreBenchCommand.median(parts[0]), StoreBenchCommand.median(parts[1]), StoreBenchCommand.median(parts[2])))
        }

        // remove what was loaded: the copies and templates, their derived rows, the organisations
        guard !signature.keep else { return }
        let ids = units.compactMap(\.id)
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for t in made {
                try await sql.raw("DELETE FROM indicator_facts WHERE table_id = \(bind: t)").run()
                try await sql.raw("DELETE FROM table_phases WHERE table_id = \(bind: t)").run()
            }
            try await sql.raw("DELETE FROM goal_tables WHERE org_path LIKE \(bind: bureau.path + "%")").run()
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                try await sql.raw(
                    "DELETE FROM organisations WHERE id IN (\(binds: Array(ids[chunk..<min(ids.count, chunk + 500)])))"
                ).run()
            }
            try await sql.raw("DELETE FROM organisations WHERE id = \(bind: bureau.id)").run()
        }
    }

    static func user(_ role: Role, of o: OrganisationRecord) -> CurrentUser {
        CurrentUser(
            id: UUID(), username: "bench", name: "基准", role: role, organisationID: o.id!, organisationName: o.name,
            organisationPath: o.path, sessionID: UUID(), csrfToken: "")
    }

    static func ms(_ d: Duration) -> Double { StoreBenchCommand.ms(d) }
}
