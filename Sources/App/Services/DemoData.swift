import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import GoalIO
import Vapor

/// 演示模式: on an empty database, an organisation tree, one account per role, and the seed tables
/// given to the units named in them. The accounts and their shared password are listed in the README;
/// they exist only in demo mode, never in a database started without it.
enum DemoData {
    static let password = "jixiao-demo"

    struct DemoAccount: Sendable {
        var username: String
        var name: String
        var role: Role
        /// Which organisation: `finance`, `department`, or the index of a unit (units sorted by name).
        var place: Place
        enum Place: Sendable { case finance, department, unit(String) }
    }

    static let financeName = "示例市财政局"
    static let departmentName = "示例市人力资源和社会保障局"
    /// The unit of the demo walk-through: the seed with nine project tables.
    static let mainUnit = "库尔勒市社会保险中心"
    static let otherUnit = "芷江侗族自治县社会保险服务中心"

    static let accounts: [DemoAccount] = [
        .init(username: "admin", name: "系统管理员", role: .admin, place: .finance),
        .init(username: "tianbao", name: "李填报", role: .filler, place: .unit(mainUnit)),
        .init(username: "fuzeren", name: "王负责", role: .unitHead, place: .unit(mainUnit)),
        .init(username: "tianbao2", name: "赵填报", role: .filler, place: .unit(otherUnit)),
        .init(username: "yewu", name: "周业务", role: .businessReviewer, place: .department),
        .init(username: "jixiao", name: "吴绩效", role: .performanceReviewer, place: .finance),
        .init(username: "caizheng", name: "郑财政", role: .financeReviewer, place: .finance),
    ]

    /// Creates the demo organisations and accounts and loads the seed tables, when the database has no
    /// organisation yet. Returns false when there was something already.
    @discardableResult
    static func loadIfEmpty(seeds: String?, accounts: Accounts, on db: any Database, logger: Logger) async throws -> Bool {
        guard try await OrganisationRecord.query(on: db).count() == 0 else { return false }
        let finance = try await Organisations.create(code: "F01", name: financeName, kind: .finance, parent: nil, on: db)
        let dept = try await Organisations.create(code: "D01", name: departmentName, kind: .department, parent: finance, on: db)
        var units: [String: OrganisationRecord] = [:]
        func unit(_ name: String) async throws -> OrganisationRecord {
            if let u = units[name] { return u }
            let u = try await Organisations.create(
                code: "U\(String(format: "%02d", units.count + 1))", name: name,
                kind: .unit, parent: dept, on: db)
            units[name] = u
            return u
        }
        _ = try await unit(mainUnit)
        _ = try await unit(otherUnit)
        // the seed tables' own unit names decide where they belong
        let tables = readSeeds(seeds, logger: logger)
        for t in tables where !t.unit.isEmpty { _ = try await unit(t.unit) }
        for a in Self.accounts {
            let org: OrganisationRecord
            switch a.place {
            case .finance: org = finance
            case .department: org = dept
            case .unit(let name): org = try await unit(name)
            }
            _ = try await accounts.create(
                username: a.username, name: a.name, password: password, role: a.role,
                organisation: try org.requireID(), on: db)
        }
        for t in tables {
            let u = try await unit(t.unit.isEmpty ? mainUnit : t.unit)
            _ = try await TableStore.create(
                t, owner: .init(id: try u.requireID(), path: u.path, name: u.name),
                by: nil, action: "import", on: db)
        }
        logger.info("已载入示例数据：\(tables.count) 张表（来自 \(seeds ?? "（未设置）")）")
        logger.notice("演示模式：已创建演示机构和账号（密码均为 \(password)），请勿用于正式数据")
        return true
    }

    /// Every table of the `.txt`, `.md` and `.json` files of `directory`, through `DocumentReader`.
    static func readSeeds(_ directory: String?, logger: Logger) -> [GoalTable] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            logger.notice("没有找到示例数据目录“\(directory ?? "（未设置）")”：演示模式不带示例表格")
            return []
        }
        var tables: [GoalTable] = []
        for name in names.sorted() where ["txt", "md", "json"].contains((name as NSString).pathExtension.lowercased()) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do {
                tables += try DocumentReader.read(data: data, name: name).tables
            } catch {
                logger.warning("示例数据“\(path)”无法读取：\(error.description)")
            }
        }
        return tables
    }
}
