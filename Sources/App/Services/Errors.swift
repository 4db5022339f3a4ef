import Foundation
import GoalWorkflow
import Vapor

/// Turns every error into Chinese for the reader: JSON (`ErrorDTO`, `ConflictDTO`) under `/api`,
/// a page everywhere else. Replaces Vapor's English `ErrorMiddleware`.
struct ChineseErrorMiddleware: AsyncMiddleware {
    let maxBodyBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, to: request)
        }
    }

    func response(for error: any Error, to req: Request) async -> Response {
        let res = await body(for: error, to: req)
        // Retry-After and the like travel with the error (`HeavyWork.Refusal`).
        if let a = error as? any AbortError {
            for (name, value) in a.headers { res.headers.replaceOrAdd(name: name, value: value) }
        }
        return res
    }

    private func body(for error: any Error, to req: Request) async -> Response {
        let (status, reason) = describe(error, req)
        if status == .internalServerError { req.logger.report(error: error) }
        let isAPI = req.url.path.hasPrefix("/api/")
        if isAPI {
            if case TableStore.Failure.conflict(let yours, let current) = error {
                return json(
                    ConflictDTO(
                        reason: reason, yourVersion: yours, currentVersion: current.summary.version,
                        current: current), status: status)
            }
            return json(ErrorDTO(reason: reason), status: status)
        }
        let page = ErrorPage(
            title: "出错了（\(status.code)）", reason: reason, home: SitePath.home.path,
            back: req.headers.first(name: .referer).flatMap { URL(string: $0)?.path }, requestID: req.requestID)
        if let view = try? await req.page("error", page) {
            let res = (try? await view.encodeResponse(for: req)) ?? Response(status: status)
            res.status = status
            return res
        }
        return Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: reason))
    }

    struct ErrorPage: Encodable {
        var title: String; var reason: String; var home: String; var back: String?
        /// Shown so a user can quote it; the same id is in the server's log line and the `X-Request-Id` header.
        var requestID: String
    }

    private func json<T: Encodable>(_ value: T, status: HTTPResponseStatus) -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601 // as Vapor's own JSON responses
        let body = (try? e.encode(value)) ?? Data(#"{"error":true,"reason":"服务器内部错误"}"#.utf8)
        return Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: body))
    }

    func describe(_ error: any Error, _ req: Request) -> (HTTPResponseStatus, String) {
        switch error {
        case let f as TableStore.Failure:
            switch f {
            case .notFound(let id): return (.notFound, "找不到目标表“\(id.uuidString)”（可能已被删除）")
            case .conflict(let yours, let current):
                return (.conflict, "保存冲突：您编辑的是第 \(yours) 版，但这张表已被他人保存为第 \(current.summary.version) 版。请重新打开后再修改，或对照当前版本合并您的修改。")
            case .restoreExpired(let id, let minutes):
                return (.gone, "目标表“\(id.uuidString)”删除已超过 \(minutes) 分钟，无法恢复")
            case .notDeleted(let id): return (.badRequest, "目标表“\(id.uuidString)”没有被删除，无需恢复")
            case .wrongState(let why): return (.conflict, why)
            case .blockedByFindings(let why): return (.unprocessableEntity, why)
            }
        case let refusal as WorkflowRefusal:
            switch refusal {
            case .roleNotAllowed: return (.forbidden, refusal.message)
            case .wrongState: return (.conflict, refusal.message)
            case .commentRequired, .reasonRequired, .approvalDocumentRequired: return (.badRequest, refusal.message)
            case .incomplete: return (.unprocessableEntity, refusal.message)
            }
        case let refusal as MonitoringRefusal:
            switch refusal {
            case .roleNotAllowed: return (.forbidden, refusal.message)
            case .wrongState: return (.conflict, refusal.message)
            case .commentRequired: return (.badRequest, refusal.message)
            case .incomplete: return (.unprocessableEntity, refusal.message)
            }
        case let f as MonitoringStore.Failure:
            switch f {
            case .notFound: return (.notFound, "找不到这份监控表或监控轮次（可能没有查看权限）")
            case .conflict(let yours, let current):
                return (.conflict, "保存冲突：您编辑的是第 \(yours) 版，但这份监控表已被他人保存为第 \(current) 版。请重新打开后再填写。")
            case .invalid(let why): return (.unprocessableEntity, why)
            }
        case Accounts.Failure.invalid(let why):
            return (.unprocessableEntity, why)
        case Organisations.Failure.invalidCSV(let problems):
            return (.unprocessableEntity, "机构文件有误：" + problems.joined(separator: "；"))
        case let e as DecodingError:
            return (.badRequest, "请求正文：" + Self.describe(e))
        case let a as any AbortError:
            let status = a.status
            if status == .payloadTooLarge {
                return (status, "上传内容太大：请求“\(req.url.path)”超过 \(Self.sizeText(maxBodyBytes)) 上限，请拆分文件后再上传")
            }
            if Self.isChinese(a.reason) { return (status, a.reason) }
            switch status {
            case .notFound: return (status, "找不到页面“\(req.url.path)”")
            case .methodNotAllowed: return (status, "“\(req.url.path)”不支持 \(req.method.rawValue) 请求")
            case .unsupportedMediaType: return (status, "“\(req.url.path)”不支持这种内容类型（应为 JSON 或表单）")
            case .badRequest: return (status, "请求“\(req.url.path)”格式有误：\(a.reason)")
            default: return (status, "请求“\(req.url.path)”失败（\(status.code)）：\(a.reason)")
            }
        default:
            return (.internalServerError, "服务器内部错误（请求“\(req.url.path)”），请稍后重试或联系管理员")
        }
    }

    /// `10 MB`, `64 KB`.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MB" : "\(max(1, bytes / 1024)) KB"
    }

    static func isChinese(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    /// A decoding error in words, with the JSON path of the value concerned: `tables[0].indicators[3].type：…`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let p = keys.reduce(into: "") { s, k in
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
            return p.isEmpty ? "" : "字段“\(p)”："
        }
        switch error {
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "不是有效的 JSON（格式错误或内容不完整）" : path(c.codingPath) + c.debugDescription
        case .keyNotFound(let k, let c): return path(c.codingPath) + "缺少字段“\(k.stringValue)”"
        case .typeMismatch(_, let c): return path(c.codingPath) + "类型不符"
        case .valueNotFound(_, let c): return path(c.codingPath) + "不能为 null"
        @unknown default: return "无法读取 JSON"
        }
    }
}

