import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import SQLKit
import Vapor

/// Reads a folder written by `DataExport` into an empty database, in one transaction: all of it or none.
enum DataImport {
    typealias Failure = DataExport.Failure

    /// Accounts exported without their hash get the hash of a random secret nobody was told: a valid bcrypt
    /// hash (sign-in answers "wrong password", not an error) that no typed password matches.
    static func unknowablePasswordHash() throws -> String {
        let secret = (0..<4).map { _ in UUID().uuidString }.joined()
        return try Bcrypt.hash(secret, cost: 10)
    }

    static func run(_ db: any Database, from dir: URL) async throws -> DataExport.Manifest {
        let d = DataExport.decoder
        func read<T: Decodable>(_ name: String, as: T.Type) throws -> T {
            let url = dir.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure("导入目录中缺少“\(name)”") }
            do { return try d.decode(T.self, from: data) } catch { throw Failure("“\(name)”无法读取：\(error)") }
        }
        let manifest = try read("manifest.json", as: DataExport.Manifest.self)
        guard manifest.format == DataExport.format, manifest.formatVersion <= DataExport.formatVersion else {
            throw Failure("“\(dir.path)”不是本系统 export 命令导出的目录（或来自更新的版本）")
        }
        let unknown = Set(manifest.migrations).subtracting(JixiaoMigrations.all.map(\.name))
        guard unknown.isEmpty else { throw Failure("导出来自更新的版本（含本版本没有的迁移：\(unknown.sorted().joined(separator: "、"))），请先升级本系统") }

