import Leaf
import Testing
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
