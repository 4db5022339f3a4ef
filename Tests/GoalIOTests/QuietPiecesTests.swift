import Foundation
import GoalCore
import Testing
@testable import GoalIO

/// A large text with no title is read in pieces on all cores only when that gives exactly what one
/// reader gives (`QuietPieces`): compared here with the one-piece reading on random texts.
@Suite("无标题大文本分段读取")
struct QuietPiecesTests {
    /// Noise made of the characters tables are made of, with lines that one reader joins into a
    /// wrapped level name (`产出` / `指标`, `经济效益` / `指标`), about `megabytes` long.
    static func noise(seed: UInt64, bytes count: Int, extraLines: [String] = []) -> String {
        var rng = SplitMix(seed: seed)
        let alphabet = ["a", "b", "7", "0", " ", "\t", "|", "=", "%", "≥", "指标", "产出", "率", "。", "人"]
        let lines = ["产出", "指标", "经济效益", "满意度指标", "数量指标"] + extraLines
        var out = ""
        out.reserveCapacity(count + 64)
        while out.utf8.count < count {
            let r = rng.next()
            if r % 40 == 0 {
                out += "\n"
            } else if r % 97 == 1 {
                out += "\n" + lines[Int(rng.next() % UInt64(lines.count))] + "\n"
            } else {
                out += alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
        }
        return out
    }

    static func expectSameAsOnePiece(_ text: String, _ comment: Comment) throws {
        let one = TextTableReader.read(piece: text, firstLine: 1)
        let fromText = TextTableReader.read(text: text)
        #expect(fromText.tables == one.tables, comment)
        #expect(fromText.notes == one.notes, comment)
        let fromBytes = try TextTableReader.read(data: Data(text.utf8))
        #expect(fromBytes.tables == one.tables, comment)
        #expect(fromBytes.notes == one.notes, comment)
    }

    @Test("noise read in pieces gives exactly the notes of one reader, wrapped level names and skipped lines included")
    func noiseInPieces() throws {
        for seed: UInt64 in [1, 2, 3] {
            let text = Self.noise(seed: seed, bytes: TextTableReader.parallelThreshold + 200_000)
            // the pieces' reading is really taken, not fallen back from
            let cuts = PlainText.withUTF8(text) { QuietPieces.cuts($0, into: 8) }
            #expect(cuts.count == 8)
            let quiet = try #require(QuietPieces.read(TextTableReader.pieces(of: text, at: cuts), cuts: cuts))
            #expect(quiet.notes.contains { if case .nameWrapped = $0.code { true } else { false } })
            #expect(quiet.notes.contains { if case .moreLinesSkipped = $0.code { true } else { false } })
            try Self.expectSameAsOnePiece(text, "seed \(seed)")
        }
    }

    @Test("cuts fall at line starts and carry the line numbers of the whole text")
    func cutsAtLineStarts() {
        let text = Self.noise(seed: 9, bytes: TextTableReader.parallelThreshold + 1000)
        let bytes = Array(text.utf8)
        let cuts = bytes.withUnsafeBufferPointer { QuietPieces.cuts($0, into: 5) }
        #expect(cuts.count == 5)
        for c in cuts.dropFirst() {
            #expect(bytes[c.offset - 1] == 0x0A)
            #expect(bytes[..<c.offset].count(where: { $0 == 0x0A }) + 1 == c.line)
        }
        #expect(
            bytes.withUnsafeBufferPointer { QuietPieces.cuts(UnsafeBufferPointer(rebasing: $0[..<1000]), into: 5) }.count == 1)
    }

    @Test("a text that is not all noise is read as one piece: a table without a title, a year line, quotes, carriage returns")
    func notQuiet() throws {
        let table = """
            一级指标\t二级指标\t三级指标\t指标值
            产出指标\t数量指标\t培训人数\t≥100人
            产出指标\t质量指标\t合格率\t≥95%

            """
        let headerless = "产出指标\t数量指标\t培训人数\t≥\t100\t人\n产出指标\t质量指标\t合格率\t≥\t95\t%\n"
        for (k, extra) in [table, headerless, "2023年度\n", "\"a\tb\"\n", "a\r\nb\n", "具体指标\n"].enumerated() {
            var text = Self.noise(seed: 20 + UInt64(k), bytes: TextTableReader.parallelThreshold / 2)
            text += "\n" + extra
            text += Self.noise(seed: 40 + UInt64(k), bytes: TextTableReader.parallelThreshold / 2 + 100_000)
            try Self.expectSameAsOnePiece(text, "case \(k)")
        }
    }

