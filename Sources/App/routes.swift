import Foundation
import Vapor

/// The site map. Every path comes from `SitePath`.
func routes(_ app: Application, _ config: AppConfig) throws {
    // Pages (Simplified Chinese, server-rendered with Leaf)
    PagesController(config: config).register(app)

    // JSON API
    TablesAPIController(config: config).register(app)
    ToolsAPIController().register(app)
    try OpenAPIController(directory: app.directory.resourcesDirectory).register(app)

    // Baseline for the load benchmark: the cheapest possible response from the same server.
    app.get(SitePath.benchBare.pathComponents) { _ in "ok" }
}
