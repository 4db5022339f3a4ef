import GoalCore

/// The passes run when a table has been read: placing explanations printed away from their rows,
/// matching task contents to task names, and building the tables with their notes.
extension Reader {
    mutating func finish() -> ImportResult {
        var tables: [GoalTable] = []
        var finalNotes: [ImportNote] = []
        var indexMap: [Int: Int] = [:]
        for i in drafts.indices {
            placeExplanations(in: i)
            inferYearFromFilingDate(in: i)
            inferYearFromText(in: i)
            let tasks = assignTasks(in: i)
            let d = drafts[i]
            // A form whose title and header block are filled but whose indicators are not yet (a 申报表
            // exported before the unit filled them) is still that table: kept, with a note, so that its
            // header is not lost. A title or a header alone is not a table.
            if d.rows.isEmpty, d.title != nil, d.hasHeaderContent {
                notes.append(
                    ImportNote(
                        .headerOnlyTable(line: d.startLine, title: Self.preview(d.title ?? "表格")),
                        at: SourceLocation(line: d.startLine, table: i)))
                indexMap[i] = tables.count
                var t = d.build()
                t.tasks = tasks
                tables.append(t)
                continue
            }
            if d.rows.isEmpty {
                if d.hasHeaderContent || d.title != nil {
                    let what = d.title ?? d.unit ?? "表格"
                    notes.append(
                        ImportNote(
                            .tableWithoutIndicators(line: d.startLine, title: Self.preview(what)),
                            at: SourceLocation(line: d.startLine)))
                }
                continue
            }
            indexMap[i] = tables.count
            var t = d.build()
            t.tasks = tasks
            tables.append(t)
        }
        if skippedLines > Self.maxSkipNotes {
            notes.append(ImportNote(.moreLinesSkipped(count: skippedLines - Self.maxSkipNotes), at: SourceLocation()))
        }
        for n in notes {
            var m = n
            if let t = n.location.table { m.location.table = indexMap[t] }
            if m.location.table == nil { m.location.indicator = nil }
            finalNotes.append(m)
        }
        return ImportResult(tables: tables, notes: finalNotes)
    }

