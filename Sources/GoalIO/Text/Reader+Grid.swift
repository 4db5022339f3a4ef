import GoalCore

/// The indicator grid: aligning a row's cells, reading levels, building the indicator.
extension Reader {
    mutating func gridRow(_ row: SourceRow) {
        guard let aligner else { return }
        if let first = row.nonEmpty.first?.cell.text, Self.totalRowWords.contains(TextNormalizer.labelKey(first)) {
            note(.totalRow(line: row.line, text: first), line: row.line)
            return
        }
        // most rows hold no placeholder: their cells are taken as they are, without a filtered copy
        var cells = row.nonEmpty
        if cells.contains(where: { $0.cell.isPlaceholder }) { cells.removeAll { $0.cell.isPlaceholder } }
        let input = cells.map {
            RowAligner.Cell(position: gridWithoutPositions ? nil : Double($0.position), features: features($0.cell.text))
        }
        var placement = aligner.align(input)
        // a row the stream reading rebuilt around a dash printed for an empty cell keeps the
        // columns the dash decided (`4 一 目标明确…`: the text is not the target)
        if row.columnsDecided, let decided = aligner.decided(input) { placement = decided }
        if gridWithoutPositions, let pair = aligner.pointsPair(input.map(\.features), placement) {
            let ks = placement.columnOfCell.indices.filter { placement.columnOfCell[$0] != nil && (input[$0].features.isNumber) }
            placement.columnOfCell[ks[0]] = pair.weight
            placement.columnOfCell[ks[1]] = pair.score
            note(
                .twoFiguresAsWeightAndScore(line: row.line, first: cells[ks[0]].cell.text, second: cells[ks[1]].cell.text),
                line: row.line)
        }
        var fields = RowFields()
        var moved: [String] = []
        for (k, col) in placement.columnOfCell.enumerated() {
            let text = cells[k].cell.text
            guard let col else {
                note(.cellUnplaced(line: row.line, position: cells[k].position + 1, text: Self.preview(text)), line: row.line)
                continue
            }
            let column = aligner.columns[col]
            // 得分系数 has no field of its own: kept beside the row as a remark, as 是否核心指标 is
            if case .scoreFactor = column.kind {
                fields[.note] = (fields[.note].map { $0 + "；" } ?? "") + "得分系数" + text
                continue
            }
            guard case .field(let f) = column.kind else { continue }
            // two remark columns (备注 and 指标方向) are both kept
            if f == .note, let earlier = fields[f] { fields[f] = earlier + "；" + text } else { fields[f] = text }
            if !gridWithoutPositions, abs(column.position - Double(cells[k].position)) >= 0.75 {
                moved.append("“\(Self.preview(text, 10))”→\(f.label)")
            }
        }
        interpret(fields, line: row.line, moved: moved)
    }

    /// A weight wrapped onto a line of its own under a row that has none (`…定性 高中低` / `10`), in a
    /// grid read without positions: the row's weight. True when the line was that.
    mutating func wrappedWeight(_ row: SourceRow) -> Bool {
        guard let aligner else { return false }
        // a weight wrapped onto a line of its own under a row that has none (`…定性 高中低` / `10`)
        if gridWithoutPositions, previousRowWasIndicator, row.nonEmpty.count == 1,
            let w = TextNormalizer.number(row.nonEmpty[0].cell.text),
            w > 0, w <= 100, aligner.columns.contains(where: { $0.kind == .field(.weight) }),
            let di = drafts.indices.last, let last = drafts[di].rows.indices.last, drafts[di].rows[last].indicator.weight == nil
        {
            drafts[di].rows[last].indicator.weight = w
            lastEventWasIndicator = true
            note(
                .weightOnNextLine(line: row.line, text: row.nonEmpty[0].cell.text), line: row.line,
                indicator: last, field: .weight)
            return true
        }
        return false
    }

    /// A cell's features, worked out once per text (`CellCache`).
    mutating func features(_ text: String) -> CellFeatures {
        let taxonomy = self.taxonomy
        return featureCache.value(for: text) { CellFeatures($0, taxonomy: taxonomy) }
    }

    /// `Target.parse` of a value or weight cell, once per text. The cache is keyed by exact bytes, so
    /// the cached `written` and `valueText` are always the cell's own spelling.
    mutating func target(_ text: String) -> Target {
        targetCache.value(for: text, Target.parse)
    }

