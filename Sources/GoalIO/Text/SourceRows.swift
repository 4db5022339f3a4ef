import GoalCore

/// One line of pasted text split into cells: tab-separated (Word/Excel copy), Markdown pipes
/// (web pages, converters), or a single cell (one cell per line, OCR output, paragraphs).
struct SourceRow: Sendable {
    /// 1-based line number in the source, for every message about this row.
    var line: Int
    /// True when the line had cell separators (tabs or pipes): positions mean columns.
    var isTabular: Bool
    /// The non-empty cells with their positions (0-based columns). Empty cells are not kept: every
    /// reader of a row asks only for what is written in it, and where.
    let nonEmpty: [(position: Int, cell: Cell)]
    /// The cells stand in the columns the source itself decided (a rebuilt row around a dash printed
    /// for an empty cell): the reader keeps them there when they can stand there at all.
    var columnsDecided = false

    init(line: Int, cells: [Cell], isTabular: Bool) {
        var kept: [(position: Int, cell: Cell)] = []
        kept.reserveCapacity(cells.count)
        for (i, c) in cells.enumerated() where !c.isEmpty { kept.append((i, c)) }
        self.init(line: line, nonEmpty: kept, isTabular: isTabular)
    }

    init(line: Int, nonEmpty: [(position: Int, cell: Cell)], isTabular: Bool) {
        self.line = line
        self.isTabular = isTabular
        self.nonEmpty = nonEmpty
    }

    var isBlank: Bool { nonEmpty.isEmpty }
    /// The only non-empty cell's text, when the row has exactly one.
    var soleText: String? { nonEmpty.count == 1 ? nonEmpty[0].cell.text : nil }
}

/// A cell's text with HTML and Markdown markup removed; block-level HTML (p, td, div, br) splits it
/// into segments, and `<b>` runs are kept for the forms that print task names in bold.
struct Cell: Sendable {
    var text: String
    /// What HTML markup said beyond the text; nil for a plain cell (nearly every cell: one reference
    /// to copy and release, no arrays).
    private let markup: HTMLParts?

    /// Block-level pieces and bold runs of an HTML cell, kept together out of line.
    private final class HTMLParts: Sendable {
        let segments: [String]
        let boldRuns: [(title: String, following: String)]
        init(segments: [String], boldRuns: [(title: String, following: String)]) {
            self.segments = segments
            self.boldRuns = boldRuns
        }
    }

    var hadMarkup: Bool { markup != nil }
    /// Block-level pieces of an HTML cell; the text alone for any other.
    var segments: [String] { markup?.segments ?? (text.isEmpty ? [] : [text]) }
    /// Bold runs in order, with the text that follows each up to the next bold run.
    var boldRuns: [(title: String, following: String)] { markup?.boldRuns ?? [] }
    var isEmpty: Bool { text.isEmpty }

    /// `markup: false` for cells that come from a worksheet or a Word table: their text is the user's
    /// own, never HTML or Markdown to be read.
    init(raw: String, markup: Bool = true) {
        guard markup else {
            self.init(text: TextNormalizer.trim(raw))
            return
        }
        let trimmed = Markup.unescapeMarkdown(TextNormalizer.trim(raw))
        if PlainText.containsByte(trimmed, UInt8(ascii: "<")) && PlainText.containsByte(trimmed, UInt8(ascii: ">"))
            && Markup.hasKnownTag(trimmed)
        {
            let parsed = Markup.parseHTML(trimmed)
            self.init(
                text: parsed.segments.joined(separator: " "), markup: HTMLParts(segments: parsed.segments, boldRuns: parsed.bold))
        } else {
            self.init(text: Markup.stripMarkdownEmphasis(trimmed))
        }
    }

