import Fluent
import Foundation
import GoalCore
import GoalIO
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

/// 佐证材料: who sees a file, what is refused and that a refusal stores nothing, the audit trail, and two
/// server instances sharing one database.
@Suite("佐证材料：上传、目录、下载权限、拒收")
struct EvidenceTests {
    static let boundary = "----jixiao-evidence-boundary"

    /// A small real PDF (header, one empty page, trailer): what a scanner writes, shrunk.
    static let pdf = Data(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .utf8)

    static func multipart(file name: String, _ data: Data, indicator: String?) -> ByteBuffer {
        var body = Data()
        func add(_ s: String) { body.append(contentsOf: Data(s.utf8)) }
        if let indicator { add("--\(boundary)\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n\(indicator)\r\n") }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n")
        add("Content-Type: application/octet-stream\r\n\r\n")
        body.append(data)
        add("\r\n--\(boundary)--\r\n")
        return ByteBuffer(data: body)
    }

    static func upload(
        _ app: Application, _ table: UUID, name: String, _ data: Data, indicator: String? = nil, as p: Persona = .fillerA
    ) async throws -> TestingHTTPResponse {
        let headers = try await app.signedInHeaders(p)
        return try await app.testing().sendRequest(
            .POST, SitePath.tableEvidence(.value(table)).path,
            beforeRequest: { req in
                req.headers.add(contentsOf: headers)
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = multipart(file: name, data, indicator: indicator)
            })
    }

    static func stored(_ app: Application) async throws -> Int { try await EvidenceRecord.query(on: app.db).count() }

    static func trail(_ app: Application, _ id: UUID) async throws -> [String] {
        try await AuditLog.events(forTable: id, on: app.db).map { "\(AuditLog.label($0.action))｜\($0.comment ?? "")" }
    }

