import GoalCore

/// What a cell's content looks like, computed once per cell and used to decide which column it
/// belongs to. These are the forms' own rules: a 二级 name is one of the taxonomy's, `≥95%` is a
/// target, a text with 得…分 is a scoring rule.
struct CellFeatures: Sendable {
    var text: String
    var length: Int
    var isLevel1: Bool
    var isLevel2: Bool
    var isOperator: Bool
    var isNumber: Bool
    var number: Double?
    /// Operator and/or number with a unit in one cell: `=100%`, `≥16.44万人`, `1023人`, `≥100`.
    var isTarget: Bool
    var targetHasOperator: Bool
    var isUnit: Bool
    var isScoringText: Bool
    var isMethodName: Bool
    var isBasis: Bool
    var isEvidence: Bool
    var looksLikeExplanation: Bool
    var isShortPhrase: Bool
    var isCommonIndicator: Bool
    /// A target whose unit is a real unit (`≥95%`, `1.2万人`), not symbols.
    var targetUnitIsClean = false
    /// Reads like an indicator name: mostly Chinese characters, no table symbols.
    var isCleanName = false
    /// A name printed after the template's numbering: `指标1:工程质量合格`.
    var isTemplateName = false
    /// Holds a mark no name has (`。；=%*`): a sentence or a formula.
    var hasSentenceMarks = false

    init(_ text: String, taxonomy: TaxonomyIndex) {
        self.text = text
        // scalar counts, not Character counts: grapheme breaking is the slow part of Swift strings,
        // and every test below is guarded by a cheap length check first
        let scalars = PlainText.withUTF8(text) { PlainText.scalarCount($0) }
        // in plain text (see `PlainText`; the words below are plain) prefix and suffix go by bytes
        let plain = PlainText.isPlain(text)
        func hasPrefix(_ w: String) -> Bool { plain ? PlainText.bytes(of: text, havePrefix: w) : text.hasPrefix(w) }
        func hasSuffix(_ w: String) -> Bool { plain ? PlainText.bytes(of: text, haveSuffix: w) : text.hasSuffix(w) }
        length = scalars
        let short = scalars <= 16
        (isLevel1, isLevel2) = short ? taxonomy.namesLevels(text) : (false, false)
        // a 指标性质 cell (`定量指标`) stands where the operator stands
        isOperator = scalars <= 6 && (Comparison.parse(text) != nil || Grammar.natureWords.contains(text))
        let folded = TextNormalizer.halfWidth(text)
        let firstScalar = folded.unicodeScalars.first
        let startsNumeric =
            firstScalar.map { ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "-" || $0 == "+" || $0 == "." } ?? false
        number = startsNumeric && scalars <= 24 ? TextNormalizer.number(folded) : nil
        isNumber = number != nil
        let hasDigit = folded.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        var target = false, hasOp = false
        // a name after the template's numbering (`指标1:工程质量合格`) is a name, whatever figures it holds
        isTemplateName = hasDigit && PlainText.hasPrefix(text, "指标") && !(Reader.withoutTemplatePrefix(text) ?? "").isEmpty
        if !isOperator, !isNumber, !isTemplateName, scalars <= 24, hasDigit {
            let t = Target.parse(text)
            if t.number != nil {
                let unitOK = t.unit.map { $0.unicodeScalars.count <= 8 } ?? true
                target = unitOK
                hasOp = t.comparison != nil
                if target { targetUnitIsClean = t.unit.map { CellFeatures.looksLikeUnit(TextNormalizer.halfWidth($0)) } ?? true }
            }
        }
        isTarget = target
        targetHasOperator = hasOp
        isUnit = scalars <= 8 && !isNumber && !isOperator && CellFeatures.looksLikeUnit(folded)
        isMethodName = scalars >= 4 && FormVocabulary.scoringMethodWords.contains { TextNormalizer.contains(text, $0) }
        isScoringText = isMethodName || (scalars >= 3 && CellFeatures.mentionsPoints(folded))
        isBasis = scalars <= 10 && FormVocabulary.basisWords.contains(TextNormalizer.labelKey(text))
        isEvidence = scalars <= 12 && !isNumber && FormVocabulary.evidenceSuffixes.contains { hasSuffix($0) }
        looksLikeExplanation =
            scalars > 30
            || CellFeatures.explanationOpenings.contains { hasPrefix($0) }
            || (scalars > 12
                && (folded.utf8.contains(UInt8(ascii: "=")) || TextNormalizer.contains(text, "是否")
                    || TextNormalizer.contains(text, "指标")))
        isShortPhrase = scalars <= 24 && !isNumber && !isOperator && !TextNormalizer.contains(text, "。")
        isCommonIndicator = short && taxonomy.commonIndicator(named: text) != nil
        // in plain text every scalar is a Character, and scalars are compared as integers
        hasSentenceMarks =
            plain
            ? text.unicodeScalars.contains { Self.sentenceMarks.contains($0) }
            : text.contains { c in Self.sentenceMarks.contains { Character($0) == c } }
        if scalars >= 2 && scalars <= 30 {
            var ideographs = 0, symbols = false
            for u in text.unicodeScalars {
                if u.value >= 0x4E00 && u.value <= 0x9FFF {
                    ideographs += 1
                } else if "|=≥≤<>%。".unicodeScalars.contains(u) {
                    symbols = true
                }
            }
            isCleanName = !symbols && ideographs * 5 >= scalars * 4
        }
    }