    static let totalRowWords = WordSet(["总分", "合计", "总计", "小计", "合计得分", "总得分", "自评总分", "总分值"])

    /// Builds an indicator (or reads a label row) from the cells placed in columns.
    mutating func interpret(_ fieldsIn: RowFields, line: Int, moved: [String]) {
        var fields = fieldsIn
        // A text in the 一级 column that is exactly a 二级 name (`满意度`) is the 二级.
        if let l1 = fields[.level1], fields[.level2] == nil,
            ImportTaxonomy.isExactLevel2(l1) && !ImportTaxonomy.isExactLevel1(l1)
                || (fields[.level1].map { taxonomy.level1(named: $0) == nil && taxonomy.level2(named: $0) != nil } ?? false)
        {
            fields[.level2] = fields[.level1]
            fields[.level1] = nil
        }
        let name = fields[.name]
        let hasTarget = fields[.value] != nil || fields[.type] != nil
        let substantive = [IndicatorField.scoring, .weight, .basis, .lastYear, .explanation, .evidence, .note, .actual].filter {
            fields[$0] != nil
        }.count
        let printed1 = fields[.level1], printed2 = fields[.level2]

        if name == nil && !hasTarget {
            applyLevels(level1: printed1, level2: printed2, line: line)
            if let text = fields[.explanation] ?? fields[.scoring] ?? fields[.note] {
                let next = drafts.last?.rows.count
                current?.paragraphs.append(
                    .init(
                        text: text, firstLine: line, lastLine: line, follows: nil, onLabelRow: true,
                        nextIndicator: next))
            }
            return
        }
        if name == nil && (fields[.value] == nil || substantive < 2) {
            applyLevels(level1: printed1, level2: printed2, line: line)
            let shown = [IndicatorField.type, .value, .unit].compactMap { fields[$0] }.joined(separator: " ")
            note(.rowWithoutName(line: line, text: Self.preview(shown)), line: line)
            return
        }
        applyLevels(level1: printed1, level2: printed2, line: line)
        if !moved.isEmpty, let idx = currentRowCount {
            note(
                .cellsRealigned(line: line, moves: moved),
                line: line, indicator: idx)
        }
        addIndicator(fields: fields, line: line, level1Printed: printed1 != nil, level2Printed: printed2 != nil)
    }

    /// Carries 一级/二级 down the grid as merged cells do, and infers the 一级 from the 二级 where the
    /// carried one cannot hold it (社会效益指标 is never under 产出指标).
    mutating func applyLevels(level1 printed1: String?, level2 printed2: String?, line: Int) {
        let l1 = printed1.map { cleanedLevel($0, line: line, label: "一级") }
        let l2 = printed2.map { cleanedLevel($0, line: line, label: "二级") }
        if let l1 {
            level1 = l1
            level2 = ""
        }
        if let l2 {
            level2 = l2
            if l1 == nil {
                let parents = taxonomy.parents(ofLevel2: l2)
                if !parents.isEmpty, !parents.contains(where: { Taxonomy.key($0) == Taxonomy.key(level1) }) {
                    let inferred = parents[0]
                    let idx = currentRowCount
                    if level1.isEmpty {
                        note(
                            .level1Inferred(line: line, level2: l2, inferred: inferred), line: line, indicator: idx,
                            field: .level1
                        )
                    } else {
                        note(
                            .level1InferredNotCarried(line: line, carried: level1, level2: l2, inferred: inferred), line: line,
                            indicator: idx, field: .level1)
                    }
                    level1 = inferred
                }
            }
        }
    }

    /// A level name without the list number or the points printed with it (`一、产出指标（50分）` is
    /// 产出指标), when what is left is a level of the taxonomy; the change is reported.
    mutating func cleanedLevel(_ printedIn: String, line: Int, label: String) -> String {
        var printed = printedIn
        // a level name wrapped in its cell comes with the wrap's spaces (`经济效益 指标`, `产 出 指 标`)
        if PlainText.containsByte(printed, UInt8(ascii: " ")) || TextNormalizer.contains(printed, "\u{00A0}") {
            let joined = TextNormalizer.withoutWhitespace(printed)
            if joined != printed, PlainText.count(joined) <= 24, !joined.contains(where: { $0.isASCII && $0.isLetter }) {
                note(
                    .levelNameWrapSpace(line: line, level: label, printed: Self.preview(printed), read: joined), line: line,
                    indicator: currentRowCount, field: label == "一级" ? .level1 : .level2)
                printed = joined
            }
        }
        guard let clean = Self.levelName(printed), taxonomy.level1(named: clean) != nil || taxonomy.level2(named: clean) != nil
        else { return printed }
        note(
            .levelNameCleaned(line: line, level: label, printed: Self.preview(printed), read: clean), line: line,
            indicator: currentRowCount, field: label == "一级" ? .level1 : .level2)
        return clean
    }

