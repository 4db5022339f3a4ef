import Foundation

/// How a written cell looks. Styles are registered once with `XLSXWriter.addStyle` and cells
/// refer to them by `StyleID`, so a sheet of 100,000 cells does not hash 100,000 styles.
public struct CellStyle: Hashable, Sendable {
    public var font: FontStyle
    /// Solid background colour as `RRGGBB`, e.g. `D9E1F2`.
    public var fillColor: String?
    /// The same line on all four sides; nil for none.
    public var border: BorderLine?
    public var borderColor: String
    public var horizontalAlignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    public var wrapText: Bool
    /// An Excel number format code such as `0.00`, `0%` or `yyyy"年"m"月"d"日"`.
    public var numberFormat: String?

    public init(
        font: FontStyle = FontStyle(), fillColor: String? = nil, border: BorderLine? = nil,
        borderColor: String = "000000", horizontalAlignment: HorizontalAlignment? = nil,
        verticalAlignment: VerticalAlignment? = nil, wrapText: Bool = false, numberFormat: String? = nil
    ) {
        self.font = font
        self.fillColor = fillColor
        self.border = border
        self.borderColor = borderColor
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapText = wrapText
        self.numberFormat = numberFormat
    }

    public static let plain = CellStyle()
}

public struct FontStyle: Hashable, Sendable {
    /// A font name as Office knows it: `宋体`, `黑体`, `仿宋_GB2312`, `Calibri`.
    public var name: String
    /// Points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    /// `RRGGBB`, nil for automatic.
    public var color: String?

    public init(name: String = "宋体", size: Double = 11, bold: Bool = false, italic: Bool = false, color: String? = nil) {
        self.name = name
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
    }
}

public enum BorderLine: String, Sendable, Hashable {
    case thin, medium, thick, dashed, dotted, double, hair
}

public enum HorizontalAlignment: String, Sendable, Hashable {
    case left, center, right, justify
    case centerContinuous
}

public enum VerticalAlignment: String, Sendable, Hashable {
    case top, center, bottom, justify
}

/// A reference to a style registered with the writer.
public struct StyleID: Hashable, Sendable {
    let index: Int

    /// The workbook's default look (宋体 11, no border).
    public static let `default` = StyleID(index: 0)
}

/// The styles of a workbook being written, with fonts, fills, borders and formats shared
/// between the cell styles that use them, emitted as `xl/styles.xml`.
struct StyleTable {
    private(set) var styles: [CellStyle] = [.plain]
    private var indexOfStyle: [CellStyle: Int] = [.plain: 0]
    /// For a date cell whose style has no date format: the same style with one.
    private var dateVariants: [Int: Int] = [:]

    mutating func add(_ style: CellStyle) -> StyleID {
        if let index = indexOfStyle[style] { return StyleID(index: index) }
        styles.append(style)
        indexOfStyle[style] = styles.count - 1
        return StyleID(index: styles.count - 1)
    }

    /// The style to use for a date in a cell of `id`: dates need a date format to show as dates.
    mutating func dateStyle(for id: StyleID) -> StyleID {
        if styles[id.index].numberFormat != nil { return id }
        if let variant = dateVariants[id.index] { return StyleID(index: variant) }
        var style = styles[id.index]
        style.numberFormat = "yyyy-mm-dd"
        let variant = add(style)
        dateVariants[id.index] = variant.index
        return variant
    }

