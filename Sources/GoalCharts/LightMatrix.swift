/// A red-amber-green matrix: rows (units) × columns (monitoring rounds, rules, indicators), each cell a
/// light with a short text, linking to the tables behind it.
public struct LightMatrix: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var tone: Tone
        /// What the cell says (a count, 红, 87 %), also its text in the table.
        public var text: String
        public var link: String?
        public init(_ tone: Tone, _ text: String, link: String? = nil) { self.tone = tone; self.text = text; self.link = link }
        public static let empty = Cell(.none, "")
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        public var cells: [Cell]
        public var link: String?
        public init(_ label: String, cells: [Cell], link: String? = nil) {
            self.label = label; self.cells = cells; self.link = link
        }
    }

    public var title: String
    public var columns: [String]
    public var rows: [Row]

    public init(title: String, columns: [String], rows: [Row]) { self.title = title; self.columns = columns; self.rows = rows }

    static let labelWidth = 200.0, cellWidth = 64.0, rowHeight = 24.0, headHeight = 24.0

    public func render() -> RenderedChart {
        let width = Self.labelWidth + Self.cellWidth * Double(max(columns.count, 1)) + 4
        var w = SVGWriter(width: width, height: Self.headHeight + Double(max(rows.count, 1)) * Self.rowHeight + 4, title: title)
        for (c, name) in columns.enumerated() {
            w.text(
                SVGText.short(name, max: 5), x: Self.labelWidth + Self.cellWidth * (Double(c) + 0.5), y: 16, anchor: .middle,
                size: 11)
        }
        for (r, row) in rows.enumerated() {
            let y = Self.headHeight + Double(r) * Self.rowHeight
            w.text(SVGText.short(row.label, max: 14), x: Self.labelWidth - 6, y: y + 16, anchor: .end, link: row.link)
            for (c, cell) in row.cells.prefix(columns.count).enumerated() {
                let x = Self.labelWidth + Self.cellWidth * Double(c)
                w.rect(
                    x: x + 1, y: y + 1, w: Self.cellWidth - 2, h: Self.rowHeight - 2, fill: cell.tone.fill,
                    tip: "\(row.label) \(columns[c])：\(cell.text)", link: cell.link)
                if !cell.text.isEmpty {
                    let ink = cell.tone == .none || cell.tone == .amber ? Palette.ink : "#ffffff"
                    w.text(cell.text, x: x + Self.cellWidth / 2, y: y + 16, anchor: .middle, size: 11, fill: ink, link: cell.link)
                }
            }
        }
        if rows.isEmpty { w.text("无数据", x: width / 2, y: Self.headHeight + 16, anchor: .middle, fill: Palette.muted) }
        let tableRows = rows.map { row in
            [ChartTable.Cell(row.label, link: row.link)]
                + columns.indices.map { c in
                    c < row.cells.count ? ChartTable.Cell(row.cells[c].text, link: row.cells[c].link) : ChartTable.Cell("")
                }
        }
        return RenderedChart(
            title: title, svg: w.svg, table: ChartTable(caption: title, headers: [""] + columns, rows: tableRows))
    }
}
