/// The few SVG elements the charts draw, written as text. Every text and attribute value passes through
/// `SVGText.escape`; numbers through `SVGText.coord`. The result is a standalone `<svg>` element that
/// scales to its container (`viewBox`, width 100 %), names itself for screen readers (`role="img"`,
/// `<title>`), and links down where a figure has tables behind it.
struct SVGWriter {
    private(set) var body = ""
    let width: Double
    let height: Double
    let title: String

    init(width: Double, height: Double, title: String) {
        self.width = width; self.height = height; self.title = title
    }

    mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, tip: String? = nil, link: String? = nil) {
        open(link)
        body += "<rect x=\"\(SVGText.coord(x))\" y=\"\(SVGText.coord(y))\" width=\"\(SVGText.coord(max(0, w)))\" "
        body += "height=\"\(SVGText.coord(max(0, h)))\" fill=\"\(SVGText.escape(fill))\""
        if let tip { body += "><title>\(SVGText.escape(tip))</title></rect>" } else { body += "/>" }
        close(link)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, tip: String? = nil, link: String? = nil) {
        open(link)
        body +=
            "<circle cx=\"\(SVGText.coord(cx))\" cy=\"\(SVGText.coord(cy))\" r=\"\(SVGText.coord(r))\" fill=\"\(SVGText.escape(fill))\" "
        body += "fill-opacity=\"0.75\""
        if let tip { body += "><title>\(SVGText.escape(tip))</title></circle>" } else { body += "/>" }
        close(link)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = Palette.line, dash: Bool = false) {
        body +=
            "<line x1=\"\(SVGText.coord(x1))\" y1=\"\(SVGText.coord(y1))\" x2=\"\(SVGText.coord(x2))\" y2=\"\(SVGText.coord(y2))\" "
        body += "stroke=\"\(SVGText.escape(stroke))\"" + (dash ? " stroke-dasharray=\"4 3\"" : "") + "/>"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ s: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, fill: String = Palette.ink,
        link: String? = nil
    ) {
        open(link)
        body += "<text x=\"\(SVGText.coord(x))\" y=\"\(SVGText.coord(y))\" font-size=\"\(SVGText.coord(size))\" "
        body += "text-anchor=\"\(anchor.rawValue)\" fill=\"\(SVGText.escape(fill))\">\(SVGText.escape(s))</text>"
        close(link)
    }

    private mutating func open(_ link: String?) {
        if let link { body += "<a href=\"\(SVGText.escape(link))\">" }
    }

    private mutating func close(_ link: String?) {
        if link != nil { body += "</a>" }
    }

    /// The whole element. Its own width and height are its natural size, so a small chart (a matrix of
    /// two columns) is not blown up to the page's width; the page's CSS only shrinks it (`max-width`).
    var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.coord(width)) \(SVGText.coord(height))\" "
            + "width=\"\(SVGText.coord(width))\" height=\"\(SVGText.coord(height))\" "
            + "role=\"img\" class=\"chart\" font-family=\"sans-serif\"><title>\(SVGText.escape(title))</title>\(body)</svg>"
    }
}
