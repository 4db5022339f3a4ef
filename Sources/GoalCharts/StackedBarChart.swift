/// Parts of a whole per label, as horizontal stacked bars with a legend: a unit's tables by state.
public struct StackedBarChart: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        /// One per series, in the order of `series`.
        public var values: [Double]
        /// One per series (the tables of this label in this series), or nil.
        public var links: [String?]
        /// The whole label (its total), when there is one.
        public var link: String?
        public init(_ label: String, values: [Double], links: [String?] = [], link: String? = nil) {
            self.label = label; self.values = values; self.links = links; self.link = link
        }
    }

    public var title: String
    public var series: [String]
    public var rows: [Row]

    public init(title: String, series: [String], rows: [Row]) {
        self.title = title; self.series = series; self.rows = rows
    }

    static let width = 640.0, labelWidth = 200.0, rowHeight = 22.0, legendHeight = 24.0

    public func render() -> RenderedChart {
        let totals = rows.map { $0.values.reduce(0) { $0 + max(0, $1) } }
        let maxTotal = max(totals.max() ?? 0, 1e-9)
        let plot = Self.width - Self.labelWidth - 50
        let height = Self.legendHeight + 8 + Double(max(rows.count, 1)) * Self.rowHeight
        var w = SVGWriter(width: Self.width, height: height, title: title)
        // legend: one swatch per series, across the top
        var x = 4.0
        for (i, name) in series.enumerated() {
            w.rect(x: x, y: 6, w: 12, h: 12, fill: Palette.series(i))
            w.text(name, x: x + 16, y: 16, size: 11)
            x += 16 + Double(name.count) * 11 + 14
        }
        for (r, row) in rows.enumerated() {
            let y = Self.legendHeight + 4 + Double(r) * Self.rowHeight
            w.text(SVGText.short(row.label, max: 14), x: Self.labelWidth - 6, y: y + 15, anchor: .end, link: row.link)
            var at = Self.labelWidth
            for (i, v) in row.values.enumerated() where v > 0 && i < series.count {
                let length = plot * v / maxTotal
                let link = i < row.links.count ? row.links[i] : nil
                w.rect(
                    x: at, y: y + 3, w: length, h: Self.rowHeight - 6, fill: Palette.series(i),
                    tip: "\(row.label) \(series[i])：\(SVGText.number(v))", link: link)
                at += length
            }
            w.text(SVGText.number(totals[r]), x: at + 4, y: y + 15, fill: Palette.muted)
        }
        if rows.isEmpty { w.text("无数据", x: Self.width / 2, y: Self.legendHeight + 19, anchor: .middle, fill: Palette.muted) }
        let tableRows = rows.enumerated().map { r, row in
            [ChartTable.Cell(row.label, link: row.link)]
                + series.indices.map { i in
                    ChartTable.Cell.value(
                        i < row.values.count ? row.values[i] : 0, link: i < row.links.count ? row.links[i] : nil)
                } + [.value(totals[r], link: row.link)]
        }
        return RenderedChart(
            title: title, svg: w.svg, table: ChartTable(caption: title, headers: [""] + series + ["合计"], rows: tableRows))
    }
}
