import Foundation

/// Builds an XML part as UTF-8 bytes. Markup comes from string literals and is copied as is;
/// only values pass through escaping, so the writer cannot produce ill-formed XML from user text.
struct XMLBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
    }

    /// Markup from the source code, never user text.
    mutating func raw(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Markup built at run time from values that need no escaping (numbers, cell addresses).
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Element content, escaped and cleaned of characters XML forbids.
    mutating func text(_ value: String) {
        XMLEscaping.append(value, to: &bytes)
    }

    /// ` name="value"` with the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        attribute(name) { XMLEscaping.append(value, to: &$0, attribute: true) }
    }

    mutating func attribute(_ name: StaticString, _ value: Int) {
        attribute(name) { NumberText.appendInt(value, to: &$0) }
    }

    mutating func attribute(_ name: StaticString, _ value: Double) {
        attribute(name) { NumberText.appendXML(value, to: &$0) }
    }

    private mutating func attribute(_ name: StaticString, value: (inout [UInt8]) -> Void) {
        raw(" ")
        raw(name)
        raw("=\"")
        value(&bytes)
        raw("\"")
    }

    mutating func int(_ value: Int) {
        NumberText.appendInt(value, to: &bytes)
    }

    mutating func number(_ value: Double) {
        NumberText.appendXML(value, to: &bytes)
    }

    mutating func cellAddress(row: Int, column: Int) {
        CellAddress.appendColumnName(column, to: &bytes)
        NumberText.appendInt(row, to: &bytes)
    }

    /// A `<tag>value</tag>` element with escaped content.
    mutating func element(_ open: StaticString, _ value: String, _ close: StaticString) {
        raw(open)
        text(value)
        raw(close)
    }
}
