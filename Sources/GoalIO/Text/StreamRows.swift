import GoalCore

/// Rebuilds the rows of a table whose row breaks were lost — one cell per line, or cells glued
/// into one line — from the stream of its cells (`StreamTokenizer`), by the grammar of the forms:
///
///     header block: (label value*)*   heading: column words   rows: 一级? 二级? name cell*
///
/// The heading says which cells follow a name and in what order (指标值, 实际完成值, 分值, 得分…).
/// Where the source marks empty cells, a row is exactly that many cells. Where it does not, each
/// cell takes the first column after the last one filled that its content fits (an operator the
/// type, a figure a target or a weight, a unit word the unit), and a cell that fits none starts the
/// next row when it reads like a name; else it is reported and left out. The rows are then read by
/// the usual `Reader`, so levels, targets and every repair are handled and reported as for any
/// table.
enum StreamRows {
    struct Rebuilt {
        var rows: [SourceRow]
        var notes: [ImportNote]
    }

    /// Rows for `text`, or nil when its cells hold no indicator heading.
    static func rebuild(_ text: String, firstLine: Int) -> Rebuilt? {
        var stream = StreamTokenizer.tokens(text, firstLine: firstLine)
        var notes = stream.notes
        unscrambleLevels(&stream.tokens, notes: &notes)
        readMisprintedLevels(&stream.tokens, notes: &notes)
        attachLetterMarkers(&stream.tokens)
        joinSplitWords(&stream.tokens, notes: &notes)
        unscrambleHeadings(&stream.tokens, notes: &notes)
        guard let heading = findHeading(stream.tokens) else { return nil }
        readOperatorSlips(&stream.tokens, from: heading.end, notes: &notes)
        let tokens = stream.tokens
        var rows: [SourceRow] = headerRows(tokens[..<heading.start])
        let post = heading.postName
        guard !post.isEmpty else { return nil }
        // the heading as one row: 一级, 二级, 三级, then the columns after the name
        let headingWords = ["一级指标", "二级指标", "三级指标"] + post.map(word(for:))
        rows.append(row(headingWords, line: tokens[heading.start].line))
        let yesNo =
            tokens[heading.start..<heading.end].contains { PlainText.hasPrefix($0.text, "是否") }
            ? post.lastIndex(of: .field(.note)) : nil
        var parser = parse(tokens, from: heading.end, columns: post, marksEmpty: stream.marksEmptyCells, yesNo: yesNo, sparse: [])
        // A column that hardly any row fills (an adjusted target left empty, printed only where a
        // word was printed twice) is read again as one a cell goes to only when no later column
        // takes it: rows follow the columns the table fills. Read a second time only then.
        // (the type and unit columns are printed only where they change, and stay as they are)
        let sparse = sparseColumns(parser.rows, count: post.count).filter { ![.field(.type), .field(.unit)].contains(post[$0]) }
        let constants = constantColumns(parser.rows, count: post.count)
        if !sparse.isEmpty || !constants.isEmpty {
            parser = parse(
                tokens, from: heading.end, columns: post, marksEmpty: stream.marksEmptyCells, yesNo: yesNo, sparse: sparse,
                constants: constants)
        }
        notes += parser.notes
        rows += parser.rows
        return Rebuilt(rows: rows, notes: notes)
    }

    static func parse(
        _ tokens: [StreamToken], from start: Int, columns post: [FormVocabulary.Column], marksEmpty: Bool,
        yesNo: Int?, sparse: Set<Int>, constants: [Int: String] = [:]
    ) -> StreamRowParser {
        var parser = StreamRowParser(columns: post, fixedCount: marksEmpty, yesNoColumn: yesNo)
        parser.sparseColumns = sparse
        parser.constantColumns = constants
        var k = start
        while k < tokens.count, !parser.finished {
            // the next written cell, for the choices that look one cell ahead (a level's points,
            // `(10分)`, are passed over: they say nothing of what the level holds)
            var n = k + 1
            while n < tokens.count, tokens[n].isEmptyCell || Grammar.isPoints(tokens[n].text) { n += 1 }
            var n2 = n + 1
            while n2 < tokens.count, tokens[n2].isEmptyCell || Grammar.isPoints(tokens[n2].text) { n2 += 1 }
            parser.afterNext = n2 < tokens.count ? tokens[n2] : nil
            parser.take(tokens[k], next: n < tokens.count ? tokens[n] : nil)
            k += 1
        }
        parser.close()
        return parser
    }

