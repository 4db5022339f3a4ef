import Fluent
import Foundation

/// What 导入预览 recovered, kept on the server until 保存 (at most `ImportDrafts.lifetime`).
///
/// Before, the preview carried the whole document in a hidden form field: the 保存 form was five
/// times the paste and could exceed the body limit the paste itself met, and the server had to trust
/// a document the browser sent back. Now the form names this row, which only its account may use.
final class ImportDraftRecord: Model, @unchecked Sendable {
    static let schema = "import_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    /// The recovered tables as interchange JSON.
    @Field(key: "document") var document: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
