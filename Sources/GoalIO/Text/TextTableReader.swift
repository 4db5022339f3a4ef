import Foundation
import GoalCore

/// Reads goal tables from pasted or saved text: tab-separated copies from Word/Excel, Markdown pipe
/// tables, one cell per line, OCR-flattened text. The structure is recovered from the rules of the
/// forms (titles, header labels, column headings, the indicator taxonomy, what each kind of cell
/// holds), and every repair is reported with its line, so nothing changes silently.
public enum TextTableReader {
    /// Reads text that is already decoded.
    public static func read(text: String) -> ImportResult {
        let cuts = PlainText.withUTF8(text) { titleCuts($0, into: pieceParts($0.count)) }
        if cuts.count <= 1 {
            // no title to cut at: perhaps no table at all, read on all cores when that is so
            let lines = PlainText.withUTF8(text) { QuietPieces.cuts($0, into: pieceCount) }
            if lines.count > 1, let quiet = QuietPieces.read(pieces(of: text, at: lines), cuts: lines) { return quiet }
            return read(piece: text, firstLine: 1)
        }
        // Large inputs are cut at table titles and the pieces read on all cores: a title always
        // starts a new table, so the pieces are independent. Line numbers stay the source's own.
        let texts = pieces(of: text, at: cuts)
        return readPieces(cuts.count) { i in read(piece: texts[i], firstLine: cuts[i].line) }
    }

    /// `text` cut at the byte offsets of `cuts`.
    static func pieces(of text: String, at cuts: [(offset: Int, line: Int)]) -> [String] {
        let bounds = cuts.indices.map { k in
            (
                text.utf8.index(text.utf8.startIndex, offsetBy: cuts[k].offset),
                k + 1 < cuts.count ? text.utf8.index(text.utf8.startIndex, offsetBy: cuts[k + 1].offset) : text.endIndex
            )
        }
        return bounds.map { String(text[$0.0..<$0.1]) }
    }

    /// Text in which no table was found, read again with runs of spaces as cell breaks: a table
    /// copied from a PDF arrives so, with merged cells simply missing. Cells are then placed by
    /// their content alone (no column positions), and the result says how it was read. Nil when
    /// that finds no table either.
    static func readSpaceSeparated(_ text: String, firstLine: Int = 1) -> ImportResult? {
        // only text that prints a grid heading is read again (a table copied from a PDF keeps its
        // heading row): prose and noise are not read twice
        guard PlainText.containsByte(text, UInt8(ascii: " ")) || TextNormalizer.contains(text, "\u{3000}"),
            spaceReadingWords.contains(where: { TextNormalizer.contains(text, $0) })
        else { return nil }
        var reader = Reader(rows: SourceRows.split(text, firstLine: firstLine, spaces: true))
        reader.positionless = true
        reader.run()
        var result = reader.finish()
        guard !result.tables.isEmpty else { return nil }
        result.notes.insert(
            ImportNote(
                .spaceSeparatedColumns,
                at: SourceLocation()), at: 0)
        return result
    }

    /// The headings without which a text is not read again with spaces as cell breaks.
    static let spaceReadingWords = ["三级指标", "指标名称", "指标值", "具体指标"]
    /// The headings without which a text is not read again as a stream of cells.
    static let streamReadingWords = ["三级指标", "指标名称", "二级指标"]
    /// Either: a text without them is read once, line by line (what `QuietPieces` relies on).
    static let rereadingWords = Array(Set(spaceReadingWords + streamReadingWords)).sorted()

    /// More pieces than cores, so a core that finishes early takes another.
    static var pieceCount: Int { ProcessInfo.processInfo.activeProcessorCount * 4 }

    /// Text, or one piece of a large text starting at `firstLine`: its tables, or, when it has
    /// none, those it has read with spaces as cell breaks (`readSpaceSeparated`).
    static func read(piece text: String, firstLine: Int) -> ImportResult {
        let rows = SourceRows.split(text, firstLine: firstLine)
        let result = read(rows: rows)
        if result.tables.contains(where: { !$0.indicators.isEmpty }) {
            // rows read one cell per line under a heading of one cell per line: the rows may have
            // lost their breaks, and the stream reading is tried too.
            // The stream reading is taken only when it explains clearly more of the text.
            guard text.utf8.count <= streamLimit,
                result.notes.contains(where: { if case .verticalHeading = $0.code { true } else { false } })
                    || mostlyOneCellPerLine(rows),
                let stream = readStream(text, firstLine: firstLine),
                quality(stream) > quality(result) + max(2, quality(result) / 5)
            else { return result }
            return stream
        }
        if let spaced = readSpaceSeparated(text, firstLine: firstLine), spaced.tables.contains(where: { !$0.indicators.isEmpty })
        {
            return spaced
        }
        if let stream = readStream(text, firstLine: firstLine) { return stream }
        if result.tables.isEmpty, let header = readInterleavedHeader(text, firstLine: firstLine) { return header }
        return result
    }

    /// Text in which no reading found a table, read as a form's header whose labels and values a
    /// PDF extraction interleaved (`InterleavedHeader`): a header-only table, or nil.
    static func readInterleavedHeader(_ text: String, firstLine: Int) -> ImportResult? {
        guard let (rows, notes) = InterleavedHeader.rows(text, firstLine: firstLine) else { return nil }
        var result = read(rows: rows)
        guard !result.tables.isEmpty else { return nil }
        result.notes.insert(contentsOf: notes, at: 0)
        return result
    }

