import Foundation
import Vapor

/// `GET /api/v1/openapi.json`: the hand-written OpenAPI 3 document in `Resources/openapi.json`, read once at boot.
struct OpenAPIController {
    let document: Data

    init(directory: String) throws {
        let path = directory + "openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Abort(.internalServerError, reason: "找不到 API 说明文件“\(path)”")
        }
        document = data
    }

    func register(_ app: any RoutesBuilder) {
        let body = document
        app.get(SitePath.api(.openAPI).pathComponents) { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: body))
        }
        APIDocsPage.register(app, document: body)
    }
}
