import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The part of a table page that depends on the table alone — the printed form with its header, grid,
/// findings and score — rendered once per saved state and reused by every account that opens it.
///
/// Why: under load the table page spent most of its time checking, scoring and running the grid through
/// Leaf, for a result that only changes when the table is saved. The key is the table's id, content
/// version and last update time (a workflow step updates the record without a new version), so any save
/// on any instance sharing the database makes a new key; an old entry is never served, it only ages out.
/// What depends on the account (the buttons, the nav) is rendered per request around it.
final class RenderedParts: @unchecked Sendable {
    struct Part: Sendable {
        var html: String
        var errors = 0
        var warnings = 0
        var hints = 0
        var score = ""
        /// What the workflow panel asks of the same saved state: the checker's errors, the 自评's gaps.
        var errorMessages: [String] = []
        var evaluationGaps: [String] = []
        /// The findings of the rules across years and units, where that is what is kept.
        var findings: [PageContext.FindingLine] = []
    }

    /// Entries kept (first in, first out): a rendered form is 10–60 KB …
    let capacity: Int
    /// … and bytes kept, for the table of thousands of rows whose form is megabytes.
    let byteBudget: Int
    private let lock = NIOLock()
    private var parts: [String: Part] = [:]
    private var order: [String] = []
    private var head = 0
    private var bytes = 0

    init(capacity: Int, byteBudget: Int = 64 * 1_048_576) { self.capacity = capacity; self.byteBudget = byteBudget }

    static func key(_ s: TableSummaryDTO) -> String {
        "\(s.id.text)|\(s.version)|\(s.updatedAt?.timeIntervalSince1970 ?? 0)"
    }

    func part(_ key: String) -> Part? { lock.withLock { parts[key] } }

    func keep(_ part: Part, as key: String) {
        let size = part.html.utf8.count
        guard capacity > 0, size <= byteBudget / 4 else { return } // a giant form is rendered each time instead
        lock.withLock {
            if let old = parts.updateValue(part, forKey: key) { bytes += size - old.html.utf8.count; return }
            order.append(key)
            bytes += size
            while order.count - head > capacity || bytes > byteBudget, head < order.count {
                if let gone = parts.removeValue(forKey: order[head]) { bytes -= gone.html.utf8.count }
                head += 1
            }
            // drop the forgotten keys now and then, not on every insertion
            if head > capacity { order.removeFirst(head); head = 0 }
        }
    }

    /// What is kept now, for tests and metrics.
    var kept: (entries: Int, bytes: Int) { lock.withLock { (parts.count, bytes) } }
}

struct RenderedPartsKey: StorageKey { typealias Value = RenderedParts }

extension Application {
    /// No cache (capacity 0) where templates are not cached either, so an edited template shows at once.
    var renderedParts: RenderedParts {
        if let p = storage[RenderedPartsKey.self] { return p }
        let p = RenderedParts(capacity: 0)
        storage[RenderedPartsKey.self] = p
        return p
    }
}
