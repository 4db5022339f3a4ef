import Fluent
import GoalWorkflow
import Foundation
import SQLKit
import Vapor

/// Who sees which tables, and who may change them: the one place this is decided, for pages and API alike.
///
/// - 填报人 and 单位负责人 see and work on the tables of their own organisation only.
/// - Reviewers and finance see every table of their organisation's subtree.
/// - 系统管理员 sees every table, and changes none.
///
/// A table the account may not see answers 404, exactly as a table that does not exist, so ids cannot be
/// probed; a table it sees but may not change answers 403.
enum Access {
    enum Scope: Sendable, Equatable {
        case all
        case organisation(UUID)
        /// Tables whose `org_path` starts with this path.
        case subtree(String)
    }

    static func scope(of user: CurrentUser) -> Scope {
        switch user.role {
        case .admin: return .all
        case .filler, .unitHead: return .organisation(user.organisationID)
        case .businessReviewer, .performanceReviewer, .financeReviewer: return .subtree(user.organisationPath)
        }
    }

    /// The first path after every path that starts with `path` (`/a/b/` → `/a/b0`): a subtree as a range
    /// of bytes, which an index serves where `LIKE '/a/b/%'` cannot (SQLite's `LIKE` ignores case).
    static func pathsAfter(_ path: String) -> String? {
        guard let last = path.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return nil }
        var upper = String.UnicodeScalarView(path.unicodeScalars.dropLast())
        upper.append(next)
        return String(upper)
    }

    static func canSee(_ r: GoalTableRecord, _ user: CurrentUser) -> Bool {
        canSee(organisation: r.organisationID, path: r.orgPath, user)
    }

    /// `canSee` from a table's organisation and its path, as stored.
    static func canSee(organisation: UUID?, path: String, _ user: CurrentUser) -> Bool {
        switch scope(of: user) {
        case .all: return true
        case .organisation(let id): return organisation == id
        case .subtree(let prefix): return path.hasPrefix(prefix)
        }
    }

    /// The table, if this account may see it; `TableStore.Failure.notFound` otherwise.
    static func visibleRecord(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> GoalTableRecord {
        guard let r = try await GoalTableRecord.find(id, on: db), canSee(r, user) else { throw TableStore.Failure.notFound(id) }
        return r
    }

    /// The table as a DTO, if visible.
    static func visible(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> TableDetailDTO {
        try await TableRead.visible(id, for: user, on: db).detail()
    }

    /// Creating, importing, editing and deleting tables is the work of a unit's own accounts.
    static func requireUnitRole(_ user: CurrentUser, to what: String) throws {
        guard user.role.isUnitRole else {
            throw Abort(.forbidden, reason: "您的角色“\(user.role.label)”不能\(what)（只有填报人、单位负责人可以）")
        }
    }

    static func requireAdmin(_ user: CurrentUser) throws {
        guard user.role == .admin else { throw Abort(.forbidden, reason: "只有系统管理员可以管理机构和账号") }
    }
}

extension QueryBuilder where Model == GoalTableRecord {
    /// Only the tables `scope` lets an account see.
    func visible(in scope: Access.Scope) -> Self {
        switch scope {
        case .all: return self
        case .organisation(let id): return filter(\.$organisationID == id)
        case .subtree(let path):
            // on SQLite `LIKE` ignores case and so cannot use an index: the prefix as a range of bytes does
            if (database as? any SQLDatabase)?.dialect.name == "sqlite", let upper = Access.pathsAfter(path) {
                return filter(\.$orgPath >= path).filter(\.$orgPath < upper)
            }
            return filter(\.$orgPath, .contains(inverse: false, .prefix), path)
        }
    }

    /// Live tables only, said as the list's partial indexes say it (`AddLiveTableIndexes`): Fluent's own
    /// soft-delete clause (`deleted_at IS NULL OR deleted_at > now`) would keep the planner off them.
    func live() -> Self {
        withDeleted().filter(\.$deletedAt == nil)
    }
}
