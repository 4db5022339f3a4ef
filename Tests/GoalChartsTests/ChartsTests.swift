import Foundation
import Testing

@testable import GoalCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an SVG as XML: it must parse, and we collect what a reader of it would meet.
final class SVGReading: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String] = []
    var links: [String] = []
    var fills: [String] = []
    private var current = ""

    static func read(_ svg: String) -> SVGReading? {
        let r = SVGReading()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = r
        return parser.parse() ? r : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(name)
        if let href = attributes["href"] { links.append(href) }
        if let fill = attributes["fill"], name == "rect" { fills.append(fill) }
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" { texts.append(current) }
        current = ""
    }
}

@Suite("总览的图：SVG 合法、文字转义、表格与图一致")
struct ChartsTests {
    static let hostile = "<script>alert(\"x\")</script>&某单位'"

    @Test("柱状图：每个值一根柱，最长的柱是最大的值，表格按同样顺序列出同样的值和链接")
    func bars() throws {
        let chart = BarChart(
            title: "各单位未提交张数", valueHeading: "张数",
            bars: [.init("甲县社保中心", 3, link: "/?unit=甲"), .init(Self.hostile, 7, link: "/?unit=a&b=1"), .init("丙", 0)]
        ).render()
        let svg = try #require(SVGReading.read(chart.svg), "SVG 应是合法的 XML")
        #expect(svg.elements.filter { $0 == "rect" }.count == 3)
        // the hostile name is text, never markup
        #expect(!chart.svg.contains("<script>"))
        #expect(svg.texts.contains { $0.contains("<script>") })
        #expect(svg.links.contains("/?unit=a&b=1"))
        #expect(chart.svg.contains("href=\"/?unit=a&amp;b=1\""))
        #expect(chart.table.rows.map { $0[0].text } == ["甲县社保中心", Self.hostile, "丙"])
        #expect(chart.table.rows.map { $0[1].number } == [3, 7, 0])
        #expect(chart.table.rows.map { $0[1].link } == ["/?unit=甲", "/?unit=a&b=1", nil])
        // the longest bar is the largest value
        let widths = Self.attributes("width", of: "rect", in: chart.svg).map { Double($0)! }
        #expect(widths.firstIndex(of: widths.max()!) == 1)
        #expect(widths[2] == 0)
        #expect(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.texts.first == "各单位未提交张数")
    }

    @Test("堆叠柱：每段一种状态，合计列等于各段之和，空的段不画")
    func stacked() throws {
        let chart = StackedBarChart(
            title: "各单位进度", series: ["草稿", "已提交", "已批复"],
            rows: [
                .init("甲", values: [2, 1, 3], links: ["/?unit=甲&state=draft", nil, "/?unit=甲&state=approved"]),
                .init("乙", values: [0, 4, 0]),
            ]
        ).render()
        let svg = try #require(SVGReading.read(chart.svg))
        // three legend swatches, three segments of 甲, one of 乙
        #expect(svg.elements.filter { $0 == "rect" }.count == 3 + 3 + 1)
        #expect(chart.table.headers == ["", "草稿", "已提交", "已批复", "合计"])
        #expect(chart.table.rows[0].compactMap(\.number) == [2, 1, 3, 6])
        #expect(chart.table.rows[1].compactMap(\.number) == [0, 4, 0, 4])
        #expect(svg.links == ["/?unit=甲&state=draft", "/?unit=甲&state=approved"])
        #expect(svg.texts.contains("6") && svg.texts.contains("4"))
    }

    @Test("直方图：按区间计数，区间下限含、上限不含，最后一个区间含 100；区间外的值不计")
    func histogram() throws {
        let edges = stride(from: 0.0, through: 100, by: 10).map { $0 }
        let bins = Histogram.counting([95, 100, 90, 89.99, 60, 0, 59.9, 101, -1, .nan], edges: edges)
        #expect(bins.count == 10)
        // 0 → 0–10; 59.9 → 50–60; 60 → 60–70; 89.99 → 80–90; 90, 95, 100 → 90–100
        #expect(bins.map(\.count) == [1, 0, 0, 0, 0, 1, 1, 0, 1, 3])
        #expect(bins.last?.label == "90–100")
        let chart = Histogram(title: "自评得分分布", bins: bins).render()
        let svg = try #require(SVGReading.read(chart.svg))
        #expect(chart.table.rows.count == 10)
        #expect(chart.table.rows.map { $0[1].number! }.reduce(0, +) == 7)
        #expect(svg.texts.contains("3"))
    }

