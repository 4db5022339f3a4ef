import Fluent
import Foundation
import GoalCore
import GoalScoring
import Testing
import VaporTesting
@testable import App

/// 自评抽查: a draw finance can show to be fair (the same record draws the same tables), and a conclusion
/// per table that its unit sees in the trail.
@Suite("自评抽查")
struct SpotCheckTests {
    /// `n` approved tables whose self-evaluation is submitted, spread over units A, B and C; and one approved
    /// table whose self-evaluation is not submitted (not in any draw).
    static func world(_ app: Application, _ n: Int) async throws -> (submitted: [UUID], notSubmitted: UUID) {
        var ids: [UUID] = []
        let fillers: [Persona] = [.fillerA, .fillerB, .fillerC]
        for k in 0..<n {
            let filler = fillers[k % 3]
            var t = SelfEvaluationFormPageTests.evaluated()
            t.project = ProjectInfo(name: "抽查项目\(k + 1)")
            let id = try await app.create(t, as: filler).summary.id
            try await app.approve(id, filler: filler)
            try await app.act(.submitEvaluation, id, as: filler)
            ids.append(id)
        }
        let open = try await app.create(SelfEvaluationFormPageTests.evaluated()).summary.id
        try await app.approve(open)
        return (ids, open)
    }

    static func drawn(_ res: TestingHTTPResponse) throws -> UUID {
        let location = try #require(res.headers.first(name: .location))
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    @Test("the same population, rule and seed draw the same tables; the page says the draw repeats; drafts are never drawn")
    func reproducible() async throws {
        try await withJixiao { app in
            let (submitted, open) = try await Self.world(app, 5)
            let form = ["year": "2026", "by": "count", "amount": "3", "seed": "20261207"]
            let first = try Self.drawn(try await app.postForm(SitePath.spotChecks.path, form, as: .finance))
            let second = try Self.drawn(try await app.postForm(SitePath.spotChecks.path, form, as: .finance))
            let a = try await SpotChecks.items(of: first, on: app.db).map(\.tableID)
            let b = try await SpotChecks.items(of: second, on: app.db).map(\.tableID)
            #expect(a.count == 3 && a == b)
            #expect(Set(a).isSubset(of: Set(submitted)) && !a.contains(open))
            // anyone can repeat it from the record alone
            let record = try #require(try await SpotCheckRecord.find(first, on: app.db))
            #expect(SpotChecks.population(of: record) == submitted.map(\.uuidString).sorted())
            #expect(
                SpotCheckDraw.draw(from: SpotChecks.population(of: record), size: .count(3), seed: 20_261_207)
                    == a.map(\.uuidString))
            let page = try await app.send(.GET, SitePath.spotCheck(.value(first)).path, as: .finance).body.string
            #expect(page.contains("20261207") && page.contains("结果与本次一致") && page.contains("从 5 张已提交自评的表中抽出 3 张"))

            // a share: 50 % of 5 is 3 (rounded up); a seed left empty is chosen and recorded
            let share = try Self.drawn(
                try await app.postForm(
                    SitePath.spotChecks.path, ["year": "2026", "by": "percent", "amount": "50", "seed": ""], as: .finance))
            let shareRecord = try #require(try await SpotCheckRecord.find(share, on: app.db))
            #expect(UInt64(shareRecord.seed) != nil)
            let shareItems = try await SpotChecks.items(of: share, on: app.db).map(\.tableID.uuidString)
            #expect(shareItems.count == 3)
            #expect(SpotChecks.repeated(shareRecord) == shareItems)
        }
    }

    @Test("finance records a conclusion per table, which the table's trail shows; units cannot draw or see draws")
    func conclusions() async throws {
        try await withJixiao { app in
            _ = try await Self.world(app, 2)
            let draw = try Self.drawn(
                try await app.postForm(
                    SitePath.spotChecks.path, ["year": "2026", "by": "count", "amount": "1", "seed": "5"], as: .finance))
            let item = try #require(try await SpotChecks.items(of: draw, on: app.db).first)
            let res = try await app.postForm(
                SitePath.spotCheckConclusion(.value(draw), .value(item.tableID)).path, ["result": "基本合格", "opinion": "佐证材料不全"],
                as: .finance)
            #expect(res.status == .seeOther)
            let page = try await app.send(.GET, SitePath.spotCheck(.value(draw)).path, as: .finance).body.string
            #expect(page.contains("<b>基本合格</b>。佐证材料不全"))
            // the form shows the conclusion recorded, so saving again does not silently change it
            #expect(page.contains("<option value=\"基本合格\" selected>"))
            let trail = try await AuditLog.events(forTable: item.tableID, on: app.db).map {
                AuditLog.label($0.action) + "｜" + ($0.comment ?? "")
            }
            #expect(trail.contains { $0.hasPrefix("抽中自评抽查｜2026年自评抽查（抽取1张，共2张，种子5）第1张") })
            #expect(trail.contains("记录抽查结论｜抽查结论：基本合格。佐证材料不全"))

            let bad = try await app.postForm(
                SitePath.spotCheckConclusion(.value(draw), .value(item.tableID)).path, ["result": "很好"], as: .finance)
            #expect(bad.status == .unprocessableEntity)
            for p in [Persona.fillerA, .businessD1] {
                #expect(try await app.send(.GET, SitePath.spotChecks.path, as: p).status == .forbidden)
                #expect(try await app.send(.GET, SitePath.spotCheck(.value(draw)).path, as: p).status == .forbidden)
            }
            #expect(!(try await app.send(.GET, SitePath.home.path, as: .fillerA).body.string.contains("自评抽查")))
            #expect(try await app.send(.GET, SitePath.home.path, as: .finance).body.string.contains("自评抽查"))
        }
    }
}
