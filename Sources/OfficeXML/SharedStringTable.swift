import Foundation

/// Strings collected while writing sheets, each stored once in `xl/sharedStrings.xml`;
/// goal tables repeat their labels a lot, so this keeps files small.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        strings.append(text)
        indices[text] = strings.count - 1
        return strings.count - 1
    }

    func xml() -> [UInt8] {
        var xml = XMLBuilder(capacity: strings.count * 24 + 256)
        xml.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        xml.attribute("count", references)
        xml.attribute("uniqueCount", strings.count)
        xml.raw(">")
        for text in strings {
            // Leading or trailing spaces and line breaks are dropped by readers unless preserved.
            if let first = text.first, let last = text.last,
                first.isWhitespace || last.isWhitespace || text.contains("\n")
            {
                xml.raw("<si><t xml:space=\"preserve\">")
            } else {
                xml.raw("<si><t>")
            }
            xml.text(text)
            xml.raw("</t></si>")
        }
        xml.raw("</sst>")
        return xml.bytes
    }
}
