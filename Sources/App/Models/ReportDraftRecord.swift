import Fluent
import Foundation

/// The free sections of a table's 自评报告 as last saved (`ReportSection` → text, as JSON). The figures are
/// not stored: they are worked out from the table each time, so a report never prints a stale figure.
final class ReportDraftRecord: Model, @unchecked Sendable {
    static let schema = "report_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "table_id") var tableID: UUID
    @Field(key: "sections") var sections: String
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
