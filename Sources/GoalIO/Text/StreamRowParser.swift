import GoalCore

/// What a cell of the stream can be, by the forms' vocabulary alone.
enum Grammar {
    enum Level { case level1, level2 }

    /// A 一级 or 二级 name as the taxonomy knows it, printed with wrap spaces or points
    /// (`产 出 指 标 (50分)`, `数量 指标`) or not; nil for anything else.
    static func levelKind(_ s: String) -> Level? {
        guard s.utf8.count <= 60 else { return nil }
        var k = TextNormalizer.withoutWhitespace(TextNormalizer.halfWidth(s))
        if let open = k.firstIndex(of: "("), open != k.startIndex, k[open...].contains(where: \.isNumber) {
            k = String(k[..<open])
        }
        guard !k.isEmpty, PlainText.count(k) <= 12 else { return nil }
        let taxonomy = ImportTaxonomy.index
        if taxonomy.level1(named: k) != nil { return .level1 }
        if taxonomy.level2(named: k) != nil { return .level2 }
        return nil
    }

    /// `(50分)`, `(0-20)分`, `50分`: the points a level carries, printed as a cell of its own.
    static func isPoints(_ s: String) -> Bool {
        let k = TextNormalizer.withoutWhitespace(TextNormalizer.halfWidth(s))
        guard k.hasSuffix("分") || k.hasSuffix("分)"), PlainText.count(k) <= 10 else { return false }
        return k.allSatisfy { $0.isNumber || "()-分.".contains($0) }
    }

    /// The template's placeholder rows: `……`, `...`.
    static func isEllipsis(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0 == "…" || $0 == "." || $0 == "。" }
    }

    /// A row that ends the indicator grid: 总分, 合计, or the remarks under it.
    static func endsGrid(_ s: String) -> Bool {
        let k = TextNormalizer.labelKey(s)
        return Reader.totalRowWords.contains(k) || endings.contains { PlainText.hasPrefix(k, $0) }
    }

    static let endings = ["其他需要说明", "评价结论", "存在问题", "改进措施", "偏差大或目标未完成"]

    static func isFigure(_ s: String) -> Bool {
        guard s.utf8.count <= 40, let first = TextNormalizer.halfWidth(s).unicodeScalars.first,
            first.properties.numericType != nil || "≥≤><=≧≦═".unicodeScalars.contains(first)
        else { return false }
        return Target.parse(s).number != nil
    }

    /// A deadline written as a date (`2021年12月完成`, `2022年6月30日前`): a target or an actual in
    /// words, never a name.
    static func isDate(_ s: String) -> Bool {
        guard s.utf8.count <= 40, let first = s.first, first.isASCII, first.isNumber else { return false }
        let c = Array(s)
        var j = 0
        while j < c.count, c[j].isASCII && c[j].isNumber { j += 1 }
        return j == 4 && GlueSplitter.dateEnd(after: j, in: c) == c.count
    }

    static func isNumber(_ s: String) -> Bool { TextNormalizer.number(TextNormalizer.halfWidth(s)) != nil }

    /// What a 指标性质 column holds besides operators: whether the indicator is counted or described.
    static let natureWords: Set<String> = ["定量", "定量指标", "定性指标"]

    static func isTypeWord(_ s: String) -> Bool {
        Comparison.parse(s) != nil || ["定量", "定量指标", "定性指标", "正向", "反向", "正向指标", "反向指标"].contains(TextNormalizer.labelKey(s))
    }

    /// Reads like the name of an indicator: two Chinese characters or more, not a unit, not prose.
    static func isNameLike(_ s: String) -> Bool {
        guard !isFigure(s), !isTypeWord(s), !CellFeatures.looksLikeUnit(s), !isDate(s) else { return false }
        return s.unicodeScalars.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF }.count >= 2
    }

    /// Whether `s` can fill a column of this kind.
    static func fits(_ s: String, _ c: FormVocabulary.Column) -> Bool {
        switch c {
        case .groupLabel: return false
        case .printedScore: return isNumber(s)
        case .scoreFactor: return isFigure(s)
        case .field(let f):
            switch f {
            case .type: return isTypeWord(s)
            case .value, .actual, .lastYear: return isFigure(s) || (PlainText.count(s) <= 24 && !isTypeWord(s))
            case .unit: return CellFeatures.looksLikeUnit(s) || s == "百分比"
            case .weight, .score: return isNumber(s)
            case .deviation, .explanation, .scoring, .basis, .note, .evidence: return !isFigure(s)
            case .level1, .level2, .name: return false
            }
        }
    }
}

