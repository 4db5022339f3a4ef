import Fluent
import Foundation
import Vapor

/// Creating accounts, checking and changing passwords. Bcrypt, with the cost from `AppConfig`
/// (tests use the minimum so that a test matrix of accounts does not take minutes).
struct Accounts {
    let cost: Int

    enum Failure: Error, Sendable {
        case invalid(String)
    }

    static func normalise(_ username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The rules a new password must meet, as one Chinese sentence per problem.
    static func problems(password: String, username: String) -> [String] {
        var out: [String] = []
        if password.count < 8 { out.append("密码至少 8 位") }
        if password.count > 72 { out.append("密码最多 72 位") }  // bcrypt reads no further
        if normalise(password) == normalise(username) { out.append("密码不能与用户名相同") }
        return out
    }

    func create(username: String, name: String, password: String, role: Role, organisation: UUID,
                on db: any Database) async throws -> AccountRecord {
        let user = Self.normalise(username)
        var problems: [String] = []
        if user.isEmpty || user.count > 64 || user.contains(where: { $0.isWhitespace }) {
            problems.append("用户名应为 1–64 个字符，不含空格")
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("姓名不能为空") }
        problems += Self.problems(password: password, username: user)
        if try await AccountRecord.query(on: db).filter(\.$username == user).first() != nil {
            problems.append("用户名“\(user)”已被使用")
        }
        if try await OrganisationRecord.find(organisation, on: db) == nil { problems.append("所属机构不存在") }
        guard problems.isEmpty else { throw Failure.invalid(problems.joined(separator: "；")) }
        let a = AccountRecord()
        a.id = UUID()
        a.username = user
        a.displayName = name.trimmingCharacters(in: .whitespaces)
        a.passwordHash = try Bcrypt.hash(password, cost: cost)
        a.role = role.rawValue
        a.organisationID = organisation
        a.active = true
        try await a.create(on: db)
        return a
    }

    /// The account when the password is right; nil otherwise (also for unknown or disabled accounts).
    func verify(username: String, password: String, on db: any Database) async throws -> AccountRecord? {
        guard let a = try await AccountRecord.query(on: db).filter(\.$username == Self.normalise(username)).first(),
              a.active else {
            // spend the same time as a real check, so the answer does not reveal which names exist
            _ = try? Bcrypt.hash(password, cost: cost)
            return nil
        }
        return try Bcrypt.verify(password, created: a.passwordHash) ? a : nil
    }

    func changePassword(_ account: AccountRecord, current: String, new: String, confirm: String,
                        on db: any Database) async throws {
        guard try Bcrypt.verify(current, created: account.passwordHash) else { throw Failure.invalid("当前密码不正确") }
        var problems = Self.problems(password: new, username: account.username)
        if new != confirm { problems.append("两次输入的新密码不一致") }
        if new == current { problems.append("新密码不能与当前密码相同") }
        guard problems.isEmpty else { throw Failure.invalid(problems.joined(separator: "；")) }
        account.passwordHash = try Bcrypt.hash(new, cost: cost)
        try await account.save(on: db)
    }
}

/// Refuses sign-in after too many failures: 5 per user name or 30 per address in 15 minutes.
/// The failures are rows in the database, so every server instance counts the same ones.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let perUser = 5
    static let perAddress = 30

    /// Minutes to wait, or nil when the attempt may go ahead.
    static func wait(username: String, address: String, now: Date = Date(), on db: any Database) async throws -> Int? {
        let since = now.addingTimeInterval(-window)
        let user = Accounts.normalise(username)
        let byUser = try await LoginFailureRecord.query(on: db).filter(\.$username == user).filter(\.$at > since).all()
        let byAddress = try await LoginFailureRecord.query(on: db).filter(\.$address == address).filter(\.$at > since).count()
        guard byUser.count >= perUser || byAddress >= perAddress else { return nil }
        let oldest = byUser.map(\.at).min() ?? now
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now) / 60).rounded(.up)))
    }

    static func recordFailure(username: String, address: String, now: Date = Date(), on db: any Database) async throws {
        let f = LoginFailureRecord()
        f.username = Accounts.normalise(username); f.address = address; f.at = now
        try await f.create(on: db)
        // old rows are of no use to the limit: drop them on the way
        try await LoginFailureRecord.query(on: db).filter(\.$at < now.addingTimeInterval(-window * 4)).delete()
    }

    static func clear(username: String, on db: any Database) async throws {
        try await LoginFailureRecord.query(on: db).filter(\.$username == Accounts.normalise(username)).delete()
    }
}
