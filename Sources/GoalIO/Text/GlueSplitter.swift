import GoalCore

/// Cuts a cell into the cells that were glued into it when a PDF or a Word file was flattened
/// (`产出指标数量指标享受资助人数达到预计值210010`). Two kinds of cut, both from the forms themselves:
///
/// - the forms' fixed words: 一级/二级 names and column headings of three characters or more
///   are cells of their own wherever they occur;
/// - figures: `≥95%`, `100%`, `300天` end a cell when a figure, a fixed word or the end follows,
///   or when they carry an operator or a percent sign (a name goes on after `5000吨稻谷`, never
///   after `≥95%`).
///
/// Only a cell long enough to be several (`minimumLength`) is cut, so a name such as `成本控制率`
/// or a cell of one word is left as written. Each position is looked at a bounded number of times
/// (the longest word), so the work is linear in the cell.
enum GlueSplitter {
    static let minimumLength = 10

    /// Words that are always a cell of their own, by length, longest first.
    static let fixedWords: [Int: Set<String>] = {
        var words = Set<String>()
        for g in ImportTaxonomy.recognition.groups {
            words.insert(g.level1)
            for l2 in g.level2 where l2.hasSuffix("指标") { words.insert(l2) }
        }
        for g in ImportTaxonomy.evaluationFramework { words.formUnion(g.level2) }
        // a long 二级 printed without its 指标 (服务对象满意度)
        for g in ImportTaxonomy.recognition.groups {
            for l2 in g.level2 where l2.hasSuffix("指标") && l2.count >= 8 { words.insert(String(l2.dropLast(2))) }
        }
        for (w, _) in FormVocabulary.columnHeadings where w.count >= 3 && !w.contains("(") && !w.contains("/") { words.insert(w) }
        // header labels long enough never to be part of a name (项目名称, 主管部门, 实施单位…)
        for (w, _) in FormVocabulary.headerLabels where w.count >= 4 && !w.contains("(") { words.insert(w) }
        // and the sign-off's (填报日期, 联系电话, 单位负责人…), which glued headers print among them
        for (w, _) in FormVocabulary.signoffLabels where w.count >= 4 { words.insert(w) }
        // what a 指标性质 column holds
        words.formUnion(["定量指标", "定性指标"])
        return Dictionary(grouping: words, by: \.count).mapValues(Set.init)
    }()
    static let longestWord = fixedWords.keys.max() ?? 0
    static let wordLengths = fixedWords.keys.sorted(by: >)

    static let operatorMarks: Set<Character> = ["≥", "≤", ">", "<", "=", "≧", "≦", "＝", "＞", "＜", "═"]

    static func pieces(_ cellIn: String) -> [String] {
        var chars = Array(cellIn)
        guard chars.count >= minimumLength else { return [cellIn] }
        // a title glued to what follows it ends with its form's name (…绩效目标自评表)
        var head: [String] = []
        if let end = titleEnd(chars) {
            head = [String(chars[..<end])]
            chars = Array(chars[end...])
        }
        return head + fixedPieces(chars)
    }

    static let titleEndings = ["目标表", "自评表", "申报表", "审批表", "评价表", "目标审核表"]

    /// Where a glued title ends: after the first form name within the first 60 characters, when
    /// 绩效 comes before it.
    static func titleEnd(_ c: [Character]) -> Int? {
        let head = String(c.prefix(60))
        // 绩效 before the form's name, or, for a self-evaluation, 项目/部门/资金
        guard
            let perf = head.range(of: "绩效")
                ?? ["项目", "部门", "资金"].lazy.compactMap({ w in
                    head.range(of: w).flatMap { r in head.range(of: "自评表", range: r.upperBound..<head.endIndex) != nil ? r : nil }
                }).first
        else { return nil }
        var best: String.Index?
        for e in titleEndings {
            if let r = head.range(of: e, range: perf.upperBound..<head.endIndex), best.map({ r.upperBound < $0 }) ?? true {
                best = r.upperBound
            }
        }
        guard let b = best, b < head.endIndex else { return nil }
        return head.distance(from: head.startIndex, to: b)
    }

