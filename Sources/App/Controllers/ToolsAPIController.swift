import Foundation
import GoalCore
import GoalIO
import OfficeXML
import Vapor

/// `/api/v1/convert`, `/check`, `/score`: stateless calls into GoalIO, GoalCheck and GoalScoring.
struct ToolsAPIController {
    func register(_ app: any RoutesBuilder) {
        app.post(SitePath.api(.convert).pathComponents, use: convert)
        // Not `async`: the editor asks on every pause in typing, and a check of one table takes tens of
        // microseconds, less than the two thread hops an async handler makes. Large bodies go to the thread pool.
        app.post(SitePath.api(.check).pathComponents) { req -> EventLoopFuture<Response> in
            guard (req.body.data?.readableBytes ?? 0) > Self.inlineBodyBytes else {
                return req.eventLoop.makeCompletedFuture { try Self.check(req) }
            }
            let promise = req.eventLoop.makePromise(of: Response.self)
            promise.completeWithTask { try await req.heavy { try Self.check(req) } }
            return promise.futureResult
        }
        app.post(SitePath.api(.score).pathComponents, use: score)
    }

    /// Every upload is parsed through `HeavyWork` (its own threads, a bounded queue, a limit per client)
    /// under `ReadLimits.upload`, so a hostile or huge file costs bounded time and memory and never a
    /// thread that pages need.
    @Sendable func convert(req: Request) async throws -> ConvertResponseDTO {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "转换：请求正文为空，应为粘贴的表格文本或 JSON")
        }
        let data = Data(buffer: buffer), type = req.headers.contentType
        return try await req.heavy {
            let result = try Self.read(data, contentType: type)
            return ConvertResponseDTO(tables: result.tables, notes: result.notes.map(NoteDTO.init))
        }
    }

    /// A JSON body with `text` is the pasted text; anything else is read by `DocumentReader` as it is.
    static func read(_ data: Data, contentType: HTTPMediaType?, name: String = "") throws -> ImportResult {
        var data = data, name = name
        if contentType == .json, let req = try? JSONDecoder().decode(ConvertRequestDTO.self, from: data), let text = req.text {
            data = Data(text.utf8); name = req.name ?? name
        }
        do {
            return try DocumentReader.read(data: data, name: name, limits: .upload)
        } catch {
            throw Abort(.unprocessableEntity, reason: "无法识别为绩效目标表：\(error.description)")
        }
    }

    /// Bodies up to this size are checked on the event loop (a few hundred indicators: well under a millisecond).
    static let inlineBodyBytes = 64 * 1024

    static func check(_ req: Request) throws -> Response {
        let input = try TablesRequestDTO.decode(req, what: "检查")
        return CheckResponseDTO(Analysis.findings(input.tables, importNotes: input.importNotes ?? [])).response()
    }

    @Sendable func score(req: Request) async throws -> ScoreResponseDTO {
        guard (req.body.data?.readableBytes ?? 0) > Self.inlineBodyBytes else { return try Self.score(req) }
        return try await req.heavy { try Self.score(req) }
    }

    static func score(_ req: Request) throws -> ScoreResponseDTO {
        let input = try TablesRequestDTO.decode(req, what: "评分")
        return ScoreResponseDTO(tables: Analysis.scoresWithWhatIf(input.tables).map { TableScoreDTO($0, whatIf: $1) })
    }
}
