import Fluent
import GoalCore
import SQLKit
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

    /// Lower-case hex of the token's SHA-256, as stored in `token_hash`. Every signed-in request asks it,
    /// so the digits are looked up, not formatted (`String(format:)` per byte was 3 % of a page under load).
    static func hash(_ token: String) -> String {
        let digits = HexDigits.lower
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Starts a session for `account`; returns the cookie token (kept only by the client) and the record.
    static func start(for account: AccountRecord, now: Date = Date(), on db: any Database) async throws -> (
        token: String, session: UserSessionRecord
    ) {
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

    /// The session's row joined with its account and organisation: what every signed-in request needs.
    private struct SessionRow: Sendable {
        var session_id: UUID
        var csrf_token: String
        var last_seen_at: Date
        var expires_at: Date
        var account_id: UUID
        var username: String
        var display_name: String
        var role: String
        var active: Bool
        var must_change_password: Bool?
        var organisation_id: UUID
        var organisation_name: String
        var organisation_path: String

        init(_ c: SQLColumns) throws {
            session_id = try c("session_id")
            csrf_token = try c("csrf_token")
            last_seen_at = try c("last_seen_at")
            expires_at = try c("expires_at")
            account_id = try c("account_id")
            username = try c("username")
            display_name = try c("display_name")
            role = try c("role")
            active = try c("active")
            must_change_password = try c.optional("must_change_password")
            organisation_id = try c("organisation_id")
            organisation_name = try c("organisation_name")
            organisation_path = try c("organisation_path")
        }
    }

    /// The session's query, prepared on PostgreSQL (`PreparedRead`): every signed-in request asks it.
    private struct SessionQuery: PreparedRead.Query {
        static let name = "jixiao_session"
        let tokenHash: String
        var query: SQLQueryString {
            """
            SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, a.id AS account_id, a.username, \
            a.display_name, a.role, a.active, a.must_change_password, o.id AS organisation_id, o.name AS organisation_name, \
            o.path AS organisation_path \
            FROM user_sessions s JOIN accounts a ON a.id = s.account_id JOIN organisations o ON o.id = a.organisation_id \
            WHERE s.token_hash = \(bind: tokenHash)
            """
        }
    }

    static func user(forToken token: String, now: Date = Date(), on db: any Database) async throws -> CurrentUser? {
        // one query for the session, its account and the account's organisation, decoded into a plain row:
        // every signed-in request pays it, so it is one round trip and no model reflection
        guard let row = try await PreparedRead.first(SessionQuery(tokenHash: hash(token)), on: db, SessionRow.init)
        else { return nil }
        guard row.expires_at > now else {
            try await end(row.session_id, on: db)
            return nil
        }
        guard row.active, let role = Role(rawValue: row.role) else { return nil }
        if now.timeIntervalSince(row.last_seen_at) > touchInterval {
            try await UserSessionRecord.query(on: db).filter(\.$id == row.session_id)
                .set(\.$lastSeenAt, to: now).set(\.$expiresAt, to: now.addingTimeInterval(idleTimeout)).update()
        }
        return CurrentUser(
            id: row.account_id, username: row.username, name: row.display_name, role: role,
            organisationID: row.organisation_id, organisationName: row.organisation_name,
            organisationPath: row.organisation_path, sessionID: row.session_id, csrfToken: row.csrf_token,
            mustChangePassword: row.must_change_password == true)
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
        HTTPCookies.Value(
            string: token, expires: nil, maxAge: Int(idleTimeout), path: "/", isSecure: secure,
            isHTTPOnly: true, sameSite: .lax)
    }
}
