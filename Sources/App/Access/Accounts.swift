import Fluent
import GoalWorkflow
import Foundation
import NIOPosix
import Vapor

/// Creating accounts, checking and changing passwords. Bcrypt, with the cost from `AppConfig`
/// (tests use the minimum so that a test matrix of accounts does not take minutes).
struct Accounts {
    let cost: Int

    enum Failure: Error, Sendable {
        case invalid(String)
        /// The current password given to a change was wrong (a guess, for the throttle).
        case wrongPassword
    }

    /// Bcrypt takes a quarter of a second of CPU at cost 12: on its own threads, never on an event loop
    /// or the cooperative pool, which would stall every page while sign-ins are checked.
    static func hash(_ password: String, cost: Int) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, _ digest: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { try Bcrypt.verify(password, created: digest) }
    }

    static func normalise(_ username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The rules a new password must meet, as one Chinese sentence per problem.
    static func problems(password: String, username: String) -> [String] {
        var out: [String] = []
        if password.count < 8 { out.append("密码至少 8 位") }
        if password.utf8.count > 72 { out.append("密码最多 72 个字节（约 24 个汉字或 72 个字母数字）") } // bcrypt reads no further
        // the user name with only digits or signs around it (zhangwei2026, 2026zhangwei!) is guessed first
        let lower = normalise(password), name = normalise(username)
        if !name.isEmpty, lower.contains(name), !lower.replacingOccurrences(of: name, with: "").contains(where: \.isLetter) {
            out.append("密码不能只是用户名加数字或符号")
        }
        if CommonPasswords.isCommon(password) {
            out.append("这个密码太常见（如 12345678、password、qwerty123），很容易被猜到，请换一个")
        } else if password.count >= 8 && CommonPasswords.characterClasses(password) < 2 {
            out.append("密码应至少包含字母、数字、符号中的两类")
        }
        return out
    }

    func create(
        username: String, name: String, password: String, role: Role, organisation: UUID,
        on db: any Database
    ) async throws -> AccountRecord {
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
        a.passwordHash = try await Self.hash(password, cost: cost)
        a.role = role.rawValue
        a.organisationID = organisation
        a.active = true
        try await a.create(on: db)
        return a
    }

    /// The account when the password is right; nil otherwise (also for unknown or disabled accounts).
    func verify(username: String, password: String, on db: any Database) async throws -> AccountRecord? {
        guard let a = try await AccountRecord.query(on: db).filter(\.$username == Self.normalise(username)).first(),
            a.active
        else {
            // spend the same time as a real check, so the answer does not reveal which names exist
            _ = try? await Self.hash(password, cost: cost)
            return nil
        }
        return try await Self.verify(password, a.passwordHash) ? a : nil
    }

    func changePassword(
        _ account: AccountRecord, current: String, new: String, confirm: String,
        on db: any Database
    ) async throws {
        guard try await Self.verify(current, account.passwordHash) else { throw Failure.wrongPassword }
        var problems = Self.problems(password: new, username: account.username)
        if new != confirm { problems.append("两次输入的新密码不一致") }
        if new == current { problems.append("新密码不能与当前密码相同") }
        guard problems.isEmpty else { throw Failure.invalid(problems.joined(separator: "；")) }
        account.passwordHash = try await Self.hash(new, cost: cost)
        account.mustChangePassword = nil
        try await account.save(on: db)
    }

    /// The administrator's changes to an account: name, role and organisation. Returns what changed, in words.
    func update(
        _ a: AccountRecord, name: String, role: Role, organisation: UUID, by admin: CurrentUser,
        on db: any Database
    ) async throws -> [String] {
        let name = name.trimmingCharacters(in: .whitespaces)
        var problems: [String] = []
        if name.isEmpty { problems.append("姓名不能为空") }
        guard let org = try await OrganisationRecord.find(organisation, on: db) else { throw Failure.invalid("所属机构不存在") }
        if a.id == admin.id, role != .admin { problems.append("不能取消自己的系统管理员角色（请由另一位管理员操作）") }
        guard problems.isEmpty else { throw Failure.invalid(problems.joined(separator: "；")) }
        var changes: [String] = []
        if a.displayName != name { changes.append("姓名：\(a.displayName) → \(name)") }
        let old = Role(rawValue: a.role)
        if old != role { changes.append("角色：\(old?.label ?? a.role) → \(role.label)") }
        if a.organisationID != organisation {
            let before = try await OrganisationRecord.find(a.organisationID, on: db)?.name ?? ""
            changes.append("所属机构：\(before) → \(org.name)")
        }
        guard !changes.isEmpty else { return [] }
        a.displayName = name; a.role = role.rawValue; a.organisationID = organisation
        try await a.save(on: db)
        // a new role or organisation changes what the account sees: its sessions start again
        if old != role || changes.contains(where: { $0.hasPrefix("所属机构") }) {
            try await SessionStore.endOthers(of: try a.requireID(), keeping: nil, on: db)
        }
        return changes
    }

    /// 停用 (sessions end at once; signing in is refused) or 启用 again.
    func setActive(_ a: AccountRecord, _ active: Bool, by admin: CurrentUser, on db: any Database) async throws {
        if !active, a.id == admin.id { throw Failure.invalid("不能停用自己的账号") }
        a.active = active
        try await a.save(on: db)
        if !active { try await SessionStore.endOthers(of: try a.requireID(), keeping: nil, on: db) }
    }

    /// 重置密码: a temporary password the administrator gives the person, who must change it on signing in.
    func resetPassword(_ a: AccountRecord, to password: String, on db: any Database) async throws {
        let problems = Self.problems(password: password, username: a.username)
        guard problems.isEmpty else { throw Failure.invalid(problems.joined(separator: "；")) }
        a.passwordHash = try await Self.hash(password, cost: cost)
        a.mustChangePassword = true
        try await a.save(on: db)
        try await SessionStore.endOthers(of: try a.requireID(), keeping: nil, on: db)
    }
}