    /// The columns after the name that every complete row (no column left empty between its first
    /// and last cell) fills with one same text, where four such rows or more do and they are most
    /// rows: a constant of the form (得分系数 `100%`).
    static func constantColumns(_ rows: [SourceRow], count: Int) -> [Int: String] {
        var filled = [Int](repeating: 0, count: count + 3)
        for r in rows { for (p, _) in r.nonEmpty where p < count + 3 { filled[p] += 1 } }
        // columns hardly any row fills do not make a row incomplete
        func counts(_ p: Int) -> Bool { p < filled.count && filled[p] * 4 >= rows.count }
        var complete = 0
        var seen: [Int: (text: String, n: Int, differs: Bool)] = [:]
        for r in rows {
            let ps = Set(r.nonEmpty.map(\.position).filter { $0 >= 3 })
            guard let lo = ps.min(), let hi = ps.max(), (lo...hi).allSatisfy({ ps.contains($0) || !counts($0) }) else { continue }
            complete += 1
            for (p, cell) in r.nonEmpty where p >= 3 && p - 3 < count {
                if let s = seen[p - 3] {
                    seen[p - 3] = (s.text, s.n + 1, s.differs || s.text != cell.text)
                } else {
                    seen[p - 3] = (cell.text, 1, false)
                }
            }
        }
        var out: [Int: String] = [:]
        for (c, s) in seen where !s.differs && s.n >= 4 && s.n * 4 >= complete * 3 && Grammar.isFigure(s.text) { out[c] = s.text }
        return out
    }

    /// The columns after the name that fewer than a quarter of eight or more rows fill, yet some do.
    static func sparseColumns(_ rows: [SourceRow], count: Int) -> Set<Int> {
        guard rows.count >= 8 else { return [] }
        var filled = [Int](repeating: 0, count: count)
        for r in rows {
            for (p, _) in r.nonEmpty where p >= 3 && p - 3 < count { filled[p - 3] += 1 }
        }
        return Set((0..<count).filter { filled[$0] > 0 && filled[$0] * 4 < rows.count })
    }

    static func row(_ cells: [String], line: Int) -> SourceRow {
        SourceRow(
            line: line,
            nonEmpty: cells.enumerated().compactMap { $0.element.isEmpty ? nil : ($0.offset, Cell(raw: Substring($0.element))) },
            isTabular: true)
    }

    // MARK: scrambled level names and column markers

    /// The 一级 names OCR prints with their characters out of order (`出标产指`, `益标效指`), by their
    /// characters sorted: four or five characters, each with 指 and 标.
    static let scrambledLevel1: [String: String] = {
        var out: [String: String] = [:]
        for g in ImportTaxonomy.recognition.groups where (4...5).contains(g.level1.count) && g.level1.hasSuffix("指标") {
            out[String(g.level1.sorted())] = g.level1
        }
        // and what the 指标性质 column holds, printed the same way (`性标定指`)
        for w in ["定性指标", "定量指标"] { out[String(w.sorted())] = w }
        return out
    }()