    /// The points a level carries (`(10分)`) or a template's numbering with nothing after it
    /// (`指标2:`), glued to what follows: their length at `i`.
    static func markerLength(at i: Int, in c: [Character]) -> Int? {
        if c[i] == "(" || c[i] == "（" {
            // a year in brackets after a title: `(2023年度)`, `(2021年)`
            if i + 7 < c.count, c[(i + 1)...(i + 4)].allSatisfy({ $0.isASCII && $0.isNumber }), c[i + 5] == "年" {
                let close = c[i + 6] == "度" ? i + 7 : i + 6
                if close < c.count, c[close] == ")" || c[close] == "）" { return close + 1 - i }
            }
            var j = i + 1
            while j < c.count, j - i <= 5, c[j].isASCII && (c[j].isNumber || c[j] == ".") { j += 1 }
            if j > i + 1, j + 1 < c.count, c[j] == "分", c[j + 1] == ")" || c[j + 1] == "）" { return j + 2 - i }
            return nil
        }
        if c[i] == "指", i + 3 < c.count, c[i + 1] == "标", c[i + 2].isASCII && c[i + 2].isNumber {
            var j = i + 2
            while j < c.count, j - i <= 4, c[j].isASCII && c[j].isNumber { j += 1 }
            if j < c.count, c[j] == ":" || c[j] == "：" { return j + 1 - i }
        }
        return nil
    }

    static func fixedPieces(_ chars: [Character]) -> [String] {
        // 1. fixed words
        var spans: [(range: Range<Int>, fixed: Bool)] = []
        var start = 0, i = 0
        while i < chars.count {
            var matched = 0
            if let m = markerLength(at: i, in: chars) {
                if start < i { spans.append((start..<i, false)) }
                spans.append((i..<(i + m), true))
                i += m
                start = i
                continue
            }
            for n in wordLengths where i + n <= chars.count {
                if fixedWords[n]!.contains(String(chars[i..<(i + n)])) { matched = n; break }
            }
            // a 二级 printed again right after itself begins the name (`财务管理` `财务管理制度有效性`)
            if matched > 0, start == i, let last = spans.last, last.fixed, last.range.count == matched,
                chars[last.range].elementsEqual(chars[i..<(i + matched)])
            {
                matched = 0
            }
            if matched > 0 {
                if start < i { spans.append((start..<i, false)) }
                spans.append((i..<(i + matched), true))
                i += matched
                start = i
            } else {
                i += 1
            }
        }
        if start < chars.count { spans.append((start..<chars.count, false)) }
        // 2. figures inside the free text between fixed words
        var out: [String] = []
        for (k, span) in spans.enumerated() {
            if span.fixed { out.append(String(chars[span.range])); continue }
            // a short word printed twice (`高高`): the target and the actual of a row, both the word
            let n = span.range.count
            if n >= 2, n <= 8, n % 2 == 0,
                chars[span.range.lowerBound..<(span.range.lowerBound + n / 2)].elementsEqual(
                    chars[(span.range.lowerBound + n / 2)..<span.range.upperBound]),
                !chars[span.range].contains(where: { $0.isNumber })
            {
                let half = String(chars[span.range.lowerBound..<(span.range.lowerBound + n / 2)])
                out += [half, half]
                continue
            }
            let followedByFixed = k + 1 < spans.count
            var afterExplanation = false
            for part in explanationPieces(qualitativeTargetCut(Array(chars[span.range]))) {
                if part.isExplanation { out.append(String(part.chars)); afterExplanation = true; continue }
                out += figurePieces(
                    part.chars, followedByFixed: followedByFixed || part.followed, precededByCut: afterExplanation)
                afterExplanation = false
            }
        }
        // a name glued to a qualitative target printed twice (`资产管理安全好好`): name, target, actual
        var cut: [String] = []
        cut.reserveCapacity(out.count)
        for piece in out.flatMap({ $0.contains("\n") ? $0.split(separator: "\n").map(String.init) : [$0] }) {
            let c = Array(piece)
            if c.count >= 6, let w = qualitativeTwice(c) {
                cut += [String(c.dropLast(2 * w.count)), w, w]
            } else if c.count >= 4, c.count % 2 == 0, c[..<(c.count / 2)].elementsEqual(c[(c.count / 2)...]),
                !c.contains(where: { $0.isASCII && $0.isNumber })
            {
                // a phrase printed twice (`符合相关文件要求符合相关文件要求`): the target and the actual
                let half = String(c[..<(c.count / 2)])
                cut += [half, half]
            } else {
                cut.append(piece)
            }
        }
        return cut.map { TextNormalizer.trim($0) }.filter { !$0.isEmpty }
    }

