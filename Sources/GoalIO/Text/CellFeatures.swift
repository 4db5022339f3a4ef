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

    init(_ text: String, taxonomy: TaxonomyIndex) {
        self.text = text
        length = text.count
        isLevel1 = taxonomy.level1(named: text) != nil
        isLevel2 = taxonomy.level2(named: text) != nil
        isOperator = Comparison.parse(text) != nil && length <= 4
        number = TextNormalizer.number(text)
        isNumber = number != nil
        let folded = TextNormalizer.halfWidth(text)
        var target = false, hasOp = false
        if !isOperator, !isNumber, length <= 24, folded.contains(where: { $0.isASCII && $0.isNumber }) {
            let t = Target.parse(text)
            if t.number != nil {
                let unitOK = t.unit.map { $0.count <= 8 } ?? true
                target = unitOK
                hasOp = t.comparison != nil
            }
        }
        isTarget = target
        targetHasOperator = hasOp
        if target { targetUnitIsClean = Target.parse(text).unit.map { CellFeatures.looksLikeUnit(TextNormalizer.halfWidth($0)) } ?? true }
        isUnit = !isNumber && !isOperator && CellFeatures.looksLikeUnit(folded)
        isMethodName = FormVocabulary.scoringMethodWords.contains { text.contains($0) }
        isScoringText = isMethodName || CellFeatures.mentionsPoints(folded)
        isBasis = FormVocabulary.basisWords.contains(TextNormalizer.labelKey(text))
        isEvidence = length <= 12 && !isNumber && FormVocabulary.evidenceSuffixes.contains { text.hasSuffix($0) }
        looksLikeExplanation = CellFeatures.explanationOpenings.contains { text.hasPrefix($0) }
            || (length > 12 && (folded.contains("=") || text.contains("是否") || text.contains("指标")))
            || length > 30
        isShortPhrase = length <= 24 && !isNumber && !isOperator && !text.contains("。")
        isCommonIndicator = taxonomy.commonIndicator(named: text) != nil
        let ideographs = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
        isCleanName = length >= 2 && length <= 30 && ideographs * 5 >= length * 4 && !text.contains(where: { "|=≥≤<>%。".contains($0) })
    }

    static let explanationOpenings = ["考核", "反映", "指", "是指", "用于", "衡量", "统计", "主要反映", "通过", "根据", "按", "全年", "年度内"]

    /// `得10分`, `扣0.5分`, `不得分`, `满分`, `计分`.
    static func mentionsPoints(_ s: String) -> Bool {
        if s.contains("不得分") || s.contains("满分") || s.contains("计分") || s.contains("扣完为止") || s.contains("赋分") { return true }
        var sawDe = false
        var sawDigitAfter = false
        for c in s {
            if c == "得" || c == "扣" { sawDe = true; sawDigitAfter = false; continue }
            if sawDe {
                if c.isNumber || c == "." || "一二三四五六七八九十两".contains(c) { sawDigitAfter = true; continue }
                if c == "分" && sawDigitAfter { return true }
                if c == "满" { continue }
                sawDe = false
            }
        }
        return false
    }

    private static let unitWords: Set<String> = [
        "%", "‰", "人", "万人", "人次", "万人次", "次", "万次", "个", "家", "户", "项", "件", "份", "所", "只", "台", "套", "辆",
        "元", "万元", "亿元", "千元", "天", "日", "月", "年", "小时", "分钟", "工作日", "个工作日", "批", "批次", "场", "期",
        "篇", "册", "本", "条", "座", "公里", "千米", "米", "平方米", "亩", "吨", "公顷", "立方米", "km", "m", "m2", "㎡", "分", "名", "岗", "班", "类", "处",
    ]

    static func looksLikeUnit(_ s: String) -> Bool {
        if unitWords.contains(s) { return true }
        guard s.count <= 8, !s.contains(where: { $0.isNumber }) else { return false }
        // compound units: 元/人/月, 万元/次, 人/年
        if s.contains("/") {
            return s.split(separator: "/").allSatisfy { unitWords.contains(String($0)) || $0.count <= 2 }
        }
        if s.hasPrefix("万") || s.hasPrefix("亿") { return unitWords.contains(String(s.dropFirst())) }
        return false
    }
}
