import Fluent
import Foundation
import GoalCore
import GoalLibrary
import GoalWorkflow
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The indicator library (指标库) as an account sees it: built from the approved indicators of the tables it
/// may see (`indicator_facts`, status 已批复, its `Access.scope`), the seed tables' indicators and the common
/// indicators of the forms, with finance's marks and own entries (`library_overrides`).
///
/// Built in memory, one library per scope, and kept while it is current: each request reads one stamp
/// (the last change to an approved table and to the marks, both index probes) and rebuilds when it moved.
/// A scope of fewer than `syncLimit` indicators is rebuilt before answering; a larger one answers from the
/// library it has while one rebuild runs in the background, so a province's 1,000,000 indicators never
/// hold a request up (the benchmark times both: `jixiao-server bench-library`).
final class LibraryStore: Sendable {
    struct Built: Sendable {
        let library: IndicatorLibrary
        let sketches: [TableSketch]
        let stamp: String
        let facts: Int
        let seconds: Double
    }

    private struct State {
        var built: [String: Built] = [:]
        var rebuilding: Set<String> = []
    }

    private let state = NIOLockedValueBox(State())
    /// The seed tables' indicators (共性指标 of the social-insurance tables), read once at start.
    let seeds: [LibrarySample]
    let syncLimit: Int

    init(seedTables: [GoalTable], syncLimit: Int = 50_000) {
        seeds = seedTables.enumerated().flatMap { i, t in LibrarySample.of(t, tableID: "seed-\(i + 1)") }
        self.syncLimit = syncLimit
    }

    static func key(_ scope: Access.Scope) -> String {
        switch scope {
        case .all: "*"
        case .organisation(let id): "org:" + id.uuidString
        case .subtree(let path): "path:" + path
        }
    }

    /// The library for the account's scope, current as of this request (or being rebuilt, see above).
    func library(for user: CurrentUser, on db: any Database) async throws -> Built {
        try await library(for: Access.scope(of: user), on: db)
    }

    func library(for scope: Access.Scope, on db: any Database) async throws -> Built {
        let key = Self.key(scope)
        let stamp = try await Self.stamp(on: db)
        let (have, start) = state.withLockedValue { s -> (Built?, Bool) in
            let b = s.built[key]
            guard let b, b.stamp != stamp, b.facts >= syncLimit, !s.rebuilding.contains(key) else { return (b, false) }
            s.rebuilding.insert(key)
            return (b, true)
        }
        if let have, have.stamp == stamp { return have }
        if let have, have.facts >= syncLimit {
            if start {
                Task.detached { [self] in
                    let fresh = try? await self.build(scope, stamp: stamp, on: db)
                    self.state.withLockedValue { s in
                        if let fresh { s.built[key] = fresh }
                        s.rebuilding.remove(key)
                    }
                }
            }
            return have
        }
        let fresh = try await build(scope, stamp: stamp, on: db)
        state.withLockedValue { $0.built[key] = fresh }
        return fresh
    }

    /// Forgets every built library (after finance changed a mark: its next request sees it).
    func invalidate() { state.withLockedValue { $0.built.removeAll() } }

    /// The last change to an approved table and to the marks.
    static func stamp(on db: any Database) async throws -> String {
        struct Row: Decodable { var t: Date?; var o: Date?; var n: Int }
        let sql = try TablePhases.sql(db)
        let r = try await sql.raw(
            """
            SELECT (SELECT MAX(updated_at) FROM goal_tables WHERE status = \(bind: TableStatus.approved.rawValue)) AS t, \
            (SELECT MAX(updated_at) FROM library_overrides) AS o, (SELECT COUNT(*) FROM library_overrides) AS n
            """
        ).first(decoding: Row.self)
        return "\(r?.t?.timeIntervalSince1970 ?? 0)|\(r?.o?.timeIntervalSince1970 ?? 0)|\(r?.n ?? 0)"
    }

    private struct FactRow: Decodable {
        var table_id: UUID
        var unit: String
        var year: Int?
        var kind: String
        var level1: String
        var level2: String
        var name: String
        var type: String
        var target_value: Double?
        var target_unit: String?
        var actual_value: Double?
        var explanation: String?
        var scoring: String?
        var standard: String?
    }

    private struct TableRow: Decodable {
        var id: UUID
        var kind: String
        var name: String
        var unit: String
    }

