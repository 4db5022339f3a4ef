/// Two values per item, as points: 预算执行率 (x) against 自评得分 (y), one point per table.
/// A dashed line marks a reference on each axis (序时进度, a grade's threshold) when given.
public struct ScatterChart: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var label: String
        public var x: Double
        public var y: Double
        public var link: String?
        public init(_ label: String, x: Double, y: Double, link: String? = nil) {
            self.label = label; self.x = x; self.y = y; self.link = link
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [Point]
    /// The axes run from 0 to at least these (100 for percentages and scores), further if a point lies beyond.
    public var xMax: Double
    public var yMax: Double
    public var xReference: Double?
    public var yReference: Double?

    public init(
        title: String, xLabel: String, yLabel: String, points: [Point], xMax: Double = 100, yMax: Double = 100,
        xReference: Double? = nil, yReference: Double? = nil
    ) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.points = points
        self.xMax = xMax; self.yMax = yMax; self.xReference = xReference; self.yReference = yReference
    }

    static let width = 640.0, height = 300.0, left = 44.0, bottom = 36.0, top = 10.0, right = 12.0

    public func render() -> RenderedChart {
        let xs = points.map(\.x).filter(\.isFinite), ys = points.map(\.y).filter(\.isFinite)
        let xTop = max(xMax, xs.max() ?? 0), yTop = max(yMax, ys.max() ?? 0)
        let xMin = min(0, xs.min() ?? 0), yMin = min(0, ys.min() ?? 0)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        func px(_ v: Double) -> Double { Self.left + plotW * (v - xMin) / max(xTop - xMin, 1e-9) }
        func py(_ v: Double) -> Double { Self.top + plotH * (1 - (v - yMin) / max(yTop - yMin, 1e-9)) }
        var w = SVGWriter(width: Self.width, height: Self.height, title: title)
        w.line(x1: Self.left, y1: py(yMin), x2: Self.width - Self.right, y2: py(yMin), stroke: Palette.muted)
        w.line(x1: Self.left, y1: Self.top, x2: Self.left, y2: py(yMin), stroke: Palette.muted)
        for tick in [xMin, (xMin + xTop) / 2, xTop] {
            w.text(
                SVGText.number(tick, decimals: 0), x: px(tick), y: py(yMin) + 14, anchor: .middle, size: 11, fill: Palette.muted)
        }
        for tick in [yMin, (yMin + yTop) / 2, yTop] {
            w.text(
                SVGText.number(tick, decimals: 0), x: Self.left - 4, y: py(tick) + 4, anchor: .end, size: 11, fill: Palette.muted)
        }
        if let r = xReference { w.line(x1: px(r), y1: Self.top, x2: px(r), y2: py(yMin), stroke: Palette.muted, dash: true) }
        if let r = yReference {
            w.line(x1: Self.left, y1: py(r), x2: Self.width - Self.right, y2: py(r), stroke: Palette.muted, dash: true)
        }
        w.text(xLabel, x: Self.left + plotW / 2, y: Self.height - 4, anchor: .middle, size: 12)
        w.text(yLabel, x: 4, y: Self.top + 10, size: 12)
        for p in points where p.x.isFinite && p.y.isFinite {
            w.circle(
                cx: px(p.x), cy: py(p.y), r: 5, fill: Palette.series(0),
                tip: "\(p.label)：\(xLabel) \(SVGText.number(p.x))，\(yLabel) \(SVGText.number(p.y))", link: p.link)
        }
        let rows = points.map { p in
            [ChartTable.Cell(p.label, link: p.link), .value(p.x), .value(p.y)]
        }
        return RenderedChart(
            title: title, svg: w.svg, table: ChartTable(caption: title, headers: ["", xLabel, yLabel], rows: rows))
    }
}