    /// A goal form that prints no year anywhere but its 填报日期 is the budget year it was filed
    /// for: the year of the date when filed from January to August (the approved budget's goals),
    /// the next year when filed from September on (the goals drafted with next year's budget).
    /// Reported, to be checked. A self-evaluation is filed after its year and is left without one.
    mutating func inferYearFromFilingDate(in i: Int) {
        let d = drafts[i]
        guard d.year == nil, let title = d.title, !TextNormalizer.contains(title, "自评"),
            let date = d.signoff.filledOn, let normal = SignoffReader.normalizeDate(date)
        else { return }
        let parts = normal.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return }
        let year = parts[1] >= 9 ? parts[0] + 1 : parts[0]
        drafts[i].year = year
        notes.append(
            ImportNote(
                .yearFromFilingDate(line: d.startLine, date: normal, year: year, nextYear: parts[1] >= 9),
                at: SourceLocation(line: d.startLine, table: i)))
    }

    /// A self-evaluation that prints no year in its title or header, whose text names one year and
    /// only one (`中心2021年较好地完成了履职任务`): the year it evaluates. Reported, to be checked.
    /// The table's own lines are read once.
    mutating func inferYearFromText(in i: Int) {
        let d = drafts[i]
        guard d.year == nil, let title = d.title, TextNormalizer.contains(title, "自评") else { return }
        let end = i + 1 < drafts.count ? drafts[i + 1].startLine : Int.max
        var years = Set<Int>()
        var firstLine = d.startLine
        // the rows are in line order: the table's first is found by halving, and only its own are read
        var lo = 0, hi = rows.count
        while lo < hi { let mid = (lo + hi) / 2; if rows[mid].line < d.startLine { lo = mid + 1 } else { hi = mid } }
        for row in rows[lo...].prefix(while: { $0.line < end }) where !SignoffReader.isSignoff(row) {
            for (_, cell) in row.nonEmpty where TextNormalizer.contains(cell.text, "年") {
                for y in Self.yearsNamed(in: cell.text) where years.insert(y).inserted && years.count == 1 {
                    firstLine = row.line
                }
                if years.count > 1 { return }
            }
        }
        guard years.count == 1, let year = years.first else { return }
        drafts[i].year = year
        notes.append(
            ImportNote(
                .yearFromText(line: d.startLine, year: year, mentionedOn: firstLine),
                at: SourceLocation(line: d.startLine, table: i)))
    }

    /// The years a text names: four digits 1990–2100 right before 年, not a date's (`2023年3月9日`
    /// names a day: when a form was filled, not the year it speaks of).
    static func yearsNamed(in text: String) -> [Int] {
        let c = Array(TextNormalizer.halfWidth(text))
        var out: [Int] = []
        var i = 0
        while i + 4 < c.count {
            if c[i + 4] == "年", c[i..<(i + 4)].allSatisfy({ $0.isASCII && $0.isNumber }),
                i == 0 || !(c[i - 1].isASCII && c[i - 1].isNumber),
                let y = Int(String(c[i..<(i + 4)])), (1990...2100).contains(y)
            {
                var j = i + 5
                while j < c.count, j - i <= 7, c[j].isASCII && c[j].isNumber { j += 1 }
                if !(j > i + 5 && j < c.count && c[j] == "月") { out.append(y) }
                i += 5
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: tasks

    /// The table's tasks, contents matched to names; each move is reported.
    mutating func assignTasks(in i: Int) -> [AnnualTask] {
        let d = drafts[i]
        guard !d.taskNames.isEmpty else { return [] }
        let (tasks, moved) = TaskReader.assign(names: d.taskNames, contents: d.taskContents)
        for m in moved {
            let name = d.taskNames[m.to]
            let from = d.taskContents[m.content].after
            let fromName = from >= 0 && from < d.taskNames.count ? d.taskNames[from].name : "?"
            notes.append(
                ImportNote(
                    .taskContentMoved(line: name.line, printedAfter: fromName, movedTo: name.name),
                    at: SourceLocation(line: name.line, table: i)))
        }
        return tasks
    }

    // MARK: explanations

    /// Explanations printed on the wrong row or away from the grid, put where their words say they
    /// belong: a definition `X=…` belongs to indicator X; a text on a 二级 label row to the next
    /// indicator; a loose paragraph to the indicator whose name (or 二级) it repeats.
    mutating func placeExplanations(in ti: Int) {
        var d = drafts[ti]
        guard !d.rows.isEmpty else { return }
        // the rows are changed out of the array (put back at the end), so the first change does not
        // copy every row
        drafts[ti].rows = []
        let names = d.rows.map(\.indicator.name)
        // the index addIndicator keeps as rows are read: names are never changed after that
        let lookup = NameLookup(names: names, exact: d.nameIndex)

        // 1. own explanations that define another indicator move to it
        var incoming: [Int: (text: String, from: Int)] = [:]
        for (i, r) in d.rows.enumerated() {
            guard let e = r.indicator.explanation, let x = Self.definedName(in: e) else { continue }
            if Self.nameMatches(x, names[i]) { continue }
            if let target = Self.indicator(named: x, in: lookup), target != i {
                incoming[target] = (e, i)
            } else {
                notes.append(
                    ImportNote(
                        .definitionOfMissingIndicator(line: r.line, row: names[i], defined: x),
                        at: SourceLocation(line: r.line, table: ti, indicator: i, field: .explanation)))
            }
            d.rows[i].indicator.explanation = nil
        }
        for (target, item) in incoming.sorted(by: { $0.key < $1.key }) {
            if let own = d.rows[target].indicator.explanation,
                Self.definedName(in: own).map({ Self.nameMatches($0, names[target]) }) == true
            {
                notes.append(
                    ImportNote(
                        .definitionTargetExplained(line: d.rows[item.from].line, defined: names[target]),
                        at: SourceLocation(line: d.rows[item.from].line, table: ti, indicator: item.from)))
                continue
            }
            d.rows[target].indicator.explanation = item.text
            notes.append(
                ImportNote(
                    .definitionMoved(line: d.rows[item.from].line, defined: names[target], toLine: d.rows[target].line),
                    at: SourceLocation(line: d.rows[item.from].line, table: ti, indicator: target, field: .explanation)))
        }

        // 2. text on a label row belongs to the next indicator, if that one has none
        var free: [TableDraft.Paragraph] = []
        for p in d.paragraphs {
            if p.onLabelRow, let next = p.nextIndicator, next < d.rows.count, d.rows[next].indicator.explanation == nil {
                d.rows[next].indicator.explanation = p.text
                notes.append(
                    ImportNote(
                        .level2RowTextToNext(line: p.firstLine, name: names[next], toLine: d.rows[next].line),
                        at: SourceLocation(line: p.firstLine, table: ti, indicator: next, field: .explanation)))
            } else {
                free.append(p)
            }
        }

        // 3. loose paragraphs: definitions, then shared words, then the row just above
        var candidates: [(score: Int, para: Int, row: Int)] = []
        var placed = Set<Int>()
        // the 4-character runs of each row's name and group, made once for all paragraphs
        var rowRuns: [(name: [UInt64], group: [UInt64])]?
        for (pi, p) in free.enumerated() {
            if PlainText.containsAny(p.text, of: FormVocabulary.groupTemplatePhrases) {
                notes.append(
                    ImportNote(
                        .groupTemplateText(line: p.firstLine, text: Self.preview(p.text, 16)),
                        at: SourceLocation(line: p.firstLine, table: ti)))
                placed.insert(pi)
                continue
            }
            if let x = Self.definedName(in: p.text) {
                if let target = Self.indicator(named: x, in: lookup) {
                    candidates.append((1000 + PlainText.count(x), pi, target))
                } else {
                    notes.append(
                        ImportNote(
                            .explanationOfMissingIndicator(line: p.firstLine, name: x),
                            at: SourceLocation(line: p.firstLine, table: ti)))
                    placed.insert(pi)
                }
                continue
            }
            // matching by shared words compares every paragraph with every row: real tables have tens
            // of each; a huge paste of loose text is not matched (and its paragraphs are reported)
            guard free.count * d.rows.count <= Self.maxMatchPairs, PlainText.count(p.text) <= 4000 else { continue }
            let runs =
                rowRuns
                ?? d.rows.map {
                    (
                        TextSimilarity.runHashes(of: $0.indicator.name, length: 4),
                        TextSimilarity.runHashes(of: $0.indicator.level2, length: 4)
                    )
                }
            rowRuns = runs
            let paragraphRuns = Set(TextSimilarity.runHashes(of: p.text, length: 4))
            // by index: copying a row out copies its indicator's every field, for each of the pairs
            for ri in d.rows.indices where d.rows[ri].indicator.explanation == nil {
                // a match needs 4 shared characters in a row: skip the pairs that share no 4 of the name's
                guard
                    runs[ri].name.contains(where: paragraphRuns.contains)
                        || runs[ri].group.contains(where: paragraphRuns.contains)
                else { continue }
                let name = d.rows[ri].indicator.name, group = d.rows[ri].indicator.level2
                let byName = TextSimilarity.longestCommonSubstring(name, p.text)
                let byGroup = Self.isSpecificGroup(group) ? TextSimilarity.longestCommonSubstring(group, p.text) : 0
                let nameOK = byName >= 4 && byName * 2 >= PlainText.count(name)
                // a group's name counts only when the text repeats it whole (反映…重点工作任务完成情况)
                let groupOK = byGroup >= max(4, PlainText.count(group) - 1)
                // at equal length, the indicator's own name is the stronger sign
                if nameOK || groupOK { candidates.append((max(nameOK ? byName * 2 : 0, groupOK ? byGroup * 2 - 1 : 0), pi, ri)) }
            }
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.para < $1.para }
        var filled = Set<Int>()
        for c in candidates
        where !placed.contains(c.para) && !filled.contains(c.row) && d.rows[c.row].indicator.explanation == nil {
            d.rows[c.row].indicator.explanation = free[c.para].text
            placed.insert(c.para); filled.insert(c.row)
            notes.append(
                ImportNote(
                    .explanationByContent(line: free[c.para].firstLine, name: names[c.row], toLine: d.rows[c.row].line),
                    at: SourceLocation(line: free[c.para].firstLine, table: ti, indicator: c.row, field: .explanation)))
        }
        for (pi, p) in free.enumerated() where !placed.contains(pi) {
            if let f = p.follows, f >= 0, f < d.rows.count, d.rows[f].indicator.explanation == nil {
                d.rows[f].indicator.explanation = p.text
                notes.append(
                    ImportNote(
                        .explanationFollowing(line: p.firstLine, name: names[f]),
                        at: SourceLocation(line: p.firstLine, table: ti, indicator: f, field: .explanation)))
            } else {
                notes.append(
                    ImportNote(
                        .looseText(line: p.firstLine, text: Self.preview(p.text)),
                        at: SourceLocation(line: p.firstLine, table: ti)))
            }
        }
        drafts[ti] = d
    }

    static let maxMatchPairs = 40_000

    /// The name a definition defines: `部门绩效自评完成率=已完成…` → `部门绩效自评完成率`.
    static func definedName(in text: String) -> String? {
        guard PlainText.containsByte(text, UInt8(ascii: "=")) || TextNormalizer.contains(text, "＝") else { return nil }
        let folded = TextNormalizer.halfWidth(text)
        // walked by scalars when the text is plain, else by Characters (see `TextUnit`)
        let name =
            PlainText.isPlain(folded) ? definedName(Unicode.Scalar.units(of: folded)) : definedName(Character.units(of: folded))
        guard let name, PlainText.count(name) >= 2, PlainText.count(name) <= 20 else { return nil }
        return name
    }

    private static func definedName<U: TextUnit>(_ folded: [U]) -> String? {
        guard let eq = folded.firstIndex(of: "=") else { return nil }
        func endsClause(_ u: U) -> Bool {
            switch u {
            case "。", "；", ";", "，", ",", ":", "：", "\n": return true
            default: return false
            }
        }
        var start = eq
        while start > 0, !endsClause(folded[start - 1]) { start -= 1 }
        return TextNormalizer.trim(U.string(folded[start..<eq]))
    }

    static func nameMatches(_ defined: String, _ name: String) -> Bool {
        labelKeysMatch(TextNormalizer.labelKey(defined), TextNormalizer.labelKey(name))
    }

    /// `nameMatches` of two texts by their label keys `a` and `b`.
    static func labelKeysMatch(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        return PlainText.equals(a, b) || (PlainText.count(b) >= 4 && PlainText.hasSuffix(a, b))
            || (PlainText.count(a) >= 4 && PlainText.hasSuffix(b, a))
    }

    /// The row a defined name names: exactly, or as a suffix (`部门绩效自评完成率` → `绩效自评完成率`).
    static func indicator(named defined: String, in names: NameLookup) -> Int? {
        let key = TextNormalizer.labelKey(defined)
        if let exact = names.exact[TextKey(key)] { return exact }
        // suffix matches need a scan; a real table has tens of rows, a pasted novel is not searched
        guard names.names.count <= 500 else { return nil }
        return names.names.indices.filter { labelKeysMatch(key, TextNormalizer.labelKey(names.names[$0])) }
            .max { PlainText.count(names.names[$0]) < PlainText.count(names.names[$1]) }
    }

    /// The rows' names, and the first row of each label key (`TableDraft.nameIndex`).
    struct NameLookup {
        var names: [String]
        var exact: [TextKey: Int]
    }

    /// A 二级 name that says what its rows are about (重点工作任务完成), unlike 数量指标 or 社会效益指标.
    static func isSpecificGroup(_ level2: String) -> Bool {
        let k = Taxonomy.key(level2)
        guard PlainText.count(k) >= 4 else { return false }
        return !Taxonomy.current.groups.contains { g in g.level2.contains { Taxonomy.key($0) == k } }
    }
}