    func xml() -> [UInt8] {
        var fonts: [FontStyle] = [FontStyle()]
        var fills: [String?] = [nil, nil] // Excel reserves fills 0 (none) and 1 (gray125).
        var borders: [BorderKey] = [BorderKey(line: nil, color: "000000")]
        var formats: [String] = []
        func index<T: Equatable>(_ value: T, in list: inout [T]) -> Int {
            if let found = list.firstIndex(of: value) { return found }
            list.append(value)
            return list.count - 1
        }
        var xfs: [(font: Int, fill: Int, border: Int, format: Int)] = []
        for style in styles {
            let font = index(style.font, in: &fonts)
            let fill = style.fillColor.map { index(Optional($0), in: &fills) } ?? 0
            let border = index(BorderKey(line: style.border, color: style.borderColor), in: &borders)
            let format = style.numberFormat.map { 164 + index($0, in: &formats) } ?? 0
            xfs.append((font, fill, border, format))
        }

        var xml = XMLBuilder()
        xml.raw("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        if !formats.isEmpty {
            xml.raw("<numFmts")
            xml.attribute("count", formats.count)
            xml.raw(">")
            for (offset, code) in formats.enumerated() {
                xml.raw("<numFmt")
                xml.attribute("numFmtId", 164 + offset)
                xml.attribute("formatCode", code)
                xml.raw("/>")
            }
            xml.raw("</numFmts>")
        }
        xml.raw("<fonts")
        xml.attribute("count", fonts.count)
        xml.raw(">")
        for font in fonts {
            xml.raw("<font>")
            if font.bold { xml.raw("<b/>") }
            if font.italic { xml.raw("<i/>") }
            xml.raw("<sz")
            xml.attribute("val", font.size)
            xml.raw("/>")
            if let color = font.color {
                xml.raw("<color")
                xml.attribute("rgb", "FF" + color)
                xml.raw("/>")
            }
            xml.raw("<name")
            xml.attribute("val", font.name)
            // charset 134 (GB2312) tells Excel to pick a Chinese face when the named one is missing.
            xml.raw("/><charset val=\"134\"/></font>")
        }
        xml.raw("</fonts><fills")
        xml.attribute("count", fills.count)
        xml.raw("><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for case let color? in fills.dropFirst(2) {
            xml.raw("<fill><patternFill patternType=\"solid\"><fgColor")
            xml.attribute("rgb", "FF" + color)
            xml.raw("/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        xml.raw("</fills><borders")
        xml.attribute("count", borders.count)
        xml.raw(">")
        for border in borders {
            guard let line = border.line else {
                xml.raw("<border><left/><right/><top/><bottom/><diagonal/></border>")
                continue
            }
            xml.raw("<border>")
            for (open, close) in [("<left", "</left>"), ("<right", "</right>"), ("<top", "</top>"), ("<bottom", "</bottom>")] {
                xml.raw(open)
                xml.attribute("style", line.rawValue)
                xml.raw("><color")
                xml.attribute("rgb", "FF" + border.color)
                xml.raw("/>")
                xml.raw(close)
            }
            xml.raw("<diagonal/></border>")
        }
        xml.raw(
            "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs"
        )
        xml.attribute("count", xfs.count)
        xml.raw(">")
        for (style, xf) in zip(styles, xfs) {
            xml.raw("<xf")
            xml.attribute("numFmtId", xf.format)
            xml.attribute("fontId", xf.font)
            xml.attribute("fillId", xf.fill)
            xml.attribute("borderId", xf.border)
            xml.raw(" xfId=\"0\"")
            if xf.format != 0 { xml.raw(" applyNumberFormat=\"1\"") }
            if xf.font != 0 { xml.raw(" applyFont=\"1\"") }
            if xf.fill != 0 { xml.raw(" applyFill=\"1\"") }
            if xf.border != 0 { xml.raw(" applyBorder=\"1\"") }
            let aligned = style.horizontalAlignment != nil || style.verticalAlignment != nil || style.wrapText
            if aligned {
                xml.raw(" applyAlignment=\"1\"><alignment")
                if let horizontal = style.horizontalAlignment { xml.attribute("horizontal", horizontal.rawValue) }
                if let vertical = style.verticalAlignment { xml.attribute("vertical", vertical.rawValue) }
                if style.wrapText { xml.raw(" wrapText=\"1\"") }
                xml.raw("/></xf>")
            } else {
                xml.raw("/>")
            }
        }
        xml.raw("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        xml.raw("<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>")
        return xml.bytes
    }

    private struct BorderKey: Equatable {
        var line: BorderLine?
        var color: String
    }
}