/// Reads the cells after the heading into rows (see `StreamRows`).
struct StreamRowParser {
    let columns: [FormVocabulary.Column]
    /// The source marks empty cells: a row is exactly one cell per column.
    let fixedCount: Bool
    var rows: [SourceRow] = []
    var notes: [ImportNote] = []
    var finished = false

    private var level1: (text: String, line: Int)?
    private var level2: (text: String, line: Int)?
    private var name: (text: String, line: Int)?
    private var cells: [String] = []
    private var nextColumn = 0
    private var afterDash = false
    /// The open 一级 has no row under it yet.
    private var level1Empty = false
    /// The open row printed a dash for an empty cell: its columns are the source's.
    private var rowHadDash = false
    /// Columns a dash left empty in the open 一级 block: its rows print nothing there (the
    /// scoring framework's 决策/管理 rows have no target), so a cell that also fits a later column
    /// goes there.
    private var dashedColumns: Set<Int> = []
    /// Columns hardly any row of the table fills (`StreamRows.sparseColumns`): a cell that fits a
    /// later column that rows do fill goes there.
    var sparseColumns: Set<Int> = []
    /// The written cell after the next one, for the block-shape choice (`名称 6 -` opens a row).
    var afterNext: StreamToken?
    private var lastText = ""
    /// What `unreadableCells` kept of a target to join to the next cell.
    private var targetOpening: String?

    /// The column headed 是否… (是否核心指标), whose 是/否 a glued row prints before the next name.
    var yesNoColumn: Int?

    init(columns: [FormVocabulary.Column], fixedCount: Bool, yesNoColumn: Int? = nil) {
        self.columns = columns
        self.fixedCount = fixedCount
        self.yesNoColumn = yesNoColumn
    }

