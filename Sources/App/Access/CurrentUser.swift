import Foundation
import GoalWorkflow
import Vapor

/// The signed-in account of a request, with what visibility needs of its organisation.
/// Set by `SessionMiddleware`; read with `req.user` / `req.requireUser()`.
struct CurrentUser: Sendable, Equatable {
    var id: UUID
    var username: String
    var name: String
    var role: Role
    var organisationID: UUID
    var organisationName: String
    /// `OrganisationRecord.path` of the account's organisation.
    var organisationPath: String
    /// The session this request came with, and its CSRF token.
    var sessionID: UUID
    var csrfToken: String
    /// The administrator reset the password: nothing but choosing a new one until it is done.
    var mustChangePassword: Bool = false
}

private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

extension Request {
    var user: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The signed-in account, or 401 (the pages turn that into a redirect to the sign-in page).
    func requireUser() throws -> CurrentUser {
        guard let user else { throw Abort(.unauthorized, reason: "请先登录") }
        return user
    }
}
