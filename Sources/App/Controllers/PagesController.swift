import Foundation
import GoalCore
import GoalIO
import Vapor

/// The pages: 首页, 表格, 导入, 自评, 编辑, 导出. Each handler fetches through `TableStore` and renders a `PageContext`.
struct PagesController {
    let config: AppConfig

    func register(_ app: any RoutesBuilder) {
        app.get(SitePath.home.pathComponents, use: home)
        app.get(SitePath.importPage.pathComponents, use: importPage)
        app.post(SitePath.importPreview.pathComponents, use: importPreview)
        app.post(SitePath.importSave.pathComponents, use: importSave)
        app.get(SitePath.table(.key).pathComponents, use: table)
        app.get(SitePath.tableEdit(.key).pathComponents, use: edit)
        app.get(SitePath.tableSelfEvaluation(.key).pathComponents, use: selfEvaluation)
        app.get(SitePath.tableExport(.key).pathComponents, use: export)
        for format in ExportFormat.allCases {
            app.get(SitePath.tableExportFile(.key, format).pathComponents) { req in try await exportFile(req, format) }
        }
    }

    private func detail(_ req: Request) async throws -> TableDetailDTO {
        let id = try req.tableID()
        guard let d = try await TableStore.find(id, on: req.db) else { throw TableStore.Failure.notFound(id) }
        return d
    }

    /// `/?unit=…&year=…&kind=…&page=…`: one page of the matching tables, filtered and paged in SQL.
    @Sendable func home(req: Request) async throws -> View {
        let query = TableListQuery(unit: req.query[String.self, at: "unit"], year: req.query[String.self, at: "year"],
                                   kind: req.query[String.self, at: "kind"], page: req.query[String.self, at: "page"])
        let page = try await TableStore.page(query, on: req.db)
        let facets = try await TableStore.facets(on: req.db)
        return try await req.view.render("home", PageContext.Home(page, query: query, facets: facets))
    }

    @Sendable func table(req: Request) async throws -> View {
        try await req.view.render("table", PageContext.table(try await detail(req)))
    }

    @Sendable func edit(req: Request) async throws -> View {
        try await req.view.render("edit", PageContext.Editor(try await detail(req), title: "编辑"))
    }

    @Sendable func selfEvaluation(req: Request) async throws -> View {
        try await req.view.render("selfeval", PageContext.Editor(try await detail(req), title: "自评"))
    }

    @Sendable func export(req: Request) async throws -> View {
        let d = try await detail(req)
        let formats = ExportFormat.allCases.map { $0.option(for: d.summary.id) }
        return try await req.view.render("export", PageContext.Export(
            title: "导出：" + d.summary.name, summary: d.summary, links: .init(d.summary.id), formats: formats))
    }

    @Sendable func exportFile(_ req: Request, _ format: ExportFormat) async throws -> Response {
        let d = try await detail(req)
        let body = try format.data([d.table])
        let file = "\(d.summary.name.isEmpty ? "目标表" : d.summary.name).\(format.fileExtension)"
        let encoded = file.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "table"
        let disposition = format == .print ? "inline" : "attachment"
        return Response(status: .ok, headers: [
            "Content-Type": format.contentType,
            "Content-Disposition": "\(disposition); filename=\"table.\(format.fileExtension)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(data: body))
    }

    // MARK: 导入

    @Sendable func importPage(req: Request) async throws -> View {
        try await req.view.render("import", PageContext.Import(text: ""))
    }

    struct ImportForm: Content {
        var text: String?
        var file: File?
    }

    /// Reads pasted text or an uploaded file with `DocumentReader` and shows what was recovered.
    /// (.xlsx/.docx are read as soon as GoalIO's `DocumentReader` knows them: nothing to change here.)
    @Sendable func importPreview(req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        let data: Data, name: String, source: String
        if let file = form.file, file.data.readableBytes > 0 {
            data = Data(buffer: file.data); name = file.filename; source = "文件“\(file.filename)”"
        } else if let text = form.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            data = Data(text.utf8); name = ""; source = "粘贴的文本"
        } else {
            return try await rerender(req, form.text ?? "", error: "请粘贴表格文本，或选择一个文件后再点“识别”。")
        }
        let result: ImportResult
        do {
            result = try DocumentReader.read(data: data, name: name)
        } catch {
            return try await rerender(req, form.text ?? "", error: "\(source)无法识别为绩效目标表：\(error.description)")
        }
        guard !result.tables.isEmpty else {
            return try await rerender(req, form.text ?? "", error: "\(source)中没有找到绩效目标表（需要包含“一级指标”等表头的指标表）。")
        }
        return try await req.view.render("import-preview", PageContext.ImportPreview(source: source, result: result))
            .encodeResponse(for: req)
    }

    private func rerender(_ req: Request, _ text: String, error: String) async throws -> Response {
        let res = try await req.view.render("import", PageContext.Import(text: text, error: error)).encodeResponse(for: req)
        res.status = .unprocessableEntity
        return res
    }

    struct SaveForm: Content { var document: String }

    /// Saves every previewed table, then shows the list.
    @Sendable func importSave(req: Request) async throws -> Response {
        let form = try req.content.decode(SaveForm.self)
        let doc: GoalDocument
        do {
            doc = try GoalDocument.decode(Data(form.document.utf8))
        } catch {
            throw Abort(.badRequest, reason: "保存导入：表格数据无法读取（\(error.description)），请重新导入")
        }
        for t in doc.tables { _ = try await TableStore.create(t, on: req.db) }
        return req.redirect(to: SitePath.home.path, redirectType: .normal)
    }
}