    /// A 一级 name printed with its characters out of order inside a glued cell (a vertical label
    /// read by OCR: `(B)得分出标产指`, `益标效指…`): cut out of the cell as that name, and reported.
    /// Only where the characters are not in order (the name itself was cut already) and the window
    /// does not start with `指标` (the end of one word and the start of the next). Each position is
    /// looked at once per length.
    static func unscrambleLevels(_ tokens: inout [StreamToken], notes: inout [ImportNote]) {
        var out: [StreamToken]?
        for (k, t) in tokens.enumerated() {
            let c = Array(t.text)
            var found: (at: Int, length: Int, name: String)?
            if c.count >= 4, c.contains("指"), c.contains("标") {
                search: for i in 0..<c.count {
                    for n in [5, 4] where i + n <= c.count {
                        let w = c[i..<(i + n)]
                        guard w.contains("指"), w.contains("标"), !(w.first == "指" && w.dropFirst().first == "标"),
                            let name = scrambledLevel1[String(w.sorted())], String(w) != name
                        else { continue }
                        found = (i, n, name)
                        break search
                    }
                }
            }
            guard let f = found else { out?.append(t); continue }
            if out == nil { out = Array(tokens[..<k]) }
            let before = String(c[..<f.at]), after = String(c[(f.at + f.length)...])
            notes.append(
                ImportNote(
                    .verticalLabelScrambled(
                        line: t.line, text: Reader.preview(t.text), printed: String(c[f.at..<(f.at + f.length)]), read: f.name),
                    at: SourceLocation(line: t.line)))
            if !before.isEmpty { out!.append(StreamToken(text: before, line: t.line)) }
            out!.append(StreamToken(text: f.name, line: t.line))
            if !after.isEmpty { out!.append(StreamToken(text: after, line: t.line)) }
        }
        if let out { tokens = out }
    }

    /// The level names by length, for `readMisprintedLevels`.
    static let levelNamesByLength: [Int: [[Character]]] = {
        var names = Set<String>()
        for g in ImportTaxonomy.recognition.groups {
            names.insert(g.level1)
            names.formUnion(g.level2)
        }
        return Dictionary(grouping: names.map(Array.init), by: \.count)
    }()

