import Testing
import GoalCore
@testable import GoalCheck

/// The checker's fast paths against the plain definitions they replace: if a shortcut ever disagreed,
/// findings would change. Texts are drawn from an alphabet made to hit the edge cases: blanks at
/// either end (ASCII, NBSP, ideographic space, BOM), invisible characters, 4-byte scalars, and
/// scalars that share a low byte (the word lists file their words by it).
@Suite("快速路径与定义一致")
struct FastPathTests {
    static let alphabet: [String] = [
        "率", "覆盖", "发放", "满意", "度", "人", "数", "次", "及时", "考核", "情况", "元", "万", "一", "Ā", "Ȁ",
        "a", "-", "/", "—", "－", "无", "%", " ", "\u{A0}", "\u{3000}", "\u{FEFF}", "\u{200B}", "\t", "\n",
        "\u{85}", "\u{2028}", "\u{202E}", "\u{7F}", "\u{9F}", "😀", "（", "）", "(", ")", "𠀀", "（预计）", "(预计)",
    ]

    /// Deterministic texts of 0–12 pieces.
    static func texts(_ n: Int) -> [String] {
        var rng = SplitMix(seed: 20_260_101)
        return (0..<n).map { _ in
            (0..<Int(rng.next() % 13)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
        }
    }

    static let words = WordList([
        "覆盖", "覆盖率", "率", "发放", "满意度", "满意", "人数", "一Ā", "Ā", "Ȁ一", "😀", "及时", "次数", "情况", "万元", "元",
    ])

    @Test("WordList: first word, longest suffix and prefix as a plain scan of every word finds them")
    func wordList() {
        let w = Self.words
        for t in Self.texts(4000) {
            let s = Scalars(t)
            let all = w.texts.map { Scalars($0).v }
            let first = all.firstIndex { s.contains($0) }.map { w.texts[$0] }
            #expect(w.word(in: s) == first, "\(t)")
            var longest: String?, length = 0
            for (k, word) in all.enumerated() where word.count > length && s.hasSuffix(word) {
                longest = w.texts[k]; length = word.count
            }
            #expect(w.suffix(of: s) == longest, "\(t)")
            #expect(w.isPrefix(of: s) == all.contains { s.v.starts(with: $0) }, "\(t)")
        }
    }

    @Test("Keys.trim: the same as dropping blank scalars at both ends")
    func trim() {
        for t in Self.texts(4000) {
            var s = Substring(t).unicodeScalars
            while let f = s.first, Keys.isBlank(f.value) { s.removeFirst() }
            while let l = s.last, Keys.isBlank(l.value) { s.removeLast() }
            #expect(Keys.trim(t) == String(s), "\(t.unicodeScalars.map(\.value))")
        }
    }

    @Test("Display.clip: the one-pass check gives what counting and searching separately gave")
    func clip() {
        func reference(_ s: String, _ limit: Int) -> String {
            let invisible: (UInt32) -> Bool = { v in
                v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            }
            if s.utf8.count <= limit || s.unicodeScalars.count <= limit,
                !s.unicodeScalars.contains(where: { invisible($0.value) })
            {
                return Keys.trim(s)
            }
            var out = String.UnicodeScalarView()
            var n = 0
            var lastWasSpace = false
            for u in s.unicodeScalars {
                if n == limit { out.append("…"); break }
                if invisible(u.value) {
                    if !lastWasSpace { out.append(" "); lastWasSpace = true }
                } else {
                    out.append(u); lastWasSpace = false
                }
                n += 1
            }
            return Keys.trim(String(out))
        }
        for t in Self.texts(4000) {
            for limit in [4, 10, 30] { #expect(Display.clip(t, limit) == reference(t, limit), "\(t)") }
        }
    }

    @Test("Row.present: placeholders compared by bytes as the set of Strings compared them")
    func present() {
        let placeholders: Set<String> = ["-", "—", "－", "/", "无", "——", "--"]
        for t in Self.texts(4000) + Array(placeholders) + [" - ", "\u{3000}无", "--\u{A0}"] {
            let trimmed = Keys.trim(t)
            let expected = trimmed.isEmpty || placeholders.contains(trimmed) ? nil : trimmed
            #expect(Row.present(t) == expected, "\(t)")
        }
    }

    @Test("Scalars.string: the same String as one built from a scalar view")
    func scalarsString() {
        for t in Self.texts(2000) {
            let v = Scalars(t).v + [0xD800, 0x11_0000] // not scalars: left out by both
            #expect(Scalars(values: v).string == String(String.UnicodeScalarView(v.compactMap(Unicode.Scalar.init))))
        }
    }

    @Test("Scalars: decoding UTF-8 bytes gives the string's scalar values")
    func scalars() {
        for t in Self.texts(2000) { #expect(Scalars(t).v == t.unicodeScalars.map(\.value), "\(t)") }
    }

    @Test("Keys.sameBytes: byte equality, not canonical equality")
    func sameBytes() {
        let texts = Self.texts(300) + ["é", "e\u{301}", "Å", "\u{212B}"]
        for a in texts {
            for b in texts.prefix(40) { #expect(Keys.sameBytes(a, b) == a.utf8.elementsEqual(b.utf8), "\(a) \(b)") }
        }
    }

    @Test("QuickNumber: the exact quotient path reads what Double(text) reads")
    func quickNumber() {
        var rng = SplitMix(seed: 7)
        let pieces = ["0", "1", "5", "9", "7", ".", "-", "3", "00", "99999", "12345678"]
        var texts = [
            "5.", ".5", "-0", "-0.0", "0.1", "0.3", "123456789012345", "1234567890123456", "9007199254740993",
            "0.000000000000001", "100.10", "-12.5", "1.7976931348623157", "4.35", "2.675",
        ]
        for _ in 0..<5000 {
            texts.append((0..<Int(1 + rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        for t in texts {
            let quick = QuickNumber.parse(t)
            if let q = quick { #expect(q.bitPattern == Double(t)?.bitPattern, "\(t)") }
            if let (n, unit) = QuickNumber.split(t + "人") {
                var sawDot = false
                let numberText = String(
                    t.prefix { c in
                        if c == "." { defer { sawDot = true }; return !sawDot }
                        return c.isASCII && c.isNumber
                    })
                #expect(n.bitPattern == Double(numberText)?.bitPattern && unit != nil, "\(t)")
            }
        }
    }

    @Test("KnownKeys: the key Keys.key makes, for the built-in level names and for other texts")
    func knownKeys() {
        var texts = Self.texts(300)
        for p in Profile.builtIn {
            for g in p.taxonomy.groups { texts.append(g.level1); texts += g.level2 }
            texts += p.check.level2Aliases.keys
        }
        for t in texts + texts.map { " " + $0 } { #expect(KnownKeys.key(t) == Keys.key(t), "\(t)") }
    }

    @Test("TextBuilder: the same String as interpolation writes")
    func textBuilder() {
        for (k, t) in Self.texts(500).enumerated() {
            let n = [0, 1, 9, 10, 99, 100, 12_345, 999_999_999, 1_000_000_000, -3, Int.max][k % 11]
            let capacity = 6 + TextBuilder.intCapacity + 2 * t.utf8.count + 3
            let s = TextBuilder.string(capacity: capacity) { b in
                b.append(Array("第".utf8)); b.append(n); b.append(t); b.append(t); b.append("行")
            }
            #expect(s == "第\(n)\(t)\(t)行", "\(n) \(t)")
        }
    }

    @Test("ScoringText.number: reads the digits (full-width too) as Double(text) reads them")
    func scoringNumber() {
        let texts = ["得10分", "满分１５分", "0.5", "12.5.3", "1.", "123456789012345678", "3．5", "２0.25分", "007"]
        for t in texts + Self.texts(300) {
            let v = Scalars(t).v
            for from in v.indices {
                var ascii = ""
                var end = from
                while end < v.count, (0x30...0x39).contains(v[end]) || v[end] == 0x2E || (0xFF10...0xFF19).contains(v[end]) {
                    ascii.unicodeScalars.append(Unicode.Scalar(v[end] >= 0xFF10 ? v[end] - 0xFF10 + 0x30 : v[end])!)
                    end += 1
                }
                let expected = ascii.isEmpty ? nil : Double(ascii).map { ($0, end) }
                let got = ScoringText.number(v, from: from)
                #expect(got?.0.bitPattern == expected?.0.bitPattern && got?.1 == expected?.1, "\(t) \(from)")
            }
        }
    }

    @Test("PairKey: a set of pairs finds what a set of joined arrays k1 + [1] + k2 finds")
    func pairKey() {
        let parts: [Key] = [[], [1], [0x4EA7, 0x51FA], [0x6570, 1], [1, 0x91CF], [0x4EA7], [0x51FA, 1, 0x6570], [1, 1]]
        for stored in 0..<parts.count * parts.count {
            let (s1, s2) = (parts[stored / parts.count], parts[stored % parts.count])
            let pairs: Set<PairKey> = [PairKey(s1, s2), PairKey([0x6210, 0x672C], [0x7ECF, 0x6D4E])]
            let joined: Set<Key> = [s1 + [1] + s2, [0x6210, 0x672C, 1, 0x7ECF, 0x6D4E]]
            for a in parts {
                for b in parts {
                    #expect(pairs.contains(PairKey(a, b)) == joined.contains(a + [1] + b), "\(s1) \(s2) | \(a) \(b)")
                }
            }
        }
    }

    @Test("UnitTable: the packed look-up finds what the scalar-array look-up finds")
    func unitTable() {
        let units = ["%", "人", "万人", "次", "万人次", "元/人/月", "元/人", "平方米", "批次", "个月", "人数", "万元", "亩", "km", ""]
        for u in units + Self.texts(500) {
            #expect(UnitTable.info(u).measure == MeasureUnit(u), "\(u)")
            #expect(UnitTable.info(u).dimension == MeasureUnit(u).dimension, "\(u)")
        }
        #expect(UnitTable.packed(Scalars("%")) != UnitTable.packed(Scalars("\u{0}%")))
    }

    @Test("CarryForward.reading: the last-byte check only skips texts that cannot end in the mark")
    func estimateMark() {
        for t in Self.texts(2000) + ["12人（预计）", "12人(预计)", "（预计）", "12人（预计） ", "12人（预计)"] {
            let trimmed = TextNormalizer.trim(t)
            let marked = trimmed.hasSuffix(CarryForward.estimateMark) || trimmed.hasSuffix("(预计)")
            #expect(CarryForward.reading(t).isEstimate == marked, "\(t)")
        }
    }
}

/// A small deterministic generator, so that a failure names a text that can be reproduced.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
