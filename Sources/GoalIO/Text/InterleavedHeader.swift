import Foundation
import GoalCore

/// A form's header block as a PDF prints it when its boxes are extracted in reading order: the
/// labels of a row first, then their values (`部门(单位) 名称 填报人 广水市人民政府办公室 南春锋`),
/// words broken by the wrap (`部门(单位)` / `名称`, `2021 年 1 月 28 日`), everything on one line.
/// Read only when no other reading finds a table, and only after a form's title: the labels of a
/// run are paired in order with the values that follow, each value checked against what its label
/// asks for (a unit is words, a person a short name, money a figure, a phone digits). The first
/// value that does not fit ends the pairing; it and the labels left are reported, never guessed.
/// The pairs go through the `Reader` as rows of their own, so the table is read as any header-only
/// form (kept with its note when its indicators are missing). One pass over the tokens.
enum InterleavedHeader {
    struct Token {
        var text: String
        var line: Int
    }

    /// The rows a header-only reading gives (title, then one row per pair), with the notes of the
    /// pairing; nil when the text has no title or no pair.
    static func rows(_ text: String, firstLine: Int) -> (rows: [SourceRow], notes: [ImportNote])? {
        guard text.utf8.count <= TextTableReader.streamLimit,
            ["表", "申报", "目标"].contains(where: { TextNormalizer.contains(text, $0) })
        else { return nil }
        let tokens = join(tokenize(text, firstLine: firstLine))
        guard let t = tokens.firstIndex(where: { Reader.isTitle($0.text) }) else { return nil }
        var rows = [SourceRow(line: tokens[t].line, nonEmpty: [(0, Cell(raw: tokens[t].text))], isTabular: false)]
        var notes: [ImportNote] = []
        var pending: [(label: String, field: Field, line: Int)] = []
        var paired: [String] = []
        // the sign-off is read after the header, as a form prints it: a sign-off closes a form
        var signoffRows: [SourceRow] = []
        var unplaced = 0
        /// The pending labels' values are not read: another set of labels follows, or `text` that fits none.
        func dropPending(before text: String?, line: Int) {
            guard !pending.isEmpty else { return }
            let labels = pending.map(\.label)
            let code: ImportNote.Code =
                text.map { .headerLabelsWithoutValues(line: line, labels: labels, text: $0) }
                ?? .headerLabelsBeforeLabels(line: line, labels: labels)
            notes.append(ImportNote(code, at: SourceLocation(line: line)))
            pending.removeAll()
        }
        var i = t + 1
        while i < tokens.count {
            let tok = tokens[i]
            i += 1
            if Reader.isTitle(tok.text) { break } // a second form: this reading is for one header
            switch classify(tok.text) {
            case .inline(let isSignoff):
                if isSignoff { signoffRows.append(row(tok, [tok.text])) } else { rows.append(row(tok, [tok.text])) }
            case .label(let field):
                pending.append((tok.text, field, tok.line))
            case .group:
                dropPending(before: nil, line: tok.line)
            case .value:
                guard !pending.isEmpty else { unplaced += 1; continue }
                let p = pending.removeFirst()
                guard fits(tok.text, p.field) else {
                    pending.insert(p, at: 0)
                    dropPending(before: Reader.preview(tok.text, 12), line: tok.line)
                    unplaced += 1
                    continue
                }
                if case .signoff = p.field {
                    signoffRows.append(row(tok, [p.label + "：" + tok.text]))
                } else {
                    rows.append(row(tok, [p.label, tok.text]))
                }
                paired.append("\(p.label) → \(Reader.preview(tok.text, 16))")
            }
        }
        guard !paired.isEmpty else { return nil }
        rows += signoffRows
        notes.insert(
            ImportNote(
                .headerInterleaved(line: tokens[t].line, pairs: paired),
                at: SourceLocation(line: tokens[t].line)), at: 0)
        if unplaced > 0 {
            notes.append(
                ImportNote(.headerTextUnplaced(line: tokens[t].line, count: unplaced), at: SourceLocation(line: tokens[t].line)))
        }
        return (rows, notes)
    }

    enum Field {
        case header(FormVocabulary.HeaderField)
        case signoff(FormVocabulary.SignoffField)
    }

    enum Kind {
        /// A label holding its value (`填报日期:2021年1月28日`, `单位名称：某局`).
        case inline(signoff: Bool)
        case label(Field)
        /// A label that heads a group of other labels (项目资金, 资金情况): it has no value itself.
        case group
        case value
    }

