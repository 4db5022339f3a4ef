import Foundation
import GoalCore
import GoalWorkflow
import Testing
import VaporTesting
@testable import App

/// Issue #15 item 5: reviewers who approve many tables at once.
@Suite("批量审核：勾选多张表一次处理，每张按同一流程规则，逐张报告结果")
struct BulkReviewTests {
    /// The 首页's bulk form as a browser posts it: `tables[]` once per ticked box.
    static func post(
        _ app: Application, action: String, tables: [String], extra: [String: String] = [:],
        as p: Persona
    ) async throws -> TestingHTTPResponse {
        let s = try await app.signIn(p)
        var fields = [("_csrf", s.csrf), ("action", action)] + tables.map { ("tables[]", $0) }
        fields += extra.sorted { $0.key < $1.key }
        let body = fields.map { k, v in
            "\(k.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        }.joined(separator: "&")
        return try await app.send(.POST, SitePath.tablesBulkAction.path, raw: body, contentType: .urlEncodedForm, as: p)
    }

    static func pick(_ app: Application, _ id: UUID) async throws -> String {
        "\(id.uuidString):\(try #require(try await TableStore.find(id, on: app.db)).summary.version)"
    }

    @Test("财政批量批复：只有轮到自己的表可勾选；每张表各自批复并写上同一批复文号，不该批的逐张说明原因")
    func bulkApprove() async throws {
        try await withJixiao { app in
            var ids: [UUID] = []
            for n in ["甲项目", "乙项目", "丙项目"] {
                var t = sampleTable(name: "满意度")
                t.project = ProjectInfo(name: n)
                ids.append(try await app.create(t).summary.id)
            }
            for id in ids.prefix(2) {
                try await app.act(.submit, id, as: .fillerA)
                try await app.act(.businessReview, id, as: .businessD1)
                try await app.act(.performanceReview, id, as: .performance)
            }
            try await app.act(.submit, ids[2], as: .fillerA)

            let home = try await app.send(.GET, SitePath.home.path, as: .finance).body.string
            #expect(home.contains("<b>批量审核</b>"))
            #expect(home.contains("value=\"\(try await Self.pick(app, ids[0]))\" form=\"bulk\""))
            #expect(home.contains("value=\"\(try await Self.pick(app, ids[1]))\" form=\"bulk\""))
            #expect(!home.contains("value=\"\(try await Self.pick(app, ids[2]))\""))
            // a unit's account has no bulk review
            #expect(!(try await app.send(.GET, SitePath.home.path, as: .fillerA).body.string).contains("批量审核"))

            // without a 批复文号 nothing is approved, and each table says why
            let picks = [try await Self.pick(app, ids[0]), try await Self.pick(app, ids[1]), try await Self.pick(app, ids[2])]
            let bare = try await Self.post(app, action: "approve", tables: picks, as: .finance).body.string
            #expect(bare.contains("0 张已批复"))
            #expect(bare.components(separatedBy: "批复时必须填写批复文号").count == 3)

            let res = try await Self.post(
                app, action: "approve", tables: picks,
                extra: ["approvalNumber": "测财预〔2026〕9号", "approvalDate": "2026-04-01"], as: .finance)
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("共 3 张表：2 张已批复，<b class=\"bad\">1 张未处理</b>"))
            #expect(html.contains("已批复，现为“已批复”"))
            #expect(html.contains("未处理：这张表当前状态为“已提交”，不能批复（需要绩效股已审）"))
            for id in ids.prefix(2) {
                let d = try #require(try await TableStore.find(id, on: app.db))
                #expect(d.summary.status == "approved")
                #expect(d.table.signoff?.approvalNumber == "测财预〔2026〕9号" && d.table.signoff?.approvedOn == "2026-04-01")
            }
            #expect(try await TableStore.find(ids[2], on: app.db)?.summary.status == "submitted")
        }
    }

    @Test("批量退回须写意见；打开后被别人改过的表不处理；别人的表、无权的操作一律拒绝")
    func bulkReturnAndRefusals() async throws {
        try await withJixiao { app in
            let a = try await app.create(sampleTable(name: "满意度")).summary.id
            let b = try await app.create(sampleTable(name: "满意度")).summary.id
            let c = try await app.create(sampleTable(name: "满意度", unit: "测试单位丙"), as: .fillerC).summary.id
            for id in [a, b] { try await app.act(.submit, id, as: .fillerA) }
            try await app.act(.submit, c, as: .fillerC)
            let picks = [try await Self.pick(app, a), try await Self.pick(app, b)]

            let silent = try await Self.post(app, action: "return", tables: picks, as: .businessD1).body.string
            #expect(silent.contains("0 张已退回"))
            #expect(silent.contains("退回时必须填写意见"))

            // b moves on in the meantime: the stale tick is not acted on
            try await app.act(.businessReview, b, as: .businessD1)
            let res = try await Self.post(
                app, action: "return", tables: picks + [try await Self.pick(app, c)],
                extra: ["comment": "请补充测算依据"], as: .businessD1
            ).body.string
            #expect(res.contains("1 张已退回"))
            #expect(res.contains("未处理：这张表当前状态为“业务股室已审”"))
            #expect(res.contains("未处理：找不到目标表")) // another subtree's table is not even named
            #expect(try await TableStore.find(a, on: app.db)?.summary.returnComment == "请补充测算依据")
            #expect(try await TableStore.find(c, on: app.db)?.summary.status == "submitted")

            let filler = try await Self.post(app, action: "approve", tables: [try await Self.pick(app, c)], as: .fillerA)
            #expect(filler.status == .badRequest)
            #expect(filler.body.string.contains("不能批量审核"))
            let wrong = try await Self.post(app, action: "approve", tables: [try await Self.pick(app, c)], as: .businessD1)
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains("请选择要执行的操作（业务股室审核通过、退回）"))
        }
    }
}
