import Fluent
import Foundation
import GoalCore
import GoalIO
import GoalLibrary
import Vapor

/// 指标库 (issue #19 part 4–5): the page, its JSON API and the suggestions the editor asks for.
/// Everyone signed in searches the library of the tables they may see; 绩效股 and 财政 mark entries
/// (推荐/停用), add their own, and export and import the library as .xlsx.
struct LibraryController {
    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.library.pathComponents, use: page)
        app.post(SitePath.libraryMarks.pathComponents, use: markForm)
        app.post(SitePath.libraryEntries.pathComponents, use: entryForm)
        app.get(SitePath.libraryExport.pathComponents, use: export)
        app.post(SitePath.libraryImport.pathComponents, use: importFile)
        app.get(SitePath.api(.library).pathComponents, use: searchAPI)
        app.get(SitePath.api(.librarySuggestions).pathComponents, use: suggestionsAPI)
        app.get(SitePath.api(.libraryStartingSet).pathComponents, use: startingSetAPI)
        app.post(SitePath.api(.libraryMarks).pathComponents, use: markAPI)
        app.post(SitePath.api(.libraryEntries).pathComponents, use: entryAPI)
    }

    // MARK: search

    struct SearchParams: Content {
        var q: String?
        var level1: String?
        var level2: String?
        var kind: String?
        var unitType: String?
        var mark: String?
        var retired: String?
        var limit: Int?
    }

    static func query(_ p: SearchParams) throws -> LibraryQuery {
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        var q = LibraryQuery(words: p.q ?? "", level1: nonEmpty(p.level1), level2: nonEmpty(p.level2))
        if let k = nonEmpty(p.kind) {
            guard let kind = TableKind(rawValue: k) else {
                throw Abort(.badRequest, reason: "参数“kind”应为 department、project 或 provincial，实为“\(k.prefix(40))”")
            }
            q.kind = kind
        }
        if let u = nonEmpty(p.unitType) {
            guard let t = UnitType(rawValue: u) else {
                let allowed = UnitType.allCases.map(\.rawValue).joined(separator: "、")
                throw Abort(.badRequest, reason: "参数“unitType”应为\(allowed)之一，实为“\(u.prefix(40))”")
            }
            q.unitType = t
        }
        if let m = nonEmpty(p.mark) {
            guard let mark = LibraryMark(rawValue: m) else { throw Abort(.badRequest, reason: "参数“mark”应为“推荐”或“停用”") }
            q.mark = mark
        }
        q.includeRetired = p.retired == "1" || p.retired == "true"
        q.limit = min(max(p.limit ?? 50, 1), 500)
        return q
    }

    struct HitDTO: Content {
        var entry: LibraryEntry
        var unitType: String
        var score: Double
        var reasons: [String]
    }

    struct SearchDTO: Content {
        var entries: [HitDTO]
        /// Approved indicators the library was built from (the account's scope), and when.
        var indicators: Int
    }

    @Sendable func searchAPI(req: Request) async throws -> SearchDTO {
        let user = try req.requireUser()
        let q = try Self.query(try req.query.decode(SearchParams.self))
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        let hits = built.library.search(q)
        return SearchDTO(
            entries: hits.map {
                HitDTO(entry: $0.entry, unitType: $0.entry.unitType.rawValue, score: $0.score, reasons: $0.reasons)
            },
            indicators: built.facts)
    }

    // MARK: suggestions

    struct SuggestionDTO: Content {
        var key: String
        var name: String
        var level1: String
        var level2: String
        var type: String
        var unit: String?
        var explanation: String?
        var scoring: String?
        var target: String?
        var targetReason: String
        var why: [String]
        var tables: Int
        var standard: String?
        var mark: String?
    }

    struct SuggestionsDTO: Content { var suggestions: [SuggestionDTO] }

    @Sendable func suggestionsAPI(req: Request) async throws -> SuggestionsDTO {
        let user = try req.requireUser()
        let name = (try? req.query.get(String.self, at: "name")) ?? ""
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return SuggestionsDTO(suggestions: []) }
        guard name.count <= 200 else { throw Abort(.badRequest, reason: "参数“name”太长（最多 200 个字）") }
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(TableKind.init(rawValue:))
        let limit = min(max((try? req.query.get(Int.self, at: "limit")) ?? 5, 1), 20)
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        return SuggestionsDTO(
            suggestions: try await Self.suggestions(name, kind: kind, limit: limit, in: built.library, for: user, on: req.db))
    }

    /// The entries offered for a name, each with the target it proposes: from the unit's own last actual
    /// for that name when it has one (one index probe per name), else from the tables' median.
    static func suggestions(
        _ name: String, kind: TableKind?, limit: Int, in library: IndicatorLibrary, for user: CurrentUser, on db: any Database
    ) async throws -> [SuggestionDTO] {
        let first = library.suggest(name: name, kind: kind, limit: limit)
        let own = try await LibraryStore.ownHistory(user, names: [name] + first.map(\.entry.name), on: db)
        let typed = own[LibraryText.key(name)]
        return first.map { s in
            var s = s
            if let o = own[s.entry.key] ?? typed { (s.target, s.targetReason) = library.proposal(s.entry, own: o) }
            return SuggestionDTO(
                key: s.entry.key, name: s.entry.name, level1: s.level1, level2: s.level2, type: s.type.rawValue, unit: s.unit,
                explanation: s.explanation, scoring: s.scoring, target: s.target, targetReason: s.targetReason, why: s.why,
                tables: s.entry.tables, standard: s.entry.standard?.rawValue, mark: s.entry.mark?.rawValue)
        }
    }

    struct StartingDTO: Content {
        var key: String
        var name: String
        var level1: String
        var level2: String
        var type: String
        var unit: String?
        var explanation: String?
        var scoring: String?
        var target: String?
        var usedBy: Int
        var of: Int
        var why: String
    }

    struct StartingSetDTO: Content { var suggestions: [StartingDTO] }

    @Sendable func startingSetAPI(req: Request) async throws -> StartingSetDTO {
        let user = try req.requireUser()
        let kindText = (try? req.query.get(String.self, at: "kind")) ?? "project"
        guard let kind = TableKind(rawValue: kindText) else {
            throw Abort(.badRequest, reason: "参数“kind”应为 department、project 或 provincial，实为“\(kindText.prefix(40))”")
        }
        let name = (try? req.query.get(String.self, at: "name")) ?? ""
        let unit = (try? req.query.get(String.self, at: "unit")) ?? ""
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        let set = built.library.startingSet(
            kind: kind, name: String(name.prefix(200)), unit: String(unit.prefix(200)), tables: built.sketches)
        return StartingSetDTO(
            suggestions: set.map { s in
                let e = s.entry
                return StartingDTO(
                    key: e.key, name: e.name, level1: e.level1, level2: e.level2, type: e.type.rawValue, unit: e.unit,
                    explanation: e.explanations.first?.text, scoring: e.scorings.first?.text,
                    target: e.targets.map { TextNormalizer.format($0.median) }, usedBy: s.usedBy, of: s.of, why: s.why)
            })
    }

    // MARK: finance's marks and entries

    struct MarkInput: Content {
        var key: String
        /// 推荐, 停用, or empty to take the mark away.
        var mark: String?
        var standard: String?
    }

    static func override(_ m: MarkInput) throws -> LibraryOverride {
        let key = LibraryText.key(m.key)
        guard !key.isEmpty else { throw Abort(.badRequest, reason: "标记指标：没有说明要标记哪一个指标（key 为空）") }
        var o = LibraryOverride(key: key)
        if let mark = m.mark, !mark.isEmpty {
            guard let v = LibraryMark(rawValue: mark) else { throw Abort(.badRequest, reason: "标记指标：标记应为“推荐”或“停用”") }
            o.mark = v
        }
        if let s = m.standard, !s.isEmpty {
            guard let v = ValueStandard(rawValue: s) else {
                throw Abort(.badRequest, reason: "标记指标：值标准应为计划标准、历史标准、行业标准或预算支出标准")
            }
            o.standard = v
        }
        return o
    }

    struct OKDTO: Content { var ok: Bool }

    @Sendable func markAPI(req: Request) async throws -> OKDTO {
        let user = try req.requireUser()
        try LibraryStore.requireFinance(user, to: LibraryStore.Change.mark.label)
        let o = try Self.override(try req.decodeJSON(MarkInput.self, what: "标记指标"))
        try await LibraryStore.save([o], .mark, by: user, on: req.db)
        req.application.libraryStore.invalidate()
        return OKDTO(ok: true)
    }

    @Sendable func markForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try LibraryStore.requireFinance(user, to: LibraryStore.Change.mark.label)
        let o = try Self.override(try req.content.decode(MarkInput.self))
        try await LibraryStore.save([o], .mark, by: user, on: req.db)
        req.application.libraryStore.invalidate()
        let back = (try? req.content.get(String.self, at: "back")).flatMap { $0.hasPrefix("/library") ? $0 : nil }
        return req.redirect(to: back ?? SitePath.library.path, redirectType: .normal)
    }

    struct EntryInput: Content {
        var name: String
        var level1: String?
        var level2: String?
        var type: String?
        var unit: String?
        var explanation: String?
        var scoring: String?
        var standard: String?
        var mark: String?
    }

    static func entry(_ i: EntryInput) throws -> LibraryOverride {
        let name = i.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw Abort(.badRequest, reason: "添加指标：三级指标名称应为 1 到 200 个字") }
        let typeText = i.type.flatMap { $0.isEmpty ? nil : $0 } ?? "定性"
        guard let type = Comparison.parse(typeText) else {
            throw Abort(.badRequest, reason: "添加指标：指标值类型“\(typeText.prefix(20))”不是 ≥ > = ≤ < 或 定性")
        }
        var o = try override(MarkInput(key: name, mark: i.mark, standard: i.standard))
        func text(_ s: String?) -> String? {
            s.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        o.entry = LibraryEntry(
            name: name, level1: text(i.level1) ?? "", level2: text(i.level2) ?? "", type: type, unit: text(i.unit),
            explanations: text(i.explanation).map { [UsedText(text: $0, count: 0)] } ?? [],
            scorings: text(i.scoring).map { [UsedText(text: $0, count: 0)] } ?? [], standard: o.standard, mark: o.mark,
            origin: .finance)
        return o
    }

    @Sendable func entryAPI(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try LibraryStore.requireFinance(user, to: LibraryStore.Change.entry.label)
        let o = try Self.entry(try req.decodeJSON(EntryInput.self, what: "添加指标"))
        try await LibraryStore.save([o], .entry, by: user, replace: true, on: req.db)
        req.application.libraryStore.invalidate()
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        guard let e = built.library[o.key] else { throw Abort(.internalServerError, reason: "添加指标：条目已保存，但指标库中暂时找不到它，请刷新指标库页面查看") }
        return try await HitDTO(entry: e, unitType: e.unitType.rawValue, score: 0, reasons: []).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func entryForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try LibraryStore.requireFinance(user, to: LibraryStore.Change.entry.label)
        let o = try Self.entry(try req.content.decode(EntryInput.self))
        try await LibraryStore.save([o], .entry, by: user, replace: true, on: req.db)
        req.application.libraryStore.invalidate()
        return req.redirect(
            to: SitePath.library.path + "?q="
                + (o.entry?.name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""), redirectType: .normal)
    }

    // MARK: .xlsx

    @Sendable func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        let entries = built.library.entries
        let data = try await req.heavy { try LibraryWorkbook.write(entries) }
        return Response.download(
            data, name: "指标库.xlsx", asciiName: "indicator-library.xlsx",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    struct ImportUpload: Content { var file: File? }

    @Sendable func importFile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try LibraryStore.requireFinance(user, to: LibraryStore.Change.importFile.label)
        let form = try req.content.decode(ImportUpload.self)
        guard let f = form.file, f.data.readableBytes > 0 else {
            return try await render(req, user, SearchParams(), notes: ["请选择指标库 .xlsx 文件后再导入"], status: .badRequest)
        }
        let data = Data(buffer: f.data)
        let read: Result<LibraryWorkbook.Outcome, Abort> = try await req.heavy {
            do { return .success(try LibraryWorkbook.read(data)) } catch {
                return .failure(Abort(.unprocessableEntity, reason: "无法读取为指标库工作簿（.xlsx）"))
            }
        }
        let outcome = try read.get()
        try await LibraryStore.save(outcome.overrides, .importFile, by: user, replace: true, on: req.db)
        req.application.libraryStore.invalidate()
        let notes = ["已导入 \(outcome.overrides.count) 条指标"] + outcome.problems
        return try await render(req, user, SearchParams(), notes: notes, status: .ok)
    }

    // MARK: the page

    @Sendable func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let params = try req.query.decode(SearchParams.self)
        return try await render(req, user, params, notes: [], status: .ok)
    }

    func render(_ req: Request, _ user: CurrentUser, _ p: SearchParams, notes: [String], status: HTTPResponseStatus) async throws
        -> Response
    {
        let q = try Self.query(p)
        let built = try await req.application.libraryStore.library(for: user, on: req.db)
        let hits = built.library.search(q)
        let finance = user.role == .performanceReviewer || user.role == .financeReviewer
        let here = SitePath.library.path + "?" + (req.url.query ?? "")
        let page = LibraryPage(
            params: p, hits: hits, total: built.library.entries.count, indicators: built.facts, finance: finance,
            notes: notes, back: here)
        return try await req.page("library", page).encodeResponse(status: status, for: req)
    }
}
