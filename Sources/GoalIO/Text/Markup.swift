import GoalCore

/// Removal of the HTML and Markdown that web pages and converters leave in pasted tables.
enum Markup {
    /// `\*` → `*`, `\_` → `_`: Markdown escapes, read as the character.
    static func unescapeMarkdown(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return s }
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

    /// `**bold**` → `bold`.
    static func stripMarkdownEmphasis(_ s: String) -> String {
        guard TextNormalizer.contains(s, "**") else { return s }
        return s.replacingOccurrences(of: "**", with: "")
    }

    static let inlineTags: Set<String> = ["b", "strong", "span", "font", "i", "em", "u"]

    /// Whether the text holds a tag that pasted web tables really carry; `<script>` or `a<b` typed as
    /// text is kept as text.
    static func hasKnownTag(_ s: String) -> Bool {
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...].drop(while: { $0 == "/" })
            let name = after.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
            if blockTags.contains(name) || inlineTags.contains(name) { return true }
            rest = rest[rest.index(after: open)...]
        }
        return false
    }

    static let blockTags: Set<String> = ["p", "div", "td", "th", "tr", "br", "li", "table", "tbody", "thead", "ul", "ol", "h1", "h2", "h3", "h4"]

    /// Splits HTML into text segments at block tags, decodes entities, and records `<b>`/`<strong>` runs
    /// with the text that follows each.
    static func parseHTML(_ html: String) -> (segments: [String], bold: [(title: String, following: String)]) {
        var segments: [String] = []
        var bold: [(String, String)] = []
        var current = ""
        var inBold = false
        var boldText = ""
        var afterBold = ""
        var haveBold = false

        func flushSegment() {
            let t = TextNormalizer.trim(collapse(current))
            if !t.isEmpty { segments.append(t) }
            current = ""
        }
        func closeFollowing() {
            if haveBold {
                bold.append((TextNormalizer.trim(collapse(boldText)), TextNormalizer.trim(collapse(afterBold))))
            }
        }

        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                let inside = html[html.index(after: i)..<close]
                let isEnd = inside.hasPrefix("/")
                let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
                if !blockTags.contains(name) && !inlineTags.contains(name) {
                    // not markup a web table carries (`<script>` typed by a user): keep it as text
                    current.append(c)
                    if inBold { boldText.append(c) } else if haveBold { afterBold.append(c) }
                    i = html.index(after: i)
                    continue
                }
                if name == "b" || name == "strong" {
                    if isEnd { inBold = false } else {
                        closeFollowing()
                        inBold = true; haveBold = true; boldText = ""; afterBold = ""
                    }
                } else if blockTags.contains(name) {
                    flushSegment()
                    if !inBold { afterBold += " " }
                }
                i = html.index(after: close)
                continue
            }
            if c == "&", let semi = html[i...].prefix(10).firstIndex(of: ";") {
                let entity = String(html[html.index(after: i)..<semi])
                if let decoded = decodeEntity(entity) {
                    current.append(decoded)
                    if inBold { boldText.append(decoded) } else if haveBold { afterBold.append(decoded) }
                    i = html.index(after: semi)
                    continue
                }
            }
            current.append(c)
            if inBold { boldText.append(c) } else if haveBold { afterBold.append(c) }
            i = html.index(after: i)
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
            if e.hasPrefix("#x"), let v = UInt32(e.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { return String(Character(u)) }
            if e.hasPrefix("#"), let v = UInt32(e.dropFirst()), let u = Unicode.Scalar(v) { return String(Character(u)) }
            return nil
        }
    }

    /// Runs of white space become one space.
    static func collapse(_ s: String) -> String {
        var out = ""
        var lastSpace = false
        for c in s {
            if c.isWhitespace { if !lastSpace { out.append(" ") }; lastSpace = true } else { out.append(c); lastSpace = false }
        }
        return out
    }
}
