import Foundation
import GoalCore

/// Reads the header block above the grid (单位, 职责, 目标, 项目名称, 资金…) from label/value cells.
/// A row may hold several pairs (`年度预算总额： | 5 | 其中：财政拨款 | 5 | 其他资金： | 0.00`), a value
/// may sit in the label's own cell (`年度预算总额：5`), and an HTML cell is read segment by segment.
enum HeaderBlockReader {
    struct Pair {
        var field: FormVocabulary.HeaderField
        var value: String?
        var valueCell: Cell?
    }

    /// What `label` says of each text already read: the 填表说明 printed under every table and the
    /// header labels repeat from table to table.
    typealias LabelCache = CellCache<(FormVocabulary.HeaderField, String?)?>

    /// The label/value pairs of a row, or nil when the row does not start with a header label.
    static func pairs(in row: SourceRow, labels: inout LabelCache) -> [Pair]? {
        func label(_ text: String) -> (FormVocabulary.HeaderField, String?)? {
            // a text that holds no label is told so before the cache (`.some(nil)`: the answer is "none")
            labels.value(for: text, quick: { FormVocabulary.mayHoldHeaderLabel($0) ? nil : .some(nil) }, Self.label)
        }
        // Flatten cells into segments; keep the cell of each segment for HTML-aware readers (tasks).
        func splitsIntoSegments(_ c: Cell) -> Bool { c.hadMarkup && c.boldRuns.isEmpty }
        // most rows start with no label: that is told by the first text, before anything is collected
        guard let firstCell = row.nonEmpty.first?.cell,
            let firstText = splitsIntoSegments(firstCell) ? firstCell.segments.first : firstCell.text,
            firstText.utf8.count <= 4096, label(firstText) != nil
        else { return nil }
        var items: [(text: String, cell: Cell)] = []
        for (_, c) in row.nonEmpty {
            if splitsIntoSegments(c) {
                for s in c.segments { items.append((s, c)) }
            } else {
                items.append((c.text, c))
            }
        }
        var result: [Pair] = []
        var pending: Pair?
        for item in items {
            if let (field, inline) = label(item.text) {
                if let p = pending { result.append(p) }
                pending = Pair(field: field, value: inline, valueCell: nil)
                if inline != nil { result.append(pending!); pending = nil }
            } else if var p = pending {
                p.value = item.text
                p.valueCell = item.cell
                result.append(p)
                pending = nil
            }
        }
        if let p = pending { result.append(p) }
        return result
    }

    /// A label cell and, when the cell also holds the value (`年度预算总额：5`), that value.
    static func label(_ text: String) -> (FormVocabulary.HeaderField, String?)? {
        guard text.utf8.count <= 4096, FormVocabulary.mayHoldHeaderLabel(text) else { return nil }
        if let f = FormVocabulary.headerField(forLabel: text) { return (f, nil) }
        // `年度预算总额：5`, `项目名称：某某项目`
        if PlainText.isPlain(text) {
            // every Character a scalar: the colon (`:` or `：`) is found on the bytes, and the label
            // before it is folded on its own
            return PlainText.withUTF8(text) { u in
                var i = 0
                // a label is at most 96 bytes once folded (`headerField(forLabel:)`), 288 before:
                // a colon further in ends no label
                let end = min(u.count, 289)
                // the label ends at the first colon, or at the second when the first ends a lead-in
                // (`其中：财政拨款：450`)
                for _ in 0..<2 {
                    while i < end, u[i] != UInt8(ascii: ":"),
                        !(u[i] == 0xEF && i + 2 < u.count && u[i + 1] == 0xBC && u[i + 2] == 0x9A)
                    { i += 1 }
                    guard i < end else { return nil }
                    let width = u[i] == UInt8(ascii: ":") ? 1 : 3
                    let head = TextNormalizer.halfWidth(String(decoding: UnsafeBufferPointer(rebasing: u[..<i]), as: UTF8.self))
                    if let f = FormVocabulary.headerField(forLabel: head) {
                        let value = TextNormalizer.trim(
                            String(decoding: UnsafeBufferPointer(rebasing: u[(i + width)...]), as: UTF8.self))
                        return value.isEmpty ? nil : (f, value)
                    }
                    i += width
                }
                return nil
            }
        }
        let folded = TextNormalizer.halfWidth(text)
        // the colon found by its byte: comparing each Character of Chinese text normalises it; as
        // above, the first colon or the second (`其中：财政拨款：450`)
        var from = folded.startIndex
        for _ in 0..<2 {
            guard let colon = folded[from...].utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let head = String(folded[..<colon])
            // half-width folding maps Character to Character: the offset applies to the original
            let offset = folded.distance(from: folded.startIndex, to: colon)
            if let f = FormVocabulary.headerField(forLabel: head) {
                let value = TextNormalizer.trim(text.dropFirst(offset + 1))
                return value.isEmpty ? nil : (f, value)
            }
            from = folded.index(after: colon)
        }
        return nil
    }

