import Foundation
import GoalCore
import GoalIO
import GoalLibrary
import Testing
import TestSupport
import VaporTesting
@testable import App

/// 指标库 through the app: built from the approved tables each account may see, suggestions with the
/// unit's own last actual, finance's marks and entries, .xlsx out and in. Shared by SQLite and PostgreSQL.
enum LibraryScenarios {
    static func table(_ unit: String, project: String, insured: String, actual: String? = nil) -> GoalTable {
        var t = GoalTable(
            kind: .project, year: 2026, unit: unit, goal: "按时足额发放待遇",
            project: ProjectInfo(name: project, manager: "张三"), funds: Funds(total: 10, fiscal: 10, other: 0),
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "城乡居民参保人数", type: .atLeast, value: insured, unit: "万人",
                    explanation: "年末城乡居民养老保险参保人数", scoring: "达到目标值得满分，否则按比例得分", weight: 50),
                Indicator(
                    level1: "满意度指标", level2: "服务对象满意度指标", name: "参保群众满意度", type: .atLeast, value: "90", unit: "%",
                    scoring: "达到目标值得满分，否则按比例得分", weight: 50),
            ])
        if let actual { t.setActual(actual, at: 0) }
        return t
    }

    static func library(_ db: AppConfig.Database) async throws {
        try await withJixiao(database: db, seeds: SharedFiles.seeds.path) { app in
            let a = try await app.create(table("测试单位甲", project: "城乡居民养老保险补助", insured: "1.5"))
            try await app.approve(a.summary.id)
            let b = try await app.create(table("测试单位乙", project: "城乡居民养老保险经办", insured: "2.5"), as: .fillerB)
            try await app.approve(b.summary.id, filler: .fillerB)
            var draft = table("测试单位甲", project: "草稿项目", insured: "9")
            draft.indicators[1].name = "草稿里才有的指标"
            _ = try await app.create(draft)

            // the unit enters its actual on its approved table
            var entered = try #require(try await TableStore.find(a.summary.id, on: app.db))
            entered.table.setActual("1.83", at: 0)
            let saved = try await app.send(
                .PUT, SitePath.api(.table(.value(a.summary.id))).path,
                json: TableInputDTO(table: entered.table, version: entered.summary.version))
            #expect(saved.status == .ok, "\(saved.body.string.prefix(200))")

            func search(_ query: String, as p: Persona) async throws -> LibraryController.SearchDTO {
                let res = try await app.send(.GET, SitePath.api(.library).path + "?" + query, as: p)
                #expect(res.status == .ok, "\(res.body.string.prefix(200))")
                return try res.content.decode(LibraryController.SearchDTO.self)
            }
            let q = "q=" + "城乡居民参保人数".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            // a unit sees its own approved tables; finance all of them
            let mine = try #require(try await search(q, as: .fillerA).entries.first)
            #expect(mine.entry.key == "城乡居民参保人数" && mine.entry.tables == 1)
            let all = try #require(try await search(q, as: .finance).entries.first)
            #expect(all.entry.tables == 2 && all.entry.units == 2)
            #expect(all.entry.targets == Spread(count: 2, median: 2, min: 1.5, max: 2.5))
            #expect(all.entry.actuals?.median == 1.83)
            #expect(all.entry.explanations.first?.text == "年末城乡居民养老保险参保人数")
            // drafts are not in the library; the seed tables' and the form's common indicators are
            let draftName = "草稿里才有的指标".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await search("q=" + draftName, as: .finance).entries.allSatisfy { $0.entry.key != "草稿里才有的指标" })
            #expect(
                try await search("q=%E9%A2%84%E7%AE%97%E6%89%A7%E8%A1%8C%E7%8E%87", as: .fillerA).entries.first?.entry.origin
                    == .builtIn)
            let seeds = try await search("kind=department&limit=500", as: .fillerA).entries
            #expect(seeds.contains { $0.entry.origin == .builtIn && $0.entry.tables > 0 })

            // a suggestion proposes the unit's own last actual, with the figures
            let sres = try await app.send(
                .GET,
                SitePath.api(.librarySuggestions).path + "?kind=project&name="
                    + "居民参保人数".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(sres.status == .ok)
            let s = try #require(try sres.content.decode(LibraryController.SuggestionsDTO.self).suggestions.first)
            #expect(s.name == "城乡居民参保人数" && s.type == "≥" && s.unit == "万人" && s.level2 == "数量指标")
            #expect(s.target == "1.83")
            #expect(s.targetReason.hasPrefix("本单位2026年实际 1.83万人"), "\(s.targetReason)")
            #expect(s.explanation == "年末城乡居民养老保险参保人数")

            // a starting set for a new table: from the similar approved tables, with why
            let start = try await app.send(
                .GET,
                SitePath.api(.libraryStartingSet).path + "?kind=project&name="
                    + "城乡居民养老保险".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            let set = try start.content.decode(LibraryController.StartingSetDTO.self).suggestions
            #expect(set.map(\.key).contains("城乡居民参保人数"))
            #expect(set.first?.why.contains("相近的") == true)

            // marks: finance only
            let refused = try await app.send(
                .POST, SitePath.api(.libraryMarks).path,
                json: LibraryController.MarkInput(key: "城乡居民参保人数", mark: "推荐", standard: nil))
            #expect(refused.status == .forbidden)
            let marked = try await app.send(
                .POST, SitePath.api(.libraryMarks).path,
                json: LibraryController.MarkInput(key: "城乡居民参保人数", mark: "推荐", standard: "历史标准"), as: .finance)
            #expect(marked.status == .ok, "\(marked.body.string)")
            let recommended = try await search("mark=%E6%8E%A8%E8%8D%90", as: .fillerA).entries
            #expect(recommended.map(\.entry.key) == ["城乡居民参保人数"])
            #expect(recommended.first?.entry.standard == .history)
            _ = try await app.send(
                .POST, SitePath.api(.libraryMarks).path,
                json: LibraryController.MarkInput(key: "参保群众满意度", mark: "停用", standard: nil), as: .finance)
            #expect(
                try await search("q=%E6%BB%A1%E6%84%8F%E5%BA%A6", as: .fillerA).entries.allSatisfy { $0.entry.key != "参保群众满意度" })
            // each mark is in the audit trail, with who, what and to which entry; the refused one is not
            let trail = try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string
            #expect(trail.contains("标记指标库条目") && trail.contains("“城乡居民参保人数”：推荐，值标准：历史标准"))
            #expect(trail.contains("“参保群众满意度”：停用"))
            #expect(trail.components(separatedBy: "标记指标库条目").count - 1 == 2)

            // finance's own entry
            let added = try await app.send(
                .POST, SitePath.api(.libraryEntries).path,
                json: LibraryController.EntryInput(
                    name: "待遇社会化发放率", level1: "产出指标", level2: "质量指标", type: "≥", unit: "%",
                    explanation: "社会化发放人数/应发放人数×100%", scoring: nil, standard: "行业标准", mark: nil),
                as: .finance)
            #expect(added.status == .created, "\(added.body.string)")
            let own = try #require(
                try await search("q=%E7%A4%BE%E4%BC%9A%E5%8C%96%E5%8F%91%E6%94%BE", as: .fillerB).entries.first)
            #expect(own.entry.origin == .finance && own.entry.standard == .industry)

            // .xlsx out, and back in (by finance)
            let out = try await app.send(.GET, SitePath.libraryExport.path, as: .finance)
            #expect(out.status == .ok)
            let outcome = try LibraryWorkbook.read(Data(buffer: out.body))
            #expect(outcome.overrides.contains { $0.key == "城乡居民参保人数" && $0.mark == .recommended })
            let page = try await app.send(.GET, SitePath.library.path + "?" + q, as: .fillerA)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("城乡居民参保人数") && page.body.string.contains("中位数"))
        }
    }
}

