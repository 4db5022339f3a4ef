import GoalCore

/// The cells of a text whose row breaks were lost, in reading order: every separator a page leaves
/// (line breaks, tabs, pipes, runs of spaces) cuts, and so does the forms' own vocabulary where
/// cells were glued together (`GlueSplitter`). An empty cell is kept only where the source marks
/// it (a pipe with nothing before it, a line of no-break spaces): those count in a row.
struct StreamToken: Sendable {
    var text: String
    var line: Int
    var isEmptyCell: Bool { text.isEmpty }
}

enum StreamTokenizer {
    struct Result {
        var tokens: [StreamToken] = []
        /// Whether the source marks its empty cells, so that a row is a fixed number of cells.
        var marksEmptyCells = false
        var notes: [ImportNote] = []
    }

    /// A line at least this long with no separator is a whole row, or table, glued together.
    static let gluedLength = 40

    static func tokens(_ text: String, firstLine: Int) -> Result {
        var r = Result()
        var lineNo = firstLine - 1
        var previousWasGlued = false
        var wrapNoted = false
        var nextMarker: Int?
        text.enumerateLinesFast { raw in
            lineNo += 1
            let line = String(raw)
            let trimmed = TextNormalizer.trim(line)
            if trimmed.isEmpty {
                // a line of no-break spaces is an empty cell of a table copied one cell per line
                if line.unicodeScalars.contains("\u{00A0}") {
                    r.tokens.append(StreamToken(text: "", line: lineNo)); r.marksEmptyCells = true
                }
                return
            }
            var t = Substring(trimmed)
            // a page number (`2、`) printed at the start of a page of a glued table; after `1、` on the
            // first line, the next number in turn is one even before a figure (`2、100%`)
            var markerDropped = false
            if previousWasGlued, let marker = pageMarkerLength(t) ?? nextMarker.flatMap({ pageMarkerLength(t, number: $0) }) {
                markerDropped = true
                r.notes.append(
                    ImportNote(.pageNumberDropped(line: lineNo, text: String(t.prefix(marker))), at: SourceLocation(line: lineNo))
                )
                if let n = nextMarker, pageMarkerLength(t, number: n) != nil { nextMarker = n + 1 }
                t = t.dropFirst(marker)
            }
            // the page break fell inside a figure (`…完成10` / `2、0%100%`): the figure goes on
            if markerDropped, let last = r.tokens.last, !last.isEmptyCell, let lc = last.text.last, lc.isASCII && lc.isNumber,
                let fc = t.first, fc.isASCII && fc.isNumber || fc == "%"
            {
                r.tokens.removeLast()
                r.notes.append(
                    ImportNote(
                        .figureSplitByPage(line: lineNo, start: String(t.prefix(4)), previous: last.text),
                        at: SourceLocation(line: lineNo)))
                t = Substring(last.text + t)
            }
            if lineNo == firstLine, let marker = pageMarkerLength(t) ?? pageMarkerLength(t, number: 1),
                PlainText.count(String(t)) >= gluedLength
            {
                if pageMarkerLength(t, number: 1) != nil { nextMarker = 2 }
                t = t.dropFirst(marker)
            }
            var cells: [String] = []
            var separated = true
            if PlainText.containsByte(t, UInt8(ascii: "|")) {
                var parts = t.split(separator: "|", omittingEmptySubsequences: false).map { TextNormalizer.trim($0) }
                if t.first == "|" { parts.removeFirst() }
                if t.last == "|", !parts.isEmpty { parts.removeLast() }
                if parts.isEmpty { parts = [""] }
                if parts.contains(where: \.isEmpty) { r.marksEmptyCells = true }
                cells = parts
            } else if PlainText.containsByte(t, UInt8(ascii: "\t")) {
                cells = t.split(separator: "\t").map { TextNormalizer.trim($0) }
            } else {
                separated = false
                cells = spacedCells(
                    String(t), continuesGlued: previousWasGlued, wrapNoted: &wrapNoted, line: lineNo, notes: &r.notes)
            }
            previousWasGlued = cells.count == 1 && PlainText.count(cells[0]) >= gluedLength
            // a cell the source closed itself (` |`, a tab) is one cell unless it is long enough to
            // be several glued together
            let closed = separated
            for c in cells {
                if c.isEmpty { r.tokens.append(StreamToken(text: "", line: lineNo)); continue }
                if closed, PlainText.count(c) < gluedLength { r.tokens.append(StreamToken(text: c, line: lineNo)); continue }
                for piece in GlueSplitter.pieces(c) { r.tokens.append(StreamToken(text: piece, line: lineNo)) }
            }
        }
        return r
    }

    /// `2、` at the start of a line, followed by something that is not a number: its length.
    static func pageMarkerLength(_ t: Substring) -> Int? {
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        let rest = t.dropFirst(digits.count)
        guard rest.first == "、", let after = rest.dropFirst().first, !(after.isASCII && after.isNumber) else { return nil }
        return digits.count + 1
    }

    /// `N、` at the start of a line, whatever follows: its length.
    static func pageMarkerLength(_ t: Substring, number: Int) -> Int? {
        let digits = String(number)
        guard t.hasPrefix(digits + "、") else { return nil }
        return digits.count + 1
    }

    /// A line without tabs or pipes (`continuesGlued`: the line before was a glued one). Runs of two or more spaces always cut. A single space cuts
    /// too, except in a long glued line, where spaces between Chinese characters are what a line
    /// wrap inside a cell left (`偏差原因分析及改进措 施`) and are taken out. Titles and 年度 lines
    /// keep their spaces.
    static func spacedCells(
        _ t: String, continuesGlued: Bool = false, wrapNoted: inout Bool, line: Int, notes: inout [ImportNote]
    ) -> [String] {
        if Reader.isTitle(t) || Reader.yearLine(t) != nil { return [t] }
        let chars = Array(t)
        var pieces: [String] = []
        var cur = ""
        var i = 0
        // the next page of a glued table is glued too, however few its cells
        let glued = isGlued(chars) || continuesGlued && chars.count >= gluedLength
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\u{3000}" || c == "\u{00A0}" {
                var j = i
                while j < chars.count, chars[j] == " " || chars[j] == "\u{3000}" || chars[j] == "\u{00A0}" { j += 1 }
                let single = j - i == 1
                if glued, single, i > 0, j < chars.count, !chars[i - 1].isASCII, !chars[j].isASCII {
                    if !wrapNoted {
                        notes.append(
                            ImportNote(
                                .wrapSpacesRemoved(line: line, sample: String(chars[max(0, i - 4)..<min(chars.count, j + 3)])),
                                at: SourceLocation(line: line)))
                        wrapNoted = true
                    }
                } else if !cur.isEmpty {
                    pieces.append(cur); cur = ""
                }
                i = j
                continue
            }
            cur.append(c)
            i += 1
        }
        if !cur.isEmpty { pieces.append(cur) }
        return pieces
    }

    /// A line that holds cells glued together: long, and with few spaces for its length (a row
    /// copied with spaces between cells has one every few characters).
    static func isGlued(_ chars: [Character]) -> Bool {
        guard chars.count >= gluedLength else { return false }
        let spaces = chars.reduce(0) { $0 + ($1 == " " ? 1 : 0) }
        return spaces * 8 < chars.count
    }
}