    /// `printed` without a leading list number (`一、`, `1.`, `（一）`) and a bracketed remark with a
    /// figure at its end (`（50分）`, `(权重30%)`); nil when there is neither.
    static func levelName(_ printed: String) -> String? {
        // nearly every level is printed bare: neither a numeral or bracket first nor a bracket last
        guard let first = printed.unicodeScalars.first, let last = printed.unicodeScalars.last,
            last == ")" || last == "）" || Self.enumerationStarts.contains(first)
        else { return nil }
        var t = Substring(TextNormalizer.trim(printed))
        // half-width folding maps Character to Character, so the stripped length applies to the original
        let folded = TextNormalizer.halfWidth(String(t))
        let stripped = FormVocabulary.stripEnumeration(folded)
        if stripped.count < folded.count { t = t.suffix(stripped.count) }
        if let last = t.last, last == ")" || last == "）", let open = t.lastIndex(where: { $0 == "(" || $0 == "（" }),
            open != t.startIndex
        {
            let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
            if inner.contains(where: { $0.isNumber }) { t = t[..<open] }
        }
        let clean = TextNormalizer.trim(t)
        return clean.isEmpty || clean == printed ? nil : clean
    }

    private static let enumerationStarts = Set("0123456789０１２３４５６７８９一二三四五六七八九十(（".unicodeScalars)

    mutating func addIndicator(fields: RowFields, line: Int, level1Printed: Bool, level2Printed: Bool) {
        guard !drafts.isEmpty else { return }
        let di = drafts.count - 1
        let idx = drafts[di].rows.count
        var name = fields[.name] ?? ""
        if let bare = Self.withoutTemplatePrefix(name) {
            note(
                .templatePrefixRemoved(line: line, printed: Self.preview(name), read: bare), line: line, indicator: idx,
                field: .name)
            name = bare
            // `指标1:/ / /`: the template row marked not applicable is no indicator
            if Cell(raw: bare).isPlaceholder {
                note(.templateRowNotApplicable(line: line, text: Self.preview(fields[.name] ?? "")), line: line)
                return
            }
        }
        var l1 = level1, l2 = level2
        if drafts[di].resolvedKind == .provincial, !level2Printed, let common = taxonomy.commonIndicator(named: name),
            Taxonomy.key(common.level2) != Taxonomy.key(l2)
        {
            if !l2.isEmpty || !l1.isEmpty {
                note(
                    .commonIndicatorLevel2(line: line, name: name, level2: common.level2), line: line, indicator: idx,
                    field: .level2)
            }
            l1 = common.level1; l2 = common.level2
        }
        if name.isEmpty {
            note(.nameMissing(line: line), line: line, indicator: idx, field: .name)
        }
        var (type, value, unit) = readTarget(fields: fields, name: name, level1: l1, line: line, index: idx)
        if type.isQuantitative, unit == nil, let inName = Self.unitInName(name) {
            unit = inName
            note(.unitInName(line: line, unit: inName), line: line, indicator: idx, field: .unit)
        }
        if value.isEmpty, !name.isEmpty {
            note(.valueMissing(line: line, name: Self.preview(name)), line: line, indicator: idx, field: .value)
        }
        var weight: Double?
        if let w = fields[.weight] {
            weight = target(w).number
            if weight == nil {
                note(.weightNotNumber(line: line, text: Self.preview(w)), line: line, indicator: idx, field: .weight)
            }
        } else if let s = fields[.scoring], let p = ScoringPoints.fullPoints(in: s) {
            weight = p
        }
        var actual = fields[.actual]
        if let a = actual, let read = Self.ocrAtLeastRate(a, name: name) {
            note(
                .actualAtLeastMisread(line: line, name: Self.preview(name), printed: a, read: read),
                line: line, indicator: idx, field: .actual)
            actual = read
        }
        let ind = Indicator(
            level1: l1, level2: l2, name: name, type: type, value: value, unit: unit,
            explanation: fields[.explanation], scoring: fields[.scoring], weight: weight, basis: fields[.basis],
            lastYear: fields[.lastYear], evidence: fields[.evidence], note: fields[.note])
        drafts[di].append(
            .init(
                indicator: ind, evaluation: IndicatorEvaluation(actual: actual, deviation: fields[.deviation]), line: line,
                level1Printed: level1Printed, level2Printed: level2Printed),
            nameKey: TextKey(TextNormalizer.labelKey(name)))
        lastEventWasIndicator = true
        if level1Printed { backfillLevel1(from: idx) }
        if level2Printed { backfillLevel2(from: idx) }
    }

