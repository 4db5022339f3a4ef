import Fluent
import Foundation
import SQLKit

extension TableStore {
    /// Removes for good the tables deleted longer ago than the restore window: after it they can no longer
    /// be restored, and a province deleting drafts for years should not keep every one of them.
    /// Run at startup and after each delete. Returns how many rows went.
    @discardableResult
    static func purgeExpired(window: TimeInterval, now: Date = Date(), on db: any Database) async throws -> Int {
        let cutoff = now.addingTimeInterval(-window)
        let expired = GoalTableRecord.query(on: db).withDeleted()
            .filter(\.$deletedAt != nil).filter(\.$deletedAt < cutoff)
        let ids = try await expired.copy().field(\.$id).all().compactMap(\.id)
        guard !ids.isEmpty else { return 0 }
        // the phase rows go with their tables (their facts went when the table was deleted)
        let sql = try TablePhases.sql(db)
        for id in ids { try await sql.raw("DELETE FROM table_phases WHERE table_id = \(bind: id)").run() }
        try await expired.delete(force: true)
        return ids.count
    }
}