    mutating func take(_ t: StreamToken, next: StreamToken?) {
        if t.isEmptyCell {
            if name != nil, fixedCount, nextColumn < columns.count { nextColumn += 1 }
            return
        }
        // the opening of a target OCR garbled, joined to its figure (`到` `0次`)
        let s = targetOpening.map { $0 + t.text } ?? t.text
        targetOpening = nil
        let wasAfterDash = afterDash, previous = lastText
        afterDash = false
        lastText = s
        if Grammar.endsGrid(s) {
            close()
            finished = true
            return
        }
        if Grammar.isPoints(s) { return }
        if Grammar.isEllipsis(s) { close(); return }
        // a heading over the level columns (`绩效指标`) printed again among the rows, as a page break
        // or a vertical label leaves it: no cell of any row
        if FormVocabulary.column(forHeading: s) == .groupLabel, PlainText.count(s) <= 6, Grammar.levelKind(s) == nil {
            notes.append(ImportNote(.headingWordBetweenRows(line: t.line, text: s), at: SourceLocation(line: t.line)))
            return
        }
        // `指标L`: the template's `指标1` with its figure misread (OCR prints 1 as l, L, I), nothing after it
        if s.count == 3, PlainText.hasPrefix(s, "指标"), let last = s.last, "lLI|".contains(last) {
            close()
            notes.append(ImportNote(.templateIndicatorMisread(line: t.line, text: s), at: SourceLocation(line: t.line)))
            return
        }
        switch Grammar.levelKind(s) {
        case .level1?:
            close()
            // `成本指标` straight before a name, inside a 一级 that the older forms put it under
            // (产出指标): there it is the 二级, as those forms print it
            // (with no 一级 printed, the 一级 the open 二级 stands under)
            let outer =
                level1.map { Self.key($0.text) }
                ?? level2.flatMap { ImportTaxonomy.index.parents(ofLevel2: Self.key($0.text)).first }
            if let l1 = outer, let next, Grammar.levelKind(next.text) == nil, !Grammar.isPoints(next.text),
                ImportTaxonomy.index.allows(level1: l1, level2: Self.key(s))
            {
                level2 = (s, t.line)
                notes.append(
                    ImportNote(.level1ReadAsLevel2(line: t.line, text: s, level1: l1), at: SourceLocation(line: t.line)))
                return
            }
            level1 = (s, t.line); level2 = nil; level1Empty = true; dashedColumns = []; return
        case .level2? where !(s == previous && name == nil && level2?.text == s):
            close()
            // a 一级 printed over no row of its own (its block left empty), followed by a 二级 that
            // cannot stand under it: the label of an empty block, not this 二级's 一级
            if let l1 = level1, level1Empty, !ImportTaxonomy.index.allows(level1: Self.key(l1.text), level2: Self.key(s)) {
                notes.append(
                    ImportNote(
                        .level1WithoutIndicators(line: l1.line, level1: l1.text, level2: s),
                        at: SourceLocation(line: l1.line)))
                level1 = nil
            }
            level2 = (s, t.line); return
        case .level2?:
            // a 二级 printed twice: the second is the indicator's name (`服务对象满意度` `服务对象满意度%`)
            break
        case nil: break
        }
        // `否基础信息完善`: the 是/否 of the open row, glued to the next row's name
        if let yn = yesNoColumn, name != nil, let first = s.first, first == "是" || first == "否", s.count >= 3 {
            let rest = String(s.dropFirst())
            if rest.first != "否", Grammar.isNameLike(rest) {
                cells[yn] = String(first)
                notes.append(
                    ImportNote(
                        .yesNoGlued(line: t.line, text: Reader.preview(s), answer: String(first)),
                        at: SourceLocation(line: t.line)))
                close()
                take(StreamToken(text: rest, line: t.line), next: next)
                return
            }
        }
        // a dash for an empty cell, which OCR prints `一` (`完整性4一目标明确…`): the next column is empty
        if s == "一" || s == "-" || s == "—", name != nil, !fixedCount, nextColumn > 0, nextColumn < columns.count {
            notes.append(ImportNote(.dashInEmptyCell(line: t.line, text: s), at: SourceLocation(line: t.line)))
            dashedColumns.insert(nextColumn)
            nextColumn += 1
            afterDash = true
            rowHadDash = true
            return
        }
        // the cell after such a dash is the next column's, even when it reads like a name
        // and so is a cell that repeats the one before (the actual printed as the target was)
        if wasAfterDash || s == previous, name != nil, nextColumn < columns.count, Grammar.levelKind(s) == nil,
            Reader.withoutTemplatePrefix(s) == nil
        {
            if var c = (nextColumn..<columns.count).first(where: { Grammar.fits(s, columns[$0]) }) {
                if sparseColumns.contains(c),
                    let later = ((c + 1)..<columns.count).first(where: {
                        !sparseColumns.contains($0) && Grammar.fits(s, columns[$0])
                    })
                {
                    c = later
                    rowHadDash = true
                }
                cells[c] = s
                nextColumn = c + 1
                return
            }
        }
        // `%` cut off a name (`及时率%`) where the form has no unit column: part of the name
        if s == "%" || s == "％", let n = name, nextColumn == 0, cells.allSatisfy(\.isEmpty), !columns.contains(.field(.unit)) {
            name = (n.text + s, n.line)
            return
        }
        // `415万元` before `15万元`: the weight glued to a target that the actual repeats (分值 4, 15万元)
        if name != nil, !fixedCount, nextColumn + 1 < columns.count, columns[nextColumn] == .field(.weight),
            columns[nextColumn + 1] == .field(.value), let next, Grammar.isFigure(next.text) || Grammar.isDate(next.text),
            s.count > next.text.count,
            s.hasSuffix(next.text), let w = Double(s.dropLast(next.text.count)), w > 0, w <= 100
        {
            let weight = String(s.dropLast(next.text.count))
            cells[nextColumn] = weight
            cells[nextColumn + 1] = next.text
            nextColumn += 2
            notes.append(
                ImportNote(
                    .weightAndTargetGlued(line: t.line, text: s, weight: weight, target: next.text),
                    at: SourceLocation(line: t.line)))
            return
        }
        // `22`, `1010`: a weight and its full score glued (分值 2, 得分 2)
        // (the last figures of a row: the weight column may stand after other columns left empty)
        if name != nil, !fixedCount, s.count >= 2, s.count % 2 == 0, s.allSatisfy({ $0.isASCII && $0.isNumber }),
            s.prefix(s.count / 2) == s.suffix(s.count / 2), let first = column(for: s, next: next),
            let c = (first..<(columns.count - 1)).first(where: {
                columns[$0] == .field(.weight) && (columns[$0 + 1] == .printedScore || columns[$0 + 1] == .field(.score))
            }),
            c == first || next.map({ !Grammar.isFigure($0.text) && !Grammar.isNumber($0.text) }) ?? true
        {
            let half = String(s.prefix(s.count / 2))
            cells[c] = half
            cells[c + 1] = half
            nextColumn = c + 2
            notes.append(
                ImportNote(.weightAndScoreGlued(line: t.line, text: s, points: half), at: SourceLocation(line: t.line)))
            return
        }
        // `6620` at the target where 实际完成值 and 得分 follow and no other cell does: the target,
        // the actual printed the same, and the score, glued (6 | 6 | 20)
        if name != nil, !fixedCount, next.map({ !Grammar.isFigure($0.text) }) ?? true, let c = column(for: s, next: next),
            c + 2 < columns.count, columns[c] == .field(.value), columns[c + 1] == .field(.actual),
            [.field(.score), .printedScore, .field(.weight)].contains(columns[c + 2]),
            let (figure, points) = Self.repeatedThenPoints(s)
        {
            cells[c] = figure
            cells[c + 1] = figure
            cells[c + 2] = points
            nextColumn = c + 3
            notes.append(
                ImportNote(
                    .targetActualScoreGlued(line: t.line, text: s, figure: figure, points: points),
                    at: SourceLocation(line: t.line)))
            return
        }
        if name != nil, Reader.withoutTemplatePrefix(s) == nil, let c = column(for: s, next: next) {
            cells[c] = s
            nextColumn = c + 1
            return
        }
        if Grammar.isNameLike(s) || Reader.withoutTemplatePrefix(s) != nil {
            close()
            if let next, Grammar.levelKind(next.text) == .level2, PlainText.count(s) <= 8, !s.contains(where: \.isNumber) {
                // right after a 一级 over no row yet, it is no second 一级: debris, reported
                if level1Empty, Grammar.levelKind(previous) == .level1 {
                    notes.append(
                        ImportNote(
                            .textBetweenLevels(line: t.line, text: Reader.preview(s)),
                            at: SourceLocation(line: t.line)))
                    return
                }
                level1Empty = false
                // a 一级 the taxonomy does not know (`项目完成`): it stands where a 一级 stands
                level1 = (s, t.line); level2 = nil
                return
            }
            name = (s, t.line)
            rowHadDash = false
            cells = Array(repeating: "", count: columns.count)
            nextColumn = 0
            // the unit column and a target OCR could not read, glued to the name
            if let u = columns.firstIndex(of: .field(.unit)), let v = columns.firstIndex(of: .field(.value)), u < v,
                let next, Grammar.isFigure(next.text), let cut = Self.unreadableCells(in: s, before: next.text)
            {
                name = (cut.name, t.line)
                nextColumn = u + 1
                switch cut.target {
                case .whole(let target)?:
                    cells[u] = cut.unit
                    cells[v] = target
                    nextColumn = v + 1
                case .opening(let opening)?:
                    cells[u] = cut.unit
                    targetOpening = opening
                    // kept as printed, a text for a person to read, never the figure it seems to hold
                    if let k = columns.firstIndex(of: .field(.type)), k != v { cells[k] = "定性" }
                case nil: break // the letters stand for nothing that can be read: no cell gets them
                }
                let target: String? =
                    switch cut.target {
                    case .whole(let w)?: w
                    case .opening(let o)?: o + next.text
                    case nil: nil
                    }
                notes.append(
                    ImportNote(
                        target.map {
                            .unreadableTargetAfterUnit(line: t.line, text: Reader.preview(s), unit: cut.unit, target: $0)
                        }
                            ?? .unreadableUnitAfterName(line: t.line, text: Reader.preview(s), unit: cut.unit),
                        at: SourceLocation(line: t.line)))
                return
            }
            // the unit column glued to the name: `培训次数次` before `26次` is the name and `次`
            if let u = columns.firstIndex(of: .field(.unit)), let next, let unit = Target.parse(next.text).unit,
                PlainText.count(unit) <= 2, CellFeatures.looksLikeUnit(unit), s.hasSuffix(unit),
                PlainText.count(s) > PlainText.count(unit) + 2
            {
                name = (String(s.dropLast(unit.count)), t.line)
                cells[u] = unit
                nextColumn = u + 1
                notes.append(
                    ImportNote(
                        .unitGluedToName(line: t.line, text: Reader.preview(s), unit: unit), at: SourceLocation(line: t.line)))
            }
            return
        }
        notes.append(ImportNote(.streamCellUnplaced(line: t.line, text: Reader.preview(s)), at: SourceLocation(line: t.line)))
    }

