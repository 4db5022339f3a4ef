import Foundation

/// Text of a string item: `<si>` in the shared-strings table or `<is>` in an inline-string cell.
enum RichText {
    /// Reads up to the end of the container element just started and returns its text with all
    /// rich-text runs (`<r><t>`) joined. Phonetic guides (`<rPh>`) are skipped: they repeat the
    /// text's reading, not its content.
    static func read(_ scanner: inout XMLScanner) throws -> String {
        XMLEscaping.decodeOOXMLEscapes(try scanner.joinedText(skip: { $0.nameIs("rPh") }))
    }
}

/// The workbook's shared-strings table (`xl/sharedStrings.xml`): cells of type `s` hold an index into it.
enum SharedStrings {
    static func parse(_ data: Data, part: String) throws -> [String] {
        try data.scanXML(part: part) { scanner in
            var strings: [String] = []
            while true {
                switch try scanner.next() {
                case .eof:
                    return strings
                case .start:
                    if scanner.nameIs("sst"), let count = scanner.intAttribute("uniqueCount") {
                        strings.reserveCapacity(min(count, 1_000_000))
                    } else if scanner.nameIs("si") {
                        strings.append(try RichText.read(&scanner))
                    }
                default:
                    break
                }
            }
        }
    }
}