    @Test("a file attached to an indicator is listed, downloaded by those who see the table, 404 to everyone else")
    func visibility() async throws {
        try await withJixiao { app in
            let d = try await app.create(sampleTable(name: "受益人员满意度"))
            let id = d.summary.id
            let indicator = try #require(d.table.indicators[1].id)
            let res = try await Self.upload(app, id, name: "满意度调查汇总.pdf", Self.pdf, indicator: indicator)
            #expect(res.status == .seeOther)

            let page = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path).body.string
            #expect(page.contains("佐证材料目录") && page.contains("满意度调查汇总.pdf") && page.contains("受益人员满意度"))
            #expect(page.contains(Persona.fillerA.name))
            let record = try #require(try await EvidenceRecord.query(on: app.db).first())
            let href = SitePath.tableEvidenceFile(.value(id), .value(try record.requireID())).path
            #expect(page.contains(href))

            for p in [Persona.fillerA, .headA, .businessD1, .performance, .finance, .admin] {
                let got = try await app.send(.GET, href, as: p)
                #expect(got.status == .ok, "\(p)")
                #expect(Data(buffer: got.body) == Self.pdf, "\(p)")
                #expect(got.headers.contentType?.description == "application/pdf")
            }
            for p in [Persona.fillerB, .fillerC, .businessD2] {
                #expect(try await app.send(.GET, href, as: p).status == .notFound, "\(p)")
            }
            // a reviewer sees the index but is offered no upload, and cannot post one
            let reviewerPage = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path, as: .businessD1).body
                .string
            #expect(reviewerPage.contains("满意度调查汇总.pdf") && !reviewerPage.contains("上传佐证材料</button>"))
            let refused = try await Self.upload(app, id, name: "审核意见.pdf", Self.pdf, as: .businessD1)
            #expect(refused.status == .forbidden)
            // another unit cannot attach to a table it cannot see
            #expect(try await Self.upload(app, id, name: "x.pdf", Self.pdf, as: .fillerB).status == .notFound)
            #expect(try await Self.stored(app) == 1)
            #expect(try await Self.trail(app, id).contains { $0.hasPrefix("上传佐证材料｜佐证材料“满意度调查汇总.pdf”") })
        }
    }

    @Test(
        "a program named .pdf, an ELF named .png, a mislabelled workbook and an oversized file are refused in Chinese; nothing is stored"
    )
    func refusals() async throws {
        try await withJixiao(adjust: { $0.maxEvidenceBytes = 64 * 1024 }) { app in
            let d = try await app.create(sampleTable())
            let id = d.summary.id
            let before = try await Self.trail(app, id)
            let exe = Data([0x4D, 0x5A, 0x90, 0x00]) + Data(repeating: 0, count: 200)
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01]) + Data(repeating: 1, count: 200)
            let workbook = try XLSXExporter.data([sampleTable()])
            let cases: [(String, Data, String)] = [
                ("发放清单.pdf", exe, "可执行程序"),
                ("现场照片.png", elf, "可执行程序"),
                ("台账.docx", workbook, "与扩展名“.docx”不符"),
                ("扫描件.pdf", Self.pdf + Data(repeating: 0x20, count: 70 * 1024), "超过佐证材料单个文件上限64 KB"),
                ("说明.txt", Data("只是文字".utf8), "不是可接受的佐证材料格式"),
            ]
            for (name, data, words) in cases {
                let res = try await Self.upload(app, id, name: name, data)
                #expect(res.status == .unprocessableEntity, "\(name)")
                #expect(res.body.string.contains(words), "\(name)：\(res.body.string.prefix(300))")
                #expect(res.body.string.contains("未保存"), "\(name)")
                // the 自评 page again, the reason beside the upload form, not an error page
                #expect(res.body.string.contains("id=\"evidence-problem\""), "\(name)")
                #expect(res.body.string.contains("id=\"evidence-form\""), "\(name)")
            }
            let none = try await Self.upload(app, id, name: "", Data())
            #expect(none.status == .unprocessableEntity && none.body.string.contains("请选择要上传的佐证材料文件"))
            let gone = try await Self.upload(app, id, name: "a.pdf", Self.pdf, indicator: "no-such-indicator")
            #expect(gone.status == .unprocessableEntity && gone.body.string.contains("请刷新页面后重新选择"))
            #expect(try await Self.stored(app) == 0)
            #expect(try await Self.trail(app, id) == before)
            // the same workbook under its own name is accepted
            #expect(try await Self.upload(app, id, name: "台账.xlsx", workbook).status == .seeOther)
            #expect(try await Self.stored(app) == 1)
        }
    }

    @Test("the unit removes a file (in the trail); after 自评 is submitted nobody can attach or remove")
    func removeAndLock() async throws {
        try await withJixiao { app in
            var table = sampleTable(name: "受益人员满意度")
            table.setActual("100", at: 0)
            table.setActual("95", at: 1)
            let d = try await app.create(table)
            let id = d.summary.id
            try await app.approve(id)
            #expect(try await Self.upload(app, id, name: "a.pdf", Self.pdf).status == .seeOther)
            #expect(try await Self.upload(app, id, name: "b.pdf", Self.pdf).status == .seeOther)
            let records = try await EvidenceRecord.query(on: app.db).sort(\.$fileName).all()
            let a = try records[0].requireID(), b = try records[1].requireID()
            let del = try await app.send(.POST, SitePath.tableEvidenceDelete(.value(id), .value(a)).path)
            #expect(del.status == .seeOther)
            #expect(try await app.send(.GET, SitePath.tableEvidenceFile(.value(id), .value(a)).path).status == .notFound)
            #expect(try await Self.trail(app, id).contains("删除佐证材料｜佐证材料“a.pdf”（整表）"))

            try await app.act(.submitEvaluation, id, as: .fillerA)
            #expect(try await Self.upload(app, id, name: "c.pdf", Self.pdf).status == .forbidden)
            let late = try await app.send(.POST, SitePath.tableEvidenceDelete(.value(id), .value(b)).path)
            #expect(late.status == .forbidden)
            #expect(try await Self.stored(app) == 1)
            let page = try await app.send(.GET, SitePath.tableSelfEvaluation(.value(id)).path).body.string
            #expect(page.contains("b.pdf") && !page.contains("上传佐证材料</button>"))
        }
    }

    /// Two servers on one PostgreSQL: a file attached through one is served by the other, and a removal
    /// through the other is seen by the first.
    static func twoInstances(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { first in
            let d = try await first.create(sampleTable())
            let id = d.summary.id
            #expect(try await Self.upload(first, id, name: "会议纪要.pdf", Self.pdf).status == .seeOther)
            let fileID = try #require(try await EvidenceRecord.query(on: first.db).first()?.requireID())
            let href = SitePath.tableEvidenceFile(.value(id), .value(fileID)).path

            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            do {
                try await configure(
                    second, AppConfig(rootDirectory: SharedFiles.packageRoot.path, database: db, bcryptCost: 4))
                let got = try await second.send(.GET, href, as: .businessD1)
                #expect(got.status == .ok && Data(buffer: got.body) == Self.pdf)
                #expect(try await second.send(.GET, href, as: .fillerB).status == .notFound)
                let del = try await second.send(.POST, SitePath.tableEvidenceDelete(.value(id), .value(fileID)).path)
                #expect(del.status == .seeOther)
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
            #expect(try await first.send(.GET, href).status == .notFound)
        }
    }
}
