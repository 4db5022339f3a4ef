import Fluent
import Foundation
import GoalCore
import GoalScoring
import SQLKit
import Vapor

/// `indicator_facts`: one row per indicator of every live table, written in the transaction of each
/// save, for the questions finance asks across tables and units. The document stays the truth; these
/// rows are derived from it and can always be written again (`CreatePhasesAndFacts.backfill`).
enum IndicatorFacts {
    /// Replaces the table's rows with its indicators as they are now.
    static func write(_ r: GoalTableRecord, table: GoalTable? = nil, score: TableScore? = nil, on db: any Database) async throws {
        let sql = try TablePhases.sql(db)
        let id = try r.requireID()
        try await sql.raw("DELETE FROM indicator_facts WHERE table_id = \(bind: id)").run()
        let t = try table ?? TableDetailDTO(r).table
        guard !t.indicators.isEmpty else { return }
        let s = score ?? Analysis.scores([t])[0]
        let scores = Dictionary(s.indicators.map { ($0.index, $0.score) }, uniquingKeysWith: { a, _ in a })
        let columns = ["table_id", "indicator_id", "row_number", "organisation_id", "org_path", "unit", "year", "kind", "status",
                       "level1", "level2", "name", "type", "target_text", "target_value", "target_unit", "weight", "actual",
                       "actual_value", "score"]
        var insert = sql.insert(into: "indicator_facts").columns(columns)
        for (i, ind) in t.indicators.enumerated() {
            let target = ind.target
            let actualNumber = ind.actual.flatMap { Target.parse(type: ind.type.rawValue, value: $0, unit: ind.unit).number }
            let values: [any Encodable & Sendable] = [
                id, ind.id ?? "row-\(i + 1)", i + 1, r.organisationID, r.orgPath, r.unit, r.year, r.kind, r.status,
                ind.level1, ind.level2, ind.name, ind.type.rawValue, TableDiff.targetText(ind), target.number,
                target.unit, ind.weight, ind.actual, actualNumber, scores[i] ?? nil,
            ]
            insert = insert.values(values.map { SQLBind($0) })
        }
        try await insert.run()
    }

    static func remove(_ table: UUID, on db: any Database) async throws {
        try await TablePhases.sql(db).raw("DELETE FROM indicator_facts WHERE table_id = \(bind: table)").run()
    }

    static func count(on db: any Database) async throws -> Int {
        struct N: Decodable { var n: Int }
        return try await TablePhases.sql(db).raw("SELECT COUNT(*) AS n FROM indicator_facts").first(decoding: N.self)?.n ?? 0
    }

    /// "How many indicators of a year under each 二级": the question the benchmark times.
    struct LevelCount: Decodable, Equatable, Sendable { var level1: String; var level2: String; var n: Int }

    static func countByLevel2(year: Int, under path: String = "/", on db: any Database) async throws -> [LevelCount] {
        try await TablePhases.sql(db).raw("""
            SELECT level1, level2, COUNT(*) AS n FROM indicator_facts \
            WHERE year = \(bind: year) AND org_path LIKE \(bind: path + "%") GROUP BY level1, level2 ORDER BY level1, level2
            """).all(decoding: LevelCount.self)
    }
}
