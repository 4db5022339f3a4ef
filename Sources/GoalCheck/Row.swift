import GoalCore

/// What the rules need to know about one indicator row, worked out once: normalised keys, the parsed
/// target, the name as scalars and the categories the row falls in.
struct Row: Sendable {
    let index: Int
    let indicator: Indicator
    let name: String
    let nameText: Scalars
    let level1Key: String
    let level2Key: String
    let target: Target
    /// The written unit, trimmed; nil when empty or a placeholder such as `-`.
    let unit: String?
    let dimension: MeasureUnit.Dimension?
    let explanation: String?
    let scoring: String?
    /// A bare 二级 label rendered as a row: no 三级 name and no value.
    let isLabelOnly: Bool
    let isCost: Bool
    let isSatisfaction: Bool
    /// The name measures a rate (…率) or the target is in %.
    let isRate: Bool

    init(index: Int, indicator ind: Indicator, rules: CompiledProfile) {
        self.index = index
        indicator = ind
        name = TextNormalizer.trim(ind.name)
        nameText = Scalars(name)
        level1Key = Taxonomy.key(ind.level1)
        level2Key = Taxonomy.key(ind.level2)
        target = ind.target
        unit = Row.present(ind.unit)
        dimension = unit.map { MeasureUnit($0).dimension }
        explanation = Row.present(ind.explanation)
        scoring = Row.present(ind.scoring)
        isLabelOnly = name.isEmpty && TextNormalizer.trim(ind.value).isEmpty
        isCost = level1Key.contains("成本") || level2Key.contains("成本")
        isSatisfaction = (rules.satisfaction.matches(nameText) && !rules.lowerIsBetter.matches(nameText))
            || level1Key == "满意度"
        isRate = nameText.contains(Row.rateChar) || dimension == .ratio
    }

    static let rateChar: [UInt32] = ["率".unicodeScalars.first!.value]

    /// A cell's text, or nil when it is empty or only a placeholder (`-`, `—`, `/`, `无`).
    static func present(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = TextNormalizer.trim(s)
        if t.isEmpty || ["-", "—", "－", "/", "无", "——", "--"].contains(t) { return nil }
        return t
    }

    var isQuantitative: Bool { indicator.type.isQuantitative }
    var number: Double? { target.number }

    /// The target as users wrote it: `≥95%`, `=12次`, `有效提高`.
    var targetText: String {
        let type = indicator.type
        if type == .qualitative { return Display.clip(indicator.value, 20) }
        return type.rawValue + Display.clip(TextNormalizer.trim(indicator.value), 20) + (unit ?? "")
    }
}

/// How texts from the table appear inside messages: short, one line, no control characters.
enum Display {
    static func clip(_ s: String, _ limit: Int = 30) -> String {
        var out = ""
        var n = 0
        for ch in s {
            if n == limit { out.append("…"); break }
            if ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                if !out.hasSuffix(" ") { out.append(" ") }
            } else {
                out.append(ch)
            }
            n += 1
        }
        return TextNormalizer.trim(out)
    }

    static func number(_ v: Double) -> String { TextNormalizer.format(v, decimals: 2) }
}