    /// A value printed on one line with the sheet's money unit after a gap (`某某局　　　　单位：万元`,
    /// `测试单位  金额单位：万元`): the unit note is the sheet's, not part of the value.
    static func withoutTrailingUnitNote(_ value: String) -> String {
        // the note ends the value in 元 or 万: the last bytes say whether there can be one (most
        // values have none)
        guard PlainText.withUTF8(value, { $0.hasByteSuffix("元") || $0.hasByteSuffix("万") }),
            let note = unitNotes.first(where: { PlainText.bytes(of: value, haveSuffix: $0) })
        else { return value }
        let head = PlainText.withUTF8(value) {
            String(decoding: UnsafeBufferPointer(rebasing: $0[..<($0.count - note.utf8.count)]), as: UTF8.self)
        }
        // only after a gap: 预算单位：X is a label, X单位：万元 is not cut
        guard let gap = head.unicodeScalars.last, gap == " " || gap == "\t" || gap == "\u{3000}" else { return value }
        return TextNormalizer.trim(head)
    }

    /// `金额单位：万元`, `单位:元`…, the longer lead first.
    private static let unitNotes: [String] = ["金额单位", "单位"].flatMap { lead in
        ["：", ":"].flatMap { colon in ["万元", "亿元", "元", "万"].map { lead + colon + $0 } }
    }

    /// A money figure in 万元 as printed: `5`, `52.00`, `1,012`, `327.89万元`.
    static func money(_ text: String) -> Double? {
        var t = TextNormalizer.trim(text)
        for suffix in ["万元", "万"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)) }
        return TextNormalizer.number(t)
    }
}

/// Reads 年度主要任务 from the provincial form: task names printed in bold, each followed by its
/// content, or one task per row (name cell, content cell).
enum TaskReader {
    struct Entry {
        var name: String
        var content: String?
        var line: Int
    }

    /// Entries from one cell with bold task names, or nil if the cell has none.
    static func entries(fromBoldCell cell: Cell, line: Int) -> [Entry] {
        cell.boldRuns.filter { !$0.title.isEmpty }.map {
            Entry(name: $0.title, content: $0.following.isEmpty ? nil : $0.following, line: line)
        }
    }

    /// Contents matched to names. Pasted task cells are often shifted by one name; a content is
    /// given to the name whose distinctive words it repeats (`个人账户管理工作` ← `…个人账户…`),
    /// else it stays with the name it follows.
    static func assign(names: [(name: String, line: Int)], contents: [(text: String, after: Int)]) -> (
        tasks: [AnnualTask], moved: [(content: Int, to: Int)]
    ) {
        var contentOf = [Int?](repeating: nil, count: names.count)
        var taken = Set<Int>()
        var pairs: [(score: Int, name: Int, content: Int)] = []
        // a pair needs 3 characters in a row in common: pairs whose 3-character runs never meet are skipped
        let contentRuns = contents.map { Set(TextSimilarity.runHashes(of: $0.text, length: 3)) }
        for (ni, n) in names.enumerated() {
            let core = distinctive(n.name)
            let coreRuns = TextSimilarity.runHashes(of: core, length: 3)
            for (ci, c) in contents.enumerated() where coreRuns.contains(where: contentRuns[ci].contains) {
                let s = TextSimilarity.longestCommonSubstring(core, c.text)
                if s >= 3 { pairs.append((s, ni, ci)) }
            }
        }
        pairs.sort {
            $0.score != $1.score
                ? $0.score > $1.score : abs($0.name - contents[$0.content].after) < abs($1.name - contents[$1.content].after)
        }
        var moved: [(Int, Int)] = []
        for p in pairs where contentOf[p.name] == nil && !taken.contains(p.content) {
            contentOf[p.name] = p.content
            taken.insert(p.content)
            if contents[p.content].after != p.name { moved.append((p.content, p.name)) }
        }
        for (ci, c) in contents.enumerated() where !taken.contains(ci) {
            if c.after >= 0, c.after < names.count, contentOf[c.after] == nil {
                contentOf[c.after] = ci
                taken.insert(ci)
            }
        }
        let tasks = names.enumerated().map { i, n in
            AnnualTask(name: n.name, content: contentOf[i].map { contents[$0].text })
        }
        return (tasks, moved)
    }

    /// A task name without the words every task name has.
    static func distinctive(_ name: String) -> String {
        var s = name
        for w in ["工作", "管理", "服务", "和", "及"] { s = PlainText.removingOccurrences(of: w, in: s) }
        return s.isEmpty ? name : s
    }
}
