import Fluent
import Foundation

extension TableStore {
    /// Removes for good the tables deleted longer ago than the restore window: after it they can no longer
    /// be restored, and a province deleting drafts for years should not keep every one of them.
    /// Run at startup and after each delete. Returns how many rows went.
    @discardableResult
    static func purgeExpired(window: TimeInterval, now: Date = Date(), on db: any Database) async throws -> Int {
        let cutoff = now.addingTimeInterval(-window)
        let expired = GoalTableRecord.query(on: db).withDeleted()
            .filter(\.$deletedAt != nil).filter(\.$deletedAt < cutoff)
        let count = try await expired.copy().count()
        guard count > 0 else { return 0 }
        try await expired.delete(force: true)
        return count
    }
}