    /// The largest text read a second time as a stream when the line reading found rows: a pasted
    /// table is a few kilobytes, and a large file is many tables read line by line.
    static let streamLimit = 64 << 10

    /// A text printed one cell per line (each line perhaps closed by ` |`): most of its lines that
    /// hold anything hold one cell. Counted on rows already split, once each.
    static func mostlyOneCellPerLine(_ rows: [SourceRow]) -> Bool {
        var single = 0, written = 0
        for r in rows where !r.isBlank {
            written += 1
            if r.nonEmpty.count == 1 { single += 1 }
        }
        return written >= 12 && single * 10 >= written * 9
    }

    /// How much of a table a reading explains: the fields it filled, less what it could not place.
    /// A row with no target, weight or actual explains nothing (a cell read as a row of its own).
    static func quality(_ r: ImportResult) -> Int {
        var q = 0
        for t in r.tables {
            for (i, values) in zip(t.indicators, t.evaluationsByRow)
            where !i.value.isEmpty || i.weight != nil || values.actual != nil {
                q +=
                    (i.name.isEmpty ? 0 : 1) + (i.value.isEmpty ? 0 : 1) + (i.level2.isEmpty ? 0 : 1)
                    + (i.weight == nil ? 0 : 1) + (values.actual == nil ? 0 : 1)
            }
        }
        return q - 2 * r.notes.filter { $0.kind == .unreadable }.count
    }

    /// Text in which no indicator row was found, read as a stream of cells whose row breaks were
    /// lost (one cell per line, or cells glued on one line): `StreamRows` rebuilds the rows by the
    /// forms' grammar and the reader reads them. Nil when that finds no indicator either, or the
    /// text prints no indicator heading (prose and noise are not read twice).
    static func readStream(_ text: String, firstLine: Int) -> ImportResult? {
        guard streamReadingWords.contains(where: { TextNormalizer.contains(text, $0) }),
            let rebuilt = StreamRows.rebuild(text, firstLine: firstLine)
        else { return nil }
        var result = read(rows: rebuilt.rows)
        guard result.tables.contains(where: { !$0.indicators.isEmpty }) else { return nil }
        result.notes.insert(contentsOf: rebuilt.notes, at: 0)
        result.notes.insert(
            ImportNote(
                .rowBreaksLost,
                at: SourceLocation()), at: 0)
        return result
    }

    static func read(rows: [SourceRow]) -> ImportResult {
        var reader = Reader(rows: rows)
        reader.run()
        return reader.finish()
    }

    /// Reads `count` pieces on all cores and joins their tables and notes in order.
    static func readPieces(_ count: Int, _ readPiece: @Sendable (Int) -> ImportResult) -> ImportResult {
        var joined = PieceJoiner()
        return joined.add(Parallel.map(count, readPiece))
    }

    /// Below this size one core reads the whole text.
    static let parallelThreshold = 1 << 20

    /// How many pieces a text of `bytes` is cut into: enough to keep every core busy, and none much
    /// larger than `pieceBytes`, so that reading a few at a time holds a few megabytes of tables
    /// whatever the file's size (issue #23: an 80 MB paste held all its tables at once).
    static func pieceParts(_ bytes: Int, pieceBytes: Int = pieceBytes) -> Int { max(pieceCount, bytes / pieceBytes) }

    /// The size of a piece of a large text.
    static let pieceBytes = 512 << 10

    /// Where to cut UTF-8 text into about `parts` pieces of equal size, each starting at a title
    /// line: byte offsets with the line number each piece starts on. One cut (offset 0) for text
    /// below `parallelThreshold`. Only the lines just past each cut point are decoded and looked at.
    static func titleCuts(_ u: UnsafeBufferPointer<UInt8>, into parts: Int) -> [(offset: Int, line: Int)] {
        let total = u.count
        var cuts: [(offset: Int, line: Int)] = [(0, 1)]
        guard parts > 1, total >= parallelThreshold else { return cuts }
        var lineNo = 1
        var nextCut = total / parts
        var i = 0
        while i < total {
            // memchr, not a byte loop: most of a large input is passed over here, on one core
            guard let nl = memchr(u.baseAddress! + i, 0x0A, total - i) else { break }
            i = u.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            lineNo += 1
            // past the next cut point: cut before this line if it is a title
            guard i >= nextCut, cuts.count < parts, i < total else { continue }
            var end = i
            while end < total && u[end] != 0x0A { end += 1 }
            guard mayHoldTitle(UnsafeBufferPointer(rebasing: u[i..<end])) else { continue }
            let line = String(decoding: UnsafeBufferPointer(rebasing: u[i..<end]), as: UTF8.self)
            if let sole = SourceRows.row(from: Substring(line), number: lineNo).soleText, Reader.isTitle(sole) {
                cuts.append((i, lineNo))
                nextCut += total / parts
            }
        }
        return cuts
    }

