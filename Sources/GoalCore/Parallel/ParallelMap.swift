import Foundation

/// Work spread over all cores, for the few places a large input is cut into independent pieces
/// (a long paste read piece by piece, a document of thousands of tables written table by table).
public enum Parallel {
    /// `(0..<count).map(body)`, the calls made on all cores at once; the results in order.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
    }
}

/// One result per call; each call writes only its own slot, under the lock.
private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(_ n: Int) { slots = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ value: T) { lock.lock(); slots[i] = value; lock.unlock() }
    /// Every slot has been set once `concurrentPerform` has returned.
    var values: [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
