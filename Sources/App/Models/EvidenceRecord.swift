import Fluent
import Foundation

/// One file of 佐证材料, attached to a table or to one of its indicators (by the indicator's id, so it
/// follows the indicator when rows move). The index lists these rows without `content`
/// (`EvidenceStore.index`): a page of 50 scans must not read 50 files.
final class EvidenceRecord: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "table_id") var tableID: UUID
    /// The indicator's id; nil for evidence of the whole table.
    @OptionalField(key: "indicator_id") var indicatorID: String?
    /// The indicator's name when attached, shown if the indicator is later removed.
    @OptionalField(key: "indicator_name") var indicatorName: String?
    @Field(key: "file_name") var fileName: String
    /// `EvidenceCheck.Kind`, decided by the bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "content") var content: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "uploaded_by_name") var uploadedByName: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}