    /// Whether a line's bytes can make a title: `isTitle` wants 表 in the cell's label key, which only
    /// drops scalars or folds them to ASCII, and no scalar normalises to 表; so the line holds 表's
    /// bytes (E8 A1 A8) or an `&` that may be its HTML entity. Lines without either are passed over
    /// without being split into cells: past the first cut point of a text with no titles (noise) every
    /// line was, a seventh of reading it (issue #23).
    static func mayHoldTitle(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "&") { return true }
            if b == 0xE8, i + 2 < line.count, line[i + 1] == 0xA1, line[i + 2] == 0xA8 { return true }
            i += 1
        }
        return false
    }

    /// Reads a grid of cells, as a worksheet or a Word table gives them (merged cells as their
    /// top-left cell, the rest empty). Row `i` is reported as line `i + 1`: the sheet's row number
    /// when the grid starts at row 1. `sheet` names the sheet in every note.
    public static func read(grid: [[String]], sheet: String? = nil) -> ImportResult {
        let rows = grid.enumerated().map { i, cells in
            SourceRow(line: i + 1, cells: cells.map { Cell(raw: $0, markup: false) }, isTabular: cells.count > 1)
        }
        var reader = Reader(rows: rows)
        reader.run()
        var result = reader.finish()
        if let sheet {
            for i in result.notes.indices where result.notes[i].location.line != nil { result.notes[i].location.sheet = sheet }
        }
        return result
    }

    /// Reads the bytes of a text file, recognising UTF-8, UTF-16 and GB18030.
    public static func read(data: Data) throws(ImportError) -> ImportResult {
        if let result = try readLargeUTF8(data) { return result }
        let decoded = try TextDecoding.decode(data)
        var result = read(text: decoded.text)
        if decoded.encoding != "UTF-8" {
            result.notes.insert(ImportNote(.encoding(name: decoded.encoding), at: SourceLocation()), at: 0)
        }
        return result
    }
}

extension TextTableReader {
    /// A large UTF-8 file, cut at table titles on its bytes and read piece by piece on all cores. Nil
    /// when the file is not plain UTF-8 (another encoding, a piece that fails to validate) or small:
    /// `TextDecoding` then decides, as for any file.
    static func readLargeUTF8(_ data: Data) throws(ImportError) -> ImportResult? {
        var whole = ImportResult()
        do {
            // all pieces in one run: the whole result is held anyway, and no core waits at a run's end
            let read = try readLargeUTF8(data, runLength: .max) { run in
                whole.tables += run.tables
                whole.notes += run.notes
            }
            return read ? whole : nil
        } catch let e as ImportError {
            throw e
        } catch {
            preconditionFailure("the runs are only gathered: \(error)")
        }
    }

    /// `readLargeUTF8(_:)` handing the tables and notes to `each` a run at a time, in order, as a few
    /// pieces at a time are read: only those pieces' texts, tables and notes are held beside the file's
    /// bytes, not all of them (issue #23). A note's table is counted from the file's first table. False,
    /// before `each` is called, when the file is not read so. `runLength` is the pieces a run: as many
    /// as cores × 4 keep the cores busy. `pieceBytes` is for tests, to have several runs of a megabyte.
    static func readLargeUTF8(
        _ data: Data, pieceBytes: Int = pieceBytes, runLength: Int = pieceCount,
        inRuns each: (ImportResult) throws -> Void
    ) throws -> Bool {
        guard data.count >= parallelThreshold, let skip = TextDecoding.utf8Start(data) else { return false }
        return try data.withUnsafeBytes { raw throws -> Bool in
            let u = UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[skip...])
            let titles = titleCuts(u, into: pieceParts(u.count, pieceBytes: pieceBytes))
            // no title to cut at: perhaps no table at all, read on all cores when that is so (`QuietPieces`)
            let quiet = titles.count == 1
            let cuts = quiet ? QuietPieces.cuts(u, into: pieceCount) : titles
            let bytes = ReadOnlyBytes(u)
            @Sendable func piece(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                let end = k + 1 < cuts.count ? cuts[k + 1].offset : bytes.buffer.count
                return UnsafeBufferPointer(rebasing: bytes.buffer[cuts[k].offset..<end])
            }
            // Every piece is validated before any is read: a file that is not UTF-8 throughout is
            // decoded whole by `TextDecoding`, and no run may have been handed on by then. When all the
            // pieces are read in one run (or the text has no titles) the validated texts are the ones read;
            // a run at a time keeps only the answer, so that memory stays one run's.
            let holdAll = quiet || runLength >= cuts.count
            var kept: [String] = []
            if holdAll {
                let texts = Parallel.map(cuts.count) { String(validating: piece($0), as: UTF8.self) }
                guard texts.allSatisfy({ $0 != nil }) else { return false }
                kept = texts.map { $0! }
            } else {
                guard Parallel.map(cuts.count, { String(validating: piece($0), as: UTF8.self) != nil }).allSatisfy({ $0 })
                else { return false }
            }
            // as `TextDecoding.decode` judges a file without a byte-order mark: on its first 65,536 scalars
            if skip == 0 && TextDecoding.looksBinary(u) { throw TextDecoding.binaryError }
            if quiet {
                // the whole text is held here anyway: a text without titles is one table or none
                try each(QuietPieces.read(kept, cuts: cuts) ?? read(piece: kept.joined(), firstLine: 1))
                return true
            }
            let texts = kept
            var joined = PieceJoiner()
            for start in stride(from: 0, to: cuts.count, by: runLength) {
                let run = start..<(start + min(runLength, cuts.count - start))
                let results = Parallel.map(run.count) { i in
                    let k = run.lowerBound + i
                    return read(piece: holdAll ? texts[k] : String(decoding: piece(k), as: UTF8.self), firstLine: cuts[k].line)
                }
                try each(joined.add(results))
            }
            return true
        }
    }
}

