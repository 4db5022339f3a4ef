import Fluent
import Foundation
import GoalCore
import GoalScoring
import GoalWorkflow
import Vapor

/// 自评抽查 in the database: a draw over the submitted self-evaluations finance sees, recorded with its
/// population, rule and seed so it can be repeated (`SpotCheckDraw`), and a conclusion per table drawn.
/// Each table drawn and each conclusion is written to that table's audit trail, so its unit sees both.
enum SpotChecks {
    static func mayDraw(_ role: Role) -> Bool { role == .financeReviewer }

    static let results = ["合格", "基本合格", "不合格"]

    struct Failure: Error { var message: String }

    /// The tables a draw is made from: approved, live, of `year`, whose 自评 is submitted or reviewed, in
    /// the account's scope; their ids as text, sorted.
    static func population(for user: CurrentUser, year: Int, on db: any Database) async throws -> [String] {
        let done = [EvaluationStatus.submitted.rawValue, EvaluationStatus.reviewed.rawValue]
        let ids = try await GoalTableRecord.query(on: db).live().visible(in: Access.scope(of: user))
            .filter(\.$status == TableStatus.approved.rawValue).filter(\.$evaluationStatus ~~ done)
            .filter(\.$year == year).field(\.$id).all().compactMap(\.id)
        return ids.map(\.uuidString).sorted()
    }

    static func draw(
        year: Int, size: SpotCheckDraw.Size, seed: UInt64, by user: CurrentUser, on db: any Database
    ) async throws -> UUID {
        let population = try await population(for: user, year: year, on: db)
        guard !population.isEmpty else {
            throw Failure(message: "\(year)年没有已提交自评的已批复目标表，无法抽查。")
        }
        let sample = SpotCheckDraw.draw(from: population, size: size, seed: seed)
        let id = UUID()
        try await WriteTransaction.write(on: db) { tx in
            let r = SpotCheckRecord()
            r.id = id
            r.year = year
            r.rule = size.recorded
            r.seed = String(seed)
            r.population = String(decoding: try JSONEncoder().encode(population), as: UTF8.self)
            r.scopePath = user.organisationPath
            r.drawnBy = user.id
            r.drawnByName = user.name
            r.drawnAt = Date()
            try await r.create(on: tx)
            for (k, table) in sample.enumerated() {
                guard let tableID = UUID(uuidString: table) else { continue }
                let item = SpotCheckItemRecord()
                item.id = UUID()
                item.spotCheckID = id
                item.tableID = tableID
                item.position = k + 1
                try await item.create(on: tx)
                let name = try await GoalTableRecord.find(tableID, on: tx)?.name ?? ""
                try await AuditLog.append(
                    "spot-check-drawn", by: user, table: tableID, subject: name,
                    comment: "\(year)年自评抽查（\(size.label)，共\(population.count)张，种子\(seed)）第\(k + 1)张", on: tx)
            }
        }
        return id
    }

    /// The draws made in the account's own organisation, newest first.
    static func list(for user: CurrentUser, on db: any Database) async throws -> [SpotCheckRecord] {
        try await SpotCheckRecord.query(on: db).filter(\.$scopePath == user.organisationPath).sort(\.$drawnAt, .descending).all()
    }

    static func find(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> SpotCheckRecord {
        guard mayDraw(user.role), let r = try await SpotCheckRecord.find(id, on: db), r.scopePath == user.organisationPath else {
            throw Abort(.notFound, reason: "找不到该抽查记录")
        }
        return r
    }

    static func items(of id: UUID, on db: any Database) async throws -> [SpotCheckItemRecord] {
        try await SpotCheckItemRecord.query(on: db).filter(\.$spotCheckID == id).sort(\.$position).all()
    }

    static func population(of r: SpotCheckRecord) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(r.population.utf8))) ?? []
    }

    /// The draw repeated from what was recorded: equal to the items when the record is intact.
    static func repeated(_ r: SpotCheckRecord) -> [String] {
        guard let size = SpotCheckDraw.Size(recorded: r.rule), let seed = UInt64(r.seed) else { return [] }
        return SpotCheckDraw.draw(from: population(of: r), size: size, seed: seed)
    }

    static func conclude(
        _ item: SpotCheckItemRecord, result: String, opinion: String, by user: CurrentUser, on db: any Database
    ) async throws {
        try await WriteTransaction.write(on: db) { tx in
            item.result = result
            item.opinion = opinion
            item.reviewedByName = user.name
            item.reviewedAt = Date()
            try await item.save(on: tx)
            let name = try await GoalTableRecord.find(item.tableID, on: tx)?.name ?? ""
            try await AuditLog.append(
                "spot-check-conclusion", by: user, table: item.tableID, subject: name,
                comment: "抽查结论：\(result)" + (opinion.isEmpty ? "" : "。\(opinion)"), on: tx)
        }
    }
}
