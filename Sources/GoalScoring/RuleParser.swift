import GoalCore

/// Reads a free-text 评（扣）分标准 (or the method named in 指标赋分规则) into a `ParsedScoring`.
/// Texts vary a lot; the parser works on a normalised form (half-width, Arabic numerals, no spaces)
/// and looks for the parts every phrasing shares: steps (每…扣…分), bands and grades (…得N分),
/// ratios (实际值/计划值, 按比例), pass lines ((完成率−60%)/(1−60%)) and direct rules (否则不得分).
public enum RuleParser {
    static let num = #"(\d+(?:\.\d+)?)"#

    /// Texts as typed, normalised for matching: `每推迟一天扣零点五分` → `每推迟1天扣0.5分`.
    public static func normalize(_ text: String) -> String {
        if isPlain(text) { return text }
        var s = TextNormalizer.halfWidth(text)
        s = ChineseNumerals.arabize(s)
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case " ", "\t", "\n", "\r", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{A0}": continue
            case "×", "✕", "✖", "╳": scalars.append("*")
            case "÷": scalars.append("/")
            case "−", "—", "–", "－", "―": scalars.append("-")
            case "～", "〜", "~": scalars.append("-")
            case "﹪": scalars.append("%")
            case "≧", "⩾": scalars.append("≥")
            case "≦", "⩽": scalars.append("≤")
            case "【", "〔", "［": scalars.append("(")
            case "】", "〕", "］": scalars.append(")")
            case "“", "”", "‘", "’", "\"", "'": continue
            default: scalars.append(u)
            }
        }
        let out = String(scalars)
        guard out.utf8.contains(UInt8(ascii: "=")) else { return out }
        return
            out
            .replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "=>", with: "≥")
            .replacingOccurrences(of: "<=", with: "≤").replacingOccurrences(of: "=<", with: "≤")
    }

    /// Whether normalising would change nothing: only ASCII letters, digits, `.%/` and ideographs that are
    /// not numerals (the usual 效果明显, 27日, 93%).
    static func isPlain(_ text: String) -> Bool {
        for u in text.unicodeScalars {
            let v = u.value
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x25, 0x2E, 0x2F: continue
            case 0x4E00...0x9FFF:
                if ChineseNumerals.numeralScalars.contains(v) { return false }
            default: return false
            }
        }
        return true
    }

    // MARK: patterns

    static let belowVerbs = ["下降", "降低", "低于", "少于", "减少", "未完成", "未达到", "未达", "不足", "缺少", "差", "少", "低", "缺", "减"]
    static let aboveVerbs = ["超出", "超过", "超支", "高于", "多于", "增加", "上升", "提高", "增长", "发生", "出现", "多", "超"]
    static let lateVerbs = ["推迟", "延迟", "延期", "逾期", "滞后", "拖延", "超期", "超时", "晚", "迟"]

    /// 每下降1%扣0.2分: verb, size, unit, points. `every` is what starts it; `sizeNeeded` whether the size must be written.
    static func stepPattern(every: String, sizeNeeded: Bool) -> TextPattern {
        let verbs = (lateVerbs + belowVerbs + aboveVerbs).joined(separator: "|")
        return TextPattern(
            every + #"[^，,；;。扣减\d]{0,8}?("# + verbs + #")(?:目标值|计划值|指标值|标准|预算)?"# + num + (sizeNeeded ? "" : "?")
                + #"(个百分点|百分点|%|个工作日|工作日|个月|天|日|[^\d，,；;。扣减]{0,4}?)(?:的)?[，,]?(?:的|则|再)?(?:扣除|扣减|扣|减)"# + num + "分")
    }
    static let step = stepPattern(every: "每", sizeNeeded: false)
    /// 少1次扣1分 at the start of a clause, without 每: a step with its size written.
    static let stepNoEvery = stepPattern(every: "(?:^|[，,；;。])", sizeNeeded: true)
    /// 发生一起扣2分 (without 每): points off per incident.
    static let incident = TextPattern(
        #"(?:发生|出现|有)"# + num + #"?(起|次|例|件|项|宗)[^，,；;。扣\d]{0,6}?(?:扣除|扣减|扣|减)"# + num + "分")
    static let maxDeduction = TextPattern(
        #"(?:最多|最高|至多|累计最多|累计|最多可)扣(?:除|减)?"# + num + #"分|扣分(?:不超过|≤|最多|上限为?)"# + num + #"分|扣(?:满|完)"# + num + "分(?:为止)?")
    static let passLineFormula = TextPattern(#"-"# + num + #"%\)?/\(?1-"# + num + "%")
    static let passLineWords = TextPattern(#"及格(?:线|门槛|标准)?(?:为|是)?"# + num + "%")
    static let zeroBelow = TextPattern(
        #"(?:小于|低于|不足|未达到|未达|<)"# + num + #"%(?:的|时|者)?(?:为不及格)?[，,]?(?:的)?(?:不得分|得0分|计0分|不计分)|"#
            + num + #"%(?:\(不含\))?以下(?:的|时|者)?[，,]?(?:不得分|得0分|计0分|不计分)"#)
    static let ratioWords = TextPattern(
        #"比例|完成率\*|\*完成率|完成率计|按完成率|按完成程度|实际[^/，,；;。]{0,10}/[^，,；;。]{0,10}(?:计划|目标|指标|预期|标准)|(?:计划|目标|指标)[^/，,；;。]{0,6}/[^，,；;。]{0,6}实际|得分=[^，,；;。]*/"#
    )
    static let fullPointsPattern = TextPattern(#"满分(?:为|是)?"# + num + "分")
    /// What awards points in a clause: 得满分5分, 得10分, 计8分, 不得分, 按比例得分, a bare 5分 (not 扣5分).
    static let award = TextPattern(
        #"得(?:满分|分值|该项分值|指标分值|该指标分值)?的?\d+(?:\.\d+)?%(?:的)?(?:分值|分数|分)?|按(?:满分|分值)?的?\d+(?:\.\d+)?%(?:计分|得分|赋分)|得(?:满分|分值)?的?一半(?:分值)?|减半(?:计分|得分)?|"#
            + #"得满分(?:为)?(?:"# + num + #"分)?|满分"# + num + #"分|不得分|不计分|不给分|得0分|按比例(?:得分|计分|赋分)|(?:得|计|给|赋|记|为)"#
            + num + #"分|(?<![扣减除\d.每])"# + num + "分(?![值数])")
    static let boundRange = TextPattern(
        num + #"(%)?(\((?:含|不含)\))?(?:-|至|到)"# + num + #"(%)?(\((?:含|不含)\))?"#)
    static let boundOp = TextPattern(
        #"(≥|大于等于|大于或等于|不低于|不少于|达到|达|>|大于|高于|超过|≤|小于等于|小于或等于|不高于|不超过|<|小于|低于|不足|少于|未达到)"# + num)
    static let boundSuffix = TextPattern(
        num + #"(?:%|[^\d，,；;。%(]{0,3}?)?(\((?:含|不含)\))?(及以上|或以上|以上|之上|及以下|或以下|以下|以内|之内|前)"#)
    static let loneNumber = TextPattern(num + "%?")

    /// What people write in a cell they leave empty.
    static let placeholders: Set<String> = ["-", "--", "/", "\\", "无", "空", "暂无", "—", "N/A", "n/a"]
    static let otherwiseWords = ["否则", "其余", "其他", "其它", "反之", "除此之外", "以外", "未达到上述"]
    static let genericPositive = [
        "达到", "完成", "达标", "按计划", "按时", "符合", "满足", "实现", "控制在", "范围内", "计划值", "目标值", "指标值",
        "合格", "是", "及时", "准确", "全部", "到位",
    ]
    static let methodNames: [(String, ScoringRule?)] = [
        ("满意度赋分", .satisfaction), ("评判等级", .grade), ("等级赋分", .grade), ("直接赋分", .direct),
        ("及格", nil), ("比例赋分", .ratio), ("比例计分", .ratio), ("比例得分", .ratio),
    ]

    // MARK: parsing

    /// Parses one scoring text. `passLine` is the profile's pass line for texts that name none (按完成比例赋分，设置及格门槛).
    public static func parse(_ text: String, passLine: Double = 0.6) -> ParsedScoring {
        let s = normalize(text)
        // an empty cell, or a placeholder (-, /, 无) where the form wants a text
        guard !s.isEmpty, !placeholders.contains(s) else {
            return ParsedScoring(rule: nil, source: .typeDefault, problem: nil)
        }
        // 1. a method name (按照正常比例赋分, 直接赋分 …): short, names 赋分, gives no numbers
        if s.count <= 24, !s.contains(where: { $0.isASCII && $0.isNumber }) || s.contains("及格"),
            let method = methodRule(s, passLine: passLine)
        {
            return ParsedScoring(rule: method, source: .method)
        }
        let named = fullPointsPattern.firstMatch(in: s)?.number(1)
        let maxOff = maxDeduction.firstMatch(in: s).flatMap { m in m.number(1) ?? m.number(2) ?? m.number(3) }
        let zero = zeroBelow.firstMatch(in: s).flatMap { m in m.number(1) ?? m.number(2) }

        // 2. pass line
        if let m = passLineFormula.firstMatch(in: s), let p = m.number(1) {
            return ParsedScoring(rule: .passLine(p / 100), source: .text, fullPoints: named ?? topPoints(awards(in: s)))
        }
        if let m = passLineWords.firstMatch(in: s), let p = m.number(1), ratioWords.contains(in: s) || s.contains("超过的比重") {
            return ParsedScoring(rule: .passLine(p / 100), source: .text, fullPoints: named ?? topPoints(awards(in: s)))
        }

        // 3. steps
        let stepMatch = step.firstMatch(in: s) ?? stepNoEvery.firstMatch(in: s)
        if stepMatch == nil, let m = incident.firstMatch(in: s), let unit = m[2], let deduction = m.number(3) {
            let rest = s.replacingOccurrences(of: m.whole, with: "，")
            let st = Step(deduction: deduction, size: m.number(1) ?? 1, kind: .absolute(unit: unit), maxDeduction: maxOff)
            return ParsedScoring(rule: .stepOver(st), source: .text, fullPoints: named ?? topPoints(awards(in: rest)))
        }
        if let m = stepMatch, let verb = m[1], let deduction = m.number(4) {
            let size = m.number(2) ?? 1
            let unitText = m[3] ?? ""
            let rest = maxDeduction.removing(from: s.replacingOccurrences(of: m.whole, with: "，"))
            let full = named ?? topPoints(awards(in: rest))
            let kind: Step.Kind
            switch unitText {
            case "%": kind = .percent
            case "个百分点", "百分点": kind = .percentagePoint
            default:
                let u = unitText.hasPrefix("个") && unitText.count > 1 ? String(unitText.dropFirst()) : unitText
                kind = .absolute(unit: u.isEmpty ? nil : u)
            }
            let st = Step(deduction: deduction, size: size, kind: kind, maxDeduction: maxOff)
            let isDayUnit = ["天", "日", "工作日", "个工作日"].contains(unitText)
            let rule: ScoringRule
            if lateVerbs.contains(verb) || (isDayUnit && aboveVerbs.contains(verb)) {
                rule = .lateDays(st)
            } else if aboveVerbs.contains(verb) {
                rule = .stepOver(st)
            } else {
                rule = .stepDown(st)
            }
            return ParsedScoring(rule: rule, source: .text, fullPoints: full, zeroBelow: zero)
        }

        // 4. bands and grades: clauses ending in an award
        let clauses = awards(in: maxDeduction.removing(from: s))
        let full = named ?? topPoints(clauses)
        let numeric = clauses.filter { $0.bounds != nil }
        let otherwise = clauses.first { $0.isOtherwise }
        let texts = clauses.filter { $0.bounds == nil && !$0.isOtherwise && !$0.condition.isEmpty }
        let hasRatioWords = ratioWords.contains(in: s)

        if numeric.count >= 2 || (numeric.count == 1 && otherwise != nil && !hasRatioWords) {
            var bands = numeric.map { c -> Band in
                var b = c.bounds!
                b.award = c.award
                return b
            }
            if let o = otherwise { bands.append(Band(lower: nil, upper: nil, award: o.award)) }
            return ParsedScoring(rule: .bands(bands), source: .text, fullPoints: full, zeroBelow: zero)
        }
        let gradeWords = texts.filter { !isGeneric($0.condition) }
        // a grade between none and full (部分完成得5分, 基本实现得80%分值) makes grades of even generic words
        let top = texts.compactMap(\.points).max() ?? 0
        let intermediate = texts.contains { c in
            if case .share(let f) = c.award { return f > 0 && f < 1 }
            return c.points.map { $0 > 0 && $0 < top } ?? false
        }
        if gradeWords.count >= 2 || (gradeWords.count == 1 && (otherwise != nil || texts.count >= 2))
            || (texts.count >= 2 && intermediate)
        {
            let grades = texts.map { GradePoints(words: $0.condition, award: $0.award) }
            return ParsedScoring(
                rule: .fixedGrades(grades, otherwise: otherwise?.points ?? 0), source: .text, fullPoints: full)
        }
        // 5. ratio
        if hasRatioWords {
            return ParsedScoring(rule: .ratio, source: .text, fullPoints: full, zeroBelow: zero)
        }
        // 6. direct: met gets the points, otherwise none
        let saysNone =
            clauses.contains { $0.points == 0 || $0.award == .points(0) }
            || s.contains("不得分") || s.contains("扣除全部") || s.contains("扣全部")
        if s.contains("直接赋分") || (saysNone && (texts.count + numeric.count >= 1 || full != nil)) {
            if let only = numeric.first, numeric.count == 1 {
                // 达95%以上得10分，否则不得分 with the zero in the same clause list: a band pair
                var b = only.bounds!
                b.award = only.award
                return ParsedScoring(
                    rule: .bands([b, Band(lower: nil, upper: nil, award: .points(0))]), source: .text, fullPoints: full)
            }
            return ParsedScoring(rule: .direct, source: .text, fullPoints: full)
        }
        // 7. a method named inside a longer text
        if let method = methodRule(s, passLine: passLine) {
            return ParsedScoring(rule: method, source: .method, fullPoints: full)
        }
        if let f = full {
            return ParsedScoring(
                rule: nil, source: .typeDefault, fullPoints: f,
                problem: "只写明满分\(ArithmeticText.number(f))分，未写明未达到时如何计分")
        }
        return ParsedScoring(rule: nil, source: .typeDefault, problem: "未能识别评分规则")
    }

    /// The full points the awards name: the highest, unless one says 得满分 without a number (then the weight is).
    static func topPoints(_ clauses: [Clause]) -> Double? {
        if clauses.contains(where: { $0.award == .full }) { return nil }
        return clauses.compactMap(\.points).max()
    }

    static func methodRule(_ s: String, passLine: Double) -> ScoringRule? {
        for (name, rule) in methodNames where s.contains(name) {
            if let rule { return rule }
            if name == "及格" && (s.contains("比例") || s.contains("完成率")) { return .passLine(passLine) }
        }
        if s.contains("赋分") && s.contains("比例") { return .ratio }
        if s == "比例" || s == "按比例" || s == "按完成率" { return .ratio }
        if s.contains("满意度") && s.contains("赋分") { return .satisfaction }
        return nil
    }

    static func isGeneric(_ condition: String) -> Bool {
        genericPositive.contains { condition.contains($0) }
    }

    // MARK: clauses

    /// A clause of a scoring text that ends in an award: its condition and what it gives.
    struct Clause {
        var condition: String
        var award: Band.Award
        var bounds: Band?
        var isOtherwise: Bool
        var points: Double? { if case .points(let p) = award { return p } else { return nil } }
    }

    /// Cuts the text at each award (得N分, 不得分 …); each clause's condition is the text since the previous one.
    static func awards(in s: String) -> [Clause] {
        var out: [Clause] = []
        var start = s.startIndex
        for m in award.matches(in: s) {
            let r = m.range
            guard r.lowerBound >= start else { continue }
            let raw = String(s[start..<r.lowerBound])
            start = r.upperBound
            let whole = m.whole
            let a: Band.Award
            if whole.contains("%") || whole.contains("一半") || whole.hasPrefix("减半") {
                let share = loneNumber.firstMatch(in: whole)?.number(1).map { $0 / 100 } ?? 0.5
                a = .share(share)
            } else if whole.hasPrefix("得满分") {
                a = m.number(1).map { .points($0) } ?? .full
            } else if whole.hasPrefix("不") || whole == "得0分" {
                a = .points(0)
            } else if whole.hasPrefix("按比例") {
                a = .ratio
            } else if let p = m.number(2) ?? m.number(3) ?? m.number(4) {
                a = .points(p)
            } else {
                continue
            }
            let condition = cleanCondition(raw)
            let bare = raw.drop { "，,；;。、：: ".contains($0) }
            let isOtherwise = condition.isEmpty ? !out.isEmpty : otherwiseWords.contains { bare.hasPrefix($0) }
            let bounds = isOtherwise ? nil : parseBounds(condition)
            out.append(Clause(condition: isOtherwise ? "" : condition, award: a, bounds: bounds, isOtherwise: isOtherwise))
        }
        return out
    }

    static func cleanCondition(_ raw: String) -> String {
        var c = Substring(raw)
        let edge: Set<Character> = [
            "，", ",", "；", ";", "。", "、", "：", ":", "的", "则", "者", "时", "可", "即", "(", ")", "（", "）", "和", "或", "且",
        ]
        // a clause may begin with the end of the previous one: "…扣完为止。"
        while let f = c.first, edge.contains(f) { c = c.dropFirst() }
        while let l = c.last, edge.contains(l) { c = c.dropLast() }
        // list numbering: 1. 2、 3)
        if let f = c.first, f.isASCII, f.isNumber {
            let digits = c.prefix { $0.isASCII && $0.isNumber }
            let rest = c.dropFirst(digits.count)
            if digits.count <= 2, let mark = rest.first, ".、)）".contains(mark),
                let next = rest.dropFirst().first, !(next.isASCII && next.isNumber)
            {
                c = rest.dropFirst()
            }
        }
        for w in ["如果", "若", "如", "凡", "当", "实际完成"] where c.hasPrefix(w) && c.count > w.count { c = c.dropFirst(w.count) }
        for w in ["的", "时", "者", "可", "即可", "的话"] where c.hasSuffix(w) { c = c.dropLast(w.count) }
        return String(c)
    }

    /// The numeric bounds a condition names: `80%-95%`, `≥95%`, `小于95%且大于等于80%`, `95%以上`, `100%`.
    static func parseBounds(_ condition: String) -> Band? {
        guard condition.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        var band = Band(lower: nil, upper: nil, award: .full, percent: condition.contains("%"))
        if let m = boundRange.firstMatch(in: condition), var a = m.number(1), var b = m.number(4) {
            var aIncl = m[3] != "(不含)", bIncl = m[6] == "(含)"
            if a > b { swap(&a, &b); swap(&aIncl, &bIncl); if m[6] == nil { aIncl = true }; if m[3] == nil { bIncl = true } }
            band.lower = a; band.lowerInclusive = aIncl; band.upper = b; band.upperInclusive = bIncl
            return band
        }
        var found = false
        for m in boundOp.matches(in: condition) {
            guard let op = m[1], let v = m.number(2) else { continue }
            switch op {
            case "≥", "大于等于", "大于或等于", "不低于", "不少于", "达到", "达":
                band.lower = v; band.lowerInclusive = true
            case ">", "大于", "高于", "超过":
                band.lower = v; band.lowerInclusive = false
            case "≤", "小于等于", "小于或等于", "不高于", "不超过":
                band.upper = v; band.upperInclusive = true
            default:
                band.upper = v; band.upperInclusive = false
            }
            found = true
        }
        if found { return band }
        if let m = boundSuffix.firstMatch(in: condition), let v = m.number(1), let word = m[3] {
            let excluded = m[2] == "(不含)"
            if word.hasSuffix("以上") || word == "之上" {
                band.lower = v; band.lowerInclusive = !excluded
            } else {
                band.upper = v; band.upperInclusive = !excluded
            }
            return band
        }
        // a lone figure (满意度100%得10分): at least that
        let numbers = loneNumber.matches(in: condition)
        if numbers.count == 1, let v = numbers[0].number(1), numbers[0].whole.hasSuffix("%") || condition.count <= 8 {
            band.lower = v; band.lowerInclusive = true
            return band
        }
        return nil
    }
}