/// The results of a text's pieces joined in order: a note's table index is shifted by the tables of
/// the pieces before it, and a note about the whole file (how it was read) is said once, not once a piece.
struct PieceJoiner {
    private var tables = 0
    private var fileNotes = Set<ImportNote.Code>()

    /// The next pieces' results as one, their notes counted from the file's first table.
    mutating func add(_ results: [ImportResult]) -> ImportResult {
        var joined = ImportResult()
        for r in results {
            for n in r.notes {
                if n.location == SourceLocation(), !fileNotes.insert(n.code).inserted { continue }
                var m = n
                m.location.table = n.location.table.map { $0 + tables }
                joined.notes.append(m)
            }
            tables += r.tables.count
            joined.tables += r.tables
        }
        return joined
    }
}

/// The file's bytes, shared with the cores that validate its pieces: only read, and only while
/// `Parallel.map` (which returns when every piece is done) runs inside `withUnsafeBytes`.
private struct ReadOnlyBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }
}

/// The line-by-line state machine behind `TextTableReader`.
struct Reader {
    var rows: [SourceRow]
    let taxonomy = ImportTaxonomy.index
    var drafts: [TableDraft] = []
    var notes: [ImportNote] = []

    // grid state of the current table
    var aligner: RowAligner?
    var gridWithoutPositions = false
    /// Cells were cut at spaces (`readSpaceSeparated`): their order counts, their positions do not.
    var positionless = false
    var level1 = ""
    var level2 = ""
    var inGuidance = false
    var guidanceNoted = false
    var afterSignoff = false
    var pendingName: (text: String, line: Int)?
    var pendingType: (Comparison, Int)?
    var lastTasksRow = false
    var verticalHeader: [(FormVocabulary.Column, Int)] = []
    var verticalChunk: [(text: String, line: Int)] = []
    /// Whether the row before this one produced an indicator (text right after it may explain it).
    var lastEventWasIndicator = false
    var previousRowWasIndicator = false
    /// Lines outside any table; only the first few are named one by one.
    var skippedLines = 0
    /// Which skipped line (1-based, counted as `skippedLines`) each `lineSkipped` note is about, so
    /// that pieces read apart can keep the notes the whole text would have kept (`QuietPieces`).
    var skipNoteOrdinals: [Int] = []
    /// The row just handled was skipped without looking at any other row and left the state as it was.
    var rowSkipped = false
    /// Every row so far was so skipped: the reader is in the state a fresh reader is in, less the
    /// count of skipped lines and its notes.
    var inert = true
    /// Set by `QuietPieces` for a piece it reads: the reader stops at the first row that leaves it not
    /// `inert` (the text is then read anew), and when another piece read beside this one was not inert
    /// the reading of the pieces is given up, and this one stops too (looked at every 1,024 rows).
    var abandoned: QuietPieces.Abandon?
    /// Stop at the first row that leaves the reader not `inert`: only a piece `QuietPieces` reads.
    var stopUnlessInert: Bool { abandoned != nil }
    var featureCache = CellCache<CellFeatures>()
    var targetCache = CellCache<Target>(budget: 1 << 20)
    var labelCache = HeaderBlockReader.LabelCache(budget: 1 << 20)
    var headingCache = CellCache<FormVocabulary.Column?>(budget: 1 << 20)
    /// The 预算执行 heading of a self-evaluation table (年初预算数, 全年预算数, 全年执行数, 分值…).
    var executionColumns: [ExecutionBlock.Column]?
    var expectGoalRow = false
    /// The last heading row read, to join a heading printed on two rows.
    var lastHeading: (columns: [(FormVocabulary.Column, Int)], line: Int)?
    var lastNonBlankLine = 0
    /// Index in `rows` of the row being handled (to look one row ahead).
    var rowIndex = 0
    static let maxSkipNotes = 20

    init(rows: [SourceRow]) { self.rows = rows }

    /// The table being read. `_modify` moves it out of the array while it changes, so appending a
    /// row never copies the rows read so far.
    var current: TableDraft? {
        get { drafts.last }
        _modify {
            var draft = drafts.popLast()
            // moved back, not copied: `if let draft` would copy the whole draft and release the original
            defer { if let moved = draft.take() { drafts.append(moved) } }
            yield &draft
        }
    }

    /// Reads the table being read where it lies: nil before the first. `current`'s getter copies the
    /// whole draft to read one field (its every string, array and dictionary retained, then
    /// released), and `drafts[i].field` does too, since Array's getter returns the element; through
    /// `inout`, Array's `_modify` accessor lends it in place. `look` only reads.
    mutating func peek<T>(_ look: (inout TableDraft) -> T) -> T? {
        drafts.isEmpty ? nil : look(&drafts[drafts.count - 1])
    }

    /// The rows of the table being read so far (see `peek`).
    var currentRowCount: Int? { mutating get { peek { $0.rows.count } } }

    mutating func note(_ code: ImportNote.Code, line: Int?, indicator: Int? = nil, field: IndicatorField? = nil) {
        let table = drafts.isEmpty ? nil : drafts.count - 1
        notes.append(ImportNote(code, at: SourceLocation(line: line, table: table, indicator: indicator, field: field)))
    }

