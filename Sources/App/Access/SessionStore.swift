import Fluent
import GoalWorkflow
import Foundation
import Vapor

/// Sessions in the database: created at sign-in, found by the SHA-256 of the cookie's token,
/// ended at sign-out, after `idleTimeout` without use, or when the password changes.
enum SessionStore {
    static let cookieName = "jixiao_session"
    static let idleTimeout: TimeInterval = 8 * 3600
    /// How stale `last_seen_at` may get before a request refreshes it.
    static let touchInterval: TimeInterval = 300

    static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Starts a session for `account`; returns the cookie token (kept only by the client) and the record.
    static func start(for account: AccountRecord, now: Date = Date(), on db: any Database) async throws -> (token: String, session: UserSessionRecord) {
        let token = randomToken()
        let s = UserSessionRecord()
        s.id = UUID()
        s.tokenHash = hash(token)
        s.accountID = try account.requireID()
        s.csrfToken = randomToken()
        s.createdAt = now; s.lastSeenAt = now; s.expiresAt = now.addingTimeInterval(idleTimeout)
        try await s.create(on: db)
        return (token, s)
    }

    static func user(forToken token: String, now: Date = Date(), on db: any Database) async throws -> CurrentUser? {
        // one query for the session, its account and the account's organisation: every signed-in
        // request pays it, so it is one round trip, not three
        guard let s = try await UserSessionRecord.query(on: db)
            .join(AccountRecord.self, on: \UserSessionRecord.$accountID == \AccountRecord.$id)
            .join(OrganisationRecord.self, on: \AccountRecord.$organisationID == \OrganisationRecord.$id)
            .filter(\.$tokenHash == hash(token)).first()
        else { return nil }
        guard s.expiresAt > now else {
            try await s.delete(on: db)
            return nil
        }
        let account = try s.joined(AccountRecord.self), org = try s.joined(OrganisationRecord.self)
        guard account.active, let role = Role(rawValue: account.role) else { return nil }
        if now.timeIntervalSince(s.lastSeenAt) > touchInterval {
            s.lastSeenAt = now; s.expiresAt = now.addingTimeInterval(idleTimeout)
            try await s.save(on: db)
        }
        return CurrentUser(id: try account.requireID(), username: account.username, name: account.displayName, role: role,
                           organisationID: try org.requireID(), organisationName: org.name, organisationPath: org.path,
                           sessionID: try s.requireID(), csrfToken: s.csrfToken,
                           mustChangePassword: account.mustChangePassword == true)
    }

    static func end(_ sessionID: UUID, on db: any Database) async throws {
        try await UserSessionRecord.query(on: db).filter(\.$id == sessionID).delete()
    }

    /// Every other session of the account (after a password change).
    static func endOthers(of accountID: UUID, keeping sessionID: UUID?, on db: any Database) async throws {
        var q = UserSessionRecord.query(on: db).filter(\.$accountID == accountID)
        if let sessionID { q = q.filter(\.$id != sessionID) }
        try await q.delete()
    }

    /// The cookie: HttpOnly so scripts cannot read it, SameSite=Lax so other sites' forms do not carry it.
    static func cookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, expires: nil, maxAge: Int(idleTimeout), path: "/", isSecure: secure,
                          isHTTPOnly: true, sameSite: .lax)
    }
}
