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
}

/// A chart ready for a page: its SVG and its table.
public struct RenderedChart: Sendable, Equatable, Encodable {
    public var title: String
    public var svg: String
    public var table: ChartTable
    public init(title: String, svg: String, table: ChartTable) { self.title = title; self.svg = svg; self.table = table }
}
