/// What a chart shows, as a table: read by screen readers, copied into a report, written to .xlsx.
/// Every chart makes its table from the same values it draws, so the two cannot disagree.
public struct ChartTable: Sendable, Equatable, Encodable {
    public struct Cell: Sendable, Equatable, Encodable {
        public var text: String
        /// The list of tables behind the figure, when there is one to go down to.
        public var link: String?
        /// A number, for .xlsx (written as a number, not text).
        public var number: Double?
        public init(_ text: String, link: String? = nil, number: Double? = nil) {
            self.text = text; self.link = link; self.number = number
        }
        public static func value(_ v: Double, decimals: Int = 1, link: String? = nil) -> Cell {
            Cell(SVGText.number(v, decimals: decimals), link: link, number: v)
        }
    }

    public var caption: String
    public var headers: [String]
    public var rows: [[Cell]]

    public init(caption: String, headers: [String], rows: [[Cell]]) {
        self.caption = caption; self.headers = headers; self.rows = rows
    }

    /// The table as HTML (`<table class="chart-table">` with its caption, column headers, numbers marked
    /// `num`, links kept), every text escaped. Written here rather than by the page's template: a province's
    /// overview has thousands of cells, and a template engine's per-value work on each was most of the page.
    public func html() -> String {
        var out = "<table class=\"chart-table\"><caption>\(SVGText.escape(caption))</caption><thead><tr>"
        out.reserveCapacity(256 + rows.count * headers.count * 48)
        for h in headers { out += "<th scope=\"col\">\(SVGText.escape(h))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for cell in row {
                out += cell.number == nil ? "<td>" : "<td class=\"num\">"
                if let link = cell.link {
                    out += "<a href=\"\(SVGText.escape(link))\">\(SVGText.escape(cell.text))</a>"
                } else {
                    out += SVGText.escape(cell.text)
                }
                out += "</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// A chart ready for a page: its SVG and its table.
public struct RenderedChart: Sendable, Equatable, Encodable {
    public var title: String
    public var svg: String
    public var table: ChartTable
    public init(title: String, svg: String, table: ChartTable) { self.title = title; self.svg = svg; self.table = table }
}
