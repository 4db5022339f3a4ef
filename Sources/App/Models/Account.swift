import Fluent
import Foundation

/// A person who signs in. Persistence only; requests see `CurrentUser`.
final class AccountRecord: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    /// Lower-cased on save, so `ZhangSan` and `zhangsan` are one account.
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// Bcrypt digest; the password itself is never stored.
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "active") var active: Bool
    /// Set when the administrator resets the password: the account must choose its own first (nil: no).
    @OptionalField(key: "must_change_password") var mustChangePassword: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