    /// Type, value and unit from the cells, as the forms allow them to be written: in three columns,
    /// or operator, number and unit in one cell (`>=98%`), or a bare number with the operator implied.
    mutating func readTarget(fields: RowFields, name: String, level1: String, line: Int, index: Int) -> (
        Comparison, String, String?
    ) {
        let valueText = fields[.value] ?? ""
        let unitText = fields[.unit]
        var explicit: Comparison?
        if let typeText = fields[.type], PlainText.hasPrefix(typeText, "定"),
            Grammar.natureWords.contains(TextNormalizer.labelKey(typeText)),
            typeText != "定性指标" || valueText.isEmpty || target(valueText).number == nil
        {
            // 定量指标 says only that the target is a figure: the figure gives the operator; 定性指标 a text
            explicit = typeText == "定性指标" ? .qualitative : nil
        } else if let typeText = fields[.type] {
            explicit = Comparison.parse(typeText)
            if explicit == nil {
                note(
                    .typeUnknown(line: line, text: Self.preview(typeText)), line: line,
                    indicator: index, field: .type)
            }
        }
        if explicit == .qualitative {
            return (.qualitative, valueText, nil)
        }
        let t = target(valueText)
        if let explicit {
            if t.number != nil { return (explicit, t.valueText, unitText ?? t.unit) }
            return (explicit, valueText, unitText)
        }
        guard let number = t.number else {
            if let c = t.comparison, c != .qualitative {
                return (c, t.valueText, unitText)
            }
            // no target at all: the unit column, where printed, is kept as printed (the row is reported as
            // missing its target, not turned into a 定性 row with a unit thrown away)
            if valueText.allSatisfy(\.isWhitespace), let unitText, !unitText.isEmpty { return (.qualitative, "", unitText) }
            return (.qualitative, valueText, nil)
        }
        if let c = t.comparison { return (c, t.valueText, unitText ?? t.unit) }
        let unit = unitText ?? t.unit
        // OCR reads `≥` as `2`: `290%` for a rate cannot be, `≥90%` can
        if unit.map({ MeasureUnit($0).isPercent }) == true, number > 100, t.valueText.hasPrefix("2"),
            PlainText.contains(name, "率") || PlainText.contains(name, "满意度"),
            let rest = Double(t.valueText.dropFirst()), rest <= 100, !t.valueText.dropFirst().hasPrefix("0")
        {
            note(
                .targetAtLeastMisread(
                    line: line, name: Self.preview(name), printed: valueText, read: "≥\(t.valueText.dropFirst())"),
                line: line, indicator: index, field: .type)
            return (.atLeast, String(t.valueText.dropFirst()), unit)
        }
        // a bare figure says the target is that figure: `=` is what is printed (as careful readers
        // transcribe it), not a guess at the direction, which the checker asks about rule by rule.
        // Words that give the direction (`95%以上`, `不低于`) were read above as the operator.
        note(.targetWithoutOperator(line: line, text: valueText), line: line, indicator: index, field: .type)
        return (.equal, t.valueText, unit)
    }

    /// A rate printed over 100% with a leading `2` (`290%`), as OCR prints `≥90%`: `≥90%`, or nil.
    /// The same reading as for targets (`readTarget`), for a figure written as text.
    static func ocrAtLeastRate(_ text: String, name: String) -> String? {
        let t = TextNormalizer.trim(TextNormalizer.halfWidth(text))
        guard t.utf8.count <= 8, t.hasPrefix("2"), t.hasSuffix("%"),
            PlainText.contains(name, "率") || PlainText.contains(name, "满意度")
        else { return nil }
        let digits = t.dropFirst().dropLast()
        guard !digits.hasPrefix("0"), let rest = Double(digits), rest <= 100, let whole = Double(t.dropLast()), whole > 100 else {
            return nil
        }
        return "≥" + digits + "%"
    }

