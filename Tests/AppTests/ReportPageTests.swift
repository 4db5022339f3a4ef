import Foundation
import GoalCore
import GoalIO
import OfficeXML
import Testing
import VaporTesting
@testable import App

/// 自评报告: the unit's words saved as a draft and printed in the .docx with the figures they rest on.
@Suite("自评报告：草稿与 Word 文档")
struct ReportPageTests {
    @Test(
        "the unit saves its words; the page and the .docx show them under their headings beside the figures; the 自评表 carries 实际完成情况"
    )
    func draftsAndDocument() async throws {
        try await withJixiao { app in
            let created = try await app.create(SelfEvaluationFormPageTests.evaluated())
            let id = created.summary.id
            let score = Analysis.scores([created.table])[0]
            let saved = try await app.postForm(
                SitePath.tableReport(.value(id)).path,
                ["basic": "本单位承担全县职业技能培训。", "achieved": "全年培训80人，未达目标。", "use": "下年提前宣传招生。"])
            #expect(saved.status == .seeOther)

            let page = try await app.send(.GET, SitePath.tableReport(.value(id)).path).body.string
            #expect(page.contains("本单位承担全县职业技能培训。") && page.contains("草稿由\(Persona.fillerA.name)保存于"))
            // each section shows the figures it rests on
            #expect(page.contains("自评等级为“\(score.grade.rawValue)”") && page.contains("全年预算数10.00万元"))

            let res = try await app.send(.GET, SitePath.tableReportDocx(.value(id)).path, as: .businessD1)
            #expect(res.status == .ok)
            let doc = try DocxReader().read(data: Data(buffer: res.body))
            let text = doc.blocks.compactMap { if case .paragraph(let p) = $0 { return p } else { return nil } }
            let basic = try #require(text.firstIndex(of: "一、基本情况")), next = try #require(text.firstIndex(of: "二、绩效目标及完成情况"))
            #expect(text[basic..<next].contains("本单位承担全县职业技能培训。"))
            #expect(text.contains("下年提前宣传招生。"))
            #expect(text.contains { $0.hasPrefix("培训人数：年度指标值≥100人，实际完成值80") && $0.contains("报名人数不足") })

            let xlsx = try await app.send(.GET, SitePath.tableSelfEvaluationForm(.value(id)).path)
            let grid = try #require(try XLSXReader().read(data: Data(buffer: xlsx.body)).sheets.first).grid()
            #expect(grid.contains { $0.contains("全年培训80人，未达目标。") })

            let trail = try await AuditLog.events(forTable: id, on: app.db).map {
                AuditLog.label($0.action) + "｜" + ($0.comment ?? "")
            }
            #expect(trail.contains("保存自评报告｜自评报告：一、基本情况、二、绩效目标及完成情况、六、结果应用"))
        }
    }

    @Test("a reviewer reads the report but cannot save it; another unit cannot see it")
    func whoWrites() async throws {
        try await withJixiao { app in
            let id = try await app.create(SelfEvaluationFormPageTests.evaluated()).summary.id
            let page = try await app.send(.GET, SitePath.tableReport(.value(id)).path, as: .businessD1)
            #expect(page.status == .ok && !page.body.string.contains("保存草稿</button>"))
            let refused = try await app.postForm(SitePath.tableReport(.value(id)).path, ["basic": "审核人代写"], as: .businessD1)
            #expect(refused.status == .forbidden)
            #expect(try await ReportDrafts.load(of: id, on: app.db).texts.isEmpty)
            #expect(try await app.send(.GET, SitePath.tableReport(.value(id)).path, as: .fillerB).status == .notFound)
            #expect(try await app.send(.GET, SitePath.tableReportDocx(.value(id)).path, as: .businessD2).status == .notFound)
        }
    }
}

/// The 绩效运行监控报告 download beside the 执行监控表.
@Suite("绩效运行监控报告下载")
struct MonitoringReportPageTests {
    @Test("the unit downloads its entry's report with what it entered; another department's reviewer gets 404")
    func download() async throws {
        try await withJixiao { app in
            let (a, _, _) = try await MonitoringTests.world(app)
            let e = try await MonitoringTests.entry(app, table: a)
            let ids = try #require(try await TableStore.find(a, on: app.db)).table.indicators.compactMap(\.id)
            let saved = try await app.postForm(
                SitePath.monitoringEntry(.value(e.id!)).path,
                ["version": "1", MonitoringEntryForm.indicatorField(ids[0], "completed"): "70"])
            #expect(saved.status == .seeOther)
            let page = try await app.send(.GET, SitePath.monitoringEntry(.value(e.id!)).path).body.string
            #expect(page.contains(SitePath.monitoringEntryReport(.value(e.id!)).path))
            let res = try await app.send(.GET, SitePath.monitoringEntryReport(.value(e.id!)).path)
            #expect(res.status == .ok)
            let doc = try DocxReader().read(data: Data(buffer: res.body))
            let text = doc.blocks.compactMap { if case .paragraph(let p) = $0 { return p } else { return nil } }
            #expect(text.contains("三、绩效目标完成情况"))
            #expect(text.contains { $0.hasPrefix("1. 培训人数：年度指标值≥100人，1-7月执行数70") })
            #expect(
                try await app.send(.GET, SitePath.monitoringEntryReport(.value(e.id!)).path, as: .businessD2).status == .notFound)
        }
    }
}
