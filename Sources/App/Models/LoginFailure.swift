import Fluent
import Foundation

/// One failed sign-in. Counted per user name and per address to slow password guessing;
/// in the database, so the limit holds across server instances.
final class LoginFailureRecord: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
}