    /// A cell cut from a line. Most cells hold no markup (`\\`, `<`, `*` never occur in them), and
    /// their text is the piece trimmed: one copy, and no markup passes over it.
    init(raw: Substring) {
        let plain =
            raw.utf8.withContiguousStorageIfAvailable { u in
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

    private init(text: String, markup: HTMLParts? = nil) {
        self.text = text
        self.markup = markup
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
    static func split(_ text: String, firstLine: Int = 1, spaces: Bool = false) -> [SourceRow] {
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
            rows.append(spaces ? spacedRow(from: line, number: lineNo) : row(from: line, number: lineNo))
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
            return SourceRow(line: number, nonEmpty: cells(line, separator: UInt8(ascii: "\t")).nonEmpty, isTabular: true)
        }
        let t = TextNormalizer.trim(line)
        if t.utf8.first == UInt8(ascii: "|") && t.utf8.count > 1 {
            // the pipes cut off by their bytes (`dropLast()` on a Substring measures the whole line)
            var inner = t[t.utf8.index(after: t.utf8.startIndex)...]
            if inner.utf8.last == UInt8(ascii: "|") { inner = inner[..<inner.utf8.index(before: inner.utf8.endIndex)] }
            let parts = cells(inner, separator: UInt8(ascii: "|"))
            return SourceRow(line: number, nonEmpty: parts.nonEmpty, isTabular: parts.count > 1)
        }
        if let piped = trailingPipeRow(t, number: number) { return piped }
        var text = t
        // Markdown headings: `## 省级部门…` is the title, the marks are not.
        if text.utf8.first == UInt8(ascii: "#") { text = String(text.drop(while: { $0 == "#" })) }
        return SourceRow(line: number, cells: [Cell(raw: Substring(text))], isTabular: false)
    }

    /// A row of an HTML table as many pages print it: cells closed by ` |` with no opening pipe
    /// (`项目名称 | 某某项目 |`, or `产出指标 |` alone when each cell has a line). Only a line that
    /// ends with a pipe, or holds ` | ` between cells, is cut: a pipe inside a sentence stays.
    static func trailingPipeRow(_ t: String, number: Int) -> SourceRow? {
        guard PlainText.containsByte(t, UInt8(ascii: "|")) else { return nil }
        // a pipe alone closes an empty cell: nothing is written there
        if t.utf8.count == 1 { return SourceRow(line: number, nonEmpty: [], isTabular: false) }
        let endsWithPipe = t.utf8.last == UInt8(ascii: "|")
        guard endsWithPipe || TextNormalizer.contains(t, " | ") else { return nil }
        var inner = Substring(t)
        if endsWithPipe { inner = inner[..<inner.utf8.index(before: inner.utf8.endIndex)] }
        let parts = cells(inner, separator: UInt8(ascii: "|"))
        return SourceRow(line: number, nonEmpty: parts.nonEmpty, isTabular: parts.nonEmpty.count > 1)
    }

    /// A line whose cells are separated by spaces, as text copied from a PDF prints a table: cut at
    /// every run of spaces (ASCII or ideographic). A line with tabs or pipes is read as usual, and so
    /// is a title or a 年度 line, whose spaces are not cell breaks (`（2025 年度）`).
    static func spacedRow(from line: Substring, number: Int) -> SourceRow {
        let plain = row(from: line, number: number)
        guard !plain.isTabular, let sole = plain.soleText, !Reader.isTitle(sole), Reader.yearLine(sole) == nil else {
            return plain
        }
        let parts = sole.split(maxSplits: maxCells - 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" }).prefix(maxCells)
        guard parts.count > 1 else { return plain }
        return SourceRow(line: number, nonEmpty: parts.enumerated().map { ($0.offset, Cell(raw: $0.element)) }, isTabular: true)
    }

    /// The non-empty cells of a line cut at an ASCII separator with their positions, and how many
    /// cells the line has; read from the line's bytes (see `splitBytes`).
    static func cells(_ line: Substring, separator: UInt8) -> (nonEmpty: [(position: Int, cell: Cell)], count: Int) {
        let cut = line.utf8.withContiguousStorageIfAvailable { u -> ([(position: Int, cell: Cell)], Int) in
            // sized once: most lines of a form have 5 to 12 cells
            var pieces = 1
            for b in u where b == separator { pieces += 1 }
            pieces = min(pieces, maxCells)
            var kept: [(position: Int, cell: Cell)] = []
            kept.reserveCapacity(pieces)
            var start = 0, position = 0
            func take(_ end: Int) {
                let cell = Cell(utf8: UnsafeBufferPointer(rebasing: u[start..<end]))
                if !cell.isEmpty { kept.append((position, cell)) }
                position += 1
            }
            for i in 0..<u.count where u[i] == separator {
                take(i)
                if position == maxCells { return (kept, position) }
                start = i + 1
            }
            take(u.count)
            return (kept, position)
        }
        if let cut { return (cut.0, cut.1) }
        let parts = splitBytes(line, on: separator)
        return (
            parts.enumerated().compactMap { i, p in
                let c = Cell(raw: p)
                return c.isEmpty ? nil : (i, c)
            }, parts.count
        )
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
        return nonEmpty.allSatisfy { c in
            c.cell.text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") }
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