    static func classify(_ text: String) -> Kind {
        let k = TextNormalizer.labelKey(text)
        if let f = signoffField(k) { return .label(.signoff(f)) }
        if let colon = k.utf8.firstIndex(of: UInt8(ascii: ":")), signoffField(String(k[..<colon])) != nil,
            k.utf8.index(after: colon) != k.utf8.endIndex
        {
            return .inline(signoff: true)
        }
        guard let (field, inline) = HeaderBlockReader.label(text) else { return .value }
        if inline != nil { return .inline(signoff: false) }
        switch field {
        case .fundsGroup, .tasks, .taskName, .taskContent, .other: return .group
        default: return .label(.header(field))
        }
    }

    static func signoffField(_ key: String) -> FormVocabulary.SignoffField? {
        FormVocabulary.signoffLabels.first(where: { $0.0 == key })?.1
    }

    /// Whether `value` is what `field` asks for.
    static func fits(_ value: String, _ field: Field) -> Bool {
        let v = TextNormalizer.halfWidth(value)
        let digits = v.filter(\.isNumber).count
        let count = v.count
        switch field {
        case .header(let f):
            switch f {
            case .fundsTotal, .fundsFiscal, .fundsOther: return HeaderBlockReader.money(v) != nil
            case .projectManager: return isPersonName(v)
            case .duty, .goal: return count >= 6
            default: return count >= 2 && digits * 2 < count && !Reader.isTitle(v)
            }
        case .signoff(let f):
            switch f {
            case .phone: return digits >= 7 && v.allSatisfy { $0.isNumber || "-() ".contains($0) }
            case .filledOn: return SignoffReader.normalizeDate(v) != nil
            default: return isPersonName(v)
            }
        }
    }

    /// Two to four characters with no digit: how a person's name is printed (a list of names keeps
    /// its separators: `张三、李四`).
    static func isPersonName(_ v: String) -> Bool {
        let parts = v.split(whereSeparator: { "、,，/ ".contains($0) })
        return !parts.isEmpty
            && parts.allSatisfy {
                (2...4).contains($0.count) && !$0.contains(where: \.isNumber) && !$0.contains(where: \.isASCII)
            }
    }

    static func row(_ tok: Token, _ cells: [String]) -> SourceRow {
        SourceRow(
            line: tok.line, nonEmpty: cells.enumerated().map { ($0.offset, Cell(raw: $0.element)) }, isTabular: cells.count > 1)
    }

    /// Every separator cuts: line breaks, tabs, pipes, spaces.
    static func tokenize(_ text: String, firstLine: Int) -> [Token] {
        var out: [Token] = []
        var line = firstLine
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for piece in l.split(whereSeparator: {
                $0 == " " || $0 == "\t" || $0 == "|" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0 == "\r"
            }) {
                out.append(Token(text: String(piece), line: line))
            }
            line += 1
        }
        return out
    }

    /// Words the wrap broke: two or three neighbouring tokens that together make a header or
    /// sign-off label and do not make one apart (`部门(单位)` + `名称`), and a date broken at its
    /// figures (`2021` `年` `1` `月` `28` `日`, perhaps after its label `填报日期:2021`).
    static func join(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        func isLabel(_ s: String) -> Bool {
            let k = TextNormalizer.labelKey(s)
            return FormVocabulary.headerField(exactly: k) != nil || signoffField(k) != nil
        }
        while i < tokens.count {
            var t = tokens[i]
            if t.text.utf8.count <= 36, !isLabel(t.text) {
                var joined = t.text
                var taken = 0
                for n in 1...2 {
                    guard i + n < tokens.count, tokens[i + n].text.utf8.count <= 36 else { break }
                    joined += tokens[i + n].text
                    if isLabel(joined), !isLabel(tokens[i + n].text) { taken = n; break }
                }
                if taken > 0 {
                    t.text = tokens[i...(i + taken)].map(\.text).joined()
                    out.append(t)
                    i += taken + 1
                    continue
                }
            }
            if let last = t.text.last, last.isASCII, last.isNumber, i + 1 < tokens.count, isDatePiece(tokens[i + 1].text) {
                var j = i + 1
                var joined = t.text
                while j < tokens.count, j - i <= 6, isDatePiece(tokens[j].text) { joined += tokens[j].text; j += 1 }
                if TextNormalizer.contains(joined, "年"), TextNormalizer.contains(joined, "月") {
                    t.text = joined
                    out.append(t)
                    i = j
                    continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }

    static func isDatePiece(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 6 && s.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "年" || $0 == "月" || $0 == "日" }
    }
}
