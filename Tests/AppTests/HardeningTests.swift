import Fluent
import Foundation
import GoalCore
import NIOCore
import OfficeXML
import TestSupport
import Testing
import VaporTesting
@testable import App

/// Issue #13: what an attacker or a busy province did to the server, each as a test that failed before.
@Suite("加固：恶意输入与并发")
struct HardeningTests {
    /// A real workbook whose first central-directory record points past the end of the file: it used to trap the process.
    static func corruptWorkbook() throws -> Data {
        var writer = XLSXWriter()
        var sheet = WorksheetDraft(name: "表1")
        sheet.set("一级指标", row: 1, column: 1)
        try writer.addSheet(sheet)
        var data = try writer.data()
        let b = [UInt8](data)
        var at: Int?
        for i in 0..<(b.count - 4) where b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 1 && b[i + 3] == 2 { at = i; break }
        let first = try #require(at)
        let far = UInt32(data.count + 4096)
        for k in 0..<4 { data[first + 42 + k] = UInt8((far >> (8 * UInt32(k))) & 0xFF) }
        return data
    }

    @Test("损坏的 .xlsx 上传到 /api/v1/convert：422 中文说明，服务器照常应答")
    func corruptUploadAnswered() async throws {
        try await withJixiao { app in
            let data = try Self.corruptWorkbook()
            let res = try await app.testing().sendRequest(
                .POST, SitePath.api(.convert).path,
                headers: ["Content-Type": "application/octet-stream"],
                body: ByteBuffer(data: data))
            #expect(res.status == .unprocessableEntity)
            #expect(res.reason.contains("已损坏或不完整"), "\(res.reason)")
            // and the next request is answered as usual
            let next = try await app.send(.GET, SitePath.benchBare.path, as: nil)
            #expect(next.status == .ok)
        }
    }

