import Fluent
import Foundation
import GoalCore
import GoalIO
import Vapor

/// 佐证材料 of a table: attach a file to an indicator or to the whole table, download it, remove it.
///
/// Who: a file is downloaded by exactly those who may see the table (`Access.visible`: 404 for anyone
/// else, as for the table itself). It is attached and removed by the table's own unit while its 自评 can
/// be edited (the same lock the 自评 page shows), so evidence cannot change under a reviewer's eyes after
/// submission. Every attachment and removal is written to the table's audit trail.
struct EvidenceController {
    let config: AppConfig

    func register(_ app: any RoutesBuilder) {
        app.on(
            .POST, SitePath.tableEvidence(.key).pathComponents, body: .collect(maxSize: ByteCount(value: config.maxBodyBytes)),
            use: attach)
        app.get(SitePath.tableEvidenceFile(.key, .key).pathComponents, use: download)
        app.post(SitePath.tableEvidenceDelete(.key, .key).pathComponents, use: remove)
    }

    /// Why this account cannot attach or remove evidence here now; nil when it can.
    static func lock(_ d: TableDetailDTO, user: CurrentUser) -> String? {
        PagesController.lock(d.summary, user: user, evaluation: true)
    }

    struct AttachForm: Content {
        var file: File?
        /// The indicator's id; empty or absent: the whole table.
        var indicator: String?
    }

    /// A refused file (none chosen, an indicator gone, a type or size the rules refuse) shows the 自评 page
    /// again, 422, with the reason beside the upload form: the user stays where they were, nothing is stored.
    @Sendable func attach(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        if let why = Self.lock(d, user: user) { throw Abort(.forbidden, reason: "不能上传佐证材料：\(why)") }
        let form = try req.content.decode(AttachForm.self)
        switch refusalOrFile(form, table: d) {
        case .failure(let refusal):
            var page = try await PagesController.selfEvaluationPage(d, config: config, req: req)
            page.evidenceProblem = refusal.message
            return try await req.page("selfeval", page).encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let (data, name, kind, indicator)):
            _ = try await EvidenceStore.attach(
                data, name: name, kind: kind, to: d.summary.id, tableName: d.summary.name, indicator: indicator, by: user,
                on: req.db)
            return req.redirect(to: SitePath.tableSelfEvaluation(.value(d.summary.id)).path + "#evidence")
        }
    }

    /// The upload as it may be stored, or why it may not.
    private func refusalOrFile(_ form: AttachForm, table d: TableDetailDTO)
        -> Result<(Data, String, EvidenceCheck.Kind, Indicator?), EvidenceCheck.Refusal>
    {
        guard let file = form.file, !file.filename.isEmpty else { return .failure(.init("请选择要上传的佐证材料文件。")) }
        var indicator: Indicator? = nil
        if let id = form.indicator.map({ TextNormalizer.trim($0) }), !id.isEmpty {
            guard let found = d.table.indicators.first(where: { $0.id == id }) else {
                return .failure(.init("这张表没有所选的指标（可能已被删除），请刷新页面后重新选择。"))
            }
            indicator = found
        }
        let data = Data(buffer: file.data)
        let name = Self.cleanName(file.filename)
        return EvidenceCheck.check(data, name: name, maxBytes: min(config.maxEvidenceBytes, config.maxBodyBytes))
            .map { (data, name, $0, indicator) }
    }

    @Sendable func download(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        guard let r = try await EvidenceStore.file(try req.fileID(), of: d.summary.id, on: req.db) else {
            throw Abort(.notFound, reason: "找不到该佐证材料（可能已被删除）")
        }
        let kind = EvidenceCheck.Kind(rawValue: r.kind) ?? .zip
        let ascii = "evidence." + kind.extensions[0]
        return .download(r.content, name: r.fileName, asciiName: ascii, contentType: kind.contentType)
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let d = try await Access.visible(try req.tableID(), for: user, on: req.db)
        if let why = Self.lock(d, user: user) { throw Abort(.forbidden, reason: "不能删除佐证材料：\(why)") }
        guard let r = try await EvidenceStore.file(try req.fileID(), of: d.summary.id, on: req.db) else {
            throw Abort(.notFound, reason: "找不到该佐证材料（可能已被删除）")
        }
        try await EvidenceStore.remove(r, tableName: d.summary.name, by: user, on: req.db)
        return req.redirect(to: SitePath.tableSelfEvaluation(.value(d.summary.id)).path + "#evidence")
    }

    /// The name as sent, without any folder a browser or client put before it, trimmed to 120 characters.
    static func cleanName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        let trimmed = TextNormalizer.trim(last.filter { !$0.isNewline && $0 != "\0" })
        guard trimmed.count > 120 else { return trimmed.isEmpty ? "佐证材料" : trimmed }
        let ext = (trimmed as NSString).pathExtension
        return String(trimmed.prefix(110)) + (ext.isEmpty ? "" : "." + ext)
    }
}

extension Request {
    /// The `:file` of the path as a UUID, or 404 in Chinese.
    func fileID() throws -> UUID {
        guard let s = parameters.get(SitePath.fileKey), let id = UUID(uuidString: s) else {
            throw Abort(.notFound, reason: "找不到该佐证材料：编号“\(parameters.get(SitePath.fileKey) ?? "")”无效")
        }
        return id
    }
}
