import GoalCore

/// Removal of the HTML and Markdown that web pages and converters leave in pasted tables.
enum Markup {
    /// `\*` → `*`, `\_` → `_`: Markdown escapes, read as the character.
    static func unescapeMarkdown(_ s: String) -> String {
        guard PlainText.containsByte(s, UInt8(ascii: "\\")) else { return s }
        if PlainText.isPlain(s) { return unescapeMarkdownPlain(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var escaping = false
        for c in s {
            if escaping {
                if "*_`#|[]()\\-.!<>".contains(c) { out.append(c) } else { out.append("\\"); out.append(c) }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// `unescapeMarkdown` of plain text (see `PlainText`) on its bytes: every Character is a scalar
    /// there, and the escapable marks are ASCII, so a backslash before one of them is dropped and any
    /// other byte is copied as it is (a backslash before a multi-byte scalar is kept with it).
    private static func unescapeMarkdownPlain(_ s: String) -> String {
        PlainText.withUTF8(s) { u in
            // never longer than `s`: a backslash is dropped or kept, nothing is added
            String(unsafeUninitializedCapacity: u.count) { out in
                var o = 0
                var escaping = false
                for b in u {
                    if escaping {
                        if !escapable.contains(b) { out[o] = UInt8(ascii: "\\"); o += 1 }
                        out[o] = b; o += 1
                        escaping = false
                    } else if b == UInt8(ascii: "\\") {
                        escaping = true
                    } else {
                        out[o] = b; o += 1
                    }
                }
                if escaping { out[o] = UInt8(ascii: "\\"); o += 1 }
                return o
            }
        }
    }

    /// The marks a backslash escapes in Markdown, as bytes.
    private static let escapable: Set<UInt8> = Set("*_`#|[]()\\-.!<>".utf8)

    /// `**bold**` → `bold`.
    static func stripMarkdownEmphasis(_ s: String) -> String {
        guard TextNormalizer.contains(s, "**") else { return s }
        return s.replacingOccurrences(of: "**", with: "")
    }

    static let inlineTags: Set<String> = ["b", "strong", "span", "font", "i", "em", "u"]

    /// Whether the text holds a tag that pasted web tables really carry; `<script>` or `a<b` typed as
    /// text is kept as text.
    static func hasKnownTag(_ s: String) -> Bool {
        if PlainText.isPlain(s) { return hasKnownTagPlain(s) }
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...].drop(while: { $0 == "/" })
            let name = after.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
            if blockTags.contains(name) || inlineTags.contains(name) { return true }
            rest = rest[rest.index(after: open)...]
        }
        return false
    }

    /// `hasKnownTag` of plain text on its bytes: every Character is a scalar there, `<`, `/` and the
    /// ASCII letters and digits are single bytes, and a byte of a multi-byte scalar is none of them.
    private static func hasKnownTagPlain(_ s: String) -> Bool {
        PlainText.withUTF8(s) { u in
            func isAlphanumeric(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            }
            for open in u.indices where u[open] == UInt8(ascii: "<") {
                var start = open + 1
                while start < u.count && u[start] == UInt8(ascii: "/") { start += 1 }
                var end = start
                while end < u.count && isAlphanumeric(u[end]) { end += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self).lowercased()
                if blockTags.contains(name) || inlineTags.contains(name) { return true }
            }
            return false
        }
    }

    static let blockTags: Set<String> = [
        "p", "div", "td", "th", "tr", "br", "li", "table", "tbody", "thead", "ul", "ol", "h1", "h2", "h3", "h4",
    ]

    /// Splits HTML into text segments at block tags, decodes entities, and records `<b>`/`<strong>` runs
    /// with the text that follows each.
    static func parseHTML(_ html: String) -> (segments: [String], bold: [(title: String, following: String)]) {
        // walked by scalars when the text is plain, else by Characters (see `TextUnit`)
        PlainText.isPlain(html) ? parseHTML(Unicode.Scalar.units(of: html)) : parseHTML(Character.units(of: html))
    }

    private static func parseHTML<U: TextUnit>(_ html: [U]) -> (segments: [String], bold: [(title: String, following: String)]) {
        var segments: [String] = []
        var bold: [(String, String)] = []
        var current: [U] = []
        var inBold = false
        var boldText: [U] = []
        var afterBold: [U] = []
        var haveBold = false

        func text(_ units: [U]) -> String { TextNormalizer.trim(collapse(U.string(units[...]))) }
        func flushSegment() {
            let t = text(current)
            if !t.isEmpty { segments.append(t) }
            current = []
        }
        func closeFollowing() {
            if haveBold { bold.append((text(boldText), text(afterBold))) }
        }
        func append(_ units: some Collection<U>) {
            current.append(contentsOf: units)
            if inBold { boldText.append(contentsOf: units) } else if haveBold { afterBold.append(contentsOf: units) }
        }

        var i = 0
        while i < html.count {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                let inside = U.string(html[(i + 1)..<close])
                let isEnd = inside.hasPrefix("/")
                let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
                    .lowercased()
                if !blockTags.contains(name) && !inlineTags.contains(name) {
                    // not markup a web table carries (`<script>` typed by a user): keep it as text
                    append(CollectionOfOne(c))
                    i += 1
                    continue
                }
                if name == "b" || name == "strong" {
                    if isEnd {
                        inBold = false
                    } else {
                        closeFollowing()
                        inBold = true; haveBold = true; boldText = []; afterBold = []
                    }
                } else if blockTags.contains(name) {
                    flushSegment()
                    if !inBold { afterBold.append(" ") }
                }
                i = close + 1
                continue
            }
            if c == "&", let semi = html[i..<min(i + 10, html.count)].firstIndex(of: ";") {
                if let decoded = decodeEntity(U.string(html[(i + 1)..<semi])) {
                    append(U.units(of: decoded))
                    i = semi + 1
                    continue
                }
            }
            append(CollectionOfOne(c))
            i += 1
        }
        flushSegment()
        closeFollowing()
        return (segments, bold)
    }

    static func decodeEntity(_ e: String) -> String? {
        switch e {
        case "nbsp": return " "
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos", "#39": return "'"
        default:
            if e.hasPrefix("#x"), let v = UInt32(e.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                return String(Character(u))
            }
            if e.hasPrefix("#"), let v = UInt32(e.dropFirst()), let u = Unicode.Scalar(v) { return String(Character(u)) }
            return nil
        }
    }

    /// Runs of white space become one space.
    static func collapse(_ s: String) -> String {
        if PlainText.isPlain(s) {
            // every Character a scalar; white space is ASCII (09–0C, 20) or the ideographic space
            // (E3 80 80), so the runs are found and written on the bytes
            return PlainText.withUTF8(s) { u in
                String(unsafeUninitializedCapacity: u.count) { out in
                    let n = u.count
                    var i = 0, o = 0, lastSpace = false
                    while i < n {
                        let b = u[i]
                        var width = 0
                        if b == 0x20 || (b >= 0x09 && b <= 0x0C) {
                            width = 1
                        } else if b == 0xE3, i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0x80 {
                            width = 3
                        }
                        if width > 0 {
                            if !lastSpace { out[o] = 0x20; o += 1 }
                            lastSpace = true
                            i += width
                        } else {
                            out[o] = b; o += 1; i += 1
                            lastSpace = false
                        }
                    }
                    return o
                }
            }
        }
        var out = ""
        var lastSpace = false
        for c in s {
            if c.isWhitespace { if !lastSpace { out.append(" ") }; lastSpace = true } else { out.append(c); lastSpace = false }
        }
        return out
    }
}
