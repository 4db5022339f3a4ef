import Fluent
import Foundation
import GoalIO
import GoalWorkflow
import Vapor

/// The unit's words for its 自评报告, saved as drafts (one row per table, the audit trail says who saved
/// when and which sections changed).
enum ReportDrafts {
    /// Longest text kept per section: a report section, not a book.
    static let maxCharacters = 20_000

    struct Saved: Sendable {
        var texts: [ReportSection: String]
        var by: String?
        var at: Date?
    }

    static func load(of tableID: UUID, on db: any Database) async throws -> Saved {
        guard let r = try await ReportDraftRecord.query(on: db).filter(\.$tableID == tableID).first() else {
            return Saved(texts: [:])
        }
        return Saved(texts: decode(r.sections), by: r.updatedByName, at: r.updatedAt)
    }

    /// 实际完成情况 of the 年度总体目标, for the 自评表.
    static func achieved(of tableID: UUID, on db: any Database) async throws -> String? {
        let t = try await load(of: tableID, on: db).texts[.achieved]
        return (t?.isEmpty ?? true) ? nil : t
    }

    static func decode(_ json: String) -> [ReportSection: String] {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        var out: [ReportSection: String] = [:]
        for (k, v) in raw { if let s = ReportSection(rawValue: k) { out[s] = v } }
        return out
    }

    static func encode(_ texts: [ReportSection: String]) -> String {
        let raw = Dictionary(uniqueKeysWithValues: texts.map { ($0.key.rawValue, $0.value) })
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        return String(decoding: (try? enc.encode(raw)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Saves the texts (empty ones dropped) and records which sections changed; nothing when none did.
    static func save(
        _ texts: [ReportSection: String], of tableID: UUID, tableName: String, by user: CurrentUser, on db: any Database
    ) async throws {
        let kept = texts.filter { !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try await WriteTransaction.write(on: db) { tx in
            let existing = try await ReportDraftRecord.query(on: tx).filter(\.$tableID == tableID).first()
            let before = existing.map { decode($0.sections) } ?? [:]
            let changed = ReportSection.allCases.filter { before[$0] != kept[$0] }
            guard !changed.isEmpty else { return }
            let r = existing ?? ReportDraftRecord()
            if existing == nil {
                r.id = UUID()
                r.tableID = tableID
            }
            r.sections = encode(kept)
            r.updatedByName = user.name
            r.updatedAt = Date()
            try await r.save(on: tx)
            try await AuditLog.append(
                "report-saved", by: user, table: tableID, subject: tableName,
                comment: "自评报告：" + changed.map(\.heading).joined(separator: "、"), on: tx)
        }
    }
}