    /// A unit printed in brackets at the end of a name: `培训人数（人次）` → `人次`.
    static func unitInName(_ name: String) -> String? {
        let folded = TextNormalizer.halfWidth(name)
        guard folded.hasSuffix(")"), let open = folded.lastIndex(of: "(") else { return nil }
        let inner = String(folded[folded.index(after: open)..<folded.index(before: folded.endIndex)])
        return CellFeatures.looksLikeUnit(inner) ? inner : nil
    }

    /// A name printed after the template's numbering, `指标1：` / `指标2` (the form prints 指标1, 指标2,
    /// …… as placeholders and units write their indicator after it): the name alone, or nil when
    /// there is no such prefix. A placeholder left unfilled gives the empty name.
    static func withoutTemplatePrefix(_ name: String) -> String? {
        guard PlainText.hasPrefix(name, "指标") else { return nil }
        var rest = Substring(name).dropFirst(2)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        rest = rest.dropFirst(digits.count)
        if let c = rest.first, c == ":" || c == "：" || c == "." || c == "、" { rest = rest.dropFirst() }
        return TextNormalizer.trim(rest)
    }

    /// 一级 printed on the middle row of a merged group: earlier rows of the group that carried nothing,
    /// or a 一级 that cannot hold their 二级, take the printed one.
    mutating func backfillLevel1(from idx: Int) {
        let di = drafts.count - 1
        let l1 = drafts[di].rows[idx].indicator.level1
        var i = idx - 1
        // merged groups are a few rows: look back no further than that
        while i >= 0, i >= idx - Self.maxGroupRows, !drafts[di].rows[i].level1Printed {
            let r = drafts[di].rows[i].indicator
            let fits = taxonomy.allows(level1: l1, level2: r.level2) || r.level2.isEmpty
            let carriedFits = !r.level1.isEmpty && (r.level2.isEmpty || taxonomy.allows(level1: r.level1, level2: r.level2))
            guard fits, !carriedFits else { break }
            drafts[di].rows[i].indicator.level1 = l1
            let line = drafts[di].rows[i].line
            note(.level1FilledBack(line: line, level1: l1), line: line, indicator: i, field: .level1)
            i -= 1
        }
    }

    static let maxGroupRows = 40

    /// 二级 printed on the middle row of a merged group: earlier rows of the same 一级 that had no
    /// 二级 to carry take the printed one. Rows at the top of the grid, which had no 一级 to carry
    /// either, take both.
    mutating func backfillLevel2(from idx: Int) {
        let di = drafts.count - 1
        let row = drafts[di].rows[idx].indicator
        var i = idx - 1
        while i >= 0, i >= idx - Self.maxGroupRows, !drafts[di].rows[i].level2Printed, drafts[di].rows[i].indicator.level2.isEmpty
        {
            let above = drafts[di].rows[i].indicator.level1
            let line = drafts[di].rows[i].line
            if above.isEmpty, !row.level1.isEmpty, !drafts[di].rows[i].level1Printed {
                // a row at the top of the grid: both levels are those of the row below
                drafts[di].rows[i].indicator.level1 = row.level1
                drafts[di].rows[i].indicator.level2 = row.level2
                note(
                    .levelsFilledFromBelow(
                        line: line, sourceLine: drafts[di].rows[idx].line, level1: row.level1, level2: row.level2),
                    line: line, indicator: i, field: .level2)
                i -= 1
                continue
            } else if Taxonomy.key(above) != Taxonomy.key(row.level1) {
                break
            }
            drafts[di].rows[i].indicator.level2 = row.level2
            note(.level2FilledBack(line: line, level2: row.level2), line: line, indicator: i, field: .level2)
            i -= 1
        }
    }

    // MARK: loose lines (one cell per line inside the grid)

