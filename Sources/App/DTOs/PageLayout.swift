/// The frame around every page's body: the document head, the site header with this account's navigation,
/// and the footer. The pages written in Swift (`TablePage`, `ImportPreviewPage`) are framed here whole;
/// the Leaf pages through `base.leaf`, which takes its site header from here (`session.header`) and repeats
/// the few static lines around it (a test compares the two frames, `PageLayoutTests`).
///
/// Why not `base.leaf` for the Swift pages too: rendering even this frame through Leaf was 7–8 % of the
/// table page's samples under load (building `LeafData` for the session, resolving each `#()`).
enum PageLayout {
    static func document(title: String, session: PageSession, body: HTML) -> HTML {
        let csrf: HTML =
            session.signedIn
            ? "<meta name=\"csrf-token\" content=\"\(session.csrf)\"><script src=\"/js/csrf.js\"></script>" : .empty
        return """
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · 绩效目标表</title>
            <link rel="icon" href="data:,"><link rel="stylesheet" href="/css/app.css">
            \(csrf)
            </head>
            <body>
            \(HTML(trusted: session.header))<main>
            \(body)
            </main>
            <footer class="site">预算绩效目标表：检查、自评、导出</footer>
            </body>
            </html>

            """
    }

    /// The site header: made once per request, with the session (`PageSession.header`), and taken from
    /// there by both frames. The brand, the links this account's role can use (and only those), and the
    /// account with 修改密码 and 退出.
    static func header(_ s: PageSession) -> HTML {
        func link(_ show: Bool, _ href: String, _ label: String) -> HTML { show ? "<a href=\"\(href)\">\(label)</a>" : .empty }
        let nav = HTML.joined([
            link(true, s.home, "首页"), link(s.canOverview, s.overview, "总览"), link(s.canImport, s.importPage, "导入"),
            link(s.signedIn, s.monitoring, "运行监控"), link(s.signedIn, s.library, "指标库"),
            link(s.canCarryInBulk, s.carryForward, "结转下年"), link(s.canSpotCheck, s.spotChecks, "自评抽查"),
            link(s.isAdmin, s.admin, "机构与账号"), link(s.isAdmin, s.apiDocs, "接口说明"),
        ])
        let account: HTML =
            s.signedIn
            ? """
              <div class="account"><span title="\(s.organisation)">\(s.name)（\(s.role)）</span>
                <a href="\(s.password)">修改密码</a>
                <form method="post" action="\(s.logout)" class="inline"><input type="hidden" name="_csrf" value="\(s.csrf)">\
            <button type="submit" class="link">退出</button></form></div>

            """ : .empty
        return """
            <header class="site">
              <a class="brand" href="\(s.home)">绩效目标表</a>
              <nav>\(nav)</nav>
            \(account)</header>

            """
    }
}
