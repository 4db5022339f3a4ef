import Fluent
import Foundation

/// One node of the organisation tree (财政局 → 主管部门 → 单位). Persistence only.
/// `path` is the chain of ids from the root, `/root/…/self/`: "everything under X" is one
/// index-friendly prefix match, on the organisations and on the tables that copy it.
final class OrganisationRecord: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    /// The code an import file uses to name the parent (unique when given).
    @OptionalField(key: "code") var code: String?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "path") var path: String
    /// Fillers' submissions here and below go to the unit head to confirm before review (nil: no).
    @OptionalField(key: "head_confirmation") var headConfirmation: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID = UUID(), code: String?, name: String, kind: OrganisationKind, parent: OrganisationRecord?) {
        self.id = id; self.code = code; self.name = name; self.kind = kind.rawValue; self.parentID = parent?.id
        self.path = (parent?.path ?? "/") + id.uuidString + "/"
    }
}