    /// The last characters of an indicator's name: what it measures (`…人数`, `…数量`, `…完成率`).
    static let measureEndings: Set<Character> = ["数", "量", "率", "度", "性", "额", "比", "值", "次", "效"]
    /// What may open a target before its figure (`达到100%`, OCR's `到0次`).
    static let targetOpenings: Set<String> = ["到", "达到", "达", "约", "超", "超过"]

    /// A target cell as OCR left it after the unit column: whole (`第O份`, letters where digits
    /// were), or the opening of the figure that follows (`到` before `0次`).
    enum UnreadableTarget: Equatable { case whole(String), opening(String) }

    /// Where OCR garbled the cells after a name in a form with a 计量单位 column, the name, the unit
    /// column and the target (nil: only the unit column was garbled); nil where the text reads as a
    /// name. `figure` is the cell after `s`. The name must end in what it measures (`measureEndings`)
    /// and keep four characters, so a name that merely contains a unit (`受益人口人数`) stays whole:
    ///
    /// - `…次数次到` before `0次`: the unit `次`, then a target opening glued to the figure;
    /// - `…数量份第O份` before `20份`: the unit `份`, then a whole target with letters for digits,
    ///   the figure after it being the actual;
    /// - `…数量tot扁` before `2200篇`: letters in place of the unit column.
    static func unreadableCells(in s: String, before figure: String) -> (name: String, unit: String, target: UnreadableTarget?)? {
        let c = Array(s)
        guard c.count >= 6, c.count <= 40 else { return nil }
        func nameEnds(at p: Int) -> Bool { p >= 4 && measureEndings.contains(c[p - 1]) && c[..<p].allSatisfy { !$0.isASCII } }
        let latin = { (x: ArraySlice<Character>) in x.filter { $0.isASCII && $0.isLetter }.count }
        if let unit = Target.parse(figure).unit, PlainText.count(unit) <= 2, CellFeatures.looksLikeUnit(unit) {
            let u = Array(unit)
            for p in stride(from: c.count - u.count - 1, through: 4, by: -1)
            where c[p..<(p + u.count)].elementsEqual(u) && nameEnds(at: p) {
                let tail = c[(p + u.count)...]
                // a whole target: one or two characters with a Latin letter OCR made of a digit, then the unit
                if tail.count > u.count, tail.count <= u.count + 2, tail.suffix(u.count).elementsEqual(u),
                    latin(tail.dropLast(u.count)) > 0
                {
                    return (String(c[..<p]), unit, .whole(String(tail)))
                }
                if targetOpenings.contains(String(tail)) { return (String(c[..<p]), unit, .opening(String(tail))) }
                return nil
            }
        }
        // letters where the unit column stands: two or more Latin letters and one or two other
        // characters (Latin letters alone may be a unit printed in Latin, `km`)
        for p in stride(from: c.count - 2, through: max(4, c.count - 5), by: -1) where nameEnds(at: p) {
            let tail = c[p...]
            if latin(tail) >= 2, (1...2).contains(tail.count - latin(tail)), tail.first.map({ $0.isASCII && $0.isLetter }) == true
            {
                return (String(c[..<p]), String(tail), nil)
            }
        }
        return nil
    }