@Suite("指标库（SQLite）")
struct LibraryAppTests {
    @Test func library() async throws { try await LibraryScenarios.library(.sqliteMemory) }

    @Test("导入指标库 .xlsx：财政可导入，填报人不可")
    func importWorkbook() async throws {
        try await withJixiao { app in
            let data = try LibraryWorkbook.write([
                LibraryEntry(
                    name: "档案数字化率", level1: "产出指标", level2: "质量指标", type: .atLeast, unit: "%", mark: .recommended,
                    origin: .finance)
            ])
            func upload(as p: Persona) async throws -> TestingHTTPResponse {
                let boundary = "----jixiao"
                let session = try await app.signIn(p)
                var body = Data()
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(session.csrf)\r\n".utf8))
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lib.xlsx\"\r\n".utf8))
                body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
                body.append(data)
                body.append(Data("\r\n--\(boundary)--\r\n".utf8))
                var headers = HTTPHeaders()
                headers.add(name: .cookie, value: "\(SessionStore.cookieName)=\(session.token)")
                headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                return try await app.testing().sendRequest(
                    .POST, SitePath.libraryImport.path, headers: headers, body: ByteBuffer(data: body))
            }
            #expect(try await upload(as: .fillerA).status == .forbidden)
            let done = try await upload(as: .finance)
            #expect(done.status == .ok, "\(done.body.string.prefix(300))")
            #expect(done.body.string.contains("已导入 1 条指标"))
            let res = try await app.send(.GET, SitePath.api(.library).path + "?mark=%E6%8E%A8%E8%8D%90", as: .fillerA)
            let found = try res.content.decode(LibraryController.SearchDTO.self).entries
            #expect(found.map(\.entry.key) == ["档案数字化率"])
            let trail = try await app.send(.GET, SitePath.adminAuditCSV.path, as: .admin).body.string
            #expect(trail.contains("导入指标库") && trail.contains("导入 1 条：“档案数字化率”"))
        }
    }
}
