/// How values spread over fixed bins: the 自评 scores of a year over 0–100 in tens.
public struct Histogram: Sendable, Equatable {
    public struct Bin: Sendable, Equatable {
        /// From `lower` (inclusive) to `upper` (exclusive; the last bin includes it).
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var link: String?
        public init(lower: Double, upper: Double, count: Int, link: String? = nil) {
            self.lower = lower; self.upper = upper; self.count = count; self.link = link
        }
        /// `90–100`
        public var label: String { "\(SVGText.number(lower))–\(SVGText.number(upper))" }
    }

    public var title: String
    public var bins: [Bin]

    public init(title: String, bins: [Bin]) { self.title = title; self.bins = bins }

    /// Counts `values` into the bins between consecutive `edges` (`[0, 10, …, 100]`): a value equal to an
    /// inner edge goes to the bin above it, the last edge to the last bin; values outside are left out
    /// (a score is never outside 0–100; a bin invented for them would hide that one was).
    public static func counting(_ values: [Double], edges: [Double]) -> [Bin] {
        guard edges.count >= 2 else { return [] }
        var counts = Array(repeating: 0, count: edges.count - 1)
        for v in values where v.isFinite && v >= edges[0] && v <= edges[edges.count - 1] {
            // the last edge whose value is ≤ v, capped at the last bin
            var i = 0
            while i + 1 < counts.count && v >= edges[i + 1] { i += 1 }
            counts[i] += 1
        }
        return counts.indices.map { Bin(lower: edges[$0], upper: edges[$0 + 1], count: counts[$0]) }
    }

    static let width = 640.0, height = 220.0, left = 36.0, bottom = 28.0, top = 10.0

    public func render() -> RenderedChart {
        var w = SVGWriter(width: Self.width, height: Self.height, title: title)
        let maxCount = Double(max(bins.map(\.count).max() ?? 0, 1))
        let plotH = Self.height - Self.bottom - Self.top
        let slot = (Self.width - Self.left - 8) / Double(max(bins.count, 1))
        w.line(
            x1: Self.left, y1: Self.height - Self.bottom, x2: Self.width - 4, y2: Self.height - Self.bottom, stroke: Palette.muted
        )
        w.text(
            SVGText.number(maxCount, decimals: 0), x: Self.left - 4, y: Self.top + 10, anchor: .end, size: 11, fill: Palette.muted
        )
        w.text("0", x: Self.left - 4, y: Self.height - Self.bottom, anchor: .end, size: 11, fill: Palette.muted)
        for (i, bin) in bins.enumerated() {
            let h = plotH * Double(bin.count) / maxCount
            let x = Self.left + Double(i) * slot
            w.rect(
                x: x + 2, y: Self.height - Self.bottom - h, w: slot - 4, h: h, fill: Palette.series(0),
                tip: "\(bin.label)：\(bin.count) 张", link: bin.link)
            if bin.count > 0 {
                w.text(String(bin.count), x: x + slot / 2, y: Self.height - Self.bottom - h - 3, anchor: .middle, size: 11)
            }
            w.text(
                bin.label, x: x + slot / 2, y: Self.height - 10, anchor: .middle, size: 11, fill: Palette.muted, link: bin.link)
        }
        let rows = bins.map { [ChartTable.Cell($0.label, link: $0.link), .value(Double($0.count), decimals: 0, link: $0.link)] }
        return RenderedChart(title: title, svg: w.svg, table: ChartTable(caption: title, headers: ["区间", "张数"], rows: rows))
    }
}