    /// Words that state a target without a figure, as the goal forms print them at a name's end.
    static let targetWords = ["长远", "长期", "显著", "明显", "提升", "提高", "良好", "持续"]
    /// Verbs that open a target in words with their object (`增加岗位`, `减少排放`).
    static let targetVerbs = ["增加", "减少", "降低"]

    /// The target in words glued to the end of `name`, or nil: a target word, or a target verb with
    /// an object of one or two characters; the name left must still be four characters or more.
    static func targetInWords(atEndOf name: String) -> String? {
        let c = Array(name)
        guard c.count >= 6 else { return nil }
        for w in targetWords where c.count - w.count >= 4 && name.hasSuffix(w) { return w }
        for v in targetVerbs {
            for object in 1...2 {
                let start = c.count - object - v.count
                guard start >= 4, String(c[start..<(start + v.count)]) == v,
                    c[(start + v.count)...].allSatisfy(GlueSplitter.isHan)
                else { continue }
                return String(c[start...])
            }
        }
        return nil
    }

    /// Digits that are a figure printed twice and then a count of points (`6620` → 6, 20;
    /// `1001005` → 100, 5): the shortest such figure, or nil.
    static func repeatedThenPoints(_ s: String) -> (String, String)? {
        let c = Array(s)
        guard c.count >= 3, c.count <= 12, c.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var k = 1
        while 2 * k < c.count {
            if c[..<k].elementsEqual(c[k..<(2 * k)]), c[0] != "0" || k == 1 {
                let rest = String(c[(2 * k)...])
                if rest.first != "0" || rest == "0", let p = Int(rest), p <= 100 { return (String(c[..<k]), rest) }
            }
            k += 1
        }
        return nil
    }