/// Refuses a request whose declared or collected body is larger than the limit, before any work is done.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBodyBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > maxBodyBytes {
            throw Abort(.payloadTooLarge)
        }
        if let data = request.body.data, data.readableBytes > maxBodyBytes { throw Abort(.payloadTooLarge) }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The JSON body as `T`, or 400 with a Chinese message naming `what` and the JSON path.
    func decodeJSON<T: Decodable>(_ type: T.Type, what: String) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "\(what)：请求正文为空，应为 JSON")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let e as DecodingError {
            throw Abort(.badRequest, reason: "\(what)：" + ChineseErrorMiddleware.describe(e))
        }
    }
}

extension Request {
    /// The version of the table a change was made from: the body's `version`, else `?version=`, else an
    /// `If-Match` header (`"7"`). Without it, 428: a change made from an unknown version could approve
    /// or overwrite content its sender never saw.
    func expectedVersion(_ fromBody: Int?, what: String) throws -> Int {
        if let fromBody { return fromBody }
        if let q = query[String.self, at: "version"] {
            guard let v = Int(q) else { throw Abort(.badRequest, reason: "\(what)：参数“version”应为整数，实为“\(q)”") }
            return v
        }
        if let tag = headers.first(name: .ifMatch) {
            let digits = tag.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            if let v = Int(digits) { return v }
        }
        throw Abort(
            .preconditionRequired,
            reason: "\(what)：缺少“version”（您打开这张表时的版本号，放在请求正文、?version= 或 If-Match 中），无法确认您看到的是最新内容")
    }
}
