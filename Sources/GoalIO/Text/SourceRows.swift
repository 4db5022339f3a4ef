import GoalCore

/// One line of pasted text split into cells: tab-separated (Word/Excel copy), Markdown pipes
/// (web pages, converters), or a single cell (one cell per line, OCR output, paragraphs).
struct SourceRow: Sendable {
    /// 1-based line number in the source, for every message about this row.
    var line: Int
    let cells: [Cell]
    /// True when the line had cell separators (tabs or pipes): positions mean columns.
    var isTabular: Bool
    /// The non-empty cells with their positions, computed once: every check of a row reads them.
    let nonEmpty: [(position: Int, cell: Cell)]

    init(line: Int, cells: [Cell], isTabular: Bool) {
        self.line = line
        self.cells = cells
        self.isTabular = isTabular
        nonEmpty = cells.enumerated().compactMap { $0.element.isEmpty ? nil : ($0.offset, $0.element) }
    }

    var isBlank: Bool { nonEmpty.isEmpty }
    /// The only non-empty cell's text, when the row has exactly one.
    var soleText: String? { nonEmpty.count == 1 ? nonEmpty[0].cell.text : nil }
}

/// A cell's text with HTML and Markdown markup removed; block-level HTML (p, td, div, br) splits it
/// into segments, and `<b>` runs are kept for the forms that print task names in bold.
struct Cell: Sendable {
    var text: String
    /// Block-level pieces of an HTML cell; nil for a plain cell (most cells: no array to allocate).
    private var markupSegments: [String]?
    /// Bold runs in order, with the text that follows each up to the next bold run.
    var boldRuns: [(title: String, following: String)]

    var hadMarkup: Bool { markupSegments != nil }
    var segments: [String] { markupSegments ?? (text.isEmpty ? [] : [text]) }
    var isEmpty: Bool { text.isEmpty }

    /// `markup: false` for cells that come from a worksheet or a Word table: their text is the user's
    /// own, never HTML or Markdown to be read.
    init(raw: String, markup: Bool = true) {
        guard markup else {
            text = TextNormalizer.trim(raw)
            markupSegments = nil
            boldRuns = []
            return
        }
        let trimmed = Markup.unescapeMarkdown(TextNormalizer.trim(raw))
        if PlainText.containsByte(trimmed, UInt8(ascii: "<")) && PlainText.containsByte(trimmed, UInt8(ascii: ">")) && Markup.hasKnownTag(trimmed) {
            let parsed = Markup.parseHTML(trimmed)
            markupSegments = parsed.segments
            boldRuns = parsed.bold
            text = parsed.segments.joined(separator: " ")
        } else {
            text = Markup.stripMarkdownEmphasis(trimmed)
            markupSegments = nil
            boldRuns = []
        }
    }

    /// A cell cut from a line. Most cells hold no markup (`\\`, `<`, `*` never occur in them), and
    /// their text is the piece trimmed: one copy, and no markup passes over it.
    init(raw: Substring) {
        let plain = raw.utf8.withContiguousStorageIfAvailable { u in
            !u.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "*") }
        } ?? false
        if plain { self.init(text: TextNormalizer.trim(raw)) } else { self.init(raw: String(raw)) }
    }

    /// A cell from the bytes of a piece of a line, as `init(raw:)` reads it; a plain piece without
    /// markup characters is trimmed on its bytes and copied once.
    init(utf8 u: UnsafeBufferPointer<UInt8>) {
        if u.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "*") }) {
            self.init(raw: String(decoding: u, as: UTF8.self))
        } else if PlainText.isPlain(u) {
            self.init(text: TextNormalizer.trimPlain(u))
        } else {
            self.init(text: TextNormalizer.trim(String(decoding: u, as: UTF8.self)))
        }
    }

    private init(text: String) {
        self.text = text
        markupSegments = nil
        boldRuns = []
    }

    /// A placeholder that means "nothing here": `-`, `—`, `/`, `无`.
    var isPlaceholder: Bool {
        // a placeholder is a character or two (6 bytes at most): a longer text is none, without a lookup
        text.utf8.count <= 6 && Self.placeholders.contains(text)
    }

    private static let placeholders = WordSet(["-", "—", "–", "－", "/", "／", "——", "--", "无", "\\"])
}

