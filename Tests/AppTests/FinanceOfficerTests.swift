import Fluent
import Foundation
import GoalCore
import GoalWorkflow
import TestSupport
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
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(id))).path,
                json: TableInputDTO(table: cleared, version: created.summary.version))
            #expect(saved.status == .ok)
            let summary = try saved.content.decode(TableDetailDTO.self).summary
            #expect(summary.errors >= 3)
            let refused = try await app.send(
                .POST, try await app.versioned(SitePath.api(.tableAction(.value(id), .value(.submit))).path, id),
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
            let js = try String(
                contentsOfFile: SharedFiles.packageRoot.appendingPathComponent("Public/js/edit.js").path, encoding: .utf8)
            #expect(js.contains("typed"))
            let common = try String(
                contentsOfFile: SharedFiles.packageRoot.appendingPathComponent("Public/js/common.js").path, encoding: .utf8)
            #expect(common.contains("无法读取，没有保存"))
        }
    }

    @Test(
        "2. 中文数字与金额：能确定含义的读出，其余不猜",
        arguments: [
            ("二〇二六", 2026), ("2026年度", 2026), ("二〇二六年", 2026), ("２０２６", 2026), ("26", nil), ("二〇二", nil), ("明年", nil),
            ("99999999999999999999999", nil),
        ] as [(String, Int?)])
    func years(text: String, year: Int?) {
        #expect(TypedInput.year(text) == year, "\(text)")
    }

    @Test(
        "2. 金额按万元读",
        arguments: [
            ("五十万", 50.0), ("五十万元", 50), ("50万", 50), ("500000元", 50), ("1.2亿", 12000), ("一百二十", 120), ("12,000", 12000),
            ("五十万左右", nil), ("abc", nil), ("-5", nil), (String(repeating: "9", count: 400), nil),
        ] as [(String, Double?)])
    func amounts(text: String, wan: Double?) {
        #expect(TypedInput.amountInWan(text) == wan, "\(text)")
    }

    // MARK: 3. a 退回自评 comment reaches the unit

    /// An approved sample table with both actuals entered and its self-evaluation submitted.
    static func submittedEvaluation(_ app: Application) async throws -> UUID {
        let id = try await app.create(sampleTable(name: "参训人员满意度")).summary.id
        try await app.approve(id)
        var t = try await Self.detail(app, id).table
        t.setActual("100", at: 0); t.setActual("95", at: 1)
        let saved = try await app.send(
            .PUT, SitePath.api(.table(.value(id))).path,
            json: TableInputDTO(table: t, version: try await Self.detail(app, id).summary.version))
        #expect(saved.status == .ok)
        try await app.act(.submitEvaluation, id, as: .fillerA)
        return id
    }

    @Test("退回意见里的 <、>、&、引号在表格页上原样显示为文字，不成为标记")
    func aHostileCommentIsTextOnTheTablePage() async throws {
        try await withJixiao { app in
            let id = try await Self.submittedEvaluation(app)
            let comment = "<script>alert('x')</script> & \"引号\" <b>粗</b>"
            _ = try await app.act(.returnEvaluation, id, as: .performance, comment: comment)
            let page = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(page.contains("意见：&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot; &lt;b&gt;粗&lt;/b&gt;"))
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<b>粗</b>"))
        }
    }

    @Test("3. 退回自评的意见：表格页、自评页和首页待办都看得到，重新提交后消失")
    func evaluationReturnReachesTheUnit() async throws {
        try await withJixiao { app in
            let id = try await Self.submittedEvaluation(app)
            let comment = "请补充满意度调查的样本说明"
            let back = try await app.act(.returnEvaluation, id, as: .performance, comment: comment)
            #expect(back.summary.evaluationStatus == "draft")
            #expect(back.summary.returnComment == comment)
            let table = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(table.contains("自评已被退回，意见：\(comment)"))
            let selfEval = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path).body.string
            #expect(selfEval.contains("自评已被退回，意见：\(comment)"))
            let home = try await app.send(.GET, SitePath.home.path).body.string
            #expect(home.contains("href=\"\(SitePath.table(.value(id)).path)\""))
            #expect(home.contains("自评已退回，请按意见修改后重新提交自评（意见：\(comment)）"))
            // submitting again clears it
            try await app.act(.submitEvaluation, id, as: .fillerA)
            let after = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(!after.contains("自评已被退回，意见：")) // the comment stays only in the 审计记录
            #expect(!(try await app.send(.GET, SitePath.home.path).body.string).contains("自评已退回"))
        }
    }

    // MARK: 4. dead ends

    @Test("4. 提交审核有错误时不给按钮，旁边列出缺什么并链接到编辑")
    func submitOfferedOnlyWhenItCanSucceed() async throws {
        try await withJixiao { app in
            var bad = sampleTable()
            bad.year = nil
            let id = try await app.create(bad).summary.id
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(!html.contains("action=\"\(SitePath.tableAction(.value(id), .value(.submit)).path)\""))
            #expect(html.contains("还不能提交审核</b>：检查发现 1 个错误，"))
            #expect(html.contains("表头“年度”未填写"))
            #expect(html.contains("href=\"\(SitePath.tableEdit(.value(id)).path)\">到“编辑”中改正"))
        }
    }

    @Test("4. 提交自评有空缺时不给按钮，列出空缺并链接到自评")
    func submitEvaluationOfferedOnlyWhenItCanSucceed() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            try await app.approve(id)
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(!html.contains("action=\"\(SitePath.tableAction(.value(id), .value(.submitEvaluation)).path)\""))
            #expect(html.contains("还不能提交自评</b>：还有 2 处未填写，"))
            #expect(html.contains("<li>第1行指标“培训人数” 实际完成值：未填写实际完成值"))
            #expect(!html.contains("<li>第1张表"))
            #expect(html.contains("href=\"\(SitePath.tableSelfEvaluation(.value(id)).path)\">到“自评”中填写"))
        }
    }

    @Test("4. 已有未批复的调整时不再提供“调整”，而是链接到那份调整")
    func adjustLinksToTheOpenDraft() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            try await app.approve(id)
            let adjust = SitePath.tableAction(.value(id), .value(.adjust)).path
            #expect(try await app.send(.GET, SitePath.table(.value(id)).path).body.string.contains(adjust))
            let adj = try await app.act(.adjust, id, as: .fillerA)
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(!html.contains("action=\"\(adjust)\""))
            #expect(html.contains("href=\"\(SitePath.table(.value(adj.summary.id)).path)\""))
            #expect(html.contains("这张表已有一个尚未批复的调整"))
        }
    }

    @Test("4. 审核人看不到删除此表和编辑链接，审核人的编辑页没有可用的输入框")
    func reviewersSeeNoDeadLinks() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            try await app.act(.submit, id, as: .fillerA)
            let edit = SitePath.tableEdit(.value(id)).path
            for p in [Persona.businessD1, .performance, .finance] {
                let table = try await app.send(.GET, SitePath.table(.value(id)).path, as: p).body.string
                #expect(!table.contains("删除此表"), "\(p)")
                #expect(!table.contains("href=\"\(edit)\""), "\(p)")
                let home = try await app.send(.GET, SitePath.home.path, as: p).body.string
                #expect(!home.contains("href=\"\(edit)\""), "\(p)")
                let page = try await app.send(.GET, edit, as: p).body.string
                #expect(page.contains("<fieldset class=\"whole\" disabled>"), "\(p)")
            }
            // the unit sees 编辑 always, and 删除此表 only on a draft (a submitted table answers 409)
            let filler = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(filler.contains("href=\"\(edit)\""))
            #expect(!filler.contains("删除此表"))
            let draft = try await app.create(sampleTable()).summary.id
            #expect(try await app.send(.GET, SitePath.table(.value(draft)).path).body.string.contains("删除此表"))
            #expect(
                !(try await app.send(.GET, SitePath.tableEdit(.value(draft)).path).body.string).contains(
                    "class=\"whole\" disabled"))
        }
    }

    // MARK: 5. details

    @Test("5. 一张表的页面上信息不以“第1张表”开头；审计记录不露编号；空的自评不评“差”")
    func details() async throws {
        try await withJixiao { app in
            var bad = sampleTable()
            bad.indicators[0].value = "约一百"
            let id = try await app.create(bad).summary.id
            let html = try await app.send(.GET, SitePath.table(.value(id)).path).body.string
            #expect(html.contains("第1行“培训人数”"))
            #expect(!html.contains("第1张表"))

            let approved = try await app.create(sampleTable()).summary.id
            try await app.approve(approved)
            let adj = try await app.act(.adjust, approved, as: .fillerA)
            let trail = try await app.send(.GET, SitePath.api(.tableAudit(.value(adj.summary.id))).path).content.decode(
                [AuditEventDTO].self)
            let created = try #require(trail.first { $0.action == "adjustment-created" })
            #expect(created.comment?.contains(approved.uuidString) == false)
            #expect(created.comment?.contains("由已批复的表“示例培训项目”") == true, "\(created.comment ?? "")")

            // nothing entered yet: 未评分, not 差
            let score = try await app.send(.POST, SitePath.api(.score).path, json: ["tables": [sampleTable()]], as: nil)
            #expect(score.status == .ok)
            #expect(!score.body.string.contains("差"), "\(score.body.string.prefix(300))")
            #expect(score.body.string.contains("未评分"))
        }
    }
}