    // MARK: driving

    mutating func run() {
        joinWrappedLevelNames()
        for (i, row) in rows.enumerated() {
            if stopUnlessInert && (!inert || (i & 1023 == 0 && abandoned?.isSet == true)) {
                inert = false
                return
            }
            if row.isBlank { continue }
            rowIndex = i
            defer { lastNonBlankLine = row.line }
            previousRowWasIndicator = lastEventWasIndicator
            lastEventWasIndicator = false
            rowSkipped = false
            handle(row)
            if !rowSkipped { inert = false }
        }
        flushVerticalChunk()
        flushPending()
    }

    /// A 一级/二级 name wrapped onto two lines of one cell each (`经济效益` / `指标`, `可持续影` /
    /// `响指标`, `服务对象` / `满意度指标`): the two lines are one name when together they are exactly
    /// a level name and they are not two names already (`产出指标` / `数量指标`). One pass, each
    /// line looked at once.
    mutating func joinWrappedLevelNames() {
        guard rows.count > 1 else { return }
        // the rows are copied only from the first join on; most texts have none
        var out: [SourceRow]?
        var i = 0
        while i < rows.count {
            if i + 1 < rows.count, let joined = Self.wrappedLevelName(rows[i], rows[i + 1], taxonomy: taxonomy) {
                let a = rows[i].nonEmpty[0].cell.text, b = rows[i + 1].nonEmpty[0].cell.text
                if out == nil { out = Array(rows[..<i]) }
                out!.append(
                    SourceRow(
                        line: rows[i].line, nonEmpty: [(rows[i].nonEmpty[0].position, Cell(raw: joined))],
                        isTabular: rows[i].isTabular))
                note(
                    .nameWrapped(line: rows[i].line, nextLine: rows[i + 1].line, first: a, second: b, joined: joined),
                    line: rows[i].line)
                i += 2
                continue
            }
            out?.append(rows[i])
            i += 1
        }
        if let out { rows = out }
    }

    /// The level name two rows of one cell each make together, when `joinWrappedLevelNames` joins them.
    static func wrappedLevelName(_ first: SourceRow, _ second: SourceRow, taxonomy: TaxonomyIndex) -> String? {
        // a level name is at most 12 characters: 36 bytes for the two lines together
        guard first.nonEmpty.count == 1, second.nonEmpty.count == 1,
            first.nonEmpty[0].cell.text.utf8.count + second.nonEmpty[0].cell.text.utf8.count <= 36
        else { return nil }
        func isName(_ s: String) -> Bool { taxonomy.level1(named: s) != nil || taxonomy.level2(named: s) != nil }
        let a = first.nonEmpty[0].cell.text, b = second.nonEmpty[0].cell.text
        let joined = a + b
        guard ImportTaxonomy.isExactLevel1(joined) || ImportTaxonomy.isExactLevel2(joined), !(isName(a) && isName(b)) else {
            return nil
        }
        return joined
    }

    mutating func startTable(line: Int, inheritFrom previous: TableDraft? = nil) {
        flushVerticalChunk()
        flushPending()
        var d = TableDraft(index: drafts.count, startLine: line)
        if let p = previous { d.title = p.title; d.kind = p.kind; d.year = p.year }
        drafts.append(d)
        aligner = nil
        gridWithoutPositions = false
        level1 = ""; level2 = ""
        inGuidance = false; afterSignoff = false; lastTasksRow = false
        executionColumns = nil; expectGoalRow = false
        verticalHeader = []
    }