    /// A level name without wrap spaces or points (`产 出 指 标 (50分)` → `产出指标`).
    static func key(_ s: String) -> String {
        var k = TextNormalizer.withoutWhitespace(TextNormalizer.halfWidth(s))
        if let open = k.firstIndex(of: "("), open != k.startIndex { k = String(k[..<open]) }
        return k
    }

    /// The column `s` fills in the open row: where cells are counted, the next one; else the first
    /// from the next one whose content it fits. A name-like cell followed by a figure is the next
    /// row's name, not this row's text.
    private mutating func column(for s: String, next: StreamToken?) -> Int? {
        guard nextColumn < columns.count else { return nil }
        if fixedCount { return nextColumn }
        // a row of a block whose rows leave a column empty, not yet past that column: its text
        // cell is still to come, whatever it looks like
        let beforeDashed = dashedColumns.contains { $0 >= nextColumn }
        // (a name followed by its weight and a dash opens the next row, as the block's rows do)
        let opensRow =
            Grammar.isNameLike(s) && next.map { Grammar.isNumber($0.text) } == true
            && afterNext.map { ["一", "-", "—"].contains($0.text) } == true
        if beforeDashed, !opensRow,
            let c = (nextColumn..<columns.count).first(where: { !dashedColumns.contains($0) && Grammar.fits(s, columns[$0]) }),
            (nextColumn..<c).contains(where: { dashedColumns.contains($0) })
        {
            rowHadDash = true
            return c
        }
        if !sparseColumns.isEmpty, let first = (nextColumn..<columns.count).first(where: { Grammar.fits(s, columns[$0]) }),
            sparseColumns.contains(first),
            let later = ((first + 1)..<columns.count).first(where: { !sparseColumns.contains($0) && Grammar.fits(s, columns[$0]) }
            ),
            !(Grammar.isNameLike(s) && next.map({ Grammar.isFigure($0.text) }) == true && PlainText.count(s) > 6)
        {
            rowHadDash = true
            return later
        }
        if Grammar.isNameLike(s), let next, Grammar.isFigure(next.text), !Grammar.isFigure(s), !PlainText.hasPrefix(s, "反映") {
            // `有效` before `10` is a qualitative target; a name is longer than a target word
            if PlainText.count(s) > 6 { return nil }
        }
        for c in nextColumn..<columns.count where Grammar.fits(s, columns[c]) {
            // a name before a figure, where only prose columns are left (偏差原因), is the next row's
            if Grammar.isNameLike(s), let next, Grammar.isFigure(next.text), Self.proseColumns.contains(columns[c]),
                (c..<columns.count).allSatisfy({ Self.proseColumns.contains(columns[$0]) || !Grammar.fits(s, columns[$0]) })
            {
                return nil
            }
            return c
        }
        return nil
    }

