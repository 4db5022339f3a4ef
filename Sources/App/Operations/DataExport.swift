import CSVKit
import Fluent
import Foundation
import GoalCore
import SQLKit

/// Everything a bureau owns, out of the database into plain files, and back into an empty database of
/// either kind (`jixiao-server export` / `import`): a move from SQLite to PostgreSQL is these two commands.
///
/// The folder:
/// - `manifest.json`: format, time, the migrations of the release that wrote it, row counts;
/// - `tables/<id>.json`: every goal table row (superseded versions and deleted tables too) as interchange JSON;
/// - `goal_tables.json`: each row's other columns (state, version, owner, dates…), naming its file;
/// - `table_phases.json`: the workflow state and version of each phase;
/// - `monitoring_rounds.json`, `monitoring_entries.json`: 运行监控 rounds and entries, as stored;
/// - `evidence_files.json` (each file's row without its bytes) and `evidence/<id>`, the bytes as uploaded;
///   `report_drafts.json`, `spot_checks.json`, `spot_check_items.json` (issue #21);
/// - `audit.csv` (for people: the trail as the 审计记录 download writes it) and `audit_events.json` (every
///   column, snapshots included, for `import`);
/// - `organisations.json`/`.csv`, `accounts.json`/`.csv`: without password hashes, so an imported account
///   cannot sign in until an administrator sets its password, unless the export was made with
///   `--with-password-hashes` (the hashes then go to `accounts.json` only — keep that folder like the database).
/// Sessions, sign-in throttling and import drafts are short-lived and not exported; indicator facts are
/// rebuilt from the tables on import, as the upgrade migration does.
enum DataExport {
    static let format = "jixiao-export"
    static let formatVersion = 1

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    struct Manifest: Codable, Equatable {
        var format: String
        var formatVersion: Int
        var exportedAt: Date
        var migrations: [String]
        var passwordHashes: Bool
        var counts: [String: Int]
    }

