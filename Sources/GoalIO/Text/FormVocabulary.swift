import GoalCore

/// The words the official forms print: column headings, header-block labels, sign-off labels and
/// the opening words of the 填表说明. Matching is on `TextNormalizer.labelKey` (half-width, no spaces,
/// no `*`, no trailing colon), so `评（扣）分标准`, `评(扣)分标准` and `*评/扣分标准` all match.
enum FormVocabulary {
    /// What a column of the indicator grid holds.
    enum Column: Hashable, Sendable {
        case field(IndicatorField)
        /// The merged 绩效指标 label column of the department form: holds nothing per row.
        case groupLabel
        /// 得分 printed on a self-evaluation table: read for reference only.
        case printedScore
        /// 得分系数 (the Chongqing self-evaluation's share of the points earned, `100%`): a figure
        /// read for reference only, so that it is not taken for a target or an actual.
        case scoreFactor
    }

    /// Heading words, most specific first (`指标值类型` before `指标值`): each field's own headings
    /// (`IndicatorField.headings`, where a field is declared), in an order where no shorter heading is
    /// tried before a longer one it is part of, then the headings of particular forms.
    static let columnHeadings: [(String, Column)] =
        headings(of: [.level1, .level2, .name, .type, .basis, .explanation, .scoring, .lastYear, .actual, .deviation])
        // 得分 printed on a self-evaluation table: read for reference only
        + IndicatorField.score.headings.map { ($0, Column.printedScore) }
        + headings(of: [.weight, .value, .unit, .evidence, .note])
        + [
            // 正向/反向指标: which way the target points, kept beside the row as a remark
            ("指标方向", .field(.note)), ("指标方向性", .field(.note)),
            // the Chongqing self-evaluation's extra columns, kept beside the row as remarks
            ("调整指标值", .field(.note)), ("得分系数", .scoreFactor), ("是否核心指标", .field(.note)),
            // the Hubei goal form: 绩效标准 holds the 反映… sentence under a 二级 with no 三级 heading
            ("绩效标准", .field(.explanation)),
            ("绩效指标", .groupLabel),
        ]

    private static func headings(of fields: [IndicatorField]) -> [(String, Column)] {
        fields.flatMap { f in f.headings.map { ($0, Column.field(f)) } }
    }

    private static let headingIndex = index(columnHeadings)