    static let qualitativeWords = ["高", "好", "优", "良", "是", "有", "无", "优秀", "良好", "达标", "合格", "完成", "有效", "显著", "明显", "提升", "提高"]

    static func qualitativeTwice(_ c: [Character]) -> String? {
        for w in qualitativeWords {
            let k = w.count
            guard c.count >= 2 * k + 4 else { continue }
            let a = String(c[(c.count - 2 * k)..<(c.count - k)]), b = String(c[(c.count - k)...])
            if a == w && b == w { return w }
        }
        return nil
    }

    /// Words that open a target written in words (`不超预算`, `不低于上年`): after a name of three
    /// characters or more in glued text, they start the target's cell. The cut is marked by a
    /// separator the explanation step below never sees inside a word (a line feed), and split there.
    static let targetOpenings: [[Character]] = ["不超", "不低于", "不少于", "不高于"].map(Array.init)

    static func qualitativeTargetCut(_ c: [Character]) -> [Character] {
        guard c.count >= 5 else { return c }
        var out: [Character] = []
        out.reserveCapacity(c.count + 1)
        var i = 0
        var run = 0
        while i < c.count {
            if run >= 3,
                let w = targetOpenings.first(where: { i + $0.count <= c.count && c[i..<(i + $0.count)].elementsEqual($0) })
            {
                out.append("\n")
                out += w
                i += w.count
                run = 0
                continue
            }
            run = isHan(c[i]) ? run + 1 : 0
            out.append(c[i])
            i += 1
        }
        return out
    }

    /// The forms word an indicator's explanation `反映…情况`: in glued text, `反映` after a name
    /// starts a cell and `情况` ends it. Each position is looked at once.
    static func explanationPieces(_ c: [Character]) -> [(chars: [Character], isExplanation: Bool, followed: Bool)] {
        var out: [(chars: [Character], isExplanation: Bool, followed: Bool)] = []
        var start = 0, i = 2
        while i + 1 < c.count {
            guard c[i] == "反", c[i + 1] == "映" else { i += 1; continue }
            var j = i + 2
            while j + 1 < c.count, !(c[j] == "情" && c[j + 1] == "况") { j += 1 }
            guard j + 1 < c.count else { break }
            if start < i { out.append((Array(c[start..<i]), false, true)) }
            out.append((Array(c[i..<(j + 2)]), true, false))
            start = j + 2
            i = start + 2
        }
        if start < c.count { out.append((Array(c[start...]), false, false)) }
        return out
    }

    /// A figure at `i`: operator marks, a number, then `%` or a unit of up to four characters.
    /// Returns its end, and whether it carries an operator or percent sign.
    static func figure(at i: Int, in c: [Character]) -> (end: Int, marked: Bool)? {
        var j = i
        var marked = false
        while j < c.count, operatorMarks.contains(c[j]) { j += 1; marked = true }
        let digitsStart = j
        while j < c.count, c[j].isASCII && (c[j].isNumber || c[j] == "."), !(c[j] == "." && j == digitsStart) { j += 1 }
        guard j > digitsStart else { return nil }
        // no figure starts with 0 and goes on in digits: `00` is two figures 0 and 0
        if c[digitsStart] == "0", j > digitsStart + 1, c[digitsStart + 1] != "." { return (digitsStart + 1, marked) }
        if j < c.count, c[j] == "%" || c[j] == "％" { return (j + 1, true) }
        if let end = dateEnd(after: j, in: c) { return (end, marked) }
        for n in stride(from: min(4, c.count - j), through: 1, by: -1) {
            let w = String(c[j..<(j + n)])
            // (a unit is not followed by a Latin letter other than those OCR makes of figures,
            // I l O o: `7项Fl实施` is 7 before OCR'd text, `2370人IO` keeps its unit)
            if j + n < c.count, c[j + n].isASCII, c[j + n].isLetter, !"IlOo".contains(c[j + n]) { continue }
            if w == "百分比" || CellFeatures.looksLikeUnit(w) { return (j + n, marked) }
        }
        return (j, marked)
    }