    mutating func handle(_ row: SourceRow) {
        if gridWithoutPositions, previousRowWasIndicator, row.nonEmpty.count == 1, wrappedWeight(row) { return }
        let sole = row.soleText
        if let sole, Self.isTitle(sole) {
            startTable(line: row.line)
            let title = cleanTitle(sole)
            current?.title = title
            current?.kind = TableKind.fromTitle(sole)
            current?.year = Self.year(in: sole)
            return
        }
        if drafts.isEmpty { startTable(line: row.line) }
        if let sole, peek({ $0.year }) ?? nil == nil || ((currentRowCount ?? 0) == 0 && aligner == nil),
            let y = Self.yearLine(sole)
        {
            current?.year = y
            return
        }
        if inGuidance {
            if let pairs = HeaderBlockReader.pairs(in: row, labels: &labelCache),
                pairs.contains(where: { $0.field == .unit || $0.field == .implementer || $0.field == .projectName })
            {
                inGuidance = false
                startTable(line: row.line, inheritFrom: current)
                readHeader(row, pairs: pairs)
            }
            return
        }
        if let sole, FormVocabulary.isGuidanceOpening(sole) {
            inGuidance = true
            if !guidanceNoted {
                note(.guidanceSkipped(line: row.line), line: row.line)
                guidanceNoted = true
            }
            return
        }
        if SignoffReader.isSignoff(row) {
            flushVerticalChunk()
            flushPending()
            var s = current?.signoff ?? Signoff()
            SignoffReader.read(row, into: &s)
            current?.signoff = s
            afterSignoff = true
            return
        }
        if var columns = columnHeader(row) {
            flushVerticalChunk()
            flushPending()
            if let rowCount = currentRowCount, rowCount > 0 {
                // a second grid: a second table under the same title
                startTable(line: row.line, inheritFrom: current)
            } else if let previous = lastHeading, previous.line == lastNonBlankLine {
                // a heading in two rows (绩效指标 over 一级/二级/三级): the lower row names what it
                // can, the upper row the rest
                var byPosition = Dictionary(previous.columns.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
                for (c, pos) in columns { byPosition[pos] = c }
                columns = byPosition.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }
                note(.headingOnTwoLines(line: previous.line, lastLine: row.line), line: previous.line)
            }
            lastHeading = (columns, row.line)
            setColumns(columns, line: row.line)
            lastNonBlankLine = row.line
            return
        }
        if aligner == nil, let cols = ExecutionBlock.heading(row) {
            executionColumns = cols
            return
        }
        if aligner == nil, let cols = executionColumns, readExecutionRow(row, columns: cols) { return }
        if expectGoalRow, aligner == nil, row.isTabular, HeaderBlockReader.pairs(in: row, labels: &labelCache) == nil,
            let first = row.nonEmpty.first
        {
            // the row under 年度总体目标 | 预期目标 | 实际完成情况 holds the goal itself
            current?.goal = first.cell.text
            expectGoalRow = false
            return
        }
        // inside a grid only a table's first labels (单位, 项目名称…) can follow, written exactly
        if aligner == nil || startsWithExactHeaderLabel(row), let pairs = HeaderBlockReader.pairs(in: row, labels: &labelCache) {
            if let rowCount = currentRowCount, rowCount > 0 || afterSignoff,
                pairs.contains(where: { $0.field == .unit || $0.field == .implementer || $0.field == .projectName })
            {
                startTable(line: row.line, inheritFrom: current)
            }
            readHeader(row, pairs: pairs)
            return
        }
        if aligner == nil {
            if tryVerticalHeader(row) { return }
            if lastTasksRow, row.isTabular, let first = row.nonEmpty.first, row.nonEmpty.count >= 2 {
                readTaskRow(name: first.cell.text, cells: row.nonEmpty.dropFirst().map(\.cell), line: row.line)
                return
            }
            let headerless = row.isTabular && looksLikeHeaderlessIndicatorRow(row)
            let next = headerless ? rows[(rowIndex + 1)...].first(where: { !$0.isBlank }) : nil
            if headerless, let next, looksLikeHeaderlessIndicatorRow(next, needsLevel: false) {
                setColumns(Self.genericColumns, line: row.line, positional: false)
                note(.columnsByContent(line: row.line), line: row.line)
            } else {
                skippedLines += 1
                if skippedLines <= Self.maxSkipNotes, let text = sole ?? row.nonEmpty.first?.cell.text, text.count > 1 {
                    note(.lineSkipped(line: row.line, text: Self.preview(text)), line: row.line)
                    skipNoteOrdinals.append(skippedLines)
                }
                // a row that looked for the next row and found none may be read otherwise where a piece ends
                rowSkipped = !headerless || next != nil
                return
            }
        }
        lastTasksRow = false
        if !verticalHeader.isEmpty && !row.isTabular, let sole {
            verticalChunk.append((sole, row.line))
            return
        }
        if row.isTabular && row.nonEmpty.count >= 2 {
            flushPending()
            gridRow(row)
        } else if let sole {
            looseLine(sole, line: row.line)
        }
    }

    func startsWithExactHeaderLabel(_ row: SourceRow) -> Bool {
        guard let first = row.nonEmpty.first?.cell.text, first.utf8.count <= 64 else { return false }
        return FormVocabulary.headerField(exactly: first) != nil
    }

    // MARK: titles and years

    static func isTitle(_ text: String) -> Bool {
        // every title holds 表, and `labelKey` only drops scalars or folds them to ASCII (no scalar
        // decomposes to 表 either): a text without its bytes is none, and is not folded
        guard PlainText.withUTF8(text, TextTableReader.mayHoldTitle) else { return false }
        let t = TextNormalizer.labelKey(text)
        guard t.utf8.count <= 160 else { return false }
        // `2020年度长江禁捕项目自评表`: a self-evaluation of a project or a department says so without 绩效
        if !TextNormalizer.contains(t, "绩效") {
            return PlainText.hasSuffix(t, "自评表") && PlainText.count(t) <= 40
                && ["项目", "部门", "资金"].contains(where: { TextNormalizer.contains(t, $0) })
        }
        guard PlainText.count(t) <= 40 else { return false }
        return PlainText.hasSuffix(t, "表") || ["目标表", "申报表", "自评表"].contains(where: { TextNormalizer.contains(t, $0) })
    }

    func cleanTitle(_ text: String) -> String {
        TextNormalizer.trim(text.drop(while: { $0 == "#" || $0 == " " }))
    }

    /// `(2026) 年度`, `（ 2026 ）年度`, `(2023年)`, `2023年度` on a line of their own.
    static func yearLine(_ text: String) -> Int? {
        // `labelKey` keeps 年's bytes where they are and makes none: a text without them is no year line
        guard PlainText.withUTF8(text, { $0.containsBytes("年") }) else { return nil }
        let t = TextNormalizer.labelKey(text)
        guard TextNormalizer.contains(t, "年"), PlainText.count(t) <= 14 else { return nil }
        // in plain text every Character is a scalar, and `Character.isNumber` is its scalar's numeric type
        let onlyYearWords =
            PlainText.isPlain(t)
            ? t.unicodeScalars.allSatisfy { "()年度份预算".unicodeScalars.contains($0) || $0.properties.numericType != nil }
            : t.allSatisfy { "()年度份预算".contains($0) || $0.isNumber }
        guard onlyYearWords else { return nil }
        return year(in: t)
    }