    @Test("散点图：每张表一个点，参考线是虚线，点的位置随值变化，表格列出两个值")
    func scatter() throws {
        let chart = ScatterChart(
            title: "执行率与得分", xLabel: "执行率（%）", yLabel: "得分",
            points: [
                .init("项目A", x: 50, y: 60, link: "/tables/a"), .init(Self.hostile, x: 100, y: 95), .init("坏值", x: .nan, y: 1),
            ],
            xReference: 75, yReference: 90
        ).render()
        let svg = try #require(SVGReading.read(chart.svg))
        #expect(svg.elements.filter { $0 == "circle" }.count == 2)
        #expect(chart.svg.components(separatedBy: "stroke-dasharray").count - 1 == 2)
        let cx = Self.attributes("cx", of: "circle", in: chart.svg).map { Double($0)! }
        let cy = Self.attributes("cy", of: "circle", in: chart.svg).map { Double($0)! }
        #expect(cx[0] < cx[1])
        #expect(cy[0] > cy[1], "a higher score is drawn higher (smaller y)")
        #expect(chart.table.rows.map { $0[1].text } == ["50", "100", "—"])
        #expect(svg.links == ["/tables/a"])
    }

    @Test("红黄绿矩阵：每格的颜色是它的灯，文字和链接也在表格里")
    func matrix() throws {
        let chart = LightMatrix(
            title: "监控预警灯", columns: ["第1期", "第2期"],
            rows: [
                .init("甲", cells: [.init(.red, "红", link: "/?light=red"), .init(.green, "绿")]),
                .init("乙", cells: [.init(.amber, "黄")]),
            ]
        ).render()
        let svg = try #require(SVGReading.read(chart.svg))
        #expect(svg.fills == [Tone.red.fill, Tone.green.fill, Tone.amber.fill])
        #expect(chart.table.rows.map { $0.map(\.text) } == [["甲", "红", "绿"], ["乙", "黄", ""]])
        #expect(chart.table.rows[0][1].link == "/?light=red")
    }

    @Test("空的图也合法，并写明无数据")
    func empty() throws {
        for chart in [
            BarChart(title: "a", valueHeading: "n", bars: []).render(),
            StackedBarChart(title: "b", series: ["x"], rows: []).render(),
            LightMatrix(title: "c", columns: [], rows: []).render(),
        ] {
            let svg = try #require(SVGReading.read(chart.svg))
            #expect(svg.texts.contains("无数据"))
            #expect(chart.table.rows.isEmpty)
        }
    }

    @Test("数据表的 HTML：合法、文字转义、数字右对齐（含 0）、链接保留，行列与表格一致")
    func tableHTML() throws {
        let table = ChartTable(
            caption: Self.hostile, headers: ["单位", "张数"],
            rows: [
                [.init(Self.hostile, link: "/?unit=\(Self.hostile)"), .value(0, decimals: 0)],
                [.init("乙"), .value(12.5)],
            ])
        let html = table.html()
        #expect(!html.contains("<script>"))
        let read = try #require(SVGReading.read(html), "the table parses as XML")
        #expect(read.elements.filter { $0 == "tr" }.count == 3, "a header row and one row per row")
        #expect(read.elements.filter { $0 == "td" }.count == 4)
        #expect(read.links == ["/?unit=\(Self.hostile)"], "the link's address comes back whole after escaping")
        #expect(Self.attributes("class", of: "td", in: html) == ["num", "num"], "0 is a number too")
        #expect(html.contains("<td>乙</td><td class=\"num\">12.5</td>"))
    }

    @Test("数字按表格的写法：不多于规定位数，去掉末尾的 0")
    func numbers() {
        #expect(SVGText.number(12) == "12")
        #expect(SVGText.number(12.25, decimals: 1) == "12.2" || SVGText.number(12.25, decimals: 1) == "12.3")
        #expect(SVGText.number(0.1 + 0.2, decimals: 2) == "0.3")
        #expect(SVGText.number(-0.0001) == "0")
        #expect(SVGText.escape("a\u{1}b") == "a b")
        #expect(SVGText.number(-2.5, decimals: 2) == "-2.5" && SVGText.number(0.05, decimals: 2) == "0.05")
        #expect(SVGText.number(1e20) == "100000000000000000000", "beyond integer arithmetic, printf's digits")
    }

    @Test("数字的快速写法与 printf 的写法逐位相同（随机 20,000 个值，除去恰好在 .5 上的值）")
    func numbersAsPrintf() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...4, using: &rng)
            let v = Double.random(in: -1e7...1e7, using: &rng) / [1.0, 1e3, 1e6][Int.random(in: 0...2, using: &rng)]
            let scaled = abs(v) * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { continue }
            var expected = String(format: "%.\(decimals)f", v)
            if expected.contains(".") {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            if expected == "-0" { expected = "0" }
            #expect(SVGText.number(v, decimals: decimals) == expected, "\(v) to \(decimals) places")
        }
    }

    /// The values of `attribute` on every `element`, in order.
    static func attributes(_ attribute: String, of element: String, in svg: String) -> [String] {
        svg.components(separatedBy: "<\(element) ").dropFirst().compactMap { part in
            guard let r = part.range(of: "\(attribute)=\"") else { return nil }
            return String(part[r.upperBound...].prefix { $0 != "\"" })
        }
    }
}