        let orgs = try read("organisations.json", as: [OrganisationRecord].self)
        let accounts = try read("accounts.json", as: [AccountRecord].self)
        let tables = try read("goal_tables.json", as: [GoalTableRecord].self)
        let phases = try read("table_phases.json", as: [DataExport.PhaseRow].self)
        let events = try read("audit_events.json", as: [AuditEventRecord].self)
        // 运行监控 (exports made before it have none)
        func optional<T: Decodable>(_ name: String, as type: [T].Type) throws -> [T] {
            FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) ? try read(name, as: type) : []
        }
        let rounds = try optional("monitoring_rounds.json", as: [MonitoringRoundRecord].self)
        let entries = try optional("monitoring_entries.json", as: [MonitoringEntryRecord].self)
        // issue #21 (exports made before it have none): each file's bytes checked against its recorded SHA-256
        let evidence = try optional("evidence_files.json", as: [EvidenceRecord].self)
        for r in evidence {
            let id = try r.requireID()
            guard let bytes = FileManager.default.contents(atPath: dir.appendingPathComponent("evidence/\(id.uuidString)").path)
            else {
                throw Failure("导入目录中缺少佐证材料“evidence/\(id.uuidString)”（\(r.fileName)）")
            }
            guard SHA256.hash(data: bytes).map({ String(format: "%02x", $0) }).joined() == r.sha256 else {
                throw Failure("佐证材料“evidence/\(id.uuidString)”（\(r.fileName)）与导出时的校验值不符，文件可能已损坏")
            }
            r.content = bytes
        }
        let drafts = try optional("report_drafts.json", as: [ReportDraftRecord].self)
        let checks = try optional("spot_checks.json", as: [SpotCheckRecord].self)
        let checkItems = try optional("spot_check_items.json", as: [SpotCheckItemRecord].self)
        // the stored document of each row from its interchange file, checked before anything is written
        var read: [UUID: String] = [:]
        for r in tables {
            let id = try r.requireID()
            let url = dir.appendingPathComponent("tables/\(id.uuidString).json")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw Failure("导入目录中缺少“tables/\(id.uuidString).json”")
            }
            let doc: GoalDocument
            do { doc = try GoalDocument.decode(data) } catch {
                throw Failure("“tables/\(id.uuidString).json”无法读取：\(error.description)")
            }
            guard doc.tables.count == 1 else { throw Failure("“tables/\(id.uuidString).json”应只含一张表") }
            read[id] = StoredJSON.encode(doc.tables[0])
        }
        let documents = read
        let noPassword = try unknowablePasswordHash()

        try await WriteTransaction.write(on: db) { tx in
            let existing =
                try await GoalTableRecord.query(on: tx).withDeleted().count()
                + (try await AccountRecord.query(on: tx).count()) + (try await OrganisationRecord.query(on: tx).count())
            guard existing == 0 else {
                throw Failure("目标数据库不是空的（已有机构、账号或目标表）：导入只写入空数据库。新建数据库后再导入（SQLite 设 JIXIAO_SQLITE 指向新文件）")
            }
            let sql = try DataExport.sql(tx)
            // parents before children: a child's path extends its parent's
            for o in orgs.sorted(by: { $0.path.count < $1.path.count }) {
                let created = o.createdAt
                try await o.create(on: tx)
                try await restoreDates(sql, "organisations", o.id, ["created_at": created])
            }
            for a in accounts {
                let dates = ["created_at": a.createdAt, "updated_at": a.updatedAt]
                if a.passwordHash.isEmpty { a.passwordHash = noPassword }
                try await a.create(on: tx)
                try await restoreDates(sql, "accounts", a.id, dates)
            }
            // an adjustment after the table it adjusts
            let allIDs = Set(tables.compactMap(\.id))
            var pending = tables, done = Set<UUID>()
            while !pending.isEmpty {
                let ready = pending.filter { r in
                    guard let adjusts = r.adjustsID else { return true }
                    return done.contains(adjusts) || !allIDs.contains(adjusts)
                }
                let batch = ready.isEmpty ? pending : ready
                for r in batch {
                    let id = try r.requireID()
                    let dates = ["created_at": r.createdAt, "updated_at": r.updatedAt, "deleted_at": r.deletedAt]
                    r.document = documents[id] ?? "{}"
                    try await r.create(on: tx)
                    try await restoreDates(sql, "goal_tables", id, dates)
                    done.insert(id)
                }
                let ids = Set(batch.compactMap(\.id))
                pending.removeAll { $0.id.map(ids.contains) ?? true }
            }
            for p in phases {
                try await sql.insert(into: "table_phases")
                    .columns("table_id", "phase", "period", "state", "version", "updated_at")
                    .values(
                        SQLBind(p.tableID), SQLBind(p.phase), SQLBind(p.period), SQLBind(p.state), SQLBind(p.version),
                        SQLBind(p.updatedAt)
                    )
                    .run()
            }
            for r in rounds {
                let created = r.createdAt
                try await r.create(on: tx)
                try await restoreDates(sql, "monitoring_rounds", r.id, ["created_at": created])
            }
            for m in entries {
                let updated = m.updatedAt
                m.enter(m.entered) // an export made before `execution_rate` has none: read it from what was entered
                try await m.create(on: tx)
                try await restoreDates(sql, "monitoring_entries", m.id, ["updated_at": updated])
            }
            for e in events { try await e.create(on: tx) }
            for r in evidence { try await r.create(on: tx) }
            for r in drafts { try await r.create(on: tx) }
            for r in checks { try await r.create(on: tx) }
            for r in checkItems { try await r.create(on: tx) }
            // facts are derived: rebuilt for the live tables, as a save writes them (a superseded version's
            // indicators no longer count among the year's, and a deleted table's never did)
            for r in tables where r.deletedAt == nil && r.status != TableStatus.superseded.rawValue {
                try await IndicatorFacts.write(r, on: tx)
            }
        }
        return manifest
    }

    /// `create` stamps created/updated with now; the exported dates are put back.
    private static func restoreDates(_ sql: any SQLDatabase, _ table: String, _ id: UUID?, _ dates: [String: Date?]) async throws
    {
        guard let id else { return }
        var q = sql.update(table)
        for (column, value) in dates.sorted(by: { $0.key < $1.key }) {
            if let value {
                q = q.set(SQLIdentifier(column), to: SQLBind(value))
            } else {
                q = q.set(SQLIdentifier(column), to: SQLLiteral.null)
            }
        }
        try await q.where(SQLIdentifier("id"), .equal, SQLBind(id)).run()
    }
}
