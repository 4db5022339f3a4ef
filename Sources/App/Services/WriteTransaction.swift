import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Every change to the database goes through `write`: one transaction that takes its write lock up
/// front, retried when the database says another writer was in the way.
///
/// Why: SQLite's default `BEGIN` is deferred. Two saves that each read before they write both hold
/// a read lock, and the second to write cannot wait for the first (it would deadlock), so SQLite
/// answers "database is locked" at once, without calling its busy handler — 25 of 50 concurrent
/// saves failed that way. `BEGIN IMMEDIATE` takes the write lock before the first read, where
/// waiting is safe. PostgreSQL may end a transaction with a serialisation failure or a deadlock
/// (SQLSTATE 40001, 40P01); both are safe to run again from the start.
enum WriteTransaction {
    static let attempts = 5

    static func write<T: Sendable>(
        on db: any Database,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await once(on: db, body)
            } catch  where attempt < attempts && isRetryable(error) {
                // 10, 20, 40, 80 ms with jitter, so that colliding writers do not collide again.
                let base = 10 << (attempt - 1)
                try await Task.sleep(for: .milliseconds(base + Int.random(in: 0...base)))
                attempt += 1
            }
        }
    }

    private static func once<T: Sendable>(
        on db: any Database,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await db.transaction(body)
        }
        if db.inTransaction { return try await body(db) }
        // one writer at a time in this process, waiting here without a connection: SQLite allows one
        // writer anyway, and its driver's busy handler retries at once, so writers that wait inside SQLite
        // spin on the CPU the writer needs and hold connections pages need (50 saves at once on a busy
        // machine took 96 s, and some ran out the pool's wait and answered 500)
        await sqliteWriters.acquire()
        do {
            let result = try await immediate(on: db, body)
            await sqliteWriters.release()
            return result
        } catch {
            await sqliteWriters.release()
            throw error
        }
    }

    /// One `BEGIN IMMEDIATE` transaction on one connection.
    private static func immediate<T: Sendable>(
        on db: any Database,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await db.withConnection { conn in
            guard let c = conn as? any SQLDatabase else { return try await conn.transaction(body) }
            try await c.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(conn)
                try await c.raw("COMMIT").run()
                return result
            } catch {
                try? await c.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    static let sqliteWriters = WriterTurn()

    /// Turns to write, first come first served.
    actor WriterTurn {
        private var writing = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            guard writing else {
                writing = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { writing = false } else { waiting.removeFirst().resume() }
        }
    }

    /// A conflict with another writer, not a mistake in the request: worth running again.
    static func isRetryable(_ error: any Error) -> Bool {
        if let e = error as? SQLiteError {
            switch e.reason {
            case .busy, .locked, .busyInSnapshot, .busyTimeout, .busyInRecovery, .lockedBySharedCache: return true
            default: return false
            }
        }
        if let e = error as? PSQLError, let state = e.serverInfo?[.sqlState] {
            return state == "40001" || state == "40P01"
        }
        return false
    }

    /// SQLite settings for a server: the write-ahead log lets pages read while a save writes.
    /// `journal_mode` is stored in the database file, so setting it once at start is enough.
    static func prepareSQLite(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = NORMAL").run()
    }
}
