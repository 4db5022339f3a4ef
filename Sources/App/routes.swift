import Foundation
import Vapor

/// The site map. Every path comes from `SitePath`.
///
/// Open to everyone: signing in, the stateless tools (convert, check, score: they read only what they
/// are sent and store nothing), the OpenAPI document and the bench route. Everything else needs a
/// signed-in account, and every change through it a CSRF token; which tables an account sees and
/// what it may do with them is decided in `Access` and `Workflow`.
func routes(_ app: Application, _ config: AppConfig) throws {
    let accounts = Accounts(cost: config.bcryptCost)
    let open: any RoutesBuilder = app
    let signedIn = app.grouped(RequireLoginMiddleware(), CSRFMiddleware(maxBodyBytes: config.maxBodyBytes))

    AuthController(config: config, accounts: accounts).register(open: open, signedIn: signedIn)
    ToolsAPIController().register(config.toolsRequireAccount ? app.grouped(RequireLoginMiddleware()) : open)
    try OpenAPIController(directory: app.directory.resourcesDirectory).register(open)
    HealthController().register(open)
    if let token = config.metricsToken { MetricsController(token: token).register(open) }
    // Baseline for the load benchmark: the cheapest possible response from the same server.
    open.get(SitePath.benchBare.pathComponents) { _ in "ok" }

    // Pages (Simplified Chinese, server-rendered with Leaf) and the JSON API
    PagesController(config: config).register(signedIn)
    WorkflowController().register(signedIn)
    CarryController().register(signedIn)
    MonitoringController().register(signedIn)
    SelfEvaluationFormController().register(signedIn)
    EvidenceController(config: config).register(signedIn)
    ReportController().register(signedIn)
    PackController().register(signedIn)
    SpotCheckController().register(signedIn)
    AdminController(accounts: accounts).register(signedIn)
    TablesAPIController(config: config).register(signedIn)
    LibraryController().register(signedIn)
    OverviewController().register(signedIn)
}
