import Foundation
import Vapor

/// `GET /api-docs`: the OpenAPI document as a page an integrator can read — every operation with its
/// summary, parameters, body and answers — rendered once at boot from the same `Resources/openapi.json`
/// that `/api/v1/openapi.json` serves, so the page and the contract cannot disagree.
enum APIDocsPage {
    static func register(_ app: any RoutesBuilder, document: Data) {
        let html = render(document)
        app.get(SitePath.apiDocs.pathComponents) { _ in
            Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
        }
    }

    static func render(_ data: Data) -> String {
        guard let doc = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "<p>接口说明无法读取</p>" }
        let info = doc["info"] as? [String: Any] ?? [:]
        let base = ((doc["servers"] as? [[String: Any]])?.first?["url"] as? String) ?? ""
        var out = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>接口说明 · 绩效目标表</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/css/app.css"></head><body>
            <header class="site"><a class="brand" href="/">绩效目标表</a></header><main>
            <h1>\(e(info["title"] as? String ?? "API"))（\(e(info["version"] as? String ?? ""))）</h1>
            <p class="lead">\(e(info["description"] as? String ?? ""))</p>
            <p>机器可读版本：<a href="\(e(base))/openapi.json">\(e(base))/openapi.json</a>（OpenAPI 3）</p>
            """
        let paths = doc["paths"] as? [String: Any] ?? [:]
        // paths are long: on a phone they wrap inside the list rather than widen the page
        out += "<table class=\"api-list\"><thead><tr><th>方法</th><th>路径</th><th>说明</th></tr></thead><tbody>"
        var details = ""
        for path in paths.keys.sorted() {
            guard let item = paths[path] as? [String: Any] else { continue }
            for method in ["get", "post", "put", "delete", "patch"] {
                guard let op = item[method] as? [String: Any] else { continue }
                let anchor = (method + path).filter { $0.isLetter || $0.isNumber }
                let summary = op["summary"] as? String ?? ""
                out +=
                    "<tr><td><code>\(method.uppercased())</code></td><td><a href=\"#\(anchor)\"><code>\(e(base + path))</code></a></td><td>\(e(summary))</td></tr>"
                details +=
                    "<section id=\"\(anchor)\"><h2><code>\(method.uppercased()) \(e(base + path))</code></h2><p>\(e(summary))</p>"
                if let d = op["description"] as? String { details += "<p>\(e(d))</p>" }
                details +=
                    (op["security"] as? [Any]).map { $0.isEmpty ? "<p>无需登录</p>" : "<p>需要登录（会话 Cookie；修改请求带 X-CSRF-Token）</p>" }
                    ?? ""
                let params = (item["parameters"] as? [[String: Any]] ?? []) + (op["parameters"] as? [[String: Any]] ?? [])
                if !params.isEmpty {
                    details +=
                        "<p>参数："
                        + params.map { p in
                            "<code>\(e(p["name"] as? String ?? p["$ref"] as? String ?? ""))</code>（\(e(p["in"] as? String ?? ""))）\(e(p["description"] as? String ?? ""))"
                        }.joined(separator: "；") + "</p>"
                }
                if let body = op["requestBody"] as? [String: Any], let content = body["content"] as? [String: Any] {
                    details +=
                        "<p>请求正文："
                        + content.keys.sorted().map { "<code>\(e($0))</code> \(e(schemaName(content[$0])))" }
                        .joined(separator: "；") + "</p>"
                }
                if let responses = op["responses"] as? [String: Any] {
                    details +=
                        "<ul>"
                        + responses.keys.sorted().map { code in
                            let r = responses[code] as? [String: Any] ?? [:]
                            let text =
                                r["description"] as? String ?? (r["$ref"] as? String).map {
                                    String($0.split(separator: "/").last ?? "")
                                } ?? ""
                            return "<li><code>\(e(code))</code> \(e(text))</li>"
                        }.joined() + "</ul>"
                }
                details += "</section>"
            }
        }
        out += "</tbody></table>" + details + "</main></body></html>"
        return out
    }

    private static func schemaName(_ media: Any?) -> String {
        guard let m = media as? [String: Any], let s = m["schema"] as? [String: Any] else { return "" }
        if let ref = s["$ref"] as? String { return String(ref.split(separator: "/").last ?? "") }
        return s["type"] as? String ?? ""
    }

    /// HTML-escaped text.
    static func e(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
