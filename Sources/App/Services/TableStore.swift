import Fluent
import Foundation
import GoalCore
import GoalIO
import SQLKit
import Vapor

/// Every database query of the app, each a function tests can call without HTTP.
/// Each save runs in one transaction; records go in and DTOs come out.
enum TableStore {
    enum Failure: Error, Sendable {
        case notFound(UUID)
        /// The client saved over version `yours`, the database holds `current`.
        case conflict(yours: Int, current: TableDetailDTO)
        case restoreExpired(UUID, minutes: Int)
        case notDeleted(UUID)
    }

    /// Every live table, grouped the way the 首页 shows them: by unit, newest year first, then name.
    static func list(on db: any Database) async throws -> [TableSummaryDTO] {
        // every column but `document`: the list never needs the tables themselves
        try await GoalTableRecord.query(on: db)
            .field(\.$id).field(\.$unit).field(\.$year).field(\.$kind).field(\.$title).field(\.$name).field(\.$status)
            .field(\.$version).field(\.$errorCount).field(\.$warningCount).field(\.$score).field(\.$scoreMax)
            .field(\.$grade).field(\.$updatedAt)
            .sort(\.$unit).sort(\.$year, .descending).sort(\.$name).sort(\.$createdAt)
            .all().map(TableSummaryDTO.init)
    }

    static func count(on db: any Database) async throws -> Int {
        try await GoalTableRecord.query(on: db).withDeleted().count()
    }

    static func find(_ id: UUID, on db: any Database) async throws -> TableDetailDTO? {
        try await GoalTableRecord.find(id, on: db).map(TableDetailDTO.init)
    }

    static func create(_ table: GoalTable, status: TableStatus = .draft, on db: any Database) async throws -> TableDetailDTO {
        try await db.transaction { tx in
            let r = GoalTableRecord()
            r.id = UUID()
            r.version = 1
            r.fill(from: table, status: status)
            try await r.create(on: tx)
            return try TableDetailDTO(r)
        }
    }

    /// Several tables (an import) in one transaction: all are saved or none.
    static func createAll(_ tables: [GoalTable], status: TableStatus = .draft, on db: any Database) async throws -> [UUID] {
        try await db.transaction { tx in
            var ids: [UUID] = []
            for table in tables {
                let r = GoalTableRecord(), id = UUID()
                r.id = id
                r.version = 1
                r.fill(from: table, status: status)
                try await r.create(on: tx)
                ids.append(id)
            }
            return ids
        }
    }

    /// Saves a table over `expectedVersion`; refuses with `.conflict` when someone saved since.
    /// The version is claimed first (`UPDATE … WHERE version = expected`), so two saves of the same
    /// version cannot both succeed, on SQLite or PostgreSQL.
    static func update(_ id: UUID, table: GoalTable, status: TableStatus?, expectedVersion: Int,
                       on db: any Database) async throws -> TableDetailDTO {
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else {
                throw Abort(.internalServerError, reason: "数据库不支持 SQL（无法保存）")
            }
            let claimed = try await sql.raw("""
                UPDATE goal_tables SET version = version + 1 \
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND deleted_at IS NULL \
                RETURNING version
                """).first()
            guard let r = try await GoalTableRecord.find(id, on: tx) else { throw Failure.notFound(id) }
            guard claimed != nil else { throw Failure.conflict(yours: expectedVersion, current: try TableDetailDTO(r)) }
            r.fill(from: table, status: status ?? TableStatus(rawValue: r.status) ?? .draft)
            r.version = expectedVersion + 1
            try await r.save(on: tx)
            return try TableDetailDTO(r)
        }
    }

    /// Hides a table; `restore` brings it back within the restore window. False when there is no such table.
    @discardableResult
    static func delete(_ id: UUID, on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            guard let r = try await GoalTableRecord.find(id, on: tx) else { return false }
            try await r.delete(on: tx)
            return true
        }
    }

    static func restore(_ id: UUID, window: TimeInterval, now: Date = Date(), on db: any Database) async throws -> TableDetailDTO {
        try await db.transaction { tx in
            guard let r = try await GoalTableRecord.query(on: tx).withDeleted().filter(\.$id == id).first() else {
                throw Failure.notFound(id)
            }
            guard let deleted = r.deletedAt else { throw Failure.notDeleted(id) }
            guard now.timeIntervalSince(deleted) <= window else {
                throw Failure.restoreExpired(id, minutes: Int(window / 60))
            }
            try await r.restore(on: tx)
            return try TableDetailDTO(r)
        }
    }

    /// Loads every `.txt`, `.md` and `.json` file of `directory` through `DocumentReader` when the database
    /// has no table at all (deleted ones included). Returns how many tables were added.
    static func seedIfEmpty(from directory: String?, on db: any Database, logger: Logger) async throws -> Int {
        guard try await count(on: db) == 0 else { return 0 }
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            logger.notice("没有找到示例数据目录“\(directory ?? "（未设置）")”：以空数据库启动")
            return 0
        }
        var added = 0
        for name in names.sorted() where ["txt", "md", "json"].contains((name as NSString).pathExtension.lowercased()) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let result: ImportResult
            do {
                result = try DocumentReader.read(data: data, name: name)
            } catch {
                logger.warning("示例数据“\(path)”无法读取：\(error.description)")
                continue
            }
            for t in result.tables { _ = try await create(t, on: db); added += 1 }
        }
        logger.info("已载入示例数据：\(added) 张表（来自 \(directory)）")
        return added
    }
}
