import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Which indicator the 总览's comparison shows when the address names none (`OverviewStore.defaultIndicator`),
/// remembered per scope and filter for `lifetime`. It is a choice of what to show first, not a figure: every
/// count on the page is read fresh, and the comparison itself is asked each time. Finding the most common 满意
/// indicator reads every indicator name of a year in the scope (about 60 ms for a province on PostgreSQL,
/// the page's largest question), so the page asks it once in a while rather than on every view. Each
/// instance keeps its own; they may differ for at most `lifetime`, and a user can always name another.
final class DefaultIndicatorMemo: Sendable {
    let lifetime: TimeInterval
    let capacity: Int
    private let answers = NIOLockedValueBox([String: (name: String?, at: Date)]())

    init(lifetime: TimeInterval = 600, capacity: Int = 1_000) {
        self.lifetime = lifetime; self.capacity = capacity
    }

    /// The remembered answer for `key`, or `find()`'s, remembered from now.
    func name(for key: String, now: Date = Date(), find: () async throws -> String?) async throws -> String? {
        if let kept = answers.withLockedValue({ $0[key] }), now.timeIntervalSince(kept.at) < lifetime { return kept.name }
        let name = try await find()
        answers.withLockedValue { a in
            if a[key] == nil, a.count >= capacity { a.removeAll() }
            a[key] = (name, now)
        }
        return name
    }

    /// The key of a filter as an account sees it: its scope, the role and the 首页 address the filter is
    /// (待我处理 depends on the role, hence the role.)
    static func key(_ f: OverviewFilter) -> String { "\(f.scope)|\(f.user?.role.rawValue ?? "")|\(f.query.link(page: 1))" }
}

struct DefaultIndicatorMemoKey: StorageKey { typealias Value = DefaultIndicatorMemo }

extension Application {
    /// Set by `configure`; an application without one (a test's bare app) remembers nothing.
    var defaultIndicators: DefaultIndicatorMemo { storage[DefaultIndicatorMemoKey.self] ?? DefaultIndicatorMemo(lifetime: 0) }
}
