import Foundation
import GoalCore

/// A large text with no title past its start (noise, a log, prose) has no place where
/// `TextTableReader.titleCuts` may cut it, so one core read all of it: 50 MB of noise took 2.9× the
/// time per MB of real tables (issue #23). It is cut at line starts instead and the pieces are read
/// on all cores, each by a fresh reader. That gives exactly what one reader gives only where the
/// reader carries nothing from one piece into the next, so the pieces' reading is taken only when:
///
/// - every line of every piece was skipped as no part of a table, without looking for a line after
///   the piece's end (`Reader.inert`): the reader's state never changed but for the count of skipped
///   lines, whose notes are renumbered here as one reader numbers them, and its notes of wrapped
///   level names, which one reader gives before any other;
/// - no two lines across a cut make a wrapped level name (`Reader.wrappedLevelName`);
/// - no piece holds what splits lines otherwise than at a line feed (a carriage return, Excel's
///   quotes around a cell of several lines), nor a word for which the whole text would be read again
///   (`TextTableReader.rereadingWords`; the interleaved header is read only in texts below
///   `streamLimit`, far below `parallelThreshold`).
///
/// Otherwise it is nil and the text is read as one piece, as before. A title-less table ends the
/// pieces' reading at its first row, so what is wasted is little.
enum QuietPieces {
    /// What one piece gave: the notes of its wrapped level names, its skip notes with which skipped
    /// line each is about; how many lines it skipped; its first and last rows, to look across the cuts.
    struct Piece: Sendable {
        var joinNotes: [ImportNote]
        var notes: [ImportNote]
        var ordinals: [Int]
        var skipped: Int
        var first: SourceRow
        var last: SourceRow
    }

    /// Byte offsets of about `parts` pieces of `u`, each at a line start, with its line number (as
    /// `titleCuts` numbers lines: by line feeds). One cut below `parallelThreshold`.
    static func cuts(_ u: UnsafeBufferPointer<UInt8>, into parts: Int) -> [(offset: Int, line: Int)] {
        let total = u.count
        var cuts: [(offset: Int, line: Int)] = [(0, 1)]
        guard parts > 1, total >= TextTableReader.parallelThreshold, let base = u.baseAddress else { return cuts }
        var line = 1, counted = 0
        for k in 1..<parts {
            let from = max(total / parts * k, cuts[cuts.count - 1].offset)
            guard from < total, let nl = memchr(base + from, 0x0A, total - from) else { break }
            let start = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            guard start < total else { break }
            for b in UnsafeBufferPointer(rebasing: u[counted..<start]) where b == 0x0A { line += 1 }
            counted = start
            cuts.append((start, line))
        }
        return cuts
    }

    /// Set by the first piece found not quiet, so that the others stop: a large title-less table
    /// costs its one reading and little more.
    final class Abandon: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        var isSet: Bool { lock.withLock { set } }
        func raise() { lock.withLock { set = true } }
    }

    /// Reads one piece starting at `firstLine`; nil as soon as it, or another piece (`abandon`), is not quiet.
    static func read(piece text: String, firstLine: Int, abandon: Abandon = Abandon()) -> Piece? {
        let piece = readQuiet(piece: text, firstLine: firstLine, abandon: abandon)
        if piece == nil { abandon.raise() }
        return piece
    }

    private static func readQuiet(piece text: String, firstLine: Int, abandon: Abandon) -> Piece? {
        guard !abandon.isSet, !PlainText.containsByte(text, 0x0D), !PlainText.containsByte(text, UInt8(ascii: "\"")),
            !PlainText.withUTF8(text, holdsRereadingWord)
        else { return nil }
        let rows = SourceRows.split(text, firstLine: firstLine)
        guard let first = rows.first, let last = rows.last else { return nil }
        var reader = Reader(rows: rows)
        reader.abandoned = abandon
        reader.run()
        guard reader.inert else { return nil }
        let skipped = reader.skippedLines, ordinals = reader.skipNoteOrdinals
        // the notes of lines joined into a wrapped level name come first, before any row is read
        let joined = reader.notes.count - ordinals.count
        var result = reader.finish()
        // the count of lines skipped past the named ones is the whole text's, said in `merge`
        if skipped > Reader.maxSkipNotes, case .moreLinesSkipped = result.notes.last?.code { result.notes.removeLast() }
        guard result.tables.isEmpty, joined >= 0, result.notes.count == joined + ordinals.count,
            result.notes[..<joined].allSatisfy({ if case .nameWrapped = $0.code { true } else { false } })
        else { return nil }
        return Piece(
            joinNotes: Array(result.notes[..<joined]), notes: Array(result.notes[joined...]), ordinals: ordinals,
            skipped: skipped,
            first: first, last: last)
    }

    /// Every word of `TextTableReader.rereadingWords` holds 指标: at what byte offset.
    static let rereadingWords: [(bytes: [UInt8], anchorAt: Int)] = TextTableReader.rereadingWords.map { w in
        let bytes = Array(w.utf8)
        let at = (0...(bytes.count - anchor.count)).first { bytes[$0..<($0 + anchor.count)].elementsEqual(anchor) }
        return (bytes, at!)
    }
    static let anchor = Array("指标".utf8)

    /// `rereadingWords.contains { TextNormalizer.contains(text, $0) }` in one pass over the bytes:
    /// each 指标 is found (its lead byte by `memchr`) and the words are compared around it. Five
    /// passes of a byte loop were a twentieth of reading noise.
    static func holdsRereadingWord(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        let n = u.count, m = anchor.count
        var i = 0
        while i + m <= n, let hit = memchr(base + i, Int32(anchor[0]), n - m + 1 - i) {
            let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + j, anchor, m) == 0 {
                for (word, at) in rereadingWords where j >= at && j - at + word.count <= n {
                    if memcmp(base + (j - at), word, word.count) == 0 { return true }
                }
            }
            i = j + 1
        }
        return false
    }

    /// The pieces' notes as one reader of the whole text gives them (`Reader.finish`): the first
    /// `maxSkipNotes` skipped lines named, the rest counted; nil when a wrapped level name crosses a cut.
    static func merge(_ pieces: [Piece]) -> ImportResult? {
        for k in pieces.indices.dropLast()
        where Reader.wrappedLevelName(pieces[k].last, pieces[k + 1].first, taxonomy: ImportTaxonomy.index) != nil {
            return nil
        }
        // one reader joins the wrapped level names of the whole text before it reads a row
        var notes = pieces.flatMap(\.joinNotes)
        var skipped = 0
        for p in pieces {
            for (n, ordinal) in zip(p.notes, p.ordinals) where skipped + ordinal <= Reader.maxSkipNotes { notes.append(n) }
            skipped += p.skipped
        }
        if skipped > Reader.maxSkipNotes {
            notes.append(ImportNote(.moreLinesSkipped(count: skipped - Reader.maxSkipNotes), at: SourceLocation()))
        }
        return ImportResult(notes: notes)
    }

    /// Reads the pieces on all cores; nil when any is not quiet.
    static func read(_ pieces: [String], cuts: [(offset: Int, line: Int)]) -> ImportResult? {
        let abandon = Abandon()
        let results = Parallel.map(pieces.count) { i in read(piece: pieces[i], firstLine: cuts[i].line, abandon: abandon) }
        guard results.allSatisfy({ $0 != nil }) else { return nil }
        return merge(results.map { $0! })
    }
}