    /// A single-cell line inside the grid: a level label, a piece of a vertically printed row
    /// (name / type / value), or a paragraph of explanation text printed away from its row.
    mutating func looseLine(_ text: String, line: Int) {
        let f = features(text)
        let isLabel = f.length <= 12 && (f.isLevel1 || f.isLevel2) && !f.isCommonIndicator
        if isLabel {
            flushPending()
            let exact2 = ImportTaxonomy.isExactLevel2(text) && !ImportTaxonomy.isExactLevel1(text)
            if f.isLevel1 && !exact2 {
                applyLevels(level1: text, level2: nil, line: line)
            } else {
                applyLevels(level1: nil, level2: text, line: line)
            }
            return
        }
        if let pending = pendingName {
            if f.isOperator, let c = Comparison.parse(text) {
                pendingType = (c, line)
                return
            }
            if f.isTarget || f.isNumber {
                addVertical(name: pending, fields: [.value: text], line: line)
                return
            }
            if let (c, _) = pendingType, f.isShortPhrase, f.length <= 10 {
                addVertical(name: pending, fields: [.type: c.rawValue, .value: text], line: line)
                return
            }
        }
        if let last = peek({ $0.paragraphs.last }) ?? nil, !last.onLabelRow, last.isOpen, last.lastLine < line, pendingName == nil
        {
            let d = drafts.count - 1, p = drafts[d].paragraphs.count - 1
            drafts[d].paragraphs[p].text += text
            drafts[d].paragraphs[p].lastLine = line
            return
        }
        let nameLike = f.isShortPhrase && f.length <= 20 && !f.isTarget && !f.isScoringText && !f.hasSentenceMarks
        if nameLike {
            if let pending = pendingName, existingIndicator(named: pending.text + text) != nil {
                pendingName = (pending.text + text, pending.line)
                return
            }
            flushPending()
            pendingName = (text, line)
            return
        }
        flushPending()
        let follows = previousRowWasIndicator ? currentRowCount.map { $0 - 1 } : nil
        current?.paragraphs.append(.init(text: text, firstLine: line, lastLine: line, follows: follows))
    }

    mutating func existingIndicator(named name: String) -> Int? {
        let key = TextKey(TextNormalizer.labelKey(name))
        return peek { $0.nameIndex[key] } ?? nil
    }

    /// A row printed down the page (name, then type, then value). A repeat of a row already read is
    /// not read twice.
    mutating func addVertical(name: (text: String, line: Int), fields: RowFields, line: Int) {
        pendingName = nil
        pendingType = nil
        if let existing = existingIndicator(named: name.text), let row = current?.rows[existing] {
            note(.verticalRowDuplicate(line: name.line, lastLine: line, name: name.text, firstLine: row.line), line: name.line)
            return
        }
        var f = fields
        f[.name] = name.text
        note(.verticalRowJoined(line: name.line, lastLine: line), line: name.line, indicator: currentRowCount)
        addIndicator(fields: f, line: name.line, level1Printed: false, level2Printed: false)
    }

    mutating func flushPending() {
        guard let p = pendingName else { return }
        pendingName = nil
        pendingType = nil
        if let existing = existingIndicator(named: p.text), let row = current?.rows[existing] {
            note(.nameDuplicate(line: p.line, name: p.text, firstLine: row.line), line: p.line)
        } else {
            note(.nameWithoutValue(line: p.line, text: Self.preview(p.text)), line: p.line)
        }
    }

    // MARK: vertical tables

    /// Rows of a table printed one cell per line: a new row starts where a cell can only belong to a
    /// column left of the one before it.
    mutating func flushVerticalChunk() {
        guard !verticalChunk.isEmpty, let aligner else { verticalChunk = []; return }
        var chunk: [(text: String, line: Int)] = []
        var lastBest = -1
        func emit(_ c: [(text: String, line: Int)]) {
            guard !c.isEmpty else { return }
            let input = c.map { RowAligner.Cell(position: nil, features: CellFeatures($0.text, taxonomy: taxonomy)) }
            let placement = aligner.align(input)
            var fields = RowFields()
            for (k, col) in placement.columnOfCell.enumerated() {
                if let col, case .field(let f) = aligner.columns[col].kind { fields[f] = c[k].text }
            }
            interpret(fields, line: c[0].line, moved: [])
        }
        let cells = verticalChunk
        verticalChunk = []
        for cell in cells {
            let f = CellFeatures(cell.text, taxonomy: taxonomy)
            var best = 0, bestScore = -Double.infinity
            for (j, col) in aligner.columns.enumerated() {
                let s = aligner.affinity(f, col.kind)
                if s > bestScore { bestScore = s; best = j }
            }
            if best <= lastBest, !chunk.isEmpty {
                emit(chunk); chunk = []
            }
            chunk.append(cell)
            lastBest = best
        }
        emit(chunk)
    }
}