    static let proseColumns: Set<FormVocabulary.Column> = [
        .field(.deviation), .field(.explanation), .field(.scoring), .field(.note), .field(.evidence), .field(.basis),
    ]

    /// Columns every complete row of the table fills with the same text (`得分系数` `100%`), from a
    /// first reading (`StreamRows.constantColumns`).
    var constantColumns: [Int: String] = [:]

    mutating func close() {
        guard let n = name else { return }
        name = nil
        // a cell that is the constant of a column the row leaves empty before its next cell stands
        // there (`“三公经费变动率 % 100% 22`: the 得分系数 every row prints, not the target)
        if !constantColumns.isEmpty {
            var c = 0
            while c < cells.count {
                guard !cells[c].isEmpty else { c += 1; continue }
                let r = ((c + 1)..<cells.count).first(where: { !cells[$0].isEmpty }) ?? cells.count
                if let k = ((c + 1)..<r).first(where: { constantColumns[$0] == cells[c] }) {
                    notes.append(
                        ImportNote(
                            .constantColumnMoved(
                                line: n.line, text: cells[c], column: StreamRows.word(for: columns[k]),
                                printedAs: StreamRows.word(for: columns[c])),
                            at: SourceLocation(line: n.line)))
                    cells[k] = cells[c]
                    cells[c] = ""
                    rowHadDash = true
                    c = r
                    continue
                }
                c += 1
            }
        }
        let bare = Reader.withoutTemplatePrefix(n.text) ?? n.text
        if bare.isEmpty && cells.allSatisfy(\.isEmpty) {
            notes.append(ImportNote(.templateEmptyRow(line: n.line, text: n.text), at: SourceLocation(line: n.line)))
            return
        }
        level1Empty = false
        var nameText = n.text
        // a goal table's row that has only its name: a target in words glued to the name's end
        // (`…影响长远`, `…水平提升`, `…就业岗位增加岗位`) is cut off as the target
        if !fixedCount, columns.first == .field(.value), cells.allSatisfy(\.isEmpty),
            let target = Self.targetInWords(atEndOf: bare)
        {
            nameText = String(bare.dropLast(target.count))
            cells[0] = target
            notes.append(
                ImportNote(
                    .targetGluedToName(line: n.line, text: Reader.preview(n.text), target: target),
                    at: SourceLocation(line: n.line)))
        }
        var row = StreamRows.row([level1?.text ?? "", level2?.text ?? "", nameText] + cells, line: n.line)
        row.columnsDecided = rowHadDash
        rowHadDash = false
        rows.append(row)
    }
}
