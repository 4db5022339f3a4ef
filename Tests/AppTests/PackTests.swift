import Foundation
import GoalCore
import GoalIO
import OfficeXML
import Testing
import VaporTesting
@testable import App

/// 自评材料包 from the app: what is in it, and who may download it.
@Suite("自评材料包下载")
struct PackTests {
    static func paths(_ res: TestingHTTPResponse) throws -> [String] {
        try #require(FileSniffer.zipPaths(Data(buffer: res.body)))
    }

    @Test("a table's pack holds its 自评表, 自评报告, evidence named by indicator and the index; strangers get 404")
    func tablePack() async throws {
        try await withJixiao { app in
            let d = try await app.create(SelfEvaluationFormPageTests.evaluated())
            let id = d.summary.id
            let indicator = try #require(d.table.indicators[0].id)
            #expect(
                try await EvidenceTests.upload(app, id, name: "签到表.pdf", EvidenceTests.pdf, indicator: indicator).status
                    == .seeOther)
            #expect(try await EvidenceTests.upload(app, id, name: "会议纪要.pdf", EvidenceTests.pdf).status == .seeOther)
            let res = try await app.send(.GET, SitePath.tablePack(.value(id)).path, as: .finance)
            #expect(res.status == .ok && res.headers.contentType?.description == "application/zip")
            #expect(
                try Self.paths(res) == [
                    "自评表.xlsx", "自评报告.docx", "佐证材料/01-培训人数-签到表.pdf", "佐证材料/02-整表-会议纪要.pdf", "佐证材料目录.csv",
                ])
            #expect(res.headers.first(name: "Content-Disposition")?.contains("filename*=UTF-8''") == true)
            for p in [Persona.fillerB, .businessD2] {
                #expect(try await app.send(.GET, SitePath.tablePack(.value(id)).path, as: p).status == .notFound)
            }
        }
    }

    @Test("a unit's pack has a folder per approved table of that unit and year; another unit's is refused")
    func unitPack() async throws {
        try await withJixiao { app in
            let first = try await app.create(SelfEvaluationFormPageTests.evaluated())
            var other = SelfEvaluationFormPageTests.evaluated()
            other.project = ProjectInfo(name: "第二个项目")
            let second = try await app.create(other)
            _ = try await app.create(sampleTable(unit: "草稿不打包"))
            try await app.approve(first.summary.id)
            try await app.approve(second.summary.id)
            let unitA = try await app.user(.fillerA).organisationID
            let path = SitePath.organisationPack(.value(unitA)).path + "?year=2026"
            let res = try await app.send(.GET, path)
            #expect(res.status == .ok)
            let folders = Set(try Self.paths(res).map { String($0.split(separator: "/")[0]) })
            #expect(folders == ["2026年示例培训项目", "2026年第二个项目"])
            #expect(try await app.send(.GET, path, as: .businessD1).status == .ok)
            #expect(try await app.send(.GET, path, as: .fillerB).status == .notFound)
            #expect(try await app.send(.GET, SitePath.organisationPack(.value(unitA)).path + "?year=2025").status == .notFound)
            let page = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(first.summary.id)).path).body.string
            #expect(page.contains(path))
        }
    }
}
