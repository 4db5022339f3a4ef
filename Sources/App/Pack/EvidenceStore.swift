import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalWorkflow
import Vapor

/// 佐证材料 in the database: attach (checked by `EvidenceCheck`, recorded in the audit trail in the same
/// transaction), list without the bytes, fetch one file, remove. Who may do which is decided by the
/// controller through `Access`; this only stores.
enum EvidenceStore {
    /// A line of the 佐证材料目录 (no bytes).
    struct Line: Content, Sendable {
        var id: UUID
        var indicatorID: String?
        /// 三级指标 of the indicator (its current name), or 整表 for the table's own evidence.
        var indicator: String
        var fileName: String
        var kind: String
        var size: Int
        var sizeText: String
        var uploadedBy: String
        var uploadedAt: Date
        var uploadedAtText: String
        var href: String
        var deleteHref: String
    }

    static let wholeTable = "整表"

    /// The index of a table's evidence, oldest first, named by each indicator's current name.
    static func index(of tableID: UUID, table: GoalTable, on db: any Database) async throws -> [Line] {
        let rows = try await EvidenceRecord.query(on: db).filter(\.$tableID == tableID)
            .field(\.$id).field(\.$tableID).field(\.$indicatorID).field(\.$indicatorName).field(\.$fileName)
            .field(\.$kind).field(\.$size).field(\.$uploadedByName).field(\.$uploadedAt)
            .sort(\.$uploadedAt).sort(\.$id).all()
        var names: [String: String] = [:]
        for i in table.indicators { if let id = i.id, names[id] == nil { names[id] = i.name } }
        return rows.compactMap { r in
            guard let id = r.id else { return nil }
            let indicator = r.indicatorID.map { names[$0] ?? "\(r.indicatorName ?? $0)（已删除的指标）" } ?? wholeTable
            return Line(
                id: id, indicatorID: r.indicatorID, indicator: indicator, fileName: r.fileName, kind: r.kind, size: r.size,
                sizeText: EvidenceCheck.size(r.size), uploadedBy: r.uploadedByName, uploadedAt: r.uploadedAt,
                uploadedAtText: Workflow.beijingTime(r.uploadedAt),
                href: SitePath.tableEvidenceFile(.value(tableID), .value(id)).path,
                deleteHref: SitePath.tableEvidenceDelete(.value(tableID), .value(id)).path)
        }
    }

    /// Every file of a table with its bytes, in the index's order (for the 自评材料包).
    static func files(of tableID: UUID, table: GoalTable, on db: any Database) async throws -> [SelfEvaluationPack.EvidenceFile] {
        let lines = try await index(of: tableID, table: table, on: db)
        let rows = try await EvidenceRecord.query(on: db).filter(\.$tableID == tableID).all()
        let bytes = Dictionary(rows.compactMap { r in r.id.map { ($0, r.content) } }, uniquingKeysWith: { a, _ in a })
        return lines.compactMap { l in
            bytes[l.id].map {
                SelfEvaluationPack.EvidenceFile(
                    entry: EvidenceEntry(
                        indicator: l.indicator, fileName: l.fileName, size: l.sizeText, uploadedBy: l.uploadedBy,
                        uploadedAt: l.uploadedAtText), data: $0)
            }
        }
    }

    /// One file with its bytes, if it belongs to `tableID`.
    static func file(_ id: UUID, of tableID: UUID, on db: any Database) async throws -> EvidenceRecord? {
        guard let r = try await EvidenceRecord.find(id, on: db), r.tableID == tableID else { return nil }
        return r
    }

    /// Stores a checked file and its audit event together.
    static func attach(
        _ data: Data, name: String, kind: EvidenceCheck.Kind, to tableID: UUID, tableName: String,
        indicator: Indicator?, by user: CurrentUser, on db: any Database
    ) async throws -> UUID {
        let id = UUID()
        try await WriteTransaction.write(on: db) { tx in
            let r = EvidenceRecord()
            r.id = id
            r.tableID = tableID
            r.indicatorID = indicator?.id
            r.indicatorName = indicator?.name
            r.fileName = name
            r.kind = kind.rawValue
            r.size = data.count
            r.sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            r.content = data
            r.uploadedBy = user.id
            r.uploadedByName = user.name
            r.uploadedAt = Date()
            try await r.create(on: tx)
            try await AuditLog.append(
                "evidence-added", by: user, table: tableID, subject: tableName,
                comment: "佐证材料“\(name)”（\(EvidenceCheck.size(data.count))，\(indicator?.name ?? wholeTable)）", on: tx)
        }
        return id
    }

    static func remove(_ r: EvidenceRecord, tableName: String, by user: CurrentUser, on db: any Database) async throws {
        try await WriteTransaction.write(on: db) { tx in
            try await EvidenceRecord.query(on: tx).filter(\.$id == r.requireID()).delete()
            try await AuditLog.append(
                "evidence-removed", by: user, table: r.tableID, subject: tableName,
                comment: "佐证材料“\(r.fileName)”（\(r.indicatorName ?? wholeTable)）", on: tx)
        }
    }
}
