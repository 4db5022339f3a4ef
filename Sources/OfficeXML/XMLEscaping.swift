import Foundation

/// Escaping for the XML we write and unescaping for the XML we read.
enum XMLEscaping {
    /// Whether a Unicode scalar may appear in an XML 1.0 document. Control characters pasted from
    /// other programs (e.g. U+0001, U+000B) would make Excel refuse the whole file, so we drop them.
    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The text with characters illegal in XML 1.0 removed.
    static func legalText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isLegal($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isLegal))
        return String(scalars)
    }

    /// Appends the text escaped for element content or a double-quoted attribute value.
    /// Fast path: most cell text has nothing to escape and is copied as UTF-8 in one go.
    static func append(_ text: String, to buffer: inout [UInt8], attribute: Bool = false) {
        if !needsEscaping(text) {
            buffer.append(contentsOf: text.utf8)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": buffer.append(contentsOf: "&lt;".utf8)
            case ">": buffer.append(contentsOf: "&gt;".utf8)
            case "&": buffer.append(contentsOf: "&amp;".utf8)
            case "\"": buffer.append(contentsOf: "&quot;".utf8)
            // In attributes, whitespace characters other than space would be normalised away.
            case "\n" where attribute: buffer.append(contentsOf: "&#10;".utf8)
            case "\r" where attribute: buffer.append(contentsOf: "&#13;".utf8)
            case "\t" where attribute: buffer.append(contentsOf: "&#9;".utf8)
            default:
                guard isLegal(scalar) else { continue }
                UTF8.encode(scalar) { buffer.append($0) }
            }
        }
    }

    /// Whether the text has markup characters, control characters or the non-characters
    /// U+FFFE/U+FFFF (UTF-8 `EF BF BE/BF`). Checked on bytes: most cell text has none of them.
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x3F,
                byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                    || byte == UInt8(ascii: "\"") || byte < 0x20
            {
                return true
            }
            if byte >= 0xBE, byte <= 0xBF, previous == (0xEF, 0xBF) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    static func escaped(_ text: String, attribute: Bool = false) -> String {
        var buffer: [UInt8] = []
        append(text, to: &buffer, attribute: attribute)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Replaces the five predefined entities and numeric character references.
    /// Unknown entities are kept as written rather than failing the whole file.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            var replacement: String?
            switch name {
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "amp": replacement = "&"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                }
            }
            if let replacement {
                out.append(contentsOf: replacement.utf8)
                index = end + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes OOXML's `_xHHHH_` escapes (ST_Xstring), which Excel uses for characters such as
    /// carriage returns that XML would otherwise normalise away.
    static func decodeOOXMLEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if after.count >= 5, after[after.index(after.startIndex, offsetBy: 4)] == "_",
                let value = UInt32(after.prefix(4), radix: 16), let scalar = Unicode.Scalar(value)
            {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        result += rest
        return result
    }
}
