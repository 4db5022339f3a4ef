import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import Testing
import VaporTesting
@testable import App

/// Issue #15: what a finance officer trips over.
@Suite("财务人员的绊脚处（#15）")
struct FinanceOfficerTests {
    static func detail(_ app: Application, _ id: UUID, as p: Persona = .fillerA) async throws -> TableDetailDTO {
        try await app.send(.GET, SitePath.api(.table(.value(id))).path, as: p).content.decode(TableDetailDTO.self)
    }

    // MARK: 1. required header fields

    @Test("1. 没有年度、预算单位、预算总额的表：检查报错误，不能提交，错误点名字段")
    func headerRequired() async throws {
        try await withJixiao { app in
            var bare = sampleTable()
            bare.year = nil; bare.funds = nil
            let created = try await app.create(bare)
            let id = created.summary.id
            #expect(created.summary.errors >= 2)
            // a later save that clears the 预算单位 is an error too (the owner's name fills only a new table's)
            var cleared = created.table
            cleared.unit = ""
            let saved = try await app.send(.PUT, SitePath.api(.table(.value(id))).path,
                                           json: TableInputDTO(table: cleared, version: created.summary.version))
            #expect(saved.status == .ok)
            let summary = try saved.content.decode(TableDetailDTO.self).summary
            #expect(summary.errors >= 3)
            let refused = try await app.send(.POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submit))).path, id),
                                             json: WorkflowController.ActionRequest(acknowledgeWarnings: true))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.reason.contains("表头“年度”未填写"), "\(refused.reason)")
            #expect(refused.reason.contains("表头“预算单位”未填写"), "\(refused.reason)")
            #expect(refused.reason.contains("表头“年度预算总额”未填写"), "\(refused.reason)")
            // the table page names them among the 整表问题
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(html.contains("表头“年度”未填写（项目支出绩效目标表要求填写）"))
        }
    }

    // MARK: 2. typed input kept and named

    @Test("2. 编辑保存：二〇二六读作2026，五十万读作50万元，分值abc不悄悄存为空而是点名")
    func typedInputReadOrNamed() async throws {
        try await withJixiao { app in
            let created = try await app.create(sampleTable())
            let id = created.summary.id
            var t = created.table
            t.year = nil; t.funds?.total = nil; t.indicators[0].weight = nil
            var input = TableInputDTO(table: t, version: created.summary.version)
            input.typed = ["year": "二〇二六", "funds.total": "五十万", "indicators.0.weight": "abc"]
            let res = try await app.send(.PUT, SitePath.api(.table(.value(id))).path, json: input)
            #expect(res.status == .ok, "\(res.reason)")
            let saved = try res.content.decode(TableDetailDTO.self)
            #expect(saved.table.year == 2026)
            #expect(saved.table.funds?.total == 50)
            #expect(saved.table.indicators[0].weight == nil)
            let unread = try #require(saved.unread)
            #expect(unread.count == 1)
            #expect(unread.first?.field == "indicators.0.weight")
            #expect(unread.first?.label == "第1行 分值")
            #expect(unread.first?.typed == "abc")
            // stored as read
            let stored = try await Self.detail(app, id)
            #expect(stored.table.year == 2026 && stored.table.funds?.total == 50)
            // the editor sends what was typed and says what the save could not take
            let js = try String(contentsOfFile: SharedFiles.packageRoot.appendingPathComponent("Public/js/edit.js").path, encoding: .utf8)
            #expect(js.contains("typed"))
            let common = try String(contentsOfFile: SharedFiles.packageRoot.appendingPathComponent("Public/js/common.js").path, encoding: .utf8)
            #expect(common.contains("无法读取，没有保存"))
        }
    }

    @Test("2. 中文数字与金额：能确定含义的读出，其余不猜", arguments: [
        ("二〇二六", 2026), ("2026年度", 2026), ("二〇二六年", 2026), ("２０２６", 2026), ("26", nil), ("二〇二", nil), ("明年", nil),
    ] as [(String, Int?)])
    func years(text: String, year: Int?) {
        #expect(TypedInput.year(text) == year, "\(text)")
    }

    @Test("2. 金额按万元读", arguments: [
        ("五十万", 50.0), ("五十万元", 50), ("50万", 50), ("500000元", 50), ("1.2亿", 12000), ("一百二十", 120), ("12,000", 12000),
        ("五十万左右", nil), ("abc", nil), ("-5", nil),
    ] as [(String, Double?)])
    func amounts(text: String, wan: Double?) {
        #expect(TypedInput.amountInWan(text) == wan, "\(text)")
    }
}