    @Test("登录后的跳转只接受本站路径：换行、制表符、双斜杠、反斜杠、外站都回到首页")
    func nextIsSameOrigin() async throws {
        let home = SitePath.home.path
        for hostile in [
            "/\r\nSet-Cookie: jixiao_session=x", "/\t/evil.example", "//evil.example", "/\\evil.example",
            "https://evil.example/", "/%0d%0aSet-Cookie:x", "javascript:alert(1)", "/ /x", "\\\\evil",
            "/login?next=/x", "/%2F%2Fevil.example",
        ] {
            let safe = AuthController.safeNext(hostile)
            #expect(
                safe == home
                    || (safe.hasPrefix("/") && !safe.hasPrefix("//") && !safe.contains("\r") && !safe.contains("\n")
                        && !safe.contains("\t")),
                "\(hostile.debugDescription) → \(safe.debugDescription)")
            #expect(!safe.contains("evil.example") || safe.hasPrefix("/%"), "\(hostile.debugDescription) → \(safe)")
        }
        #expect(AuthController.safeNext("/tables/1?tab=audit") == "/tables/1?tab=audit")
        #expect(AuthController.safeNext("/?q=社保") == "/?q=%E7%A4%BE%E4%BF%9D")
        try await withJixiao { app in
            // signed in, the login page redirects: the Location header never carries a second header
            let res = try await app.send(.GET, SitePath.login.path + "?next=/%0d%0aSet-Cookie:%20a=b")
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == home)
            #expect(res.headers.setCookie?["a"] == nil)
            let tab = try await app.send(.GET, SitePath.login.path + "?next=/%09/evil.example/")
            #expect(tab.headers.first(name: .location) == home)
        }
    }

    @Test("保存时伪造的签署（单位负责人、审核人）被忽略；批复后签署栏只有真正操作的人")
    func forgedSignoffIgnored() async throws {
        try await withJixiao { app in
            var forged = sampleTable()
            forged.signoff = Signoff(
                filledBy: "张三", phone: "0996-1234567", filledOn: "2020-01-01", head: "假负责人",
                businessReviewer: "假业务审核 2026-01-01", performanceReviewer: "假绩效审核 2026-01-01")
            let created = try await app.create(forged)
            #expect(created.table.signoff?.head == nil)
            #expect(created.table.signoff?.businessReviewer == nil)
            #expect(created.table.signoff?.phone == "0996-1234567")
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(created.summary.id))).path,
                json: TableInputDTO(table: forged, version: created.summary.version))
            #expect(saved.status == .ok)
            let after = try saved.content.decode(TableDetailDTO.self).table.signoff
            #expect(after?.head == nil && after?.performanceReviewer == nil && after?.filledOn == nil)
            try await app.approve(created.summary.id)
            let approved = try #require(try await TableStore.find(created.summary.id, on: app.db))
            let sign = try #require(approved.table.signoff)
            #expect(sign.businessReviewer?.hasPrefix(Persona.businessD1.name) == true)
            #expect(sign.performanceReviewer?.hasPrefix(Persona.performance.name) == true)
            #expect(sign.head == nil)
            #expect(sign.filledBy == Persona.fillerA.name)
        }
    }

    @Test("并行猜密码：同时发出的 30 次错误密码最多检查 5 次，其余 429")
    func parallelGuessesThrottled() async throws {
        try await withJixiao { app in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<30 {
                    group.addTask {
                        try await app.send(
                            .POST, SitePath.api(.session).path,
                            json: ["username": Persona.headA.username, "password": "guess-\(i)"], as: nil
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.count { $0 == .unauthorized } <= LoginThrottle.freePerPair, "\(statuses.map(\.code))")
            #expect(statuses.count { $0 == .tooManyRequests } >= 30 - LoginThrottle.freePerPair)
            #expect(!statuses.contains(.internalServerError))
        }
    }

    @Test("别人从另一个地址猜错密码，不会锁住账号本人；本地址的等待按次数加倍")
    func lockoutNotForOthers() async throws {
        try await withJixiao { app in
            let name = Persona.headA.username, attacker = "203.0.113.9", ownerAddress = "198.51.100.7"
            let t0 = Date()
            for _ in 0..<LoginThrottle.freePerPair {
                #expect(try await LoginThrottle.begin(username: name, address: attacker, now: t0, on: app.db).wait == nil)
            }
            // the next guess from the attacker's address waits; the owner at another address does not
            let held = try await LoginThrottle.begin(username: name, address: attacker, now: t0.addingTimeInterval(1), on: app.db)
            // (the database may keep whole seconds: allow one either way)
            #expect((28...31).contains(held.wait ?? 0), "\(String(describing: held.wait))")
            #expect(
                try await LoginThrottle.begin(username: name, address: ownerAddress, now: t0.addingTimeInterval(1), on: app.db)
                    .wait == nil)
            // after the wait one more guess is checked, and the wait after it is twice as long
            #expect(
                try await LoginThrottle.begin(username: name, address: attacker, now: t0.addingTimeInterval(31), on: app.db).wait
                    == nil)
            let doubled = try await LoginThrottle.begin(
                username: name, address: attacker, now: t0.addingTimeInterval(32), on: app.db)
            #expect((58...61).contains(doubled.wait ?? 0), "\(String(describing: doubled.wait))")
        }
    }

    @Test("弱密码被拒绝：常见密码、纯重复、顺序数字、含用户名、只有一类字符")
    func weakPasswords() throws {
        for weak in [
            "12345678", "password", "Password1", "aaaaaaaa", "87654321", "qwertyuiop", "zhangwei2026zhangwei", "abcdefghij",
        ] {
            #expect(!Accounts.problems(password: weak, username: "zhangwei").isEmpty, "\(weak)")
        }
        #expect(Accounts.problems(password: "jixiao-demo", username: "tianbao").isEmpty)
        #expect(Accounts.problems(password: "绩效目标2026", username: "tianbao").isEmpty)
    }

    @Test("流程操作、保存、删除不带 version：428，表不变")
    func actionsNeedVersion() async throws {
        try await withJixiao { app in
            let t = try await app.create(sampleTable())
            let id = t.summary.id
            let submit = try await app.send(
                .POST, SitePath.api(.tableAction(.value(id), .value(.submit))).path,
                json: WorkflowController.ActionRequest(acknowledgeWarnings: true))
            #expect(submit.status == .preconditionRequired)
            #expect(submit.reason.contains("缺少“version”"))
            let put = try await app.send(.PUT, SitePath.api(.table(.value(id))).path, json: TableInputDTO(table: t.table))
            #expect(put.status == .preconditionRequired)
            let del = try await app.send(.DELETE, SitePath.api(.table(.value(id))).path)
            #expect(del.status == .preconditionRequired)
            #expect(try await TableStore.find(id, on: app.db)?.summary.status == "draft")
            // an old version is a conflict, not a silent approval of unseen content
            let stale = try await app.send(
                .POST, SitePath.api(.tableAction(.value(id), .value(.submit))).path,
                json: WorkflowController.ActionRequest(acknowledgeWarnings: true, version: 0))
            #expect(stale.status == .conflict)
            // If-Match works as well
            let ok = try await app.send(
                .POST, SitePath.api(.tableAction(.value(id), .value(.submit))).path,
                json: WorkflowController.ActionRequest(acknowledgeWarnings: true), headers: ["If-Match": "\"1\""])
            #expect(ok.status == .ok)
        }
    }

    @Test("表上写了别的单位名称：仍归本单位，清单中注明“表上填写的单位”")
    func printedUnitNeverFilesElsewhere() async throws {
        try await withJixiao { app in
            let t = try await app.create(sampleTable(unit: "测试单位乙"), as: .fillerA)
            #expect(t.summary.unit == "测试单位甲")
            #expect(t.summary.printedUnit == "测试单位乙")
            #expect(t.table.unit == "测试单位乙")
            // B does not see it, and the list files it under A with the note
            #expect(try await app.send(.GET, SitePath.api(.table(.value(t.summary.id))).path, as: .fillerB).status == .notFound)
            let home = try await app.send(.GET, SitePath.home.path, as: .businessD1).body.string
            #expect(home.contains("表上填写的单位：测试单位乙"))
        }
    }

    @Test("导入预览把识别结果留在服务器：保存表单只带编号，别的账号用不了")
    func importDraftOnServer() async throws {
        try await withJixiao { app in
            let seed = try #require(SharedFiles.seedNames.first)
            let text = try String(contentsOf: SharedFiles.seeds.appendingPathComponent(seed + ".txt"), encoding: .utf8)
            let preview = try await app.postForm(SitePath.importPreview.path, ["text": text])
            #expect(preview.status == .ok)
            let html = preview.body.string
            #expect(!html.contains("name=\"document\""))
            let draft = try #require(
                html.range(of: #"name="draft" value="([0-9A-F-]{36})""#, options: .regularExpression)
                    .map { String(html[$0].dropFirst(20).prefix(36)) })
            let stolen = try await app.postForm(SitePath.importSave.path, ["draft": draft], as: .fillerB)
            #expect(stolen.status == .gone)
            let saved = try await app.postForm(SitePath.importSave.path, ["draft": draft])
            #expect(saved.status == .seeOther)
            #expect(try await TableStore.list(in: .all, on: app.db).count >= 1)
            // saved once: a second press is refused, nothing doubled
            let count = try await TableStore.list(in: .all, on: app.db).count
            #expect(try await app.postForm(SitePath.importSave.path, ["draft": draft]).status == .gone)
            #expect(try await TableStore.list(in: .all, on: app.db).count == count)
        }
    }

    @Test("选了空文件：说文件是空的，而不是“请粘贴表格文本”")
    func emptyFileNamed() async throws {
        try await withJixiao { app in
            let session = try await app.signIn(.fillerA)
            let boundary = "jixiao-boundary"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(session.csrf)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"目标表.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
                + "--\(boundary)--\r\n"
            let res = try await app.testing().sendRequest(
                .POST, SitePath.importPreview.path,
                headers: [
                    "Cookie": "\(SessionStore.cookieName)=\(session.token)",
                    "Content-Type": "multipart/form-data; boundary=\(boundary)",
                ], body: ByteBuffer(string: body))
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("是空文件"))
        }
    }

    @Test("开放工具可设为须登录：未登录 401")
    func toolsCanRequireAccount() async throws {
        try await withJixiao(adjust: { $0.toolsRequireAccount = true }) { app in
            let res = try await app.send(.POST, SitePath.api(.check).path, json: ["tables": [sampleTable()]], as: nil)
            #expect(res.status == .unauthorized)
            #expect(try await app.send(.POST, SitePath.api(.check).path, json: ["tables": [sampleTable()]]).status == .ok)
        }
    }

    @Test("繁重任务：同一客户端超过并发上限即 429，别的客户端不受影响")
    func heavyWorkPerClient() async throws {
        var limits = HeavyWork.Limits()
        limits.slots = 1
        limits.perClientRunning = 1
        limits.perClientPerMinute = 3
        let work = HeavyWork(limits: limits)
        defer { work.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        let first = Task {
            try await work.run(client: "a") {
                gate.wait(); return 1
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        await #expect(throws: HeavyWork.Refusal.self) { try await work.run(client: "a") { 2 } }
        gate.signal()
        #expect(try await first.value == 1)
        #expect(try await work.run(client: "b") { 3 } == 3)
        // a minute's allowance used up: told how long to wait
        _ = try await work.run(client: "a") { 4 }
        _ = try await work.run(client: "a") { 5 }
        do {
            _ = try await work.run(client: "a") { 6 }
            Issue.record("the fourth job in a minute should be refused")
        } catch let refusal as HeavyWork.Refusal {
            #expect(refusal.status == .tooManyRequests)
            #expect(refusal.reason.contains("秒后再试"))
            #expect(refusal.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test("SQLite 文件库上 50 个并发保存：没有 500，每个保存要么成功要么 409")
    func concurrentSavesSQLite() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.concurrentSaves(.sqliteFile(dir.appendingPathComponent("db.sqlite").path))
    }

    /// 10 tables; 5 saves of each at once, every save naming the version it read: one per table wins
    /// per version, the others are refused with 409 and the reason, and none fails with 500.
    static func concurrentSaves(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db) { app in
            var tables: [TableDetailDTO] = []
            for i in 0..<10 {
                tables.append(try await app.create(sampleTable(name: "满意度\(i)"), as: i % 2 == 0 ? .fillerA : .headA))
            }
            let statuses = try await withThrowingTaskGroup(of: (Int, HTTPStatus, String).self) { group in
                for (i, t) in tables.enumerated() {
                    for k in 0..<5 {
                        group.addTask {
                            var table = t.table
                            table.goal = "并发保存 \(k)"
                            let res = try await app.send(
                                .PUT, SitePath.api(.table(.value(t.summary.id))).path,
                                json: TableInputDTO(table: table, version: t.summary.version),
                                as: i % 2 == 0 ? .fillerA : .headA)
                            return (i, res.status, res.reason)
                        }
                    }
                }
                return try await group.reduce(into: [(Int, HTTPStatus, String)]()) { $0.append($1) }
            }
            #expect(statuses.count == 50)
            #expect(
                !statuses.contains { $0.1 == .internalServerError },
                "\(statuses.filter { $0.1 == .internalServerError }.map(\.2))")
            #expect(statuses.allSatisfy { $0.1 == .ok || $0.1 == .conflict })
            for i in 0..<10 { #expect(statuses.count { $0.0 == i && $0.1 == .ok } == 1, "table \(i)") }
            #expect(statuses.filter { $0.1 == .conflict }.allSatisfy { $0.2.contains("保存冲突") })
            for t in tables { #expect(try await TableStore.find(t.summary.id, on: app.db)?.summary.version == 2) }
        }
    }
}
