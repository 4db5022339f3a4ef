/// One value per label, as horizontal bars: labels are unit names and rule names, long Chinese words
/// that read better beside a bar than under it.
public struct BarChart: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        public var link: String?
        public init(_ label: String, _ value: Double, link: String? = nil) {
            self.label = label; self.value = value; self.link = link
        }
    }

    public var title: String
    /// The value's heading in the table (`张数`, `%`).
    public var valueHeading: String
    public var bars: [Bar]
    public var decimals: Int

    public init(title: String, valueHeading: String, bars: [Bar], decimals: Int = 0) {
        self.title = title; self.valueHeading = valueHeading; self.bars = bars; self.decimals = decimals
    }

    static let width = 640.0, labelWidth = 200.0, rowHeight = 22.0, top = 8.0

    public func render() -> RenderedChart {
        let maxValue = max(bars.map(\.value).max() ?? 0, 1e-9)
        let plot = Self.width - Self.labelWidth - 60
        var w = SVGWriter(width: Self.width, height: Self.top * 2 + Double(max(bars.count, 1)) * Self.rowHeight, title: title)
        for (i, bar) in bars.enumerated() {
            let y = Self.top + Double(i) * Self.rowHeight
            let length = bar.value > 0 ? plot * bar.value / maxValue : 0
            let shown = SVGText.number(bar.value, decimals: decimals)
            w.text(SVGText.short(bar.label, max: 14), x: Self.labelWidth - 6, y: y + 15, anchor: .end, link: bar.link)
            w.rect(
                x: Self.labelWidth, y: y + 3, w: length, h: Self.rowHeight - 6, fill: Palette.series(0),
                tip: "\(bar.label)：\(shown)", link: bar.link)
            w.text(shown, x: Self.labelWidth + length + 4, y: y + 15, fill: Palette.muted)
        }
        if bars.isEmpty { w.text("无数据", x: Self.width / 2, y: Self.top + 15, anchor: .middle, fill: Palette.muted) }
        let rows = bars.map { [ChartTable.Cell($0.label, link: $0.link), .value($0.value, decimals: decimals, link: $0.link)] }
        return RenderedChart(
            title: title, svg: w.svg, table: ChartTable(caption: title, headers: ["", valueHeading], rows: rows))
    }
}
