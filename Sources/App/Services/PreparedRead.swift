import Fluent
import NIOConcurrencyHelpers
import PostgresKit
import PostgresNIO
import SQLKit

/// The reads every request of a busy page makes (the session, the table page's table), run on PostgreSQL as
/// named prepared statements and on SQLite through SQLKit as any other query.
///
/// Why: SQLKit sends each query unnamed, so PostgreSQL parses, analyses and plans it again on every request.
/// Under `scripts/load-bench.sh 10 64 postgres` that was 27 % of all the machine's samples (planning 18 %,
/// parsing and analysis 9 %), nine times what executing the queries took. A named statement is parsed once
/// per connection (PostgresNIO keeps the name per connection and prepares it on first use), and PostgreSQL
/// keeps its plan. SQLite has nothing of the kind to save: SQLiteNIO prepares every statement anew either way.
///
/// A read is declared once, as the `SQLQueryString` both stores run: on PostgreSQL its text is rendered by
/// the database's own serializer, so placeholders and quoting are PostgreSQL's, and the text is the same for
/// every request (only the bound values differ), which is what lets it be prepared once.
enum PreparedRead {
    /// A read with a name PostgreSQL keeps it under, unique among the reads.
    protocol Query: Sendable {
        static var name: String { get }
        /// The query; its text must not depend on the values bound into it.
        var query: SQLQueryString { get }
    }

    /// The rows of `read`, each decoded by `decode`.
    static func rows<Q: Query, T: Sendable>(
        _ read: Q, on db: any Database, _ decode: @escaping @Sendable (SQLColumns) throws -> T
    ) async throws -> [T] {
        let sql = try TablePhases.sql(db)
        // the dialect first: on SQLite that is a string compare, the cast a look-up of conformances
        guard sql.dialect.name == "postgresql", let postgres = db as? any PostgresDatabase else {
            return try await unnamed(read, sql, decode)
        }
        var serializer = SQLSerializer(database: sql)
        read.query.serialize(to: &serializer)
        // a text other than the one kept under the name would run the kept one with these values: sent
        // unnamed instead (a read whose text depends on its values is a mistake the tests catch)
        guard Texts.shared.keep(serializer.sql, for: Q.name) else { return try await unnamed(read, sql, decode) }
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds { try bindings.append(bind) }
        let statement = Statement<Q, T>(bindings: bindings, decode: decode)
        let logger = db.logger
        return try await postgres.withConnection { connection in
            // PostgresNIO's prepared statements are async and the pool lends a connection to a closure that
            // returns a future: the read runs in a task of its own
            connection.eventLoop.makeFutureWithTask {
                var out: [T] = []
                for try await row in try await connection.execute(statement, logger: logger) {
                    out.append(row)
                }
                return out
            }
        }.get()
    }

    /// The rows of `read` through SQLKit, unnamed.
    private static func unnamed<Q: Query, T>(
        _ read: Q, _ sql: any SQLDatabase, _ decode: (SQLColumns) throws -> T
    ) async throws -> [T] {
        try await sql.raw(read.query).all().map { try decode(SQLColumns(row: $0)) }
    }

    /// The first row of `read`, if any. Every row is decoded: the reads ask a key, so there is one at most.
    static func first<Q: Query, T: Sendable>(
        _ read: Q, on db: any Database, _ decode: @escaping @Sendable (SQLColumns) throws -> T
    ) async throws -> T? {
        try await rows(read, on: db, decode).first
    }

    /// A read as PostgresNIO prepares it: its name and text are the type's (`static`), which is why the text
    /// rendered from the query is kept in `Texts` under the name before the statement runs.
    private struct Statement<Q: Query, T: Sendable>: PostgresPreparedStatement {
        typealias Row = T
        static var name: String { Q.name }
        static var sql: String { Texts.shared.text(for: Q.name) }
        let bindings: PostgresBindings
        let decode: @Sendable (SQLColumns) throws -> T

        func makeBindings() throws -> PostgresBindings { bindings }
        func decodeRow(_ row: PostgresRow) throws -> T { try decode(SQLColumns(row: row.sql())) }
    }

    /// Each read's PostgreSQL text by name, as first rendered.
    private final class Texts: Sendable {
        static let shared = Texts()
        private let texts = NIOLockedValueBox<[String: String]>([:])

        /// Keeps `text` under `name` if nothing is kept there; whether `text` is what is kept.
        func keep(_ text: String, for name: String) -> Bool {
            texts.withLockedValue { all in
                if let kept = all[name] {
                    assert(kept == text, "\(name): its text changed with its values")
                    return kept == text
                }
                all[name] = text
                return true
            }
        }

        func text(for name: String) -> String { texts.withLockedValue { $0[name] ?? "" } }
    }
}

extension PostgresBindings {
    /// A value SQLKit collected as a bind, by PostgresKit's own first path for any other query (a type
    /// PostgresNIO encodes itself: text, UUID, numbers, Bool, dates). A read binds only such plain values;
    /// anything else is refused rather than encoded another way than SQLKit would.
    fileprivate mutating func append(_ bind: any Encodable & Sendable) throws {
        // a nil Optional binds NULL, as PostgresKit binds it (a pattern, not `== nil`: the existential is never nil)
        if case Optional<Any>.none = bind as Any { return appendNull() }
        guard let value = bind as? any PostgresThrowingDynamicTypeEncodable else {
            throw EncodingError.invalidValue(
                bind, .init(codingPath: [], debugDescription: "PreparedRead binds plain values only"))
        }
        try append(value, context: .default)
    }
}
