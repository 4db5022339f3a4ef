import SQLKit

/// Reads a plain SQL row column by column, for the rows every request decodes (the session, the table
/// page's table). `first(decoding:)` goes through `Decodable`'s keyed containers, which box each column
/// and track a coding path; under `wrk` that was 4.8 % of the table page's samples for its two rows (2.5 % read column by column).
struct SQLColumns {
    let row: any SQLRow

    /// A column that is never NULL.
    func callAsFunction<T: Decodable>(_ column: String, as _: T.Type = T.self) throws -> T {
        try row.decode(column: column, as: T.self)
    }

    /// A column that may be NULL.
    func optional<T: Decodable>(_ column: String, as _: T.Type = T.self) throws -> T? {
        try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: T.self)
    }
}