    /// `isLevel1 || isLevel2` without the other features, for a row that must name one to be read.
    static func namesLevel(_ text: String, taxonomy: TaxonomyIndex) -> Bool {
        guard PlainText.withUTF8(text, { PlainText.scalarCount($0) }) <= 16 else { return false }
        let names = taxonomy.namesLevels(text)
        return names.level1 || names.level2
    }

    static let sentenceMarks: [Unicode.Scalar] = ["。", "；", ";", "=", "＝", "%", "％", "*"]

    static let explanationOpenings = ["考核", "反映", "指", "是指", "用于", "衡量", "统计", "主要反映", "通过", "根据", "按", "全年", "年度内"]

    /// `得10分`, `扣0.5分`, `不得分`, `满分`, `计分`.
    static func mentionsPoints(_ s: String) -> Bool {
        if ["不得分", "满分", "计分", "扣完为止", "赋分"].contains(where: { TextNormalizer.contains(s, $0) }) { return true }
        guard TextNormalizer.contains(s, "分") else { return false }
        var sawDe = false
        var sawDigitAfter = false
        for c in s.unicodeScalars {
            if c == "得" || c == "扣" { sawDe = true; sawDigitAfter = false; continue }
            if sawDe {
                if (c.value >= 0x30 && c.value <= 0x39) || c == "." || "一二三四五六七八九十两".unicodeScalars.contains(c) {
                    sawDigitAfter = true; continue
                }
                if c == "分" && sawDigitAfter { return true }
                if c == "满" { continue }
                sawDe = false
            }
        }
        return false
    }

    private static let unitWords = WordSet([
        "%", "‰", "人", "万人", "人次", "万人次", "次", "万次", "个", "家", "户", "项", "件", "份", "所", "只", "台", "套", "辆",
        "元", "万元", "亿元", "千元", "天", "日", "月", "年", "小时", "分钟", "工作日", "个工作日", "批", "批次", "场", "期",
        "篇", "册", "本", "条", "座", "公里", "千米", "米", "平方米", "亩", "吨", "公顷", "立方米", "km", "m", "m2", "㎡", "分", "名", "岗", "班", "类",
        "处", "起",
        // more that 计量单位 columns hold: weights, plants and buildings, energy, points of a rate
        "公斤", "千克", "克", "斤", "部", "株", "棵", "盏", "宗", "栋", "幢", "间", "张", "块", "床", "头", "羽", "尾", "艘", "架",
        "支", "队", "门", "村", "镇", "乡", "路", "线", "站", "点", "单", "笔", "场次", "班次", "户次", "家次", "人日", "人天",
        "周", "个月", "学时", "课时", "节", "课", "百分点", "个百分点", "平方公里", "平方千米", "千瓦", "千瓦时", "兆瓦", "立方米/秒",
        "吨/日", "分贝", "℃", "元/人", "元/吨", "元/平方米", "元/亩",
    ])

    static func looksLikeUnit(_ s: String) -> Bool {
        if unitWords.contains(s) { return true }
        // ASCII digits only: 万 and 亿 are Unicode numerals, and they begin real units (万元/人)
        let plain = PlainText.isPlain(s)
        guard PlainText.count(s) <= 8,
            plain ? !s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) : !s.contains(where: { $0.isASCII && $0.isNumber })
        else { return false }
        // compound units: 元/人/月, 万元/次, 人/年
        if s.utf8.contains(UInt8(ascii: "/")) {
            return s.split(separator: "/").allSatisfy { unitWords.contains(String($0)) || $0.count <= 2 }
        }
        if s.hasPrefix("万") || s.hasPrefix("亿") { return unitWords.contains(String(s.dropFirst())) }
        return false
    }
}
