import Foundation
import Leaf
import Testing
import VaporTesting
@testable import App

@Suite("表格页的 HTML：与 Leaf 相同的转义")
struct HTMLTests {
    @Test("插入的文字与 Leaf 的 #(…) 转义得一样：五个特殊字符成实体，汉字、表情和控制字符原样")
    func escapesAsLeafDoes() {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("&<>\"'a 中文〔〕（）%‰\n\t\u{0}😀é") + ["\u{1F468}\u{200D}\u{1F469}"]
        for _ in 0..<2_000 {
            let s = String((0..<Int.random(in: 0...40, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
            let html: HTML = "<p title=\"\(s)\">\(s)</p>"
            #expect(html.text == "<p title=\"\(s.htmlEscaped())\">\(s.htmlEscaped())</p>")
        }
    }

    @Test("已经写好的 HTML 插入时不再转义；数字照写")
    func markupAndNumbersAreTakenAsTheyAre() {
        let part: HTML = "<b>\("a<b")</b>"
        let whole: HTML = "<div>\(part)\(42)</div>"
        #expect(whole.text == "<div><b>a&lt;b</b>42</div>")
        #expect(HTML.joined([part, part]).text == "<b>a&lt;b</b><b>a&lt;b</b>")
    }
}

@Suite("页面框架：Swift 写的页面与 Leaf 页面的页头、导航、页脚相同")
struct PageLayoutTests {
    /// The page without its `<title>` line, without what is inside `<main>` and without blank lines after
    /// `</html>` (Leaf adds one for the page template's last line break).
    static func frame(_ html: String) -> String {
        guard let open = html.range(of: "<main>\n"), let close = html.range(of: "</main>", options: .backwards) else {
            return html
        }
        return (html[..<open.upperBound] + html[close.lowerBound...]).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<title>") }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    @Test("表格页（Swift）和导入页、首页（Leaf）的框架逐字相同，导航按角色显示")
    func sameFrameEitherWay() async throws {
        try await withJixiao { app in
            let id = try await app.create(sampleTable()).summary.id
            for who in [Persona.fillerA, .performance] {
                let table = try await app.send(.GET, SitePath.table(.value(id)).path, as: who).body.string
                let home = try await app.send(.GET, SitePath.home.path, as: who).body.string
                #expect(table.contains("<title>"), "\(who)")
                #expect(Self.frame(table) == Self.frame(home), "\(who)")
                #expect(table.contains("<a href=\"\(SitePath.importPage.path)\">导入</a>") == (who == .fillerA))
                #expect(table.contains("<a href=\"\(SitePath.overview.path)\">总览</a>") == (who == .performance))
            }
        }
    }
}
