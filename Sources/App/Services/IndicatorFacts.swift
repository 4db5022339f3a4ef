import Fluent
import Foundation
import GoalCore
import GoalLibrary
import GoalScoring
import SQLKit
import Vapor

/// `indicator_facts`: one row per indicator of every live table, written in the transaction of each
/// save, for the questions finance asks across tables and units. The document stays the truth; these
/// rows are derived from it and can always be written again (`CreatePhasesAndFacts.backfill`).
enum IndicatorFacts {
    /// One row, as stored.
    struct Row: Equatable, Sendable {
        var indicatorID: String
        var values: [SQLValue]

        static let columns = [
            "table_id", "indicator_id", "row_number", "organisation_id", "org_path", "unit", "year", "kind", "status",
            "level1", "level2", "name", "type", "target_text", "target_value", "target_unit", "weight", "actual",
            "actual_value", "score", "explanation", "scoring", "standard",
        ]
        /// The columns before the indicator library (issue #19) added its three: what `CreatePhasesAndFacts`
        /// may write when it runs on an older database, before `CreateIndicatorLibrary` adds them.
        static let columnsBeforeLibrary = 20
    }

    /// A column value, comparable so that an unchanged row is not written again.
    enum SQLValue: Equatable, Sendable, Encodable {
        case text(String?), number(Double?), integer(Int?), uuid(UUID?)
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let v): try c.encode(v)
            case .number(let v): try c.encode(v)
            case .integer(let v): try c.encode(v)
            case .uuid(let v): try c.encode(v)
            }
        }
    }

    /// The rows of a table as the record and the table are now.
    static func rows(_ r: GoalTableRecord, table t: GoalTable, score s: TableScore) throws -> [Row] {
        let id = try r.requireID()
        let scores = Dictionary(s.indicators.map { ($0.index, $0.score) }, uniquingKeysWith: { a, _ in a })
        return zip(t.indicators, t.evaluationsByRow).enumerated().map { i, row in
            let (ind, values) = row
            let target = ind.target
            let actualNumber = values.actual.flatMap { Target.parse(type: ind.type.rawValue, value: $0, unit: ind.unit).number }
            let key = ind.id ?? "row-\(i + 1)"
            return Row(
                indicatorID: key,
                values: [
                    .uuid(id), .text(key), .integer(i + 1), .uuid(r.organisationID), .text(r.orgPath), .text(r.unit),
                    .integer(r.year),
                    .text(r.kind), .text(r.status), .text(ind.level1), .text(ind.level2), .text(ind.name),
                    .text(ind.type.rawValue),
                    .text(TableDiff.targetText(ind)), .number(target.number), .text(target.unit), .number(ind.weight),
                    .text(values.actual),
                    .number(actualNumber), .number(scores[i] ?? nil), .text(ind.explanation), .text(ind.scoring),
                    .text(ValueStandard.find(in: ind.basis)?.rawValue),
                ])
        }
    }

    /// Replaces the table's rows with its indicators as they are now.
    static func write(
        _ r: GoalTableRecord, table: GoalTable? = nil, score: TableScore? = nil, beforeLibrary: Bool = false, on db: any Database
    ) async throws {
        let sql = try TablePhases.sql(db)
        let id = try r.requireID()
        try await sql.raw("DELETE FROM indicator_facts WHERE table_id = \(bind: id)").run()
        let t = try table ?? TableDetailDTO(r).table
        try await insert(
            try rows(r, table: t, score: score ?? Analysis.scores([t])[0]), on: sql,
            columns: beforeLibrary ? Row.columnsBeforeLibrary : Row.columns.count)
    }

    /// Writes only what changed between `old` and `new` rows of one table: a save that edits one
    /// indicator writes one row, not twenty (the save's cost stays near the save without facts).
    static func apply(table id: UUID, old: [Row], new: [Row], on db: any Database) async throws {
        let sql = try TablePhases.sql(db)
        let before = Dictionary(old.map { ($0.indicatorID, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = Set(new.map(\.indicatorID))
        for gone in old where !kept.contains(gone.indicatorID) {
            try await sql.raw(
                "DELETE FROM indicator_facts WHERE table_id = \(bind: id) AND indicator_id = \(bind: gone.indicatorID)"
            ).run()
        }
        var fresh: [Row] = []
        for row in new {
            guard let was = before[row.indicatorID] else { fresh.append(row); continue }
            guard was != row else { continue }
            var update = sql.update("indicator_facts")
            for (k, column) in Row.columns.enumerated().dropFirst(2) where was.values[k] != row.values[k] {
                update = update.set(SQLIdentifier(column), to: SQLBind(row.values[k]))
            }
            try await update.where("table_id", .equal, SQLBind(id)).where("indicator_id", .equal, SQLBind(row.indicatorID)).run()
        }
        try await insert(fresh, on: sql)
    }

    /// The facts of new tables (nothing to replace), in as few statements as the binds allow.
    static func insertNew(_ tables: [(GoalTableRecord, GoalTable, TableScore)], on db: any Database) async throws {
        try await insert(tables.flatMap { try rows($0, table: $1, score: $2) }, on: TablePhases.sql(db))
    }

    /// Rows per statement: at 23 binds a row, a table of 3,000 indicators in one statement would pass
    /// PostgreSQL's limit of 65,535 binds (its protocol counts them in 16 bits); the SQLite built here
    /// takes 250,000 (sqlite-nio's SQLITE_MAX_VARIABLE_NUMBER). 1,000 rows keep under both.
    private static let rowsPerInsert = 1_000

    private static func insert(_ rows: [Row], on sql: any SQLDatabase, columns: Int = Row.columns.count) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerInsert) {
            var insert = sql.insert(into: "indicator_facts").columns(Array(Row.columns.prefix(columns)))
            for row in rows[start..<min(start + rowsPerInsert, rows.count)] {
                insert = insert.values(row.values.prefix(columns).map { SQLBind($0) })
            }
            try await insert.run()
        }
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

    /// Served by the index (year, level1, level2) alone for the whole province; a subtree adds the
    /// `org_path` prefix (its own index, org_path, year).
    static func countByLevel2(year: Int, under path: String = "/", on db: any Database) async throws -> [LevelCount] {
        let sql = try TablePhases.sql(db)
        if path == "/" {
            return try await sql.raw(
                """
                SELECT level1, level2, COUNT(*) AS n FROM indicator_facts WHERE year = \(bind: year) \
                GROUP BY level1, level2 ORDER BY level1, level2
                """
            ).all(decoding: LevelCount.self)
        }
        return try await sql.raw(
            """
            SELECT level1, level2, COUNT(*) AS n FROM indicator_facts \
            WHERE year = \(bind: year) AND org_path LIKE \(bind: path + "%") GROUP BY level1, level2 ORDER BY level1, level2
            """
        ).all(decoding: LevelCount.self)
    }
}
