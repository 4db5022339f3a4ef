import Fluent
import Foundation
import GoalCore
import SQLKit
import Vapor

/// `jixiao-server bench-store [--saves N] [--facts N]`: the storage figures of issue #14, printed beside
/// their alternative and aim in one run, on the database the server is configured for.
///
/// 1. Saving a 20-indicator table through `TableStore.update` N times with its phase version and its
///    20 indicator facts, and the same saves without them (the save of the previous release): the
///    aim is within 20 %.
/// 2. "How many indicators of a year under each 二级" over `--facts` rows of `indicator_facts`: the
///    rows are loaded by one `INSERT … SELECT` from a generated series (PostgreSQL's generate_series,
///    SQLite's recursive CTE) — the fastest honest load, bypassing the save path, whose cost part 1
///    measures — spread over 5 years, 2,000 units and the taxonomy's 二级; then ANALYZE. The query is
///    the one the app runs (`IndicatorFacts.countByLevel2`), timed 50 times; the aim is p99 < 100 ms on
///    PostgreSQL. The loaded rows are removed afterwards.
struct StoreBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "saves", help: "保存次数（默认 300）") var saves: Int?
        @Option(name: "facts", help: "指标事实行数（默认 1000000）") var facts: Int?
        init() {}
    }

    var help: String { "存储基准：保存（含指标事实）与按二级计数的查询" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let saves = signature.saves ?? 300, facts = signature.facts ?? 1_000_000
        let dialect = (db as? any SQLDatabase)?.dialect.name ?? "?"
        print("bench-store on \(dialect), \(System.coreCount) cores")

        // 1. saves
        let existing = try await OrganisationRecord.query(on: db).filter(\.$kind == OrganisationKind.unit.rawValue).first()
        let owner: OrganisationRecord
        if let existing {
            owner = existing
        } else {
            owner = try await Organisations.create(code: "BENCH", name: "基准测试单位", kind: .unit, parent: nil, on: db)
        }
        let user = CurrentUser(
            id: UUID(), username: "bench", name: "基准", role: .filler, organisationID: try owner.requireID(),
            organisationName: owner.name, organisationPath: owner.path, sessionID: UUID(), csrfToken: "")
        var table = GoalTable(kind: .project, year: 2026, unit: owner.name, goal: "基准", project: ProjectInfo(name: "基准项目"))
        table.indicators = (0..<20).map { i in
            Indicator(
                level1: "产出指标", level2: ["数量指标", "质量指标", "时效指标", "成本指标"][i % 4], name: "指标\(i)", type: .atLeast,
                value: "\(90 + i % 10)", unit: "%", scoring: "达到目标值得满分，否则按比例得分", weight: 5)
        }
        let created = try await TableStore.create(table, owner: .init(user), by: user, on: db)
        func time(derived: Bool) async throws -> [Double] {
            var current = try await TableStore.find(created.summary.id, on: db)!
            var out: [Double] = []
            for k in 0..<saves {
                var t = current.table
                t.indicators[k % 20].value = "\(80 + k % 20)"
                let start = ContinuousClock.now
                current = try await TableStore.update(
                    created.summary.id, table: t, expectedVersion: current.summary.version,
                    by: user, derived: derived, on: db)
                out.append(Self.ms(ContinuousClock.now - start))
            }
            return out
        }
        _ = try await time(derived: true) // warm caches and connections
        var with: [Double] = [], without: [Double] = []
        for _ in 0..<3 { // alternate, so that neither gets the quieter minute
            without += try await time(derived: false)
            with += try await time(derived: true)
        }
        let a = Self.median(with), b = Self.median(without)
        print(
            String(
                format: "save, 20 indicators, with facts:     median %.2f ms, p99 %.2f ms (%d saves)", a, Self.p99(with),
                with.count))
        print(
            String(
                format: "save, 20 indicators, without facts:  median %.2f ms, p99 %.2f ms (%d saves)", b, Self.p99(without),
                without.count))
        print(String(format: "  with ÷ without = %.2f (aim ≤ 1.20) %@", a / b, a / b <= 1.2 ? "ok" : "MISSED"))
        try await TableStore.delete(
            created.summary.id, expectedVersion: (try await TableStore.find(created.summary.id, on: db))!.summary.version,
            by: user, on: db)

        // 2. the facts query
        guard let sql = db as? any SQLDatabase else { return }
        let marker = UUID()
        let load = ContinuousClock.now
        let levels = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"]
        let level1s = ["产出指标", "产出指标", "产出指标", "成本指标", "效益指标", "效益指标", "效益指标", "效益指标", "满意度指标"]
        let levelCase = levels.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ")
        let level1Case = level1s.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ")
        let series: String, tableID: String, modulo: (String, Int) -> String
        if dialect == "postgresql" {
            series = "SELECT g AS n FROM generate_series(1, \(facts)) AS g"
            tableID = "'\(marker.uuidString)'::uuid"
            modulo = { "(\($0) % \($1))" }
        } else {
            series = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < \(facts)) SELECT n FROM s"
            tableID = "X'\(marker.uuidString.replacingOccurrences(of: "-", with: ""))'"
            modulo = { "(\($0) % \($1))" }
        }
        try await sql.raw(
            SQLQueryString(
                """
                INSERT INTO indicator_facts (table_id, indicator_id, row_number, org_path, unit, year, kind, status, level1, level2, name, \
                type, target_text, target_value, target_unit, weight) \
                SELECT \(unsafeRaw: tableID), 'bench-' || CAST(n AS TEXT), 1, '/bench/' || CAST(\(unsafeRaw: modulo("n", 2000)) AS TEXT) || '/', \
                '基准单位', 2022 + \(unsafeRaw: modulo("n", 5)), 'project', 'approved', \
                CASE \(unsafeRaw: modulo("n", 9)) \(unsafeRaw: level1Case) END, CASE \(unsafeRaw: modulo("n", 9)) \(unsafeRaw: levelCase) END, \
                '指标' || CAST(\(unsafeRaw: modulo("n", 300)) AS TEXT), '≥', '≥90%', 90, '%', 5 FROM (\(unsafeRaw: series)) AS series
                """)
        ).run()
        try await sql.raw(dialect == "postgresql" ? "VACUUM ANALYZE indicator_facts" : "ANALYZE").run()
        print(
            String(
                format: "loaded %d facts in %.1f s (one INSERT … SELECT from a generated series)", facts,
                Self.ms(ContinuousClock.now - load) / 1000))
        var times: [Double] = []
        var answer: [IndicatorFacts.LevelCount] = []
        for _ in 0..<50 {
            let start = ContinuousClock.now
            answer = try await IndicatorFacts.countByLevel2(year: 2024, on: db)
            times.append(Self.ms(ContinuousClock.now - start))
        }
        let total = answer.reduce(0) { $0 + $1.n }
        print(
            String(
                format:
                    "count by 二级 for 2024 over %d facts (%d in that year, %d groups): median %.1f ms, p99 %.1f ms (aim < 100 ms) %@",
                facts, total, answer.count, Self.median(times), Self.p99(times), Self.p99(times) < 100 ? "ok" : "MISSED"))
        try await sql.raw(SQLQueryString("DELETE FROM indicator_facts WHERE table_id = \(unsafeRaw: tableID)")).run()
    }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    static func p99(_ xs: [Double]) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * 0.99))] }
}
