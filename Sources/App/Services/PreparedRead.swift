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

    /// The rows of `read`, each decoded by `decode` (on PostgreSQL on the connection's event loop).
    static func rows<Q: Query, T: Sendable>(
        _ read: Q, on db: any Database, _ decode: @escaping @Sendable (SQLColumns) throws -> T
    ) async throws -> [T] {
        let sql = try TablePhases.sql(db)
        // the dialect first: on SQLite that is a string compare, the cast a look-up of conformances
        guard sql.dialect.name == "postgresql", let postgres = db as? any PostgresDatabase else {
            return try await sql.raw(read.query).all().map { try decode(SQLColumns(row: $0)) }
        }
        var serializer = SQLSerializer(database: sql)
        read.query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds { try bindings.append(bind) }
        Texts.shared.record(serializer.sql, for: Q.name)
        let statement = Statement<Q, T>(bindings: bindings, decode: decode)
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var out: [T] = []
                for try await row in try await connection.execute(statement, logger: connection.logger) {
                    out.append(row)
                }
                return out
            }
        }.get()
    }

    /// The first row of `read`, if any.
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

    /// Each read's PostgreSQL text by name, as last rendered. The text of one read is the same every time, so
    /// a request that finds another's text finds its own.
    private final class Texts: Sendable {
        static let shared = Texts()
        private let texts = NIOLockedValueBox<[String: String]>([:])

        func record(_ text: String, for name: String) {
            texts.withLockedValue { all in
                assert(all[name] == nil || all[name] == text, "\(name): text changed with its values")
                if all[name] == nil { all[name] = text }
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
        guard let value = bind as? any PostgresThrowingDynamicTypeEncodable else {
            throw EncodingError.invalidValue(
                bind, .init(codingPath: [], debugDescription: "PreparedRead binds plain values only"))
        }
        try append(value, context: .default)
    }
}