    /// A heading of four characters or more printed with its characters out of order, as OCR and
    /// PDF reading order leave them (`考值参分` for 参考分值, `年成值全完值` for 全年完成值): the
    /// heading whose characters it holds all of, with at most one more, and the column. Only for a
    /// cell in the run of headings (`StreamRows.findHeading`), never a cell of a row.
    static func scrambledHeading(_ text: String) -> (word: String, column: Column)? {
        let k = TextNormalizer.labelKey(text)
        let n = k.unicodeScalars.count
        guard n >= 4, n <= 9, !k.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "(") }) else {
            return nil
        }
        var have: [Unicode.Scalar: Int] = [:]
        for u in k.unicodeScalars { have[u, default: 0] += 1 }
        for (w, c) in columnHeadings {
            let wn = w.unicodeScalars.count
            guard wn >= 4, n == wn || n == wn + 1, !w.contains("(") else { continue }
            var left = have
            var ok = true
            for u in w.unicodeScalars {
                guard let m = left[u], m > 0 else { ok = false; break }
                left[u] = m - 1
            }
            if ok { return (w, c) }
        }
        return nil
    }

    /// A lookup by `labelKey`; where two words fold to the same key, the earlier (more specific) wins.
    static func index<T>(_ words: [(String, T)]) -> WordTable<T> {
        WordTable(words.map { (TextNormalizer.labelKey($0.0), $0.1) })
    }

    /// The column a heading names, e.g. `*指标值类型` → type, `计量单位（%）` → unit.
    /// No heading cell is longer.
    static let longestHeadingBytes = 64

    static func column(forHeading text: String) -> Column? {
        guard mayNameColumn(text) else { return nil }
        let k = TextNormalizer.labelKey(text)
        // no more bytes than 16 is no more than 16 Characters: counted only past that
        guard !k.isEmpty, k.utf8.count <= 16 || PlainText.count(k) <= 16 else { return nil }
        if let c = headingIndex[k] { return c }
        // a column letter before the heading: `(B)得分`, `(A)指标值`
        if k.utf8.first == UInt8(ascii: "("), let close = PlainText.firstIndex(ofByte: UInt8(ascii: ")"), in: k),
            k.utf8.distance(from: k.utf8.startIndex, to: close) <= 3,
            let c = headingIndex[String(k[k.utf8.index(after: close)...])]
        {
            return c
        }
        // a heading with a remark in brackets: 指标值（目标值）, 分值（分）. The bracket is found by its
        // byte: comparing each Character of Chinese text with "(" normalises both, every time
        if let open = PlainText.firstIndex(ofByte: UInt8(ascii: "("), in: k), open != k.startIndex {
            return headingIndex[String(k[..<open])]
        }
        return nil
    }

    /// Whether `column(forHeading:)` may find a heading in `text`, told without making its label key
    /// or looking anything up: every text it looks up is a run of that key that starts at its start
    /// (all of it, what precedes a bracket) or after a column letter's `)` within the key's first
    /// bytes (`(B)得分`), which a key that opens with a bracket may hold. So a key that starts with no
    /// heading and no bracket names none; only its first two scalars are looked at.
    static func mayNameColumn(_ text: String) -> Bool {
        text.utf8.count <= longestHeadingBytes && (headingIndex.mayStartWithWord(text) || columnLetter.mayStartWithWord(text))
    }

    private static let columnLetter = WordStarts(words: ["("])

    // MARK: header block

    enum HeaderField: Sendable, Hashable {
        case unit, duty, goal, projectName, projectManager, fundsGroup, fundsTotal, fundsFiscal, fundsOther
        case tasks, taskName, taskContent, supervisor
        /// The unit that carries the project out (实施单位, 资金使用单位): the table's unit when the
        /// form names no unit of its own (单位名称, 预算单位, 部门(单位)名称…), which it then gives way to.
        case implementer
        /// A label of the header block whose value the table does not keep (项目类型, 政策依据,
        /// 资金性质…): known, so that glued text is cut at it and its value is not read as another's.
        case other
    }

    static let headerLabels: [(String, HeaderField)] = [
        ("部门(单位)名称", .unit), ("单位名称", .unit), ("预算单位", .unit), ("部门名称", .unit), ("填报单位", .unit),
        ("项目单位", .unit), ("单位信息", .unit), ("实施单位", .implementer), ("项目实施单位", .implementer), ("预算部门", .unit),
        ("资金使用单位", .implementer), ("二级项目名称", .projectName),
        // the provincial project forms' other labels (甘肃 省级部门预算项目支出绩效目标表 and the like)
        ("一级项目名称", .other), ("项目类型", .other), ("项目分类", .other), ("资金用途", .other), ("资金性质", .other),
        ("项目开始日期", .other), ("项目完成日期", .other), ("项目总投资", .other), ("中央补助安排", .other),
        ("省级财政安排", .other), ("预算申报数", .other), ("基本情况", .other), ("项目立项必要性", .other),
        ("保证项目实施的制度措施", .other), ("项目实施计划", .other), ("组织实施单位", .other), ("监督管理单位", .other),
        ("政策依据", .other), ("其他依据", .other), ("需要说明的其他问题", .other),
        ("主管部门", .supervisor), ("主管单位", .supervisor), ("主管部门及代码", .supervisor), ("主管部门(代码)", .supervisor),
        ("主管部门名称", .supervisor), ("中央主管部门", .supervisor), ("地方主管部门", .supervisor),
        ("部门(单位)职责", .duty), ("单位职责", .duty), ("部门职责", .duty), ("主要职能", .duty), ("部门职能", .duty),
        ("年度履职目标", .goal), ("项目总体目标", .goal), ("年度总体目标", .goal), ("总体目标", .goal),
        ("年度绩效目标", .goal), ("项目绩效目标", .goal), ("绩效目标", .goal), ("年度目标", .goal),
        ("总体绩效目标", .goal), ("整体绩效目标", .goal), ("部门整体绩效目标", .goal), ("项目总体绩效目标", .goal),
        ("项目名称", .projectName), ("专项资金名称", .projectName), ("转移支付(项目)名称", .projectName), ("转移支付项目名称", .projectName),
        ("项目负责人", .projectManager), ("项目经办人", .projectManager), ("负责人", .projectManager),
        ("项目资金(万元)", .fundsGroup), ("项目资金", .fundsGroup), ("预算情况", .fundsGroup), ("资金情况(万元)", .fundsGroup),
        ("资金情况", .fundsGroup), ("资金来源", .fundsGroup),
        ("年度预算总额", .fundsTotal), ("年度资金总额", .fundsTotal), ("部门预算总额(万元)", .fundsTotal),
        ("部门预算总额", .fundsTotal), ("预算总额", .fundsTotal), ("资金总额", .fundsTotal), ("项目总金额", .fundsTotal),
        ("财政拨款", .fundsFiscal), ("财政性资金", .fundsFiscal), ("财政资金", .fundsFiscal), ("本级财政资金", .fundsFiscal),
        ("其中:财政拨款", .fundsFiscal), ("财政拨款资金", .fundsFiscal),
        ("其他资金", .fundsOther), ("其它资金", .fundsOther), ("当年财政拨款", .fundsFiscal),
        ("上年结转资金", .fundsGroup), ("上年结转", .fundsGroup),
        ("年度主要任务", .tasks), ("主要任务", .tasks), ("任务名称", .taskName), ("主要内容", .taskContent),
    ]

    private static let headerIndex = index(headerLabels)

    /// The header field a label names as printed, without the lenient readings.
    static func headerField(exactly text: String) -> HeaderField? {
        // the label key is looked up whole: one that starts with no label is none, told without
        // making it (`WordStarts`; asked of the first cell of every row of a grid)
        headerIndex.mayStartWithWord(text) ? headerIndex[TextNormalizer.labelKey(text)] : nil
    }

    /// Whether `text` may hold a header label, told without making its label key or looking anything
    /// up (`HeaderBlockReader.label` asks it first): every text `headerField(forLabel:)` looks up is a
    /// run of the text's label key that starts at its start or right after a colon or the mark that
    /// ends a list number (`stripEnumeration`: `)`, `、`, `.`, the full-width `．` folded), and so is
    /// every label `HeaderBlockReader.label` reads before a colon (the label key of a start of the text
    /// is a start of the text's). Most rows start with no label, and noise with nothing else (issue #23).
    static func mayHoldHeaderLabel(_ text: String) -> Bool { headerIndex.mayHoldWord(in: text, startingAfter: labelRunMarks) }

    private static let labelRunMarks = WordStarts.Marks(":)、.")

    /// The header field a label cell names. Accepts list marks and a leading clause:
    /// `1、资金来源：(1) 财政性资金` → fiscal, `其中：财政拨款` → fiscal.
    static func headerField(forLabel text: String) -> HeaderField? {
        guard text.utf8.count <= 96 else { return nil }
        let k = TextNormalizer.labelKey(text)
        // no more bytes than 24 is no more than 24 Characters: counted only past that
        guard !k.isEmpty, k.utf8.count <= 24 || PlainText.count(k) <= 24 else { return nil }
        if let f = headerIndex[k] { return f }
        // the part after the last colon, without enumeration marks
        // colon and bracket found by their bytes (see `column(forHeading:)`)
        if let colon = PlainText.lastIndex(ofByte: UInt8(ascii: ":"), in: k) {
            let after = stripEnumeration(String(k[k.utf8.index(after: colon)...]))
            if let f = headerIndex[after] { return f }
            let before = stripEnumeration(String(k[..<colon]))
            if after.isEmpty, let f = headerIndex[before] { return f }
        }
        let bare = stripEnumeration(k)
        if let f = headerIndex[bare] { return f }
        if let open = PlainText.firstIndex(ofByte: UInt8(ascii: "("), in: bare), open != bare.startIndex,
            let f = headerIndex[String(bare[..<open])]
        {
            return f
        }
        return nil
    }

    /// Removes `1、` `(1)` `（一）` `一、` at the start.
    static func stripEnumeration(_ s: String) -> String {
        // most labels start with neither a bracket nor a numeral: nothing to remove (in plain text
        // the first scalar is the first Character)
        if PlainText.isPlain(s), let first = s.unicodeScalars.first, first != "(", !enumerationNumerals.contains(first) {
            return s
        }
        if PlainText.isPlain(s) { return stripEnumerationPlain(s) }
        return stripEnumerationCharacters(s)
    }

    /// `stripEnumeration` by scalars, for plain text (every scalar its own Character, see `PlainText`):
    /// lines of figures (`70%`, `0.5`) start with a numeral, and Character-wise prefix scans of them
    /// were a fortieth of reading noise.
    static func stripEnumerationPlain(_ s: String) -> String {
        var t = s.unicodeScalars[...]
        if t.first == "(", let close = t.firstIndex(of: ")"), t.distance(from: t.startIndex, to: close) <= 4 {
            t = t[t.index(after: close)...]
        }
        var lead = 0
        for u in t {
            guard enumerationNumerals.contains(u) else { break }
            lead += 1
        }
        if lead > 0, lead <= 3 {
            let rest = t.dropFirst(lead)
            if let f = rest.first, f == "、" || f == "." || f == "．" || f == ")" { t = rest.dropFirst() }
        }
        return String(String.UnicodeScalarView(t))
    }

    /// `stripEnumeration` by Characters, as it was written: any text.
    static func stripEnumerationCharacters(_ s: String) -> String {
        var t = Substring(s)
        if t.first == "(", let close = t.firstIndex(of: ")"), t.distance(from: t.startIndex, to: close) <= 4 {
            t = t[t.index(after: close)...]
        }
        let numerals = "0123456789一二三四五六七八九十"
        let lead = t.prefix(while: { numerals.contains($0) })
        if !lead.isEmpty, lead.count <= 3 {
            let rest = t.dropFirst(lead.count)
            if let f = rest.first, "、.．)".contains(f) { t = rest.dropFirst() }
        }
        return String(t)
    }

    static let enumerationNumerals = Set("0123456789一二三四五六七八九十".unicodeScalars)

    // MARK: sign-off

    enum SignoffField: Sendable, Hashable { case filledBy, phone, filledOn, head, businessReviewer, performanceReviewer }

    static let signoffLabels: [(String, SignoffField)] = [
        ("填表人", .filledBy), ("填报人", .filledBy), ("联系电话", .phone), ("电话", .phone),
        ("填表日期", .filledOn), ("填报日期", .filledOn), ("日期", .filledOn),
        ("单位负责人", .head), ("部门负责人", .head), ("单位主要负责人", .head),
        ("业务股室审核", .businessReviewer), ("业务科室审核", .businessReviewer), ("业务处室审核", .businessReviewer),
        ("绩效股审核", .performanceReviewer), ("绩效科审核", .performanceReviewer), ("绩效管理股审核", .performanceReviewer),
    ]

    // MARK: guidance and templates

    /// Lines that open the 填表说明 printed after the table.
    static let guidanceOpenings = [
        "填表说明", "指标名称:", "指标值类型:", "指标值:", "度量单位:", "计量单位:", "指标解释:", "评(扣)分标准:", "评扣分标准:",
        "指标分值权重:", "指标赋分规则:", "指标值设置依据:", "注:",
    ]

    static func isGuidanceOpening(_ text: String) -> Bool {
        // every opening has a colon or says 填表说明
        guard
            TextNormalizer.contains(text, "：") || PlainText.containsByte(text, UInt8(ascii: ":"))
                || TextNormalizer.contains(text, "填表说明")
        else { return false }
        let k = TextNormalizer.labelKey(text)
        let starts = PlainText.Prefixes(of: k)
        if starts.have("填表说明") { return true }
        guard PlainText.count(k) > 12 else { return false }
        // the openings are written half-width with their colon, as `labelKey` leaves them
        return guidanceOpenings.contains { starts.have($0) }
    }

    /// Phrases of the forms' group-level template texts (not an indicator's own explanation).
    static let groupTemplatePhrases = ["分项具体列示", "可根据部门实际情况", "应予以细化、量化表述", "可根据实际情况"]

    static let basisWords = WordSet([
        "计划标准", "历史标准", "行业标准", "行业或国家标准", "国家标准", "预算支出标准", "其他", "其他标准", "省级标准", "地方标准",
    ])

    static let evidenceSuffixes = ["资料", "凭证", "材料", "报表", "文件", "记录", "台账", "证明", "清单", "报告", "表"]

    static let scoringMethodWords = ["按照正常比例赋分", "按正常比例赋分", "按完成比例赋分", "按比例赋分", "直接赋分", "按评判等级赋分", "满意度赋分", "按等级赋分"]
}