    static func scopeFilter(_ scope: Access.Scope, prefix: String = "") -> SQLQueryString {
        switch scope {
        case .all: return ""
        case .organisation(let id): return " AND \(unsafeRaw: prefix)organisation_id = \(bind: id)"
        case .subtree(let path): return " AND \(unsafeRaw: prefix)org_path LIKE \(bind: path + "%")"
        }
    }

    func build(_ scope: Access.Scope, stamp: String, on db: any Database) async throws -> Built {
        let started = Date()
        let sql = try TablePhases.sql(db)
        let approved = TableStatus.approved.rawValue
        let facts = try await sql.raw(
            """
            SELECT table_id, unit, year, kind, level1, level2, name, type, target_value, target_unit, actual_value, \
            explanation, scoring, standard FROM indicator_facts WHERE status = \(bind: approved)\(Self.scopeFilter(scope))
            """
        ).all(decoding: FactRow.self)
        var samples: [LibrarySample] = []
        samples.reserveCapacity(facts.count)
        var keysByTable: [UUID: [String]] = [:]
        for f in facts {
            samples.append(
                LibrarySample(
                    tableID: f.table_id.uuidString, unit: f.unit, year: f.year, kind: TableKind(rawValue: f.kind),
                    level1: f.level1, level2: f.level2, name: f.name, type: Comparison(rawValue: f.type) ?? .qualitative,
                    target: f.target_value, targetUnit: f.target_unit, actual: f.actual_value, explanation: f.explanation,
                    scoring: f.scoring, standard: f.standard.flatMap(ValueStandard.init(rawValue:))))
            keysByTable[f.table_id, default: []].append(LibraryText.key(f.name))
        }
        let tables = try await sql.raw(
            """
            SELECT id, kind, name, unit FROM goal_tables WHERE status = \(bind: approved) AND deleted_at IS NULL\
            \(Self.scopeFilter(scope))
            """
        ).all(decoding: TableRow.self)
        let sketches = tables.map {
            TableSketch(
                tableID: $0.id.uuidString, kind: TableKind(rawValue: $0.kind), name: $0.name, unit: $0.unit,
                keys: keysByTable[$0.id] ?? [])
        }
        let entries = LibraryBuilder.build(samples: samples, builtIn: seeds, overrides: try await Self.overrides(on: db))
        return Built(
            library: IndicatorLibrary(entries: entries), sketches: sketches, stamp: stamp, facts: facts.count,
            seconds: Date().timeIntervalSince(started))
    }

    // MARK: finance's marks and entries

    private struct OverrideRow: Decodable {
        var entry_key: String
        var mark: String?
        var standard: String?
        var entry: String?
    }

    /// Finance's rows, all of them or those of `keys`.
    static func overrides(keys: [String]? = nil, on db: any Database) async throws -> [LibraryOverride] {
        let only: SQLQueryString = keys.map { " WHERE entry_key IN (\(binds: $0))" } ?? ""
        let rows = try await TablePhases.sql(db).raw(
            "SELECT entry_key, mark, standard, entry FROM library_overrides\(only) ORDER BY entry_key"
        )
        .all(decoding: OverrideRow.self)
        return rows.map { r in
            LibraryOverride(
                key: r.entry_key, mark: r.mark.flatMap(LibraryMark.init(rawValue:)),
                standard: r.standard.flatMap(ValueStandard.init(rawValue:)),
                entry: r.entry.flatMap { try? JSONDecoder().decode(LibraryEntry.self, from: Data($0.utf8)) })
        }
    }

    /// What finance did to the library: the audit trail's action and its label.
    enum Change: String {
        case mark = "library-mark"
        case entry = "library-entry"
        case importFile = "library-import"

        var label: String {
            switch self {
            case .mark: return "标记指标库条目"
            case .entry: return "添加指标库条目"
            case .importFile: return "导入指标库"
            }
        }
    }