    /// A date that goes on after its year (`2021年12月完成`, `2022年6月30日前`): one figure, a
    /// deadline in words, never a number of 年 followed by another figure. Its end, or nil.
    static func dateEnd(after j: Int, in c: [Character]) -> Int? {
        guard j + 2 < c.count, c[j] == "年", c[j + 1].isASCII && c[j + 1].isNumber else { return nil }
        var k = j + 1
        while k < c.count, k - j <= 3, c[k].isASCII && c[k].isNumber { k += 1 }
        guard k < c.count, c[k] == "月" else { return nil }
        k += 1
        let day = k
        while k < c.count, k - day < 2, c[k].isASCII && c[k].isNumber { k += 1 }
        if k > day { guard k < c.count, c[k] == "日" else { return nil }; k += 1 }
        // what a deadline says after its date: 底, 前, 之前, 以前, 完成, in that order
        for w in ["底", "之前", "以前", "前", "完成"] {
            let a = Array(w)
            if k + a.count <= c.count, c[k..<(k + a.count)].elementsEqual(a) { k += a.count }
        }
        return k
    }

    static func isHan(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { $0.value >= 0x4E00 && $0.value <= 0x9FFF } ?? false
    }

    static func figurePieces(_ c: [Character], followedByFixed: Bool, precededByCut: Bool = false) -> [String] {
        var out: [String] = []
        var textStart = 0
        var i = 0
        while i < c.count {
            // a figure starts a cell only after text that is not itself a number (`5000吨` in a
            // name is found at the name's start and left there)
            // a unit column glued after a name: `控制率%` is the name and `%`
            if c[i] == "%" || c[i] == "％", i > textStart, !(c[i - 1].isASCII && (c[i - 1].isNumber || c[i - 1] == ".")),
                c[i - 1].unicodeScalars.first.map({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }) == true
            {
                out.append(String(c[textStart..<i]))
                out.append(String(c[i]))
                i += 1
                textStart = i
                continue
            }
            // (a full stop after Chinese text ends a sentence, not a number: `…办学环境.8`)
            let afterStop = i >= 2 && c[i - 1] == "." && isHan(c[i - 2])
            let startsHere =
                operatorMarks.contains(c[i])
                || (c[i].isASCII && c[i].isNumber
                    && (i == 0 || i == textStart && (!out.isEmpty || precededByCut)
                        || !(c[i - 1].isASCII && c[i - 1].isNumber) && (c[i - 1] != "." || afterStop)))
            guard startsHere, let f = figure(at: i, in: c) else { i += 1; continue }
            let atEnd = f.end == c.count
            let beforeFigure = f.end < c.count && figure(at: f.end, in: c) != nil
            // a figure right after a cut (another figure, or an explanation `反映…情况`) is a cell
            let afterFigure = i == textStart && (i > 0 && !out.isEmpty || precededByCut)
            // a bare count of points between two Chinese texts (`相关性2一按照…`, `管理2可行性`): a cell
            // (not the template's numbering `指标2工程…`)
            // (or before a figure whose first digits OCR read as a letter, `成本3M.8万元`)
            let misreadFigure =
                f.end + 2 < c.count && c[f.end].isASCII && c[f.end].isLetter && c[f.end + 1] == "." && c[f.end + 2].isASCII
                && c[f.end + 2].isNumber
            let between =
                f.end < c.count && f.end - i <= 3 && i > 0 && isHan(c[i - 1]) && !(i >= 2 && c[i - 2] == "指" && c[i - 1] == "标")
                && (isHan(c[f.end]) || c[f.end] == "-" || misreadFigure)
                && !c[i..<f.end].contains(".") && !f.marked
            let cuts = f.marked || atEnd && (i > textStart || followedByFixed) || beforeFigure || afterFigure || between
            guard cuts, i > textStart || !out.isEmpty || atEnd || f.marked || beforeFigure || afterFigure || between else {
                i = f.end; continue
            }
            if i > textStart { out.append(String(c[textStart..<i])) }
            out.append(String(c[i..<f.end]))
            i = f.end
            textStart = i
            // a dash for an empty cell right after the figure (`4一目标明确`, `6-严格执行`)
            if i + 1 < c.count, c[i] == "一" || c[i] == "-" || c[i] == "—",
                isHan(c[i + 1]) || c[i + 1].isASCII && c[i + 1].isNumber,
                !"二三四五六七八九十级".contains(c[i + 1])
            {
                out.append(String(c[i]))
                i += 1
                textStart = i
            }
        }
        if textStart < c.count { out.append(String(c[textStart...])) }
        return out
    }
}
