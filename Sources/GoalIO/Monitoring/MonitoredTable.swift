import Foundation
import GoalCore
import GoalMonitoring

/// A goal table with its monitoring values for one period: what a filled 执行监控表 holds, and what
/// the interchange JSON carries under a table's `monitoring` key.
public struct MonitoredTable: Sendable, Hashable, Codable {
    /// The plan as the form prints it (header, indicators with targets), every indicator with an id.
    public var table: GoalTable
    /// The values, keyed by the ids of `table`'s indicators.
    public var entry: MonitoringEntry

    public init(table: GoalTable, entry: MonitoringEntry) {
        self.table = table
        self.entry = entry
    }
}

/// What a monitoring reader read: the tables, and every cell it could not take as it stands.
public struct MonitoringImportResult: Sendable, Codable {
    public var tables: [MonitoredTable]
    /// Text in a number column, a percentage where a count is expected, a mark that is not a tick,
    /// two 完成可能性 ticked…: each with its sheet and cell (or line), never silently changed.
    public var notes: [ImportNote]

    public init(tables: [MonitoredTable] = [], notes: [ImportNote] = []) {
        self.tables = tables
        self.notes = notes
    }
}
