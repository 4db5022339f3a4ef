import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Vapor

/// Runs the work that can take seconds — reading an uploaded document, checking or scoring a large
/// one, writing an export — off the event loops and off Swift's cooperative pool, on threads of its
/// own, at most `slots` at a time, first come first served.
///
/// Why: a parse on an event loop stops every request that loop serves (sign-in waited 41 s behind
/// four uploads); on the cooperative pool, which has one thread per core, two parses stop every
/// `async` handler. Here the pages keep their threads whatever is uploaded.
///
/// Each client (an account, or an address for the open tools) may have `perClientRunning` jobs
/// queued or running and start `perClientPerMinute` a minute; more is answered 429 at once, and a
/// full queue 503, so a flood costs the server a counter, not a parse.
final class HeavyWork: @unchecked Sendable {
    struct Limits: Sendable {
        /// Jobs running at once (threads of the pool). One core is left to the event loops.
        var slots = max(1, System.coreCount - 1)
        /// Jobs waiting for a slot before new ones are turned away.
        var queue = 32
        var perClientRunning = 2
        var perClientPerMinute = 60
    }

    enum Refusal: Error, Sendable {
        case busy
        case clientBusy(running: Int)
        case clientRate(retryAfter: Int)
    }

    let limits: Limits
    private let pool: NIOThreadPool
    private let lock = NIOLock()
    private var queued = 0
    private var perClient: [String: Int] = [:]
    /// Start times of each client's jobs in the last minute.
    private var recent: [String: [ContinuousClock.Instant]] = [:]

    init(limits: Limits = Limits()) {
        self.limits = limits
        pool = NIOThreadPool(numberOfThreads: limits.slots)
        pool.start()
    }

    func shutdown() { try? pool.syncShutdownGracefully() }

    /// Runs `work` on the pool for `client`, or refuses at once.
    func run<T: Sendable>(client: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try admit(client)
        defer { release(client) }
        return try await pool.runIfActive {
            HeavyWork.yieldToPages()
            return try work()
        }
    }

    /// Heavy work runs at a lower scheduling priority (nice 10) than the event loops, so that on a busy
    /// machine a page is answered before a parse gets on with it: the parse loses a little time, the
    /// page none. Per thread on Linux; elsewhere a no-op.
    static func yieldToPages() {
        #if os(Linux)
            // on Linux the nice value is per thread, and `who` 0 is the calling thread
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    private func admit(_ client: String) throws {
        let now = ContinuousClock.now
        try lock.withLock {
            let running = perClient[client, default: 0]
            if running >= limits.perClientRunning { throw Refusal.clientBusy(running: running) }
            var times = recent[client, default: []].filter { now - $0 < .seconds(60) }
            if times.count >= limits.perClientPerMinute {
                let wait = 60 - Int((now - times[0]).components.seconds)
                throw Refusal.clientRate(retryAfter: max(1, wait))
            }
            if queued >= limits.slots + limits.queue { throw Refusal.busy }
            times.append(now)
            recent[client] = times
            perClient[client] = running + 1
            queued += 1
            // Forget idle clients so the table cannot grow with every address that ever called.
            if recent.count > 10_000 { recent = recent.filter { !$0.value.isEmpty && now - $0.value.last! < .seconds(60) } }
        }
    }

    private func release(_ client: String) {
        lock.withLock {
            queued -= 1
            let left = perClient[client, default: 1] - 1
            perClient[client] = left > 0 ? left : nil
        }
    }
}

struct HeavyWorkKey: StorageKey { typealias Value = HeavyWork }

extension Application {
    var heavyWork: HeavyWork {
        guard let w = storage[HeavyWorkKey.self] else { fatalError("HeavyWork is set up in configure()") }
        return w
    }
}

extension Request {
    /// Who a heavy job is counted against: the signed-in account, else the caller's address.
    var workClient: String {
        if let user { return "account:\(user.id.uuidString)" }
        return "address:\(remoteAddress?.ipAddress ?? "unknown")"
    }

    /// Runs `work` through the application's `HeavyWork` for this request's client.
    func heavy<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await application.heavyWork.run(client: workClient, work)
    }
}

/// Shuts the pool down with the application.
struct HeavyWorkLifecycle: LifecycleHandler {
    func shutdown(_ application: Application) {
        application.storage[HeavyWorkKey.self]?.shutdown()
    }
}

extension HeavyWork.Refusal: AbortError {
    var status: HTTPResponseStatus {
        if case .busy = self { return .serviceUnavailable }
        return .tooManyRequests
    }

    var reason: String {
        switch self {
        case .busy: return "服务器正在处理较多文件，请稍等一分钟后再试（您的内容没有丢失，可直接重新提交）"
        case .clientBusy(let n): return "您已有 \(n) 个文件正在处理，请等它们完成后再提交下一个"
        case .clientRate(let s): return "提交过于频繁，请 \(s) 秒后再试"
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .busy: return ["Retry-After": "60"]
        case .clientBusy: return ["Retry-After": "5"]
        case .clientRate(let s): return ["Retry-After": String(s)]
        }
    }
}
