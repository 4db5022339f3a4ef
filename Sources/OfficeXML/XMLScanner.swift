import Foundation

/// A small pull scanner over the bytes of one XML part.
///
/// Why not `XMLParser`: sheet XML is read cell by cell, and a delegate-based parser builds a
/// `String` and a dictionary for every element; scanning bytes and decoding only the values
/// we keep is several times faster. Office parts are plain, namespace-prefixed XML without
/// DTDs, so the scanner skips comments, processing instructions and DOCTYPEs and never
/// expands custom entities (which also rules out entity-expansion bombs).
///
/// The scanner works on borrowed bytes: create it inside `withUnsafeBytes`.
struct XMLScanner {
    enum Event { case start, end, text, eof }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The part's name, for error messages.
    let part: String
    private(set) var position = 0
    /// The local name (prefix removed) of the last start or end tag.
    private(set) var nameRange: Range<Int> = 0..<0
    /// The bytes between the tag's name and its closing `>` or `/>`.
    private(set) var attributesRange: Range<Int> = 0..<0
    private(set) var isSelfClosing = false
    /// The last text or CDATA run.
    private(set) var textRange: Range<Int> = 0..<0
    /// CDATA text is taken literally, without entity decoding.
    private(set) var textIsLiteral = false
    private var pendingEnd = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, part: String) {
        self.bytes = bytes
        self.part = part
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// The next event. A self-closing tag gives `.start` (with `isSelfClosing`) then `.end`.
    mutating func next() throws -> Event {
        if pendingEnd {
            pendingEnd = false
            return .end
        }
        let count = bytes.count
        while position < count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                position = find(UInt8(ascii: "<"), from: position) ?? count
                textRange = start..<position
                textIsLiteral = false
                return .text
            }
            guard position + 1 < count else { throw malformed("标签未结束") }
            let next = bytes[position + 1]
            if next == UInt8(ascii: "/") {
                guard let close = find(UInt8(ascii: ">"), from: position + 2) else { throw malformed("结束标签未闭合") }
                var end = close
                while end > position + 2, isSpace(bytes[end - 1]) { end -= 1 }
                nameRange = localName(position + 2..<end)
                position = close + 1
                return .end
            }
            if next == UInt8(ascii: "!") {
                if hasPrefix("<![CDATA[", at: position) {
                    let start = position + 9
                    guard let end = find(sequence: "]]>", from: start) else { throw malformed("CDATA 未结束") }
                    textRange = start..<end
                    textIsLiteral = true
                    position = end + 3
                    return .text
                }
                if hasPrefix("<!--", at: position) {
                    guard let end = find(sequence: "-->", from: position + 4) else { throw malformed("注释未结束") }
                    position = end + 3
                    continue
                }
                try skipDeclaration()
                continue
            }
            if next == UInt8(ascii: "?") {
                guard let end = find(sequence: "?>", from: position + 2) else { throw malformed("处理指令未结束") }
                position = end + 2
                continue
            }
            return try startTag()
        }
        return .eof
    }

    private mutating func startTag() throws -> Event {
        let count = bytes.count
        var index = position + 1
        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
            index += 1
        }
        let nameEnd = index
        // Find the closing '>' outside quoted attribute values ('>' may appear inside them).
        var quote: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        guard index < count else { throw malformed("开始标签未闭合") }
        nameRange = localName(position + 1..<nameEnd)
        isSelfClosing = bytes[index - 1] == UInt8(ascii: "/")
        attributesRange = nameEnd..<(isSelfClosing ? index - 1 : index)
        pendingEnd = isSelfClosing
        position = index + 1
        return .start
    }

    /// Skips `<!DOCTYPE …>` including an internal subset in brackets.
    private mutating func skipDeclaration() throws {
        var depth = 0
        var index = position + 2
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0:
                position = index + 1
                return
            default: break
            }
            index += 1
        }
        throw malformed("声明未结束")
    }

    /// Skips everything up to and including the end tag of the element just started.
    mutating func skipElement() throws {
        if isSelfClosing {
            _ = try next()
            return
        }
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .start: if !isSelfClosing { depth += 1 } else { _ = try next() }
            case .end: depth -= 1
            case .text: break
            case .eof: throw malformed("元素未结束")
            }
        }
    }

    /// Reads to the end of the element just started and joins the text of its `<t>` descendants
    /// (`w:t` in Word, `t` in shared strings), skipping the subtrees `skip` names and adding what
    /// `marker` gives for elements that stand for characters (Word's `<w:tab/>`, `<w:br/>`).
    mutating func joinedText(skip: (XMLScanner) -> Bool, marker: (XMLScanner) -> String? = { _ in nil }) throws -> String {
        if isSelfClosing {
            _ = try next()
            return ""
        }
        var result = ""
        var depth = 1
        var inText = false
        while depth > 0 {
            switch try next() {
            case .start:
                if skip(self) {
                    try skipElement()
                    continue
                }
                depth += 1
                if nameIs("t") {
                    inText = true
                } else if let characters = marker(self) {
                    result += characters
                }
            case .end:
                depth -= 1
                if nameIs("t") { inText = false }
            case .text:
                if inText { result += text }
            case .eof:
                throw malformed("元素未结束")
            }
        }
        return result
    }

    // MARK: Names and attributes

    func nameIs(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard nameRange.count == length, let base = bytes.baseAddress else { return false }
        return memcmp(base + nameRange.lowerBound, literal.utf8Start, length) == 0
    }

    /// The raw value range of an attribute, matched by local name (`r:id` matches `id`).
    func attributeRange(_ name: StaticString) -> Range<Int>? {
        let length = name.utf8CodeUnitCount
        guard let base = bytes.baseAddress else { return nil }
        var index = attributesRange.lowerBound
        let end = attributesRange.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { return nil }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !isSpace(bytes[index]) { index += 1 }
            let local = localName(nameStart..<index)
            while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < end else { return nil }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < end, bytes[index] != quote { index += 1 }
            let valueEnd = index
            index += 1
            if local.count == length, memcmp(base + local.lowerBound, name.utf8Start, length) == 0 {
                return valueStart..<valueEnd
            }
        }
        return nil
    }

    func attribute(_ name: StaticString) -> String? {
        attributeRange(name).map { decodedString($0) }
    }

    /// Reads an attribute holding a small non-negative integer without building a string.
    func intAttribute(_ name: StaticString) -> Int? {
        guard let range = attributeRange(name) else { return nil }
        return parseInt(range)
    }

    func doubleAttribute(_ name: StaticString) -> Double? {
        guard let range = attributeRange(name) else { return nil }
        return Double(rawString(range))
    }

    /// `"1"`, `"true"` or `"on"` count as true, as the schema's xsd:boolean and Word's ST_OnOff allow.
    func boolAttribute(_ name: StaticString) -> Bool? {
        guard let range = attributeRange(name) else { return nil }
        let value = rawString(range)
        return value == "1" || value == "true" || value == "on"
    }

    func parseInt(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count < 19 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    // MARK: Text

    var text: String { textIsLiteral ? rawString(textRange) : decodedString(textRange) }

    func rawString(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The string with XML entities and character references replaced.
    func decodedString(_ range: Range<Int>) -> String {
        guard find(UInt8(ascii: "&"), in: range) != nil else { return rawString(range) }
        return XMLEscaping.unescape(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    // MARK: Helpers

    func malformed(_ detail: String) -> OfficeError {
        .malformedXML(part: part, detail: "\(detail)，位置 \(position)")
    }

    private func localName(_ range: Range<Int>) -> Range<Int> {
        var index = range.upperBound
        while index > range.lowerBound {
            if bytes[index - 1] == UInt8(ascii: ":") { return index..<range.upperBound }
            index -= 1
        }
        return range
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        find(byte, in: start..<bytes.count)
    }

    private func find(_ byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = bytes.baseAddress,
            let hit = memchr(base + range.lowerBound, Int32(byte), range.count)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private func find(sequence: StaticString, from start: Int) -> Int? {
        let first = sequence.utf8Start[0]
        var index = start
        while let hit = find(first, from: index) {
            if hasPrefix(sequence, at: hit) { return hit }
            index = hit + 1
        }
        return nil
    }

    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + index, literal.utf8Start, length) == 0
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

extension Data {
    /// Runs a scanner over the data's bytes.
    func scanXML<T>(part: String, _ body: (inout XMLScanner) throws -> T) throws -> T {
        try withUnsafeBytes { raw in
            var scanner = XMLScanner(raw.bindMemory(to: UInt8.self), part: part)
            return try body(&scanner)
        }
    }
}