    @Test("a wrapped level name across a cut sends the text back to one reader")
    func wrappedNameAcrossCut() throws {
        let a = Self.noise(seed: 5, bytes: 10_000) + "\n经济效益\n"
        let b = "指标\n" + Self.noise(seed: 6, bytes: 10_000)
        let line = a.utf8.count(where: { $0 == 0x0A }) + 1
        #expect(QuietPieces.read([a, b], cuts: [(0, 1), (a.utf8.count, line)]) == nil)
        #expect(QuietPieces.read([a, "\n" + b], cuts: [(0, 1), (a.utf8.count, line)]) != nil)
    }
}

/// Faster definitions compared with the ones they replace, on random texts made of the words they
/// look for, pieces of them, and the characters around them.
@Suite("快速定义与原定义一致")
struct FastDefinitionTests {
    /// Random texts from the vocabulary's words, cut and joined, with look-alikes (full-width
    /// brackets, spaces, a decomposed character) that fold or compose.
    static func texts(seed: UInt64, count: Int, words: [String]) -> [String] {
        var rng = SplitMix(seed: seed)
        let extra = ["指标", "（", "(", ")", " ", "\u{3000}", "1、", ":", "：", "e\u{301}", "é", "率", "a", "*", "", "三级", "名称", "值"]
        let pool = words + extra
        return (0..<count).map { _ in
            var s = ""
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let w = pool[Int(rng.next() % UInt64(pool.count))]
                // a word whole, or a piece of it
                if rng.next() % 3 == 0, w.count > 1 {
                    let cut = 1 + Int(rng.next() % UInt64(w.count - 1))
                    s += rng.next() % 2 == 0 ? String(w.prefix(cut)) : String(w.dropFirst(cut))
                } else {
                    s += w
                }
            }
            return s
        }
    }

    @Test("namesLevels gives what level1(named:) and level2(named:) give")
    func namesLevels() {
        let index = ImportTaxonomy.index
        let words = ImportTaxonomy.recognition.groups.flatMap { [$0.level1] + $0.level2 }
        for text in Self.texts(seed: 11, count: 20_000, words: words) {
            let fast = index.namesLevels(text)
            #expect(fast.level1 == (index.level1(named: text) != nil), "\(text)")
            #expect(fast.level2 == (index.level2(named: text) != nil), "\(text)")
        }
    }

    @Test("a word list filtered by the words' shapes answers as the dictionary alone does")
    func wordShapes() {
        let words =
            FormVocabulary.headerLabels.map(\.0) + ImportTaxonomy.recognition.groups.flatMap { [$0.level1] + $0.level2 }
            + ["", "é", "e\u{301}"]
        let table = WordTable(words.enumerated().map { ($0.element, $0.offset) })
        let set = WordSet(words)
        var found = 0
        for text in Self.texts(seed: 12, count: 20_000, words: words) + words {
            #expect(table[text] == table.unfilteredValue(text), "\(text)")
            #expect(set.contains(text) == set.unfilteredContains(text), "\(text)")
            if set.contains(text) { found += 1 }
        }
        #expect(found > words.count)
    }

    @Test("the one-pass search for the rereading words finds what a search for each finds")
    func rereadingWords() {
        let words = TextTableReader.rereadingWords
        #expect(QuietPieces.rereadingWords.count == words.count)
        for text in Self.texts(seed: 13, count: 20_000, words: words + ["指", "标", "级指", "标名"]) {
            let slow = words.contains { TextNormalizer.contains(text, $0) }
            #expect(PlainText.withUTF8(text, QuietPieces.holdsRereadingWord) == slow, "\(text)")
        }
    }
}

extension FastDefinitionTests {
    @Test("a sign-off date is written as String(format:) writes it")
    func isoDate() {
        for y in [1900, 1999, 2025, 2100] {
            for m in 1...12 {
                for d in 1...31 {
                    #expect(SignoffReader.isoDate(y, m, d) == String(format: "%04d-%02d-%02d", y, m, d))
                }
            }
        }
    }
}