enum SourceRows {
    /// Splits text into rows. Markdown separator rows (`|---|---|`) are dropped; everything else is kept
    /// with its line number.
    static func split(_ text: String, firstLine: Int = 1) -> [SourceRow] {
        var rows: [SourceRow] = []
        var lineNo = firstLine - 1
        // Excel copies a cell with line breaks as "…" across several lines: join them back
        var pending: (text: String, firstLine: Int)?
        text.enumerateLinesFast { line in
            lineNo += 1
            if var p = pending {
                p.text += "\n" + line
                if let cells = quotedCells(p.text) {
                    rows.append(SourceRow(line: p.firstLine, cells: cells.map { Cell(raw: $0) }, isTabular: true))
                    pending = nil
                } else if lineNo - p.firstLine > maxJoinedLines {
                    // never closed: read the lines as they are
                    for (k, l) in p.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        rows.append(row(from: l, number: p.firstLine + k))
                    }
                    pending = nil
                } else {
                    pending = p
                }
                return
            }
            if PlainText.containsByte(line, UInt8(ascii: "\"")) && PlainText.containsByte(line, UInt8(ascii: "\t")) {
                let s = String(line)
                if let cells = quotedCells(s) {
                    rows.append(SourceRow(line: lineNo, cells: cells.map { Cell(raw: $0) }, isTabular: true))
                } else {
                    pending = (s, lineNo)
                }
                return
            }
            rows.append(row(from: line, number: lineNo))
        }
        if let p = pending {
            for (k, l) in p.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                rows.append(row(from: l, number: p.firstLine + k))
            }
        }
        rows.removeAll { $0.isSeparator }
        return rows
    }

    static let maxJoinedLines = 50

    /// Tab-separated cells with Excel's quoting (`"a""b"` is a"b, a quoted cell may hold tabs and
    /// line breaks); nil while a quoted cell is still open.
    static func quotedCells(_ s: String) -> [String]? {
        var cells: [String] = []
        var cur = ""
        var inQuotes = false
        var atCellStart = true
        var it = Array(s.unicodeScalars)[...]
        while let u = it.popFirst() {
            if inQuotes {
                if u == "\"" {
                    if it.first == "\"" { cur.unicodeScalars.append("\""); it = it.dropFirst() } else { inQuotes = false }
                } else {
                    cur.unicodeScalars.append(u)
                }
            } else if u == "\t" {
                cells.append(cur); cur = ""; atCellStart = true
                continue
            } else if u == "\"" && atCellStart {
                inQuotes = true
            } else {
                cur.unicodeScalars.append(u)
            }
            atCellStart = false
        }
        if inQuotes { return nil }
        cells.append(cur)
        return cells.count > maxCells ? Array(cells.prefix(maxCells)) : cells
    }

    /// The most cells one line may have; a longer line is cut (noise, not a form).
    static let maxCells = 64

    static func row(from line: Substring, number: Int) -> SourceRow {
        if PlainText.containsByte(line, UInt8(ascii: "\t")) {
            return SourceRow(line: number, cells: cells(line, separator: UInt8(ascii: "\t")), isTabular: true)
        }
        let t = TextNormalizer.trim(line)
        if t.utf8.first == UInt8(ascii: "|") && t.utf8.count > 1 {
            // the pipes cut off by their bytes (`dropLast()` on a Substring measures the whole line)
            var inner = t[t.utf8.index(after: t.utf8.startIndex)...]
            if inner.utf8.last == UInt8(ascii: "|") { inner = inner[..<inner.utf8.index(before: inner.utf8.endIndex)] }
            let parts = cells(inner, separator: UInt8(ascii: "|"))
            return SourceRow(line: number, cells: parts, isTabular: parts.count > 1)
        }
        var text = t
        // Markdown headings: `## 省级部门…` is the title, the marks are not.
        if text.utf8.first == UInt8(ascii: "#") { text = String(text.drop(while: { $0 == "#" })) }
        return SourceRow(line: number, cells: [Cell(raw: Substring(text))], isTabular: false)
    }

    /// The cells of a line cut at an ASCII separator, read from the line's bytes (see `splitBytes`).
    static func cells(_ line: Substring, separator: UInt8) -> [Cell] {
        let cells = line.utf8.withContiguousStorageIfAvailable { u -> [Cell] in
            var cells: [Cell] = []
            var start = 0
            for i in 0..<u.count where u[i] == separator {
                cells.append(Cell(utf8: UnsafeBufferPointer(rebasing: u[start..<i])))
                if cells.count == maxCells { return cells }
                start = i + 1
            }
            cells.append(Cell(utf8: UnsafeBufferPointer(rebasing: u[start...])))
            return cells
        }
        return cells ?? splitBytes(line, on: separator).map { Cell(raw: $0) }
    }

    /// Splits on an ASCII separator by bytes (a Character-wise split breaks graphemes on every
    /// character of the line); at most `maxCells` pieces, the rest of a longer line dropped.
    static func splitBytes(_ line: Substring, on separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        let u = line.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == separator {
                parts.append(line[start..<i])
                if parts.count == maxCells { return parts }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        parts.append(line[start..<u.endIndex])
        return parts
    }
}

private extension SourceRow {
    var isSeparator: Bool {
        guard isTabular else { return false }
        // by bytes: a text whose bytes are all `-`, `:` or space is one whose Characters are
        return cells.allSatisfy { c in
            c.text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") }
        } && !nonEmpty.isEmpty
    }
}

extension String {
    /// Line splitting that treats \r\n, \r and \n alike, without Foundation's slower paths.
    func enumerateLinesFast(_ body: (Substring) -> Void) {
        // bytes, not Characters: \n and \r never occur inside a multi-byte UTF-8 sequence; the
        // line ends are found on the contiguous bytes, and indices made only for them
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        PlainText.withUTF8(self) { u in
            var start = 0
            var i = 0
            while i < u.count {
                let b = u[i]
                if b == 0x0A || b == 0x0D {
                    body(self[index(start)..<index(i)])
                    var next = i + 1
                    if b == 0x0D, next < u.count, u[next] == 0x0A { next += 1 }
                    i = next
                    start = i
                } else {
                    i += 1
                }
            }
            if start < u.count { body(self[index(start)..<index(u.count)]) }
        }
    }
}
