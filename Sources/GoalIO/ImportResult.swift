import GoalCore

/// What an importer read from one source: the tables, and every repair or problem it met on the way.
public struct ImportResult: Sendable {
    public var tables: [GoalTable]
    /// Repairs and problems, each naming its place (line or cell, and table/indicator when known).
    public var notes: [ImportNote]

    public init(tables: [GoalTable] = [], notes: [ImportNote] = []) {
        self.tables = tables
        self.notes = notes
    }

    public var document: GoalDocument { GoalDocument(tables: tables) }

    /// The notes about one table (by index in `tables`), and those about no table in particular.
    public func notes(forTable index: Int) -> [ImportNote] {
        notes.filter { $0.location.table == index }
    }
}

/// Why a source could not be read at all. Messages are Chinese and say what to do.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
