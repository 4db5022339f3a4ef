import Fluent
import Foundation
import GoalCore

/// Import previews kept on the server between 识别 and 保存.
enum ImportDrafts {
    /// A preview left open longer than this must be recognised again.
    static let lifetime: TimeInterval = 2 * 3600

    /// Stores `document` for `account` and returns the id the 保存 form sends back.
    static func keep(_ document: GoalDocument, for account: UUID, now: Date = Date(), on db: any Database) async throws -> UUID {
        try await ImportDraftRecord.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-lifetime)).delete()
        let r = ImportDraftRecord()
        r.id = UUID()
        r.accountID = account
        r.document = String(decoding: document.encoded(), as: UTF8.self)
        r.createdAt = now
        try await r.create(on: db)
        return try r.requireID()
    }

    /// The draft's tables, only for the account that made it, and only while it is fresh.
    static func take(_ id: UUID, for account: UUID, now: Date = Date(), on db: any Database) async throws -> GoalDocument? {
        guard let r = try await ImportDraftRecord.find(id, on: db), r.accountID == account,
            now.timeIntervalSince(r.createdAt) <= lifetime
        else { return nil }
        return try? GoalDocument.decode(Data(r.document.utf8))
    }

    /// The account's previews still open (newest first): for 待办.
    struct Open: Sendable {
        var id: UUID
        var tables: Int
        /// The first names of its tables.
        var names: String
        /// 14:05
        var at: String
        /// 1 小时 20 分钟
        var expires: String
    }

    static func open(for account: UUID, now: Date = Date(), on db: any Database) async throws -> [Open] {
        let rows = try await ImportDraftRecord.query(on: db).filter(\.$accountID == account)
            .filter(\.$createdAt >= now.addingTimeInterval(-lifetime)).sort(\.$createdAt, .descending).limit(5).all()
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "HH:mm"
        return rows.compactMap { r in
            guard let id = r.id, let doc = try? GoalDocument.decode(Data(r.document.utf8)) else { return nil }
            let names = doc.tables.prefix(3).map { t in t.project?.name ?? (t.unit.isEmpty ? t.title : t.unit) }
            let left = Int(max(0, lifetime - now.timeIntervalSince(r.createdAt)) / 60)
            return Open(
                id: id, tables: doc.tables.count, names: names.joined(separator: "、") + (doc.tables.count > 3 ? "等" : ""),
                at: f.string(from: r.createdAt), expires: left >= 60 ? "\(left / 60) 小时 \(left % 60) 分钟" : "\(left) 分钟")
        }
    }

    /// Removes the draft inside the transaction that saves its tables, and says whether it was still
    /// there: of two saves of one draft (保存 pressed twice while a large import is written) the second
    /// waits for the first's row lock, finds nothing and is turned away, instead of saving every table again.
    static func claim(_ id: UUID, on db: any Database) async throws -> Bool {
        struct Claimed: Decodable { var id: UUID }
        let gone = try await TablePhases.sql(db).raw(
            "DELETE FROM \(ident: ImportDraftRecord.schema) WHERE id = \(bind: id) RETURNING id"
        ).all(decoding: Claimed.self)
        return !gone.isEmpty
    }
}