    static func year(in text: String) -> Int? {
        let digits = TextNormalizer.halfWidth(text)
        if PlainText.isPlain(digits) { return PlainText.withUTF8(digits, yearInPlain) }
        var run = ""
        for c in digits + " " {
            if c.isASCII && c.isNumber { run.append(c); continue }
            if run.count == 4, let y = Int(run), (1990...2100).contains(y) { return y }
            run = ""
        }
        return nil
    }

    /// `year(in:)` of plain text on its bytes: every Character is a scalar there, an ASCII digit is a
    /// byte of its own, and no byte of a multi-byte scalar is one; the first run of exactly four
    /// digits that is a plausible year.
    static func yearInPlain(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        var run = 0, value = 0
        for i in 0...u.count {
            if i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                run += 1
                value = value &* 10 &+ Int(u[i] - 0x30)
                continue
            }
            if run == 4, (1990...2100).contains(value) { return value }
            run = 0; value = 0
        }
        return nil
    }

    static func preview(_ s: String, _ n: Int = 24) -> String {
        // no more bytes than `n` is no more Characters
        if s.utf8.count <= n { return s }
        return PlainText.count(s) > n ? String(s.prefix(n)) + "…" : s
    }

    // MARK: header block

    mutating func readHeader(_ row: SourceRow, pairs: [HeaderBlockReader.Pair]) {
        lastTasksRow = false
        for p in pairs {
            // a value followed by the sheet's money unit (`某某局　　单位：万元`) is the value alone
            // and one that starts with the label's colon (`单位名称` `:某局`, glued text cut after the label) is the value after it
            let v = p.value.map { HeaderBlockReader.withoutTrailingUnitNote(TextNormalizer.trim(Self.withoutLeadingColon($0))) }
                .flatMap { $0.isEmpty || $0 == "-" ? nil : $0 }
            switch p.field {
            case .unit: if let v { current?.unit = v; current?.unitLabelled = true }
            case .implementer:
                // the unit carrying the project out is the table's unit only where no label names the unit itself
                if let v, current?.unitLabelled != true { current?.unit = v }
            case .supervisor: current?.sawSupervisor = true
            case .duty: if let v { current?.duty = v }
            case .goal:
                if let v, ExecutionBlock.goalSubheadings.contains(TextNormalizer.labelKey(v)) {
                    expectGoalRow = true
                } else if let v {
                    current?.goal = v
                }
            case .projectName: current?.projectFieldsPrinted = true; if let v { current?.projectName = v }
            case .projectManager: current?.projectFieldsPrinted = true; if let v { current?.projectManager = v }
            case .fundsGroup, .other: break
            case .fundsTotal: setMoney(v, \.total, label: "年度预算总额", line: row.line)
            case .fundsFiscal: setMoney(v, \.fiscal, label: "财政拨款", line: row.line)
            case .fundsOther: setMoney(v, \.other, label: "其他资金", line: row.line)
            case .tasks, .taskName, .taskContent:
                lastTasksRow = lastTasksRow || p.field == .tasks
                if let cell = p.valueCell, !cell.boldRuns.isEmpty {
                    addTasks(TaskReader.entries(fromBoldCell: cell, line: row.line))
                    lastTasksRow = true
                } else if p.field == .tasks, let v {
                    current?.taskNames.append((v, row.line))
                    lastTasksRow = true
                }
            }
        }
    }

    static func withoutLeadingColon(_ s: String) -> String {
        guard let f = s.first, f == ":" || f == "：" else { return s }
        return String(s.drop(while: { $0 == ":" || $0 == "：" || $0 == " " }))
    }

    mutating func setMoney(_ value: String?, _ key: WritableKeyPath<Funds, Double?>, label: String, line: Int) {
        guard let value else { return }
        if let m = HeaderBlockReader.money(value) {
            current?.funds[keyPath: key] = m
        } else {
            note(.amountNotNumber(line: line, label: label, text: Self.preview(value)), line: line)
        }
    }

    mutating func addTasks(_ entries: [TaskReader.Entry]) {
        for e in entries {
            current?.taskNames.append((e.name, e.line))
            if let c = e.content, let n = current?.taskNames.count { current?.taskContents.append((c, n - 1)) }
        }
    }

    /// A row under 年度主要任务 whose first cell is a task name and whose other cells hold bold task names
    /// with contents, or the content itself.
    mutating func readTaskRow(name: String, cells: [Cell], line: Int) {
        current?.taskNames.append((name, line))
        for cell in cells {
            if !cell.boldRuns.isEmpty {
                // text before the first bold run belongs to the row's own name
                addTasks(TaskReader.entries(fromBoldCell: cell, line: line))
            } else if let n = current?.taskNames.count {
                current?.taskContents.append((cell.text, n - 1))
            }
        }
    }

    // MARK: column header

    /// The columns a row names, when it is the indicator grid's heading row.
    mutating func columnHeader(_ row: SourceRow) -> [(FormVocabulary.Column, Int)]? {
        let ne = row.nonEmpty
        // every heading row names at least one 指标 column (一级指标, 指标值…), in a cell short enough
        // to be a heading (`column(forHeading:)`): an explanation that mentions 指标 does not count
        guard ne.count >= 3,
            ne.contains(where: {
                $0.cell.text.utf8.count <= FormVocabulary.longestHeadingBytes && TextNormalizer.contains($0.cell.text, "指标")
            })
        else { return nil }
        var cols: [(FormVocabulary.Column, Int)] = []
        var fields = Set<IndicatorField>()
        var misses = 0
        for (pos, cell) in ne {
            // grid rows hold short cells with 指标 too (产出指标, 数量指标): each text is looked up once
            // a text that names no column is told so before the cache (`.some(nil)`: the answer is "none")
            let quick: (String) -> FormVocabulary.Column?? = { FormVocabulary.mayNameColumn($0) ? nil : .some(nil) }
            guard let c = headingCache.value(for: cell.text, quick: quick, FormVocabulary.column(forHeading:)) else {
                // at most half the cells may be something else: past that, no heading
                misses += 1
                if misses * 2 > ne.count { return nil }
                continue
            }
            cols.append((c, pos))
            if case .field(let f) = c { fields.insert(f) }
        }
        guard fields.count >= 3, cols.count * 2 >= ne.count,
            !fields.isDisjoint(with: [.name, .level1, .value, .type])
        else { return nil }
        return cols
    }

    /// Several single-cell lines in a row that are all headings: a table copied one cell per line.
    mutating func tryVerticalHeader(_ row: SourceRow) -> Bool {
        guard !row.isTabular, let sole = row.soleText, let c = FormVocabulary.column(forHeading: sole) else {
            if verticalHeader.count >= 3 {
                // the heading has ended: it was a vertical header
                let cols = verticalHeader.enumerated().map { ($0.element.0, $0.offset) }
                note(.verticalHeading(line: verticalHeader[0].1), line: verticalHeader[0].1)
                setColumns(cols, line: verticalHeader[0].1, positional: false)
                verticalHeader = [(cols[0].0, -1)] // marks vertical mode
                return false
            }
            verticalHeader = []
            return false
        }
        verticalHeader.append((c, row.line))
        return true
    }

    static let genericColumns: [(FormVocabulary.Column, Int)] = [
        IndicatorField.level1, .level2, .name, .type, .value, .unit, .explanation, .scoring, .weight, .basis, .lastYear,
        .evidence, .note,
    ].enumerated().map { (.field($0.element), $0.offset) }

    mutating func setColumns(_ cols: [(FormVocabulary.Column, Int)], line: Int, positional: Bool = true) {
        var grid: [GridColumn] = []
        let present = Set(
            cols.compactMap { c -> IndicatorField? in if case .field(let f) = c.0 { return f } else { return nil } })
        for (i, (c, pos)) in cols.enumerated() {
            let p = Double(pos)
            // rows often carry a type or unit cell the heading does not print
            if case .field(.value) = c, !present.contains(.type) {
                grid.append(GridColumn(kind: .field(.type), position: p - 0.5, isVirtual: true))
            }
            grid.append(GridColumn(kind: c, position: p))
            if case .field(.value) = c, !present.contains(.unit) {
                let next = i + 1 < cols.count ? Double(cols[i + 1].1) : p + 1
                grid.append(GridColumn(kind: .field(.unit), position: (p + next) / 2, isVirtual: true))
            }
        }
        aligner = RowAligner(columns: grid)
        gridWithoutPositions = !positional || positionless
        afterSignoff = false
    }

    /// An indicator row with no heading above it: every cell must fit a column well, with a
    /// 一级/二级 name and a target among them. Noise and prose never pass.
    /// Two such rows in a row are needed before a grid is assumed.
    func looksLikeHeaderlessIndicatorRow(_ row: SourceRow, needsLevel: Bool = true) -> Bool {
        let ne = row.nonEmpty
        guard ne.count >= 3, ne.count <= 16 else { return false }
        // The 一级/二级 name first, alone: a row of noise or prose has none and ends here, before the
        // features of all its cells are worked out (half the time of reading 50 MB of noise, issue #23).
        // The same test as `f.contains { $0.isLevel1 || $0.isLevel2 }` below, so nothing else changes.
        if needsLevel, !ne.contains(where: { CellFeatures.namesLevel($0.cell.text, taxonomy: taxonomy) }) { return false }
        let f = ne.map { CellFeatures($0.cell.text, taxonomy: taxonomy) }
        guard f.contains(where: { ($0.isTarget && $0.targetUnitIsClean) || $0.isOperator }),
            !needsLevel || f.contains(where: { $0.isLevel1 || $0.isLevel2 }),
            // a name of its own, not the 一级/二级 cell again
            f.contains(where: { $0.isCleanName && (!needsLevel || ($0.length >= 3 && !$0.isLevel1 && !$0.isLevel2)) })
        else { return false }
        let aligner = RowAligner(columns: Self.genericColumns.map { GridColumn(kind: $0.0, position: Double($0.1)) })
        let placement = aligner.align(f.map { RowAligner.Cell(position: nil, features: $0) })
        return !placement.columnOfCell.contains(where: { $0 == nil }) && placement.score >= 5 * Double(ne.count)
    }
}
