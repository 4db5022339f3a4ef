import Foundation
import GoalCore
import GoalIO
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

@Suite("导入：多个文件、修复标在单元格上、勾选保存、过大文件")
struct ImportTests {
    static let boundary = "----jixiao-test-boundary"

    /// A multipart body as a browser sends it: the text box and each file as `files[]`.
    static func multipart(text: String = "", files: [(name: String, data: Data)]) -> ByteBuffer {
        var body = Data()
        func add(_ s: String) { body.append(contentsOf: Data(s.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\(text)\r\n")
        for f in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"\(f.name)\"\r\n")
            add("Content-Type: application/octet-stream\r\n\r\n")
            body.append(f.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return ByteBuffer(data: body)
    }

    static func seed(_ name: String) throws -> Data {
        try Data(contentsOf: SharedFiles.seeds.appendingPathComponent(name))
    }

    static func preview(_ app: Application, _ body: ByteBuffer) async throws -> TestingHTTPResponse {
        let signedIn = try await app.signedInHeaders()
        return try await app.testing().sendRequest(
            .POST, SitePath.importPreview.path,
            beforeRequest: { req in
                req.headers.add(contentsOf: signedIn)
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = body
            })
    }

    /// The draft id the 保存 form posts back (the recovered tables stay on the server).
    static func draft(in html: String) throws -> String {
        let marker = "name=\"draft\" value=\""
        let after = try #require(html.components(separatedBy: marker).dropFirst().first)
        return String(after.prefix(36))
    }

    /// The tables the preview kept on the server for `html`'s 保存 button.
    static func document(in html: String, _ app: Application, as persona: Persona = .fillerA) async throws -> GoalDocument {
        let id = try #require(UUID(uuidString: try draft(in: html)))
        return try #require(try await ImportDrafts.take(id, for: try await app.user(persona).id, on: app.db))
    }

    /// 保存勾选的表, as the preview's form posts it: the draft and the ticked tables' indexes.
    static func save(_ app: Application, draft: String, keeping keep: [Int]) async throws -> TestingHTTPResponse {
        let signedIn = try await app.signedInHeaders()
        let ticked = keep.map { "&keep%5B%5D=\($0)" }.joined()
        return try await app.testing().sendRequest(
            .POST, SitePath.importSave.path,
            beforeRequest: { req in
                req.headers.add(contentsOf: signedIn)
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: "draft=\(draft)&choosing=1\(ticked)")
            })
    }

    @Test("“保存”按了两次：表只保存一份，另一次说明已经保存过了")
    func savedTwiceAtOnce() async throws {
        let a = try Self.seed("003_9f3eda296765d47b.txt")
        try await withJixiao { app in
            let html = try await Self.preview(app, Self.multipart(files: [("甲.txt", a)])).body.string
            let draft = try Self.draft(in: html)
            let count = try await Self.document(in: html, app).tables.count
            let keep = Array(0..<count)
            async let first = Self.save(app, draft: draft, keeping: keep)
            async let second = Self.save(app, draft: draft, keeping: keep)
            let answers = try await [first, second]
            #expect(answers.map(\.status.code).sorted() == [303, 409])
            #expect(answers.contains { $0.body.string.contains("已经保存过了") })
            #expect(try await TableStore.list(in: .all, on: app.db).count == count, "one copy of each table")
            // and once more afterwards: the draft is gone
            #expect(try await Self.save(app, draft: draft, keeping: keep).status == .gone)
        }
    }

    @Test("两个文件一次上传：两份的表都在预览里，注明来源，每处修复标在单元格上并编号")
    func severalFiles() async throws {
        let a = try Self.seed("003_9f3eda296765d47b.txt"), b = try Self.seed("000_b3337543220addae.txt")
        try await withJixiao { app in
            let res = try await Self.preview(app, Self.multipart(files: [("甲.txt", a), ("乙.txt", b)]))
            #expect(res.status == .ok, "\(res.body.string.prefix(300))")
            let html = res.body.string
            #expect(html.contains("来自文件“甲.txt”"))
            #expect(html.contains("来自文件“乙.txt”"))
            #expect(html.contains("文件“甲.txt”、文件“乙.txt”"))
            // the seed's shifted row is repaired: the cell carries the mark and a numbered link to its note
            #expect(html.contains("repaired-cell"))
            #expect(html.contains("<sup class=\"note-ref\"><a href=\"#note-"))
            // every mark links to a note that is listed
            let refs = html.components(separatedBy: "<sup class=\"note-ref\"><a href=\"#").dropFirst()
                .compactMap { $0.components(separatedBy: "\"").first }
            #expect(!refs.isEmpty)
            for ref in Set(refs) { #expect(html.contains("<li id=\"\(ref)\""), "没有编号为 \(ref) 的处理记录") }

            let doc = try await Self.document(in: html, app)
            let one = try DocumentReader.read(data: a, name: "甲.txt").tables.count
            let two = try DocumentReader.read(data: b, name: "乙.txt").tables.count
            #expect(doc.tables.count == one + two)
            #expect(html.contains("第 \(one + two) 张"))
        }
    }

    @Test("只保存勾选的表，在一个事务里；一张都没勾选时说明原因")
    func saveChosen() async throws {
        let a = try Self.seed("003_9f3eda296765d47b.txt")
        try await withJixiao { app in
            let html = try await Self.preview(app, Self.multipart(files: [("甲.txt", a)])).body.string
            let draft = try Self.draft(in: html)
            let all = try await Self.document(in: html, app).tables
            try #require(all.count >= 3)

            let saved = try await Self.save(app, draft: draft, keeping: [0, 2])
            #expect(saved.status == .seeOther)
            let signedIn = try await app.signedInHeaders()
            let rows = try await TableStore.list(in: .all, on: app.db)
            #expect(rows.count == 2)
            // the list names a table by its project, else its unit
            func listName(_ t: GoalTable) -> String {
                let p = t.project?.name?.trimmingCharacters(in: .whitespaces) ?? ""
                return p.isEmpty ? (t.unit.isEmpty ? t.title : t.unit) : p
            }
            #expect(rows.map(\.name).sorted() == [all[0], all[2]].map(listName).sorted())

            // the draft is used up by its save; a new preview is chosen from with nothing ticked
            let again = try Self.draft(in: try await Self.preview(app, Self.multipart(files: [("甲.txt", a)])).body.string)
            let none = try await app.testing().sendRequest(
                .POST, SitePath.importSave.path,
                beforeRequest: { req in
                    req.headers.add(contentsOf: signedIn)
                    try req.content.encode(["draft": again, "choosing": "1"], as: .urlEncodedForm)
                })
            #expect(none.status == .badRequest)
            #expect(none.body.string.contains("没有勾选任何表"))
            #expect(try await TableStore.list(in: .all, on: app.db).count == 2)
        }
    }

    @Test("表很多时：前 30 张显示全部内容，其余只列概况但同样可勾选；保存的是勾选的每一张")
    func manyTablesPreview() async throws {
        let seed = try Self.seed("003_9f3eda296765d47b.txt")
        let perCopy = try DocumentReader.read(data: seed, name: "x.txt").tables.count
        let copies = PageContext.ImportPreview.shownInFull / perCopy + 2
        let paste = String(repeating: String(decoding: seed, as: UTF8.self) + "\n\n", count: copies)
        try await withJixiao { app in
            let html = try await Self.preview(app, Self.multipart(text: paste, files: [])).body.string
            let total = perCopy * copies, shown = PageContext.ImportPreview.shownInFull
            #expect(html.contains("识别出 \(total) 张表"))
            #expect(html.components(separatedBy: "<section class=\"preview official\">").count - 1 == shown)
            #expect(html.contains("其余 \(total - shown) 张表（概况）"))
            // every table has its checkbox, the last one too
            #expect(html.components(separatedBy: "name=\"keep[]\"").count - 1 == total)
            #expect(html.contains("aria-label=\"保存第 \(total) 张\""))

            let saved = try await Self.save(app, draft: try Self.draft(in: html), keeping: [0, shown, total - 1])
            #expect(saved.status == .seeOther)
            #expect(try await TableStore.list(in: .all, on: app.db).count == 3)
        }
    }

    @Test("导入页告诉浏览器上传上限；超过上限的上传返回 413 和中文说明")
    func tooLarge() async throws {
        try await withJixiao(maxBodyBytes: 64 * 1024) { app in
            let page = try await app.send(.GET, SitePath.importPage.path).body.string
            #expect(page.contains("data-max-bytes=\"65536\""))
            #expect(page.contains("合计不超过 64 KB"))
            #expect(page.contains("/js/import.js"))

            let big = Data(String(repeating: "产出指标\t数量指标\t培训人数\t≥100人\n", count: 3000).utf8)
            let res = try await Self.preview(app, Self.multipart(files: [("大.txt", big)]))
            #expect(res.status == .payloadTooLarge)
            #expect(res.body.string.contains("上传内容太大"))
            #expect(res.body.string.contains("64 KB"))
        }
        try await withJixiao { app in
            let js = try await app.send(.GET, "/js/import.js")
            #expect(js.status == .ok)
            #expect(js.body.string.contains("upload.addEventListener(\"progress\""))
            #expect(js.body.string.contains("正在识别…"))
        }
    }

    @Test("上传的文件名里的 <script> 显示为文字")
    func hostileFileName() async throws {
        let a = try Self.seed("003_9f3eda296765d47b.txt")
        try await withJixiao { app in
            let html = try await Self.preview(app, Self.multipart(files: [("<script>x</script>.txt", a), ("b.txt", a)])).body
                .string
            #expect(!html.contains("<script>x</script>"))
            #expect(html.contains("&lt;script&gt;x&lt;/script&gt;.txt"))
        }
    }
}

@Suite("粘贴框是否为空：与去掉首尾空白后判断相同")
struct FormTextTests {
    @Test("空白（含全角空格、换行、制表）算空，任何其他字符都不算空")
    func hasContentAgreesWithTrimming() {
        let samples = [
            "", " ", "\n\t\r\n", "\u{3000}\u{3000}", "\u{00A0}", "\u{200B}", " a ", "一", "\u{3000}一级指标\n", "\n\n\n\t。",
        ]
        for s in samples {
            #expect(s.hasContent == !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(s.debugDescription)")
        }
    }
}