    /// One row of `table_phases`.
    struct PhaseRow: Codable, Equatable {
        var tableID: UUID
        var phase: String
        var period: Int
        var state: String
        var version: Int
        var updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case tableID = "table_id", phase, period, state, version, updatedAt = "updated_at"
        }
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // full precision, so dates come back equal after import
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }

    @discardableResult
    static func export(_ db: any Database, to dir: URL, withPasswordHashes: Bool = false) async throws -> Manifest {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.path), let items = try? fm.contentsOfDirectory(atPath: dir.path), !items.isEmpty {
            throw Failure("导出目录“\(dir.path)”不是空的：请指定新目录，不会覆盖已有文件")
        }
        try fm.createDirectory(at: dir.appendingPathComponent("tables"), withIntermediateDirectories: true)
        let e = encoder
        var counts: [String: Int] = [:]

        // every goal table row: the table itself as interchange JSON, the row's columns beside it
        let records = try await GoalTableRecord.query(on: db).withDeleted().sort(\.$id).all()
        for r in records {
            let id = try r.requireID()
            let table = try JSONDecoder().decode(GoalTable.self, from: Data(r.document.utf8))
            try GoalDocument(tables: [table]).encoded().write(to: dir.appendingPathComponent("tables/\(id.uuidString).json"))
            r.document = "tables/\(id.uuidString).json"
        }
        try e.encode(records).write(to: dir.appendingPathComponent("goal_tables.json"))
        counts["goal_tables"] = records.count

        let phases = try await sql(db).raw(
            "SELECT table_id, phase, period, state, version, updated_at FROM table_phases ORDER BY table_id, phase, period"
        )
        .all(decoding: PhaseRow.self)
        try e.encode(phases).write(to: dir.appendingPathComponent("table_phases.json"))
        counts["table_phases"] = phases.count

        let events = try await AuditEventRecord.query(on: db).sort(\.$at).sort(\.$id).all()
        try e.encode(events).write(to: dir.appendingPathComponent("audit_events.json"))
        try Data(CSVWriter.document(AuditLog.csvRecords(events, withSubject: true)).utf8)
            .write(to: dir.appendingPathComponent("audit.csv"))
        counts["audit_events"] = events.count

        // 运行监控: the rounds and every entry with what the unit entered
        let rounds = try await MonitoringRoundRecord.query(on: db).sort(\.$createdAt).sort(\.$id).all()
        try e.encode(rounds).write(to: dir.appendingPathComponent("monitoring_rounds.json"))
        counts["monitoring_rounds"] = rounds.count
        let entries = try await MonitoringEntryRecord.query(on: db).sort(\.$roundID).sort(\.$id).all()
        try e.encode(entries).write(to: dir.appendingPathComponent("monitoring_entries.json"))
        counts["monitoring_entries"] = entries.count

        // 佐证材料: the rows without their bytes, each file beside them, read one at a time (they may be large)
        let evidenceIDs = try await EvidenceRecord.query(on: db).sort(\.$uploadedAt).sort(\.$id).field(\.$id).all().compactMap(
            \.id)
        var evidence: [EvidenceRecord] = []
        if !evidenceIDs.isEmpty {
            try fm.createDirectory(at: dir.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        }
        for id in evidenceIDs {
            guard let r = try await EvidenceRecord.find(id, on: db) else { continue }
            try r.content.write(to: dir.appendingPathComponent("evidence/\(id.uuidString)"))
            r.content = Data()
            evidence.append(r)
        }
        try e.encode(evidence).write(to: dir.appendingPathComponent("evidence_files.json"))
        counts["evidence_files"] = evidence.count
        let drafts = try await ReportDraftRecord.query(on: db).sort(\.$id).all()
        try e.encode(drafts).write(to: dir.appendingPathComponent("report_drafts.json"))
        counts["report_drafts"] = drafts.count
        let checks = try await SpotCheckRecord.query(on: db).sort(\.$drawnAt).sort(\.$id).all()
        try e.encode(checks).write(to: dir.appendingPathComponent("spot_checks.json"))
        counts["spot_checks"] = checks.count
        let items = try await SpotCheckItemRecord.query(on: db).sort(\.$spotCheckID).sort(\.$position).all()
        try e.encode(items).write(to: dir.appendingPathComponent("spot_check_items.json"))
        counts["spot_check_items"] = items.count

        let orgs = try await OrganisationRecord.query(on: db).sort(\.$path).all()
        try e.encode(orgs).write(to: dir.appendingPathComponent("organisations.json"))
        let byID = Dictionary(orgs.compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let orgRows =
            [["编码", "名称", "类型", "上级编码", "id", "上级 id"]]
            + orgs.map { o in
                let parent = o.parentID.flatMap { byID[$0] }
                return [
                    o.code ?? "", o.name, OrganisationKind(rawValue: o.kind)?.label ?? o.kind, parent?.code ?? parent?.name ?? "",
                    o.id?.uuidString ?? "", o.parentID?.uuidString ?? "",
                ]
            }
        try Data(CSVWriter.document(orgRows).utf8).write(to: dir.appendingPathComponent("organisations.csv"))
        counts["organisations"] = orgs.count

        let accounts = try await AccountRecord.query(on: db).sort(\.$username).all()
        if !withPasswordHashes { for a in accounts { a.passwordHash = "" } }
        try e.encode(accounts).write(to: dir.appendingPathComponent("accounts.json"))
        let accountRows =
            [["用户名", "姓名", "角色", "机构", "启用", "id"]]
            + accounts.map { a in
                [
                    a.username, a.displayName, a.role, byID[a.organisationID]?.name ?? "", a.active ? "是" : "否",
                    a.id?.uuidString ?? "",
                ]
            }
        try Data(CSVWriter.document(accountRows).utf8).write(to: dir.appendingPathComponent("accounts.csv"))
        counts["accounts"] = accounts.count

        let ran = try await MigrationLog.query(on: db).sort(\.$batch).all().map(\.name)
        let manifest = Manifest(
            format: format, formatVersion: formatVersion, exportedAt: Date(), migrations: ran,
            passwordHashes: withPasswordHashes, counts: counts)
        try e.encode(manifest).write(to: dir.appendingPathComponent("manifest.json"))
        return manifest
    }

    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let s = db as? any SQLDatabase else { throw Failure("数据库不支持 SQL") }
        return s
    }
}
