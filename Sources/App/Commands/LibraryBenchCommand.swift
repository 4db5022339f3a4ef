import Fluent
import Foundation
import GoalCore
import GoalLibrary
import SQLKit
import Vapor

/// `jixiao-server bench-library [--facts N] [--queries N]`: the indicator library's speed on the
/// configured database (issue #19: search and suggestion under 50 ms p99 with 1,000,000 indicators).
///
/// Load: `--facts` approved indicator facts (default 1,000,000) by one `INSERT … SELECT` from PostgreSQL's
/// `generate_series`, bypassing the save path (`bench-store` times saves): 20 indicators a table, 2,000
/// units under `/bench/`, names from the seed tables' indicators (their 二级, type, unit and texts) with
/// one in eight carrying a unit's own wording (`…（17）`, 97 variants): about 7,000 distinct names;
/// targets spread ±20 %; one unit's rows carry actuals (the unit whose suggestions are timed). Then
/// ANALYZE. The rows are removed at the end.
///
/// Timed, as the API does them: building the library of the whole province (once, what a rebuild costs),
/// then `--queries` searches (half of a name, as typed) and suggestions (a whole name, with the unit's own
/// last actual read from the facts), each including the stamp query that says the library is current.
struct LibraryBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "facts", help: "指标事实行数（默认 1000000）") var facts: Int?
        @Option(name: "queries", help: "检索和建议各计时的次数（默认 500）") var queries: Int?
        init() {}
    }

    var help: String { "指标库基准：建库、检索、建议（PostgreSQL）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application, db = app.db
        let facts = signature.facts ?? 1_000_000, queries = signature.queries ?? 500
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            print("bench-library 需要 PostgreSQL：请设置 DATABASE_URL=postgres://…")
            return
        }
        print("bench-library on postgresql, \(System.coreCount) cores")
        let seeds = app.libraryStore.seeds.filter { !$0.name.isEmpty }
        guard !seeds.isEmpty else {
            print("没有示例表（JIXIAO_SEEDS）：需要示例表的指标名称作为基准数据")
            return
        }
        var bases: [LibrarySample] = []
        var seen = Set<String>()
        for s in seeds where seen.insert(LibraryText.key(s.name)).inserted { bases.append(s) }

        let unit = try await Organisations.create(code: "BENCH-LIB", name: "指标库基准单位", kind: .unit, parent: nil, on: db)
        let unitID = try unit.requireID()
        func lit(_ s: String?) -> String { s.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }
        func pick(_ values: [String]) -> String {
            "CASE (n % \(bases.count)) "
                + values.enumerated().map { "WHEN \($0.offset) THEN \($0.element)" }.joined(separator: " ")
                + " END"
        }
        let name = pick(bases.map { lit($0.name) })
        let start = ContinuousClock.now
        try await sql.raw(
            SQLQueryString(
                """
                INSERT INTO indicator_facts (table_id, indicator_id, row_number, organisation_id, org_path, unit, year, kind, \
                status, level1, level2, name, type, target_text, target_value, target_unit, weight, actual_value, explanation, scoring) \
                SELECT md5('bench-library-' || (n / 20))::uuid, 'bench-' || n, 1 + n % 20, \
                CASE WHEN n % 2000 = 7 THEN '\(unsafeRaw: unitID.uuidString)'::uuid END, \
                '/bench/' || (n % 2000) || '/', '基准单位' || (n % 2000), 2022 + n % 5, \
                \(unsafeRaw: pick(bases.map { lit($0.kind?.rawValue ?? "project") })), 'approved', \
                \(unsafeRaw: pick(bases.map { lit($0.level1) })), \(unsafeRaw: pick(bases.map { lit($0.level2) })), \
                \(unsafeRaw: name) || CASE WHEN n % 8 = 0 THEN '（' || (n % 97) || '）' ELSE '' END, \
                \(unsafeRaw: pick(bases.map { lit($0.type.rawValue) })), '', \
                \(unsafeRaw: pick(bases.map { $0.target.map { String($0) } ?? "NULL" })) * (0.8 + (n % 41) / 100.0), \
                \(unsafeRaw: pick(bases.map { lit(LibraryText.unit($0.targetUnit)) })), 5, \
                CASE WHEN n % 2000 = 7 THEN \(unsafeRaw: pick(bases.map { $0.target.map { String($0) } ?? "NULL" })) END, \
                \(unsafeRaw: pick(bases.map { lit($0.explanation) })), \(unsafeRaw: pick(bases.map { lit($0.scoring) })) \
                FROM generate_series(1, \(unsafeRaw: String(facts))) AS n
                """)
        ).run()
        try await sql.raw("VACUUM ANALYZE indicator_facts").run()
        print(
            String(
                format: "loaded %d facts in %.1f s (one INSERT … SELECT from generate_series; %d seed names × variants)", facts,
                StoreBenchCommand.ms(ContinuousClock.now - start) / 1000, bases.count))

        let finance = CurrentUser(
            id: UUID(), username: "bench", name: "基准", role: .financeReviewer, organisationID: unitID, organisationName: "财政",
            organisationPath: "/", sessionID: UUID(), csrfToken: "")
        let filler = CurrentUser(
            id: UUID(), username: "bench-unit", name: "基准", role: .filler, organisationID: unitID, organisationName: unit.name,
            organisationPath: unit.path, sessionID: UUID(), csrfToken: "")
        let store = LibraryStore(seedTables: [], syncLimit: Int.max)
        let buildStart = ContinuousClock.now
        let built = try await store.library(for: finance, on: db)
        print(
            String(
                format:
                    "library of the province built in %.1f s: %d approved indicators → %d entries (rebuilt in the background when an approved table changes)",
                StoreBenchCommand.ms(ContinuousClock.now - buildStart) / 1000, built.facts, built.library.entries.count))

        let names = bases.map(\.name)
        var search: [Double] = [], suggest: [Double] = []
        var found = 0, proposed = 0
        for i in 0..<queries {
            let full = names[(i * 7) % names.count]
            let typed = String(full.prefix(max(2, full.count / 2)))
            let t0 = ContinuousClock.now
            let lib = try await store.library(for: finance, on: db)
            let hits = lib.library.search(LibraryQuery(words: typed, limit: 50))
            search.append(StoreBenchCommand.ms(ContinuousClock.now - t0))
            if !hits.isEmpty { found += 1 }
            let t1 = ContinuousClock.now
            let lib2 = try await store.library(for: finance, on: db)
            let s = try await LibraryController.suggestions(full, kind: .project, limit: 5, in: lib2.library, for: filler, on: db)
            suggest.append(StoreBenchCommand.ms(ContinuousClock.now - t1))
            if s.first?.targetReason.hasPrefix("本单位") == true { proposed += 1 }
        }
        func line(_ what: String, _ xs: [Double]) -> String {
            let p99 = StoreBenchCommand.p99(xs)
            return String(
                format: "%@: median %.2f ms, p99 %.2f ms (%d) — aim < 50 ms %@", what, StoreBenchCommand.median(xs), p99,
                xs.count,
                p99 < 50 ? "ok" : "MISSED")
        }
        print(line("search (half a name, 50 entries)", search) + "; \(found) found something")
        print(
            line("suggest (whole name, 5 entries, unit's own actual)", suggest)
                + "; \(proposed) proposed from the unit's own actual")

        try await sql.raw("DELETE FROM indicator_facts WHERE org_path LIKE '/bench/%'").run()
        try await unit.delete(force: true, on: db)
    }
}
