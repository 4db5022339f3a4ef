import Foundation
import GoalWorkflow
import Vapor

/// What every page shows of the signed-in account (the navigation bar) and the CSRF token its forms carry.
/// Added to each page's context as `session` by `Request.page`, so page contexts stay about their page.
struct PageSession: Encodable, Sendable {
    var signedIn: Bool
    var name: String
    var role: String
    var organisation: String
    var isAdmin: Bool
    /// 导入 is the work of a unit's own accounts (see `Access.requireUnitRole`).
    var canImport: Bool
    /// For `<input type="hidden" name="_csrf">` and the `csrf-token` meta tag the scripts read.
    var csrf: String
    var logout = SitePath.logout.path
    var password = SitePath.password.path
    var admin = SitePath.admin.path
    var login = SitePath.login.path
    var home = SitePath.home.path
    var importPage = SitePath.importPage.path
    var monitoring = SitePath.monitoring.path
    /// 批量结转, for 绩效股 and 财政 (`TableStore.mayCarryInBulk`).
    var canCarryInBulk: Bool
    /// 抽查: finance draws samples of submitted self-evaluations and records its conclusions.
    var canSpotCheck: Bool
    var spotChecks = SitePath.spotChecks.path
    var carryForward = SitePath.carryForward.path
    var library = SitePath.library.path
    /// 总览, linked for the reviewers (业务股室、绩效股、财政), whose work is many units at once.
    var canOverview: Bool
    var overview = SitePath.overview.path
    /// 接口说明, for integrators: linked for the administrator only, who sets them up (the page, not raw JSON).
    var apiDocs = SitePath.apiDocs.path
    /// The site header for this account (`PageLayout.header`), which `base.leaf` puts at the top of each page.
    var header = ""

    init(_ user: CurrentUser?) {
        signedIn = user != nil
        name = user?.name ?? ""
        role = user?.role.label ?? ""
        organisation = user?.organisationName ?? ""
        isAdmin = user?.role == .admin
        canImport = user?.role.isUnitRole ?? false
        canOverview = user.map { OverviewController.offered(to: $0.role) } ?? false
        canCarryInBulk = user.map { TableStore.mayCarryInBulk($0.role) } ?? false
        canSpotCheck = user.map { SpotChecks.mayDraw($0.role) } ?? false
        csrf = user?.csrfToken ?? ""
        header = PageLayout.header(self).text
    }
}

/// A page context with `session` beside its own keys (Leaf's encoder merges the two keyed containers).
struct WithSession<Page: Encodable>: Encodable {
    var page: Page
    var session: PageSession

    enum Key: String, CodingKey { case session }

    func encode(to encoder: any Encoder) throws {
        try page.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(session, forKey: .session)
    }
}

extension Request {
    /// Renders a Leaf page with the signed-in account's navigation and CSRF token.
    func page<Page: Encodable>(_ name: String, _ context: Page) async throws -> View {
        try await view.render(name, WithSession(page: context, session: PageSession(user)))
    }

    /// A page whose body is written in Swift (`HTML`, e.g. `TablePage`), in the frame every page has
    /// (`PageLayout`). `body` is given the session the frame shows.
    func page(title: String, body: (PageSession) -> HTML) -> View {
        let session = PageSession(user)
        return View(data: ByteBuffer(string: PageLayout.document(title: title, session: session, body: body(session)).text))
    }
}