    /// A level name with one character misread (`顼目产出`), printed with the points a level carries
    /// right after it (`(30分)`): only a level carries points, so it is the one level name of its
    /// length that differs from it in that character alone. Reported.
    static func readMisprintedLevels(_ tokens: inout [StreamToken], notes: inout [ImportNote]) {
        guard tokens.count > 1 else { return }
        readLettersInLevels(&tokens, notes: &notes)
        for i in 0..<(tokens.count - 1) where Grammar.isPoints(tokens[i + 1].text) {
            let t = tokens[i].text
            guard (4...8).contains(t.count), Grammar.levelKind(t) == nil, let candidates = levelNamesByLength[t.count] else {
                continue
            }
            let c = Array(t)
            let near = candidates.filter { name in zip(name, c).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } == 1 }
            guard near.count == 1 else { continue }
            let name = String(near[0])
            notes.append(
                ImportNote(
                    .levelNameMisread(line: tokens[i].line, text: t, read: name),
                    at: SourceLocation(line: tokens[i].line)))
            tokens[i].text = name
        }
    }

    /// A level name at the start of a cell with one character read by OCR as one or two Latin
    /// letters (`项Fl实施绩效监控有效性`: 项目实施, then the name): that level and the rest, when
    /// exactly one level name fits. Latin letters inside Chinese text are OCR's mark; reported.
    static func readLettersInLevels(_ tokens: inout [StreamToken], notes: inout [ImportNote]) {
        var out: [StreamToken]?
        for (k, t) in tokens.enumerated() {
            let c = Array(t.text.prefix(12))
            guard c.count >= 4, let p = c.firstIndex(where: { $0.isASCII && $0.isLetter }), p >= 1, p <= 6 else {
                out?.append(t); continue
            }
            var run = 1
            while p + run < c.count, run < 2, c[p + run].isASCII && c[p + run].isLetter { run += 1 }
            guard !(p + run < c.count && c[p + run].isASCII && c[p + run].isLetter) else { out?.append(t); continue }
            var found: [(name: [Character], used: Int)] = []
            for (n, names) in levelNamesByLength where n > p + 1 {
                let used = n - 1 + run
                guard used <= c.count else { continue }
                for name in names where name[..<p].elementsEqual(c[..<p]) && name[(p + 1)...].elementsEqual(c[(p + run)..<used]) {
                    found.append((name, used))
                }
            }
            guard found.count == 1 else { out?.append(t); continue }
            if out == nil { out = Array(tokens[..<k]) }
            let level = String(found[0].name)
            let rest = String(t.text.dropFirst(found[0].used))
            notes.append(
                ImportNote(
                    .levelNameLetter(
                        line: t.line, text: Reader.preview(t.text), printed: String(c[..<found[0].used]), read: level),
                    at: SourceLocation(line: t.line)))
            out!.append(StreamToken(text: level, line: t.line))
            if !rest.isEmpty { out!.append(StreamToken(text: rest, line: t.line)) }
        }
        if let out { tokens = out }
    }

    /// `(A)`, `(B)`, `(B/A)`: the letters a heading carries to name its column in a formula
    /// (年初目标值(A), 执行率(B/A)). Glued text puts them at the start of the next cell; they belong
    /// to the heading before. Its length at the start of `s`, or nil.
    static func letterMarkerLength(_ s: String) -> Int? {
        let c = Array(s.prefix(8))
        guard let open = c.first, open == "(" || open == "（" else { return nil }
        var j = 1
        while j < c.count, (c[j].isASCII && c[j].isUppercase) || c[j] == "/" { j += 1 }
        guard j > 1, j < c.count, c[j] == ")" || c[j] == "）" else { return nil }
        return j + 1
    }

    /// A letter marker at the start of a cell that follows a heading joins the heading
    /// (`目标值` `(A)实际完成值` → `目标值(A)` `实际完成值`).
    static func attachLetterMarkers(_ tokens: inout [StreamToken]) {
        guard tokens.count > 1 else { return }
        var out: [StreamToken] = []
        out.reserveCapacity(tokens.count)
        for t in tokens {
            if !t.isEmptyCell, let n = letterMarkerLength(t.text), let last = out.last, !last.isEmptyCell,
                FormVocabulary.column(forHeading: last.text) != nil, letterMarkerLength(last.text) == nil,
                FormVocabulary.column(forHeading: last.text + String(t.text.prefix(n))) != nil
            {
                out[out.count - 1].text += String(t.text.prefix(n))
                let rest = TextNormalizer.trim(String(t.text.dropFirst(n)))
                if !rest.isEmpty { out.append(StreamToken(text: rest, line: t.line)) }
                continue
            }
            out.append(t)
        }
        tokens = out
    }

    /// `资金使用效率二` `100百分比`: OCR prints `=` as `二`. A name ending in `二` right before a figure
    /// printed with no operator, in a table whose other targets print theirs, has lost its `=` to
    /// that slip: the `二` becomes the figure's operator, and this is reported. Read after the
    /// heading only; each cell looked at once.
    static func readOperatorSlips(_ tokens: inout [StreamToken], from start: Int, notes: inout [ImportNote]) {
        guard start < tokens.count else { return }
        func hasOperator(_ s: String) -> Bool { s.first.map { GlueSplitter.operatorMarks.contains($0) } ?? false }
        guard tokens[start...].contains(where: { hasOperator($0.text) && Grammar.isFigure($0.text) }) else { return }
        for i in start..<(tokens.count - 1) {
            let t = tokens[i].text, next = tokens[i + 1].text
            guard t.count >= 4, t.hasSuffix("二"), Grammar.isNameLike(t), !hasOperator(next), Grammar.isFigure(next),
                let before = t.dropLast().last, GlueSplitter.isHan(before), !"一二三四五六七八九十第".contains(before)
            else { continue }
            notes.append(
                ImportNote(
                    .equalSignMisread(line: tokens[i].line, text: Reader.preview(t), figure: next),
                    at: SourceLocation(line: tokens[i].line)))
            tokens[i].text = String(t.dropLast())
            tokens[i + 1].text = "=" + next
        }
    }

    // MARK: words split by a line break

    /// Two neighbouring cells that make one of the forms' words (`年度` + `指标值`, `经济效益` +
    /// `指标`, `满意度` + `指标`) were one cell wrapped onto two lines: joined, and reported.
    static func joinSplitWords(_ tokens: inout [StreamToken], notes: inout [ImportNote]) {
        var out: [StreamToken] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if i + 1 < tokens.count, !t.isEmptyCell, !tokens[i + 1].isEmptyCell, !isWord(t.text) || tokens[i + 1].text == "指标" {
                let joined = t.text + tokens[i + 1].text
                if PlainText.count(joined) <= 16, isWord(joined) {
                    notes.append(
                        ImportNote(
                            .cellWrapJoined(
                                line: t.line, lastLine: tokens[i + 1].line, first: t.text, second: tokens[i + 1].text,
                                joined: joined),
                            at: SourceLocation(line: t.line)))
                    out.append(StreamToken(text: joined, line: t.line))
                    i += 2
                    continue
                }
            }
            // `社会效益` / `指标效果显著`: the word's end went to the next line with the next cell
            if i + 1 < tokens.count, !t.isEmptyCell, Grammar.levelKind(t.text + "指标") != nil,
                Grammar.levelKind(t.text) == nil || !t.text.hasSuffix("指标"),
                PlainText.hasPrefix(tokens[i + 1].text, "指标"), tokens[i + 1].text.count > 2, !isWord(tokens[i + 1].text),
                Reader.withoutTemplatePrefix(tokens[i + 1].text) == nil
            {
                let rest = String(tokens[i + 1].text.dropFirst(2))
                notes.append(
                    ImportNote(
                        .levelWordSplit(line: t.line, lastLine: tokens[i + 1].line, text: t.text),
                        at: SourceLocation(line: t.line)))
                out.append(StreamToken(text: t.text + "指标", line: t.line))
                out.append(StreamToken(text: rest, line: tokens[i + 1].line))
                i += 2
                continue
            }
            out.append(t)
            i += 1
        }
        tokens = out
    }

    /// A heading printed with its characters out of order, between two headings that are not
    /// (`三级指标` `考值参分` `指标值`): that heading, and reported. The words are looked at once each.
    static func unscrambleHeadings(_ tokens: inout [StreamToken], notes: inout [ImportNote]) {
        guard tokens.count > 2 else { return }
        func isHeading(_ t: StreamToken) -> Bool { FormVocabulary.column(forHeading: t.text) != nil }
        for i in 1..<(tokens.count - 1) where !tokens[i].isEmptyCell && !isHeading(tokens[i]) {
            // the heading before may be one cut short (`(%)`), so look two back as well
            guard isHeading(tokens[i - 1]) || (i >= 2 && isHeading(tokens[i - 2])),
                isHeading(tokens[i + 1]) || (i + 2 < tokens.count && isHeading(tokens[i + 2])),
                let (word, _) = FormVocabulary.scrambledHeading(tokens[i].text)
            else { continue }
            notes.append(
                ImportNote(
                    .headingScrambled(line: tokens[i].line, text: tokens[i].text, read: word),
                    at: SourceLocation(line: tokens[i].line)))
            tokens[i].text = word
        }
    }

    /// A column heading, a 一级/二级 name or a header label.
    static func isWord(_ s: String) -> Bool {
        FormVocabulary.column(forHeading: s) != nil || Grammar.levelKind(s) != nil
            || FormVocabulary.headerField(exactly: s) != nil
    }

    // MARK: heading

    struct Heading {
        var start: Int
        var end: Int
        var postName: [FormVocabulary.Column]
    }

    /// The indicator heading: a run of column words holding 三级指标 (or 指标名称), and the columns
    /// after it. A heading printed on two rows comes out as one run (`年度指标值 实际完成值 分值 …
    /// 一级指标 二级指标 三级指标 指标性质 指标值 度量单位`): the lower row's columns under the
    /// name stand where the upper row's 指标值 stood.
    static func findHeading(_ tokens: [StreamToken]) -> Heading? {
        var i = 0
        while i < tokens.count {
            guard FormVocabulary.column(forHeading: tokens[i].text) != nil else { i += 1; continue }
            var j = i
            var cols: [(FormVocabulary.Column?, Int)] = []
            while j < tokens.count {
                if tokens[j].isEmptyCell { cols.append((nil, j)); j += 1; continue }
                guard let c = FormVocabulary.column(forHeading: tokens[j].text) else {
                    // a word the flattening cut off the front of a heading (`全年` + `完成值`)
                    if PlainText.count(tokens[j].text) <= 3, !tokens[j].text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
                        j + 1 < tokens.count,
                        FormVocabulary.column(forHeading: tokens[j + 1].text) != nil, !cols.isEmpty
                    {
                        j += 1
                        continue
                    }
                    break
                }
                cols.append((c, j))
                j += 1
            }
            // trailing empty cells belong to the rows below
            while let last = cols.last, last.0 == nil { cols.removeLast(); j = last.1 }
            // a heading with 二级 and columns after it but no 三级 (`一级指标 二级指标 绩效标准
            // 当年预期实现值`): the indicator's name stands right after the 二级
            if !cols.contains(where: { $0.0 == .field(.name) }), let l2 = cols.firstIndex(where: { $0.0 == .field(.level2) }),
                l2 + 1 < cols.count, cols[(l2 + 1)...].contains(where: { $0.0 == .field(.value) })
            {
                cols.insert((.field(.name), cols[l2].1), at: l2 + 1)
            }
            if let nameAt = cols.firstIndex(where: { $0.0 == .field(.name) }) {
                let upper = cols[..<nameAt].compactMap { c -> FormVocabulary.Column? in
                    guard let k = c.0 else { return nil }
                    if case .field(let f) = k, f == .level1 || f == .level2 { return nil }
                    return k == .groupLabel ? nil : k
                }
                var lower: [FormVocabulary.Column] = []
                for c in cols[(nameAt + 1)...] {
                    // an empty heading cell after the name is a column too, when the source marks them
                    lower.append(c.0 ?? .groupLabel)
                }
                var post = lower
                if let v = upper.firstIndex(of: .field(.value)), !lower.isEmpty {
                    post = Array(upper[..<v]) + lower + Array(upper[(v + 1)...])
                } else if !upper.isEmpty {
                    post = lower + upper
                }
                return Heading(start: i, end: j, postName: post)
            }
            i = max(j, i + 1)
        }
        return nil
    }

    /// The word the rebuilt heading prints for a column.
    static func word(for c: FormVocabulary.Column) -> String {
        switch c {
        case .groupLabel: return "备注"
        case .printedScore: return "得分"
        case .scoreFactor: return "得分系数"
        case .field(let f):
            switch f {
            case .type: return "指标值类型"
            case .value: return "指标值"
            case .unit: return "计量单位"
            case .actual: return "实际完成值"
            case .weight: return "分值"
            case .deviation: return "偏差原因"
            case .explanation: return "指标解释"
            case .scoring: return "评分标准"
            case .basis: return "设置依据"
            case .lastYear: return "上年完成值"
            case .evidence: return "佐证材料"
            case .note: return "备注"
            case .level1: return "一级指标"
            case .level2: return "二级指标"
            case .name: return "三级指标"
            case .score: return "得分"
            }
        }
    }

    // MARK: header block

    /// The cells before the heading, one row per label with the cells that follow it; titles and
    /// 年度 lines on rows of their own.
    static func headerRows(_ tokens: ArraySlice<StreamToken>) -> [SourceRow] {
        var rows: [SourceRow] = []
        var current: (cells: [String], line: Int)?
        func flush() { if let c = current { rows.append(row(c.cells, line: c.line)) }; current = nil }
        for t in tokens where !t.isEmptyCell {
            if Reader.isTitle(t.text) || Reader.yearLine(t.text) != nil {
                flush()
                rows.append(SourceRow(line: t.line, nonEmpty: [(0, Cell(raw: Substring(t.text)))], isTabular: false))
            } else if FormVocabulary.headerField(forLabel: t.text) != nil {
                flush()
                current = ([t.text], t.line)
            } else if current != nil {
                current!.cells.append(t.text)
            }
        }
        flush()
        return rows
    }
}
