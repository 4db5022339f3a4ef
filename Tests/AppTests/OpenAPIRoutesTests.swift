import Foundation
import Testing
import VaporTesting
@testable import App

/// The OpenAPI document and the routes registered under /api/v1 describe the same API: a route cannot
/// exist without its description, nor a description without its route.
@Suite("OpenAPI 文档与实际路由一致")
struct OpenAPIRoutesTests {
    @Test("every /api/v1 route is in Resources/openapi.json, and every operation there is a route")
    func routesMatchDocument() async throws {
        try await withJixiao { app in
            let data = try Data(contentsOf: URL(fileURLWithPath: app.directory.resourcesDirectory + "openapi.json"))
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let base = try #require(((doc["servers"] as? [[String: Any]])?.first?["url"] as? String))
            var documented = Set<String>()
            for (path, item) in doc["paths"] as? [String: Any] ?? [:] {
                for method in ((item as? [String: Any]) ?? [:]).keys
                where ["get", "post", "put", "delete", "patch"].contains(method) {
                    documented.insert("\(method.uppercased()) \(base)\(path)")
                }
            }
            var registered = Set<String>()
            for route in app.routes.all {
                let parts = route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }
                let path = "/" + parts.joined(separator: "/")
                guard path.hasPrefix(base + "/") else { continue }
                registered.insert("\(route.method.rawValue) \(path)")
            }
            #expect(registered.subtracting(documented).sorted() == [], "路由没有写进 openapi.json")
            #expect(documented.subtracting(registered).sorted() == [], "openapi.json 中的接口没有对应路由")
            #expect(registered.count >= 15)
        }
    }

    @Test("the API page renders the document, and only the administrator's page links to it")
    func apiPage() async throws {
        try await withJixiao { app in
            let page = try await app.send(.GET, SitePath.apiDocs.path, as: nil)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<code>POST /api/v1/tables/{id}/actions/{action}</code>"))
            #expect(page.body.string.contains("读取一张目标表"))
            let admin = try await app.send(.GET, SitePath.admin.path, as: .admin)
            #expect(admin.body.string.contains("href=\"/api-docs\""))
            let home = try await app.send(.GET, SitePath.home.path, as: .fillerA)
            #expect(!home.body.string.contains("/api-docs"))
            // issue #15: nobody else is shown the API at all, least of all its raw JSON
            for p in [Persona.fillerA, .businessD1, .finance] {
                let page = try await app.send(.GET, SitePath.home.path, as: p).body.string
                #expect(!page.contains("接口说明") && !page.contains("openapi.json"), "\(p)")
            }
            #expect(admin.body.string.components(separatedBy: "href=\"/api-docs\"").count == 3) // the bar and the page
        }
    }
}