    /// Writes finance's changes to entries: a mark, a standard, or an entry of its own (nil fields keep
    /// what was there unless `replace`). One row per key. All of them and one audit event in one
    /// transaction: an import of five hundred rows is saved whole or not at all.
    static func save(
        _ changes: [LibraryOverride], _ change: Change, by user: CurrentUser, replace: Bool = false, on db: any Database
    ) async throws {
        guard !changes.isEmpty else { return }
        try await WriteTransaction.write(on: db) { tx in
            let sql = try TablePhases.sql(tx)
            // what a partial change keeps: the rows of these keys, read once (a replacement needs none)
            var existing: [String: LibraryOverride] = [:]
            if !replace {
                for o in try await overrides(keys: Array(Set(changes.map(\.key))), on: tx) { existing[o.key] = o }
            }
            for o in changes {
                var merged = o
                if let old = existing[o.key] {
                    if o.entry == nil { merged.entry = old.entry }
                    if o.standard == nil { merged.standard = old.standard }
                }
                let entryJSON = try merged.entry.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
                try await sql.raw("DELETE FROM library_overrides WHERE entry_key = \(bind: o.key)").run()
                try await sql.raw(
                    """
                    INSERT INTO library_overrides (entry_key, mark, standard, entry, updated_by, updated_at) VALUES \
                    (\(bind: o.key), \(bind: merged.mark?.rawValue), \(bind: merged.standard?.rawValue), \(bind: entryJSON), \
                    \(bind: user.username), \(bind: Date()))
                    """
                ).run()
            }
            try await AuditLog.append(
                change.rawValue, by: user, subject: change == .importFile || changes.count > 1 ? "指标库" : changes[0].key,
                comment: auditComment(changes, change), on: tx)
        }
    }

    /// `“培训人数”：推荐，值标准：历史标准`; an import names how many rows and the first few.
    static func auditComment(_ changes: [LibraryOverride], _ change: Change) -> String {
        // a mark left empty is taken away (标记); an entry written without one simply has none
        func one(_ o: LibraryOverride) -> String {
            let mark = o.mark?.rawValue ?? (change == .mark ? "取消标记" : nil)
            let what = [mark, o.standard.map { "值标准：\($0.rawValue)" }].compactMap { $0 }
            return "“\(o.key.prefix(40))”" + (what.isEmpty ? "" : "：" + what.joined(separator: "，"))
        }
        switch change {
        case .mark: return changes.map(one).joined(separator: "；")
        case .entry: return "添加或修改指标：" + changes.map(one).joined(separator: "；")
        case .importFile:
            let shown = changes.prefix(3).map { "“\($0.key.prefix(40))”" }.joined(separator: "、")
            return "导入 \(changes.count) 条：\(shown)\(changes.count > 3 ? "等" : "")"
        }
    }

    /// Who may mark, add and import: 绩效股 and 财政 reviewers.
    static func requireFinance(_ user: CurrentUser, to what: String) throws {
        guard user.role == .performanceReviewer || user.role == .financeReviewer else {
            throw Abort(.forbidden, reason: "您的角色“\(user.role.label)”不能\(what)（只有绩效股审核、财政审核可以）")
        }
    }

    // MARK: the unit's own figures

    private struct OwnRow: Decodable {
        var name: String
        var year: Int?
        var actual_value: Double
        var target_unit: String?
    }

    /// What the account's unit reached last time under each of these names (by key), from its own tables.
    static func ownHistory(_ user: CurrentUser, names: [String], on db: any Database) async throws -> [String: OwnHistory] {
        guard user.role.isUnitRole, !names.isEmpty else { return [:] }
        let org = user.organisationID
        let sql = try TablePhases.sql(db)
        // one query for all the names; the newest year with an actual of each name wins
        let list = SQLList(Array(Set(names)).map { SQLBind($0) })
        let rows = try await sql.raw(
            """
            SELECT name, year, actual_value, target_unit FROM indicator_facts WHERE organisation_id = \(bind: org) \
            AND name IN (\(list)) AND actual_value IS NOT NULL
            """
        ).all(decoding: OwnRow.self)
        var out: [String: OwnHistory] = [:]
        for row in rows {
            let key = LibraryText.key(row.name)
            if let have = out[key], (have.year ?? 0) >= (row.year ?? 0) { continue }
            out[key] = OwnHistory(year: row.year, actual: row.actual_value, unit: row.target_unit)
        }
        return out
    }
}

struct LibraryStoreKey: StorageKey { typealias Value = LibraryStore }

extension Application {
    /// Set up in `configure` (the seed tables are read once there).
    var libraryStore: LibraryStore {
        guard let s = storage[LibraryStoreKey.self] else { fatalError("LibraryStore is set up in configure") }
        return s
    }
}
