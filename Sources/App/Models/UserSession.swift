import Fluent
import Foundation

/// A signed-in browser or API client. Kept in the database so that several server instances behind
/// one address share it. The cookie holds a random token; only its SHA-256 is stored, so a copy of
/// the database does not let anyone sign in.
final class UserSessionRecord: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "account_id") var accountID: UUID
    /// Sent back with every form and API change (`_csrf` field or `X-CSRF-Token` header).
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
