import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import Vapor

/// `/api/v1/tables`: list, read, create, save (optimistic lock), delete and restore.
struct TablesAPIController {
    let config: AppConfig

    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.api(.tables).pathComponents, use: list)
        app.post(SitePath.api(.tables).pathComponents, use: create)
        app.get(SitePath.api(.table(.key)).pathComponents, use: get)
        app.put(SitePath.api(.table(.key)).pathComponents, use: update)
        app.delete(SitePath.api(.table(.key)).pathComponents, use: delete)
        app.post(SitePath.api(.tableRestore(.key)).pathComponents, use: restore)
    }

    /// `?page=&limit=`: one page (default 200 tables, at most 1,000), the total in `X-Total-Count`, the next
    /// page in `Link` — the array stays the answer's shape, so a client that reads the first page still works.
    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        func number(_ name: String, default value: Int, max: Int) throws -> Int {
            guard let text = req.query[String.self, at: name] else { return value }
            guard let n = Int(text), (1...max).contains(n) else {
                throw Abort(.badRequest, reason: "参数“\(name)”应为 1 到 \(max) 的整数，实为“\(text.prefix(40))”")
            }
            return n
        }
        let page = try number("page", default: 1, max: 1_000_000), limit = try number("limit", default: 200, max: 1_000)
        let (rows, total) = try await TableStore.list(in: Access.scope(of: user), page: page, limit: limit, on: req.db)
        let res = try await rows.encodeResponse(for: req)
        res.headers.replaceOrAdd(name: "X-Total-Count", value: String(total))
        if page * limit < total {
            res.headers.replaceOrAdd(
                name: .link, value: "<\(SitePath.api(.tables).path)?page=\(page + 1)&limit=\(limit)>; rel=\"next\"")
        }
        return res
    }

    @Sendable func get(req: Request) async throws -> TableDetailDTO {
        try await Access.visible(try req.tableID(), for: try req.requireUser(), on: req.db)
    }

    /// A new table is always a draft of the account's own unit; its status changes only through the workflow.
    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireUnitRole(user, to: "新建目标表")
        let input = try req.decodeJSON(TableInputDTO.self, what: "新建目标表")
        if let s = try Self.status(input.status), s != .draft {
            throw Abort(.badRequest, reason: "新建目标表：新表只能是草稿，状态只能通过提交、审核等流程操作改变")
        }
        var table = input.table
        let unread = TypedInput.apply(input.typed, to: &table)
        var created = try await TableStore.create(table, owner: .init(user), by: user, on: req.db)
        if !unread.isEmpty { created.unread = unread }
        let res = try await created.encodeResponse(status: .created, for: req)
        res.headers.replaceOrAdd(name: .location, value: SitePath.api(.table(.value(created.summary.id))).path)
        return res
    }

    @Sendable func update(req: Request) async throws -> TableDetailDTO {
        let user = try req.requireUser()
        let id = try req.tableID()
        let input = try req.decodeJSON(TableInputDTO.self, what: "保存目标表")
        let version = try req.expectedVersion(input.version, what: "保存目标表")
        // `status` may be sent back as it was read; changing it is the workflow's business
        if let s = try Self.status(input.status) {
            let current = try await Access.visible(id, for: user, on: req.db).summary.status
            if s.rawValue != current {
                throw Abort(.badRequest, reason: "保存目标表：状态不能在保存时修改，请使用提交、审核、退回等流程操作")
            }
        }
        var table = input.table
        let unread = TypedInput.apply(input.typed, to: &table)
        var saved = try await TableStore.update(id, table: table, expectedVersion: version, by: user, on: req.db)
        if !unread.isEmpty { saved.unread = unread }
        return saved
    }

    @Sendable func delete(req: Request) async throws -> DeletedDTO {
        let id = try req.tableID()
        let version = try req.expectedVersion(nil, what: "删除目标表")
        try await TableStore.delete(id, expectedVersion: version, by: try req.requireUser(), on: req.db)
        // housekeeping rides on deletes: no timer to run, and tables are deleted far less often than read
        try await TableStore.purgeExpired(window: config.restoreWindow, on: req.db)
        return DeletedDTO(
            deleted: true, id: id, version: version,
            restore: SitePath.api(.tableRestore(.value(id))).path + "?version=\(version)",
            restoreMinutes: Int(config.restoreWindow / 60))
    }

    @Sendable func restore(req: Request) async throws -> TableDetailDTO {
        let version = try req.expectedVersion(nil, what: "恢复目标表")
        return try await TableStore.restore(
            try req.tableID(), expectedVersion: version, window: config.restoreWindow,
            by: try req.requireUser(), on: req.db)
    }

    static func status(_ text: String?) throws -> TableStatus? {
        guard let text else { return nil }
        if let s = TableStatus(rawValue: text) ?? TableStatus.allCases.first(where: { $0.label == text }) { return s }
        let allowed = TableStatus.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
        throw Abort(.badRequest, reason: "字段“status”的值“\(text)”无效，应为：\(allowed)")
    }
}
