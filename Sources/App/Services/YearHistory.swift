import Fluent
import Foundation
import GoalCheck
import GoalCore
import GoalScoring
import GoalWorkflow

/// What the rules across years and units (Y01–Y05) need, gathered from the database for one table; the
/// checker itself stays pure (`Checker.checkAcrossYears`).
///
/// - Earlier years: the table it was carried from (`carried_from_id`), that one's source, and so on, each the
///   latest approved version of its 调整 lineage, with the points each indicator lost in its 自评 (the scorer).
/// - Other units' tables of the same year and form (live, not superseded; the most recently changed 500). A
///   unit is named in a message only when `user` may see its tables (`Access.canSee`).
enum YearHistory {
    static let peerLimit = 500

    static func gather(for d: TableDetailDTO, user: CurrentUser, on db: any Database) async throws -> CheckHistory {
        var h = CheckHistory()
        let years = max(2, Checker.profile(for: d.table).check.history.sameTargetYears) - 1
        var next = d.summary.carriedFrom
        while let id = next, h.earlier.count < years {
            guard let r = try await latestApproved(id, on: db) else { break }
            let t = try TableDetailDTO(r).table
            h.earlier.append(EarlierYear(table: t, lostPoints: lostPoints(t)))
            next = r.carriedFromID
        }
        // other units' tables are read only when this one has a text long enough to have been copied
        if let year = d.summary.year, Checker(profile: nil).hasTextToCompare(d.table) {
            let others = try await GoalTableRecord.query(on: db).filter(\.$year == year).filter(\.$kind == d.summary.kind)
                .filter(\.$status != TableStatus.superseded.rawValue).filter(\.$id != d.summary.id)
                .sort(\.$updatedAt, .descending).limit(peerLimit).all()
            for r in others where r.organisationID != d.summary.organisationID || r.organisationID == nil {
                guard let t = try? TableDetailDTO(r).table else { continue }
                let shown = Access.canSee(r, user)
                h.peers.append(PeerTable(unit: shown ? r.unit : nil, name: shown ? r.name : nil, table: t))
            }
        }
        return h
    }

    /// `id`, or the approved 调整 that superseded it (and so on): the version in force.
    static func latestApproved(_ id: UUID, on db: any Database) async throws -> GoalTableRecord? {
        guard var r = try await GoalTableRecord.find(id, on: db) else { return nil }
        var steps = 0
        while TableStatus(stored: r.status) == .superseded, steps < 100,
            let newer = try await GoalTableRecord.query(on: db).filter(\.$adjustsID == r.requireID())
                .filter(\.$status ~~ [TableStatus.approved.rawValue, TableStatus.superseded.rawValue]).first()
        {
            r = newer
            steps += 1
        }
        return r
    }

    /// Points each indicator lost in `t`'s 自评, by id (weight minus score; only indicators scored).
    static func lostPoints(_ t: GoalTable) -> [String: Double] {
        guard let score = Analysis.scores([t]).first else { return [:] }
        var out: [String: Double] = [:]
        for s in score.indicators {
            guard s.index < t.indicators.count, let id = t.indicators[s.index].id, let w = s.weight, let got = s.score
            else { continue }
            let lost = ((w - got) * 100).rounded() / 100
            if lost > 0 { out[id] = lost }
        }
        return out
    }
}
