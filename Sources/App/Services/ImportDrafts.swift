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
              now.timeIntervalSince(r.createdAt) <= lifetime else { return nil }
        return try? GoalDocument.decode(Data(r.document.utf8))
    }

    static func discard(_ id: UUID, on db: any Database) async throws {
        try await ImportDraftRecord.query(on: db).filter(\.$id == id).delete()
    }
}