extension FastDefinitionTests {
    @Test("stripEnumeration by scalars gives what it gives by Characters, on plain text")
    func stripEnumeration() {
        var rng = SplitMix(seed: 14)
        let pieces = ["(", ")", "（", "）", "1", "7", "0", "一", "十", "三", "、", ".", "．", "指标", "产出", "a", " ", "%", "(1)", "1、"]
        var stripped = 0
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<(1 + Int(rng.next() % 6)) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            guard PlainText.isPlain(s) else { continue }
            let fast = FormVocabulary.stripEnumerationPlain(s)
            #expect(fast == FormVocabulary.stripEnumerationCharacters(s), "\(s)")
            #expect(FormVocabulary.stripEnumeration(s) == fast, "\(s)")
            if fast != s { stripped += 1 }
        }
        #expect(stripped > 1000)
    }

    /// `ExecutionBlock.heading` as it was, before it stopped at cells that cannot make three headings.
    static func executionHeadingAsItWas(_ row: SourceRow) -> [ExecutionBlock.Column]? {
        guard row.nonEmpty.count >= 3 else { return nil }
        let cols = row.nonEmpty.compactMap { c -> ExecutionBlock.Column? in
            c.cell.text.utf8.count <= ExecutionBlock.longestHeadingBytes
                ? ExecutionBlock.headings[TextNormalizer.labelKey(c.cell.text)] : nil
        }
        return cols.count >= 3 && cols.contains(.spent) ? cols : nil
    }

    @Test("the execution heading stops early with the answer it gave reading every cell")
    func executionHeading() {
        var rng = SplitMix(seed: 15)
        let cells = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "预算数", "执行数", "全年 执行数", "项目资金", "", "100", "a"]
        var headings = 0
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 9)
            let row = SourceRow(
                line: 1, cells: (0..<n).map { _ in Cell(raw: cells[Int(rng.next() % UInt64(cells.count))]) }, isTabular: true)
            let fast = ExecutionBlock.heading(row)
            #expect(fast == Self.executionHeadingAsItWas(row))
            if fast != nil { headings += 1 }
        }
        #expect(headings > 100)
    }
}

extension FastDefinitionTests {
    /// `Reader.isTitle` and `Reader.yearLine` as they were, before they looked for 表 and 年 first.
    static func isTitleAsItWas(_ text: String) -> Bool {
        let t = TextNormalizer.labelKey(text)
        guard t.utf8.count <= 160 else { return false }
        if !TextNormalizer.contains(t, "绩效") {
            return PlainText.hasSuffix(t, "自评表") && PlainText.count(t) <= 40
                && ["项目", "部门", "资金"].contains(where: { TextNormalizer.contains(t, $0) })
        }
        guard PlainText.count(t) <= 40 else { return false }
        return PlainText.hasSuffix(t, "表") || ["目标表", "申报表", "自评表"].contains(where: { TextNormalizer.contains(t, $0) })
    }

    static func yearLineAsItWas(_ text: String) -> Int? {
        let t = TextNormalizer.labelKey(text)
        guard TextNormalizer.contains(t, "年"), PlainText.count(t) <= 14 else { return nil }
        let rest = t.filter { !"()年度份预算".contains($0) && !$0.isNumber }
        guard rest.isEmpty else { return nil }
        return Reader.year(in: t)
    }

    @Test("titles and year lines are told as before the byte check for 表 and 年")
    func titlesAndYears() {
        let words = [
            "2023年度", "项目支出绩效目标表", "部门整体支出绩效自评表", "自评表", "绩效", "表", "年", "（", "）", "(", ")", "2025", "度",
            "项目", "资金", "申报表", "目标表", " ", "\u{3000}", "＊", "：", "\u{F98E}", "e\u{301}",
        ]
        var titles = 0, years = 0
        for text in Self.texts(seed: 16, count: 30_000, words: words) {
            let title = Reader.isTitle(text)
            #expect(title == Self.isTitleAsItWas(text), "\(text)")
            #expect(Reader.yearLine(text) == Self.yearLineAsItWas(text), "\(text)")
            if title { titles += 1 }
            if Reader.yearLine(text) != nil { years += 1 }
        }
        #expect(titles > 500)
        #expect(years > 100)
    }
}

extension FastDefinitionTests {
    @Test("a word list's starts let through every text with a word at the start of its label key or after a mark")
    func wordStarts() {
        // a compatibility ideograph composes to the word's own (金), a decomposed é to é
        let words =
            FormVocabulary.headerLabels.map(\.0) + FormVocabulary.columnHeadings.map(\.0)
            + ImportTaxonomy.recognition.groups.flatMap { [$0.level1] + $0.level2 } + ["金额", "é"]
        let table = WordTable(words.map { (TextNormalizer.labelKey($0), 0) })
        let marks = ":)、.", runMarks = WordStarts.Marks(marks)
        var held = 0, started = 0
        for text in Self.texts(seed: 14, count: 3_000, words: words + ["\u{F90A}额", "\u{00A0}", "e", "\r", "、", "1.", "(一)"]) {
            let key = Array(TextNormalizer.labelKey(text).unicodeScalars)
            func run(_ i: Int, _ j: Int) -> String {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: key[i..<j])
                return String(s)
            }
            var holds = false, starts = false
            // runs that start at the key's start or right after a mark
            for i in key.indices where i == 0 || marks.unicodeScalars.contains(key[i - 1]) {
                for j in (i + 1)...key.count where table[run(i, j)] != nil {
                    holds = true
                    if i == 0 { starts = true }
                }
            }
            if holds {
                held += 1
                #expect(table.mayHoldWord(in: text, startingAfter: runMarks), "\(text)")
            }
            if starts {
                started += 1
                #expect(table.mayStartWithWord(text), "\(text)")
            }
        }
        #expect(held > 300 && started > 100)
    }
}