/// Slows password guessing without letting anyone lock an account for others.
///
/// Every attempt is written down *before* its password is checked, then the failures are counted:
/// of any number of guesses sent at once, at most `freePerPair` can be checked, because each one
/// counts itself and every attempt written before it. Past the free attempts each further one must
/// wait twice as long as the last (30 s, 1 min, 2 min … at most 15 minutes) after the previous failure.
/// The counts are per user name *and address*, and per address: a stranger's failures never slow the
/// account's owner at another address. Failures are rows in the database, so every instance counts
/// the same ones.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    /// Failures of one name from one address before the backoff starts.
    static let freePerPair = 5
    /// Failures from one address, whatever the names (password spraying).
    static let freePerAddress = 30
    static let maxDelay: TimeInterval = 15 * 60
    /// The wait after the first failure past the free ones; it doubles with each further failure.
    static let firstDelay: TimeInterval = 30

    /// An attempt under way: `wait` is nil when its password may be checked now.
    struct Attempt: Sendable {
        var id: UUID
        /// Seconds to wait before trying again, when refused.
        var wait: Int?
    }

    /// Records the attempt, then decides whether its password may be checked.
    static func begin(username: String, address: String, now: Date = Date(), on db: any Database) async throws -> Attempt {
        let user = Accounts.normalise(username)
        let row = LoginFailureRecord()
        row.id = UUID()
        row.username = user; row.address = address; row.at = now
        try await row.create(on: db)
        let id = try row.requireID()
        let since = now.addingTimeInterval(-window)
        let pair = try await LoginFailureRecord.query(on: db).filter(\.$username == user).filter(\.$address == address)
            .filter(\.$at > since).sort(\.$at, .descending).all()
        let byAddress = try await LoginFailureRecord.query(on: db).filter(\.$address == address).filter(\.$at > since)
            .sort(\.$at, .descending).limit(freePerAddress + 64).all()
        let excess = max(pair.count - freePerPair, byAddress.count - freePerAddress)
        guard excess > 0 else { return Attempt(id: id, wait: nil) }
        // the newest failure before this attempt: the backoff counts from it
        let previous =
            (pair.count - freePerPair >= byAddress.count - freePerAddress ? pair : byAddress)
            .first { $0.id != id }?.at ?? now
        let delay = min(maxDelay, firstDelay * pow(2, Double(min(excess - 1, 20))))
        let elapsed = now.timeIntervalSince(previous)
        guard elapsed < delay else { return Attempt(id: id, wait: nil) }
        // a refused attempt is not a failure: it checked nothing, and must not lengthen the wait further
        try await LoginFailureRecord.query(on: db).filter(\.$id == id).delete()
        return Attempt(id: id, wait: max(1, Int((delay - elapsed).rounded(.up))))
    }

    /// The password was right: this name's failures from this address are forgotten.
    static func succeeded(username: String, address: String, on db: any Database) async throws {
        try await LoginFailureRecord.query(on: db).filter(\.$username == Accounts.normalise(username))
            .filter(\.$address == address).delete()
    }

    /// Old rows are of no use to the limit: dropped on the way.
    static func forgetOld(now: Date = Date(), on db: any Database) async throws {
        try await LoginFailureRecord.query(on: db).filter(\.$at < now.addingTimeInterval(-window * 4)).delete()
    }

    /// "请 3 分钟后再试" / "请 20 秒后再试".
    static func waitText(_ seconds: Int) -> String {
        seconds >= 90 ? "\(Int((Double(seconds) / 60).rounded(.up))) 分钟" : "\(seconds) 秒"
    }
}
