import GoalCore

/// Scores one indicator row under the rule in force (`scoring.md`): the rule of its scoring text,
/// else the method named, else the default of its type. Pure: same row and rule, same score.
public struct IndicatorScorer: Sendable {
    public var settings: ScoringSettings

    public init(settings: ScoringSettings = .init()) { self.settings = settings }

    /// The rule of a type when no text or method applies: `≥` `>` `≤` `<` `=` → ratio, `定性` → grade.
    public static func defaultRule(for type: Comparison) -> ScoringRule {
        type == .qualitative ? .grade : .ratio
    }

    /// An explanation, written only when someone reads it: scoring a million rows needs numbers, not prose.
    typealias Explain = @Sendable () -> String

    /// The result of a rule before clamping and rounding.
    enum Outcome {
        case scored(Double, Explain)
        case unreadable(String)

        static func points(_ v: Double, _ text: @autoclosure @escaping @Sendable () -> String) -> Outcome { .scored(v, text) }
    }

    /// What a rule works on, read once per row.
    struct Inputs: Sendable {
        /// 指标值 as written.
        var value: String
        var type: Comparison
        var target: Target
        var targetUnit: MeasureUnit?
        var t: Double?
        var a: Double?
        var reading: ActualReading
        var w: Double
        /// The points the text names, for scaling band and grade points to `w`.
        var textFull: Double?
        var isPercent: Bool
        var zeroBelow: Double?
        func n(_ v: Double) -> String { ArithmeticText.number(v) }

        /// Points written in the text, scaled to the weight when the two differ.
        func scaled(_ p: Double) -> (Double, Explain) {
            guard let f = textFull, f > 0, abs(f - w) > 1e-9 else { return (p, { ArithmeticText.number(p) }) }
            let v = p * w / f, w = self.w
            return (
                v,
                {
                    "\(ArithmeticText.number(p)) × \(ArithmeticText.number(w)) ÷ \(ArithmeticText.number(f)) = \(ArithmeticText.number(ArithmeticText.round(v)))"
                }
            )
        }
    }

    /// `evaluation` is what the unit entered for the row; `target` is the indicator's parsed target when
    /// the caller has it cached (`Scorer` does).
    public func score(
        _ ind: Indicator, evaluation: IndicatorEvaluation, at place: ScorePlace, parsed: ParsedScoring,
        target: PreparedTarget? = nil
    ) -> IndicatorScore {
        var flags: [ScoreFlag] = []
        let rule = parsed.rule ?? Self.defaultRule(for: ind.type)
        let source = parsed.rule != nil ? parsed.source : .typeDefault
        let prefix =
            parsed.rule != nil
            ? (parsed.prefix ?? Self.prefix(rule, source, ind.type, settings))
            : Self.prefix(rule, source, ind.type, settings)
        if let p = parsed.problem, case let scoringText = TextNormalizer.trim(ind.scoring ?? ""), !scoringText.isEmpty {
            flags.append(place.flag(.ruleNotUnderstood, .warning, .scoring, "“\(Self.short(scoringText))”\(p)，\(prefix)评分"))
        }
        let prepared = target ?? PreparedTarget(ind.target)
        let target = prepared.target
        let reading = ActualReading.read(evaluation.actual, target: target, indicator: ind, targetUnit: .some(prepared.unit))
        let weight = ind.weight ?? parsed.fullPoints
        func result(_ score: Double?, _ explanation: String, rule r: ScoringRule? = rule) -> IndicatorScore {
            IndicatorScore(
                index: place.indicator ?? 0, name: ind.name, score: score, weight: weight, rule: r,
                source: source, render: { explanation }, flags: flags)
        }
        if reading.value == .notApplicable {
            return result(nil, "不适用：不计入得分和满分", rule: nil)
        }
        guard let w = weight, w.isFinite, w >= 0 else {
            flags.append(place.flag(.missingWeight, .error, .weight, "未填分值，评分标准也未写明满分，无法评分，未计入总分"))
            return result(nil, "无分值：未计入", rule: nil)
        }
        if let iw = ind.weight, let f = parsed.fullPoints, abs(iw - f) > 1e-9 {
            flags.append(
                place.flag(
                    .weightMismatch, .info, .scoring,
                    "评分标准写明\(ArithmeticText.number(f))分，与分值\(ArithmeticText.number(iw))不一致，按分值\(ArithmeticText.number(iw))计"))
        }
        if reading.value == .missing {
            flags.append(place.flag(.missingActual, .error, .actual, "未填写实际完成值，按0分计"))
            return result(0, "\(prefix)：无实际完成值，0")
        }
        if let warning = reading.warning { flags.append(place.flag(.unreadableActual, .warning, .actual, warning)) }
        let isPercent = prepared.unit?.isPercent ?? false
        // an actual above an `=` target: a deviation (the spec's default) or met, as the profile says
        var equalOver: String? = nil
        var type = ind.type
        if ind.type == .equal, let a = reading.number, let t = target.number, a > t + 1e-9 * max(1, abs(t)) {
            switch settings.equalOverAchievement {
            case .met:
                type = .atLeast
                equalOver = "“=”指标超过指标值按达到计（规则配置 equalOverAchievement: met）"
            case .deviation:
                equalOver = "“=”指标超过指标值与低于一样按偏离计分（规则配置 equalOverAchievement: deviation，可设为 met）"
            }
        }
        let inputs = Inputs(
            value: ind.value, type: type, target: target, targetUnit: prepared.unit, t: target.number, a: reading.number,
            reading: reading, w: w,
            textFull: parsed.fullPoints, isPercent: isPercent, zeroBelow: parsed.zeroBelow)
        let outcome = apply(rule, inputs)
        let score: Double
        let body: Explain
        switch outcome {
        case .scored(let raw, let arithmetic):
            let s = ArithmeticText.round(min(max(raw.isFinite ? raw : 0, 0), w))
            score = s
            if raw > w + 0.005 || raw < -0.005 {
                body = { "\(arithmetic())（限于0至\(ArithmeticText.number(w))分：\(ArithmeticText.number(s))）" }
            } else {
                body = arithmetic
            }
            if case .text = reading.value, target.number != nil, ind.type != .qualitative {
                flags.append(place.flag(.unreadableActual, .warning, .actual, "“\(reading.written)”不是数字，按达到指标值计；请填写实际数值"))
            }
        case .unreadable(let why):
            score = 0
            body = { "\(why)，0" }
            flags.append(place.flag(.unreadableActual, .error, .actual, "“\(reading.written)”\(why)，按0分计"))
        }
        for note in reading.notes { flags.append(place.flag(.actualInterpreted, .info, .actual, note)) }
        let formula = reading.formula, notes = reading.notes, equalOverNote = equalOver
        let render: Explain = {
            var e = "\(prefix)：\(body())"
            if let f = formula { e = f + "；" + e }
            for note in notes { e += "（\(note)）" }
            if let over = equalOverNote { e += "（\(over)）" }
            return ArithmeticText.oneLine(e)
        }
        // a missed target asks why even at full marks (≥98% with 97% scores full under the default 满意度 bands)
        var missed = false
        if type != .qualitative, let a = reading.number, let t = target.number, !Self.isMet(type, a, t) { missed = true }
        if TextNormalizer.trim(evaluation.deviation ?? "").isEmpty {
            if score < w - 0.005 {
                flags.append(
                    place.flag(
                        .deviationMissing, .warning, .deviation,
                        "得分\(ArithmeticText.number(score))低于满分\(ArithmeticText.number(w))，未填写偏差原因分析及改进措施"))
            } else if missed {
                let op = type.rawValue
                flags.append(
                    place.flag(
                        .deviationMissing, .warning, .deviation,
                        "实际完成值\(ArithmeticText.number(reading.number ?? 0))未达到指标值\(op)\(ArithmeticText.number(target.number ?? 0))，虽得满分\(ArithmeticText.number(w))，仍须填写偏差原因分析及改进措施"
                    ))
            }
        }
        if ind.type.isHigherBetter, let t = target.number, t > 0, let a = reading.number,
            a >= t * (1 + settings.targetTooLowExcess) - 1e-9
        {
            let over = (a - t) / t
            flags.append(
                place.flag(
                    .targetTooLow, .warning, .value,
                    "实际完成值\(ArithmeticText.number(a))超出指标值\(ArithmeticText.number(t))达\(ArithmeticText.percent(over))（≥\(ArithmeticText.percent(settings.targetTooLowExcess))），指标值可能设定偏低"
                ))
        }
        var scored = IndicatorScore(
            index: place.indicator ?? 0, name: ind.name, score: score, weight: w, rule: rule,
            source: source, render: render, flags: flags)
        scored.missedTarget = missed
        return scored
    }

    /// How an explanation begins: the rule and where it came from ("按赋分方法（按比例）").
    static func prefix(_ rule: ScoringRule, _ source: RuleSource, _ type: Comparison, _ settings: ScoringSettings) -> String {
        var label = rule.label
        switch rule {
        case .stepDown, .stepOver, .lateDays: label += settings.steps == .whole ? "（按整步计）" : "（按比例计）"
        default: break
        }
        switch source {
        case .text: return label
        case .method: return "按赋分方法（\(label)）"
        case .typeDefault: return "按“\(type.rawValue)”类型默认（\(label)）"
        }
    }

    static func short(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }

    // MARK: rules

    func apply(_ rule: ScoringRule, _ x: Inputs) -> Outcome {
        // qualitative rows under a numeric rule are judged by grade; numeric rows under a grade rule by ratio
        let qualitative = x.type == .qualitative && x.target.number == nil
        switch rule {
        case .ratio:
            return qualitative ? grade(x, note: "定性指标") : ratio(x, passLine: nil)
        case .passLine(let p):
            return qualitative ? grade(x, note: "定性指标") : ratio(x, passLine: p)
        case .stepDown(let s):
            return qualitative ? grade(x, note: "定性指标") : step(x, s, below: true)
        case .stepOver(let s):
            return qualitative ? grade(x, note: "定性指标") : step(x, s, below: false)
        case .lateDays(let s):
            return lateDays(x, s)
        case .bands(let bands):
            return self.bands(x, bands)
        case .fixedGrades(let grades, let otherwise):
            return fixedGrades(x, grades, otherwise: otherwise)
        case .direct:
            return direct(x)
        case .grade:
            return qualitative ? grade(x, note: nil) : ratio(x, passLine: nil, label: "定量指标按完成比例")
        case .satisfaction:
            return satisfaction(x)
        }
    }

    /// The operator that says a target was missed: ≥ → <, = → ≠.
    static func negated(_ type: Comparison) -> String {
        switch type {
        case .atLeast, .qualitative: return "<"
        case .greater: return "≤"
        case .equal: return "≠"
        case .atMost: return ">"
        case .less: return "≥"
        }
    }

    static func isMet(_ type: Comparison, _ a: Double, _ t: Double) -> Bool {
        let eps = 1e-9 * max(1, abs(t))
        switch type {
        case .atLeast, .qualitative: return a >= t - eps
        case .greater: return a > t
        case .equal: return abs(a - t) <= eps
        case .atMost: return a <= t + eps
        case .less: return a < t
        }
    }

    /// The completion rate under the type and its arithmetic: `A ÷ T`, `T ÷ A`, `1 − |A − T| ÷ T`.
    static func rate(_ type: Comparison, _ a: Double, _ t: Double) -> (Double, Explain)? {
        let n = ArithmeticText.number
        switch type {
        case .atMost, .less:
            if a <= 0 { return (1, { "实际\(n(a, 4))不超过指标值" }) }
            return (t / a, { "\(n(t, 4)) ÷ \(n(a, 4))" })
        case .equal:
            guard t != 0 else { return nil }
            return (1 - abs(a - t) / abs(t), { "(1 − |\(n(a, 4)) − \(n(t, 4))| ÷ \(n(t, 4)))" })
        case .atLeast, .greater, .qualitative:
            guard t != 0 else { return nil }
            return (a / t, { "\(n(a, 4)) ÷ \(n(t, 4))" })
        }
    }

    func numbers(_ x: Inputs) -> (Double, Double)? {
        guard let a = x.a, let t = x.t else { return nil }
        return (a, t)
    }

    func metText(_ x: Inputs, _ a: Double, _ t: Double) -> String {
        let op = x.type == .qualitative ? "≥" : x.type.rawValue
        return "达到指标值（\(x.n(a)) \(op) \(x.n(t))），得满分\(x.n(x.w))"
    }

    func unreadable(_ x: Inputs) -> Outcome {
        guard x.a == nil else { return .unreadable("指标值不是数字，无法比较") }
        // 已完成, 达标 for a number: taken as met, and flagged (a warning, not an error)
        if case .met(let why) = QualitativeJudge.judge(actual: x.reading.written, target: x.value, levels: []) {
            return .points(x.w, "实际完成值不是数字（\(why)），按达到指标值计，得满分\(x.n(x.w))")
        }
        return .unreadable("实际完成值不是数字")
    }

    /// A zero line (低于60%不得分): the `%` actual, or the completion rate, under it gives nothing.
    func zeroLine(_ x: Inputs, _ a: Double, _ t: Double) -> Outcome? {
        guard let z = x.zeroBelow else { return nil }
        let v = x.isPercent ? a : (t != 0 ? a / t * 100 : a)
        guard v < z - 1e-9 else { return nil }
        return .points(0, "\(x.isPercent ? "实际" : "完成率")\(x.n(v))%低于\(x.n(z))%，不得分：0")
    }

    func ratio(_ x: Inputs, passLine: Double?, label: String? = nil) -> Outcome {
        guard let (a, t) = numbers(x) else { return unreadable(x) }
        let lead = label.map { $0 + "，" } ?? ""
        if Self.isMet(x.type, a, t) { return .points(x.w, lead + metText(x, a, t)) }
        if let z = zeroLine(x, a, t) { return z }
        guard let (r, rText) = Self.rate(x.type, a, t) else {
            return .points(0, lead + "指标值为0，无法按比例计算：0")
        }
        if let p = passLine {
            if r < p - 1e-12 {
                return .points(0, lead + "完成率\(rText()) = \(ArithmeticText.percent(r))，低于及格线\(ArithmeticText.percent(p))：0")
            }
            let v = x.w * (r - p) / (1 - p)
            return .points(v, lead + "\(x.n(x.w)) × (\(rText()) − \(x.n(p))) ÷ (1 − \(x.n(p))) = \(x.n(ArithmeticText.round(v)))")
        }
        let v = x.w * r
        return .points(v, lead + "\(x.n(x.w)) × \(rText()) = \(x.n(ArithmeticText.round(v)))")
    }

    func step(_ x: Inputs, _ s: Step, below: Bool) -> Outcome {
        guard let (a, t) = numbers(x) else { return unreadable(x) }
        let gap = below ? t - a : a - t
        if gap <= 1e-9 * max(1, abs(t)) {
            return .points(x.w, "达到指标值（\(x.n(a)) \(below ? "≥" : "≤") \(x.n(t))），得满分\(x.n(x.w))")
        }
        if let z = zeroLine(x, a, t) { return z }
        // the gap in the step's measure
        let measured: Double
        let gapText: Explain
        let word = below ? "低于" : "超出"
        switch s.kind {
        case .percent, .percentagePoint:
            if x.isPercent {
                measured = gap; gapText = { "\(word)指标值\(ArithmeticText.number(gap))个百分点" }
            } else {
                guard t != 0 else { return .points(0, "指标值为0，无法计算偏差比例：0") }
                let m = gap / abs(t) * 100
                measured = m
                gapText = {
                    "\(word)指标值\(ArithmeticText.number(m))%（\(ArithmeticText.number(gap)) ÷ \(ArithmeticText.number(t))）"
                }
            }
        case .absolute(let unit):
            var g = gap
            if let u = unit.map(MeasureUnit.init), let tu = x.targetUnit, let c = tu.convert(gap, to: u) { g = c }
            let shown = unit ?? x.target.unit ?? "", gg = g
            measured = g; gapText = { "\(word)指标值\(ArithmeticText.number(gg))\(shown)" }
        }
        return deduct(x, s, measured: measured, gapText: gapText)
    }

    /// `w − d × steps`, steps in proportion or whole (profile), limited by 最多扣N分.
    func deduct(_ x: Inputs, _ s: Step, measured: Double, gapText: @escaping Explain) -> Outcome {
        guard s.size > 0 else { return .points(x.w, "步长为0，不扣分：\(x.n(x.w))") }
        let proportional = measured / s.size
        let steps = settings.steps == .whole ? (proportional + 1e-9).rounded(.down) : proportional
        let cap = s.maxDeduction.flatMap { s.deduction * steps > $0 ? $0 : nil }
        let v = x.w - (cap ?? s.deduction * steps)
        let capText = cap.map { "，最多扣\(ArithmeticText.number($0))分" } ?? ""
        return .points(
            v, "\(gapText())，\(x.n(x.w)) − \(x.n(s.deduction)) × \(x.n(steps))\(capText) = \(x.n(ArithmeticText.round(v)))")
    }

    static let lateWords = TextPattern(#"(?:推迟|延迟|延期|逾期|滞后|拖延|超期|晚)(\d+(?:\.\d+)?)(?:个工作日|工作日|天|日)"#)
    static let cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    /// The last date a text names: `每月25日前` → (nil, 25), `12月31日` → (12, 31); nil when it names none.
    static func date(in s: String) -> (month: Int?, day: Int)? {
        let chars = Array(s)
        // 12月底前, 6月末: the last day of that month; 年底, 年末: 31 December
        for (i, c) in chars.enumerated() where (c == "底" || c == "末") && i > 0 {
            if chars[i - 1] == "年" { return (12, 31) }
            if chars[i - 1] == "月", i >= 2 {
                var k = i - 2, m = 0, ms = 1
                while k >= 0, let d = chars[k].wholeNumberValue, chars[k].isASCII, ms <= 10 { m += d * ms; ms *= 10; k -= 1 }
                if ms > 1, (1...12).contains(m) {
                    let last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
                    return (m, last)
                }
            }
        }
        var i = chars.count - 1
        while i > 0 {
            if chars[i] == "日" || chars[i] == "号" {
                var j = i - 1, day = 0, scale = 1
                while j >= 0, let d = chars[j].wholeNumberValue, chars[j].isASCII, scale <= 10 {
                    day += d * scale; scale *= 10; j -= 1
                }
                if scale > 1, (1...31).contains(day) {
                    var month: Int?
                    if j >= 1, chars[j] == "月" {
                        var k = j - 1, m = 0, ms = 1
                        while k >= 0, let d = chars[k].wholeNumberValue, chars[k].isASCII, ms <= 10 {
                            m += d * ms; ms *= 10; k -= 1
                        }
                        if ms > 1, (1...12).contains(m) { month = m }
                    }
                    return (month, day)
                }
            }
            i -= 1
        }
        return nil
    }

    func lateDays(_ x: Inputs, _ s: Step) -> Outcome {
        let actual = x.reading.normalized.isEmpty ? x.reading.written : x.reading.normalized
        let daysLate: Double
        let gapText: Explain
        if actual.unicodeScalars.contains(where: { "推延逾滞拖超晚".unicodeScalars.contains($0) }),
            let m = Self.lateWords.firstMatch(in: actual), let d = m.number(1)
        {
            daysLate = d; gapText = { "推迟\(ArithmeticText.number(d))天" }
        } else if x.reading.number == nil, ["按时", "准时", "提前", "如期", "按期", "及时"].contains(where: { actual.contains($0) }) {
            return .points(x.w, "按时完成（\(x.reading.written)），得满分\(x.n(x.w))")
        } else {
            let targetDate = Self.date(in: x.value)
            let actualDate = Self.date(in: actual)
            var td = targetDate.map { Double($0.day) } ?? x.t
            var ad = actualDate.map { Double($0.day) } ?? x.a
            if let tm = targetDate?.month, let am = actualDate?.month, let t = targetDate, let a = actualDate {
                td = Double(Self.cumulativeDays[tm - 1] + t.day); ad = Double(Self.cumulativeDays[am - 1] + a.day)
            }
            guard let td, let ad else {
                return x.a == nil ? .unreadable("实际完成值不是日期或天数") : .unreadable("指标值未写明日期")
            }
            if ad <= td { return .points(x.w, "按期完成（\(x.reading.written)，限\(x.value)），得满分\(x.n(x.w))") }
            let late = ad - td
            daysLate = late; gapText = { "推迟\(ArithmeticText.number(late))天" }
        }
        if daysLate <= 0 { return .points(x.w, "未推迟，得满分\(x.n(x.w))") }
        return deduct(x, s, measured: daysLate, gapText: gapText)
    }

    func bands(_ x: Inputs, _ bands: [Band]) -> Outcome {
        guard let a = x.a else { return unreadable(x) }
        var best: (value: Double, text: Explain)?
        var fallback: Band?
        for b in bands {
            if b.lower == nil && b.upper == nil { fallback = b; continue }
            let useRate = b.percent && !x.isPercent && (x.t ?? 0) != 0
            let v = useRate ? a / x.t! * 100 : a
            guard b.contains(v) else { continue }
            let (points, text) = award(b.award, x)
            if best == nil || points > best!.value {
                best = (
                    points,
                    { "\(useRate ? "完成率\(ArithmeticText.number(v))%" : ArithmeticText.number(v))在\(b.rangeText)档，得\(text())" }
                )
            }
        }
        if let best { return .scored(best.value, best.text) }
        if let f = fallback {
            let (points, text) = award(f.award, x)
            return .points(points, "\(x.n(a))不在所列各档，按“其余”得\(text())")
        }
        return .points(0, "\(x.n(a))不在所列各档：0")
    }

    func award(_ a: Band.Award, _ x: Inputs) -> (Double, Explain) {
        switch a {
        case .points(let p): return x.scaled(p)
        case .full: return (x.w, { "满分\(x.n(x.w))" })
        case .share(let f):
            let v = x.w * f
            return (v, { "\(x.n(x.w)) × \(ArithmeticText.percent(f)) = \(x.n(ArithmeticText.round(v)))" })
        case .ratio:
            if case .scored(let v, let t) = ratio(x, passLine: nil) { return (v, { "按比例 " + t() }) }
            return (0, { "0" })
        }
    }

    func fixedGrades(_ x: Inputs, _ grades: [GradePoints], otherwise: Double) -> Outcome {
        if let a = x.a, let t = x.t {
            // a number against a quantitative target: the top grade when met, else the otherwise points
            let met = Self.isMet(x.type, a, t)
            let best = grades.map { award($0.award, x) }.max { $0.0 < $1.0 }
            let (p, text) = met ? (best ?? (x.w, { x.n(x.w) })) : x.scaled(otherwise)
            return .points(
                p,
                met
                    ? "\(metText(x, a, t).split(separator: "，")[0])，得\(text())"
                    : "未达到指标值（\(x.n(a)) \(Self.negated(x.type)) \(x.n(t))），得\(text())")
        }
        let actual = QualitativeJudge.key(normalized: x.reading.normalized)
        let keyed = grades.map { ($0.key, $0) }
        let exact = keyed.first { $0.0 == actual }
        // else the longest grade the actual contains, else the best grade containing the actual
        let match =
            exact
            ?? keyed.filter { !$0.0.isEmpty && actual.contains($0.0) }.max { $0.0.count < $1.0.count }
            ?? keyed.filter { !actual.isEmpty && $0.0.contains(actual) }.max { award($0.1.award, x).0 < award($1.1.award, x).0 }
        if let g = match?.1 {
            let (p, text) = award(g.award, x)
            let isExact = exact != nil
            return .points(p, "\(isExact ? "实际为“\(g.words)”" : "“\(x.reading.written)”按“\(g.words)”")，得\(text())")
        }
        let (p, text) = x.scaled(otherwise)
        return .points(p, "“\(x.reading.written)”不是所列等级（\(grades.map(\.words).joined(separator: "、"))），得\(text())")
    }

    func direct(_ x: Inputs) -> Outcome {
        if let a = x.a, let t = x.t {
            if Self.isMet(x.type, a, t) { return .points(x.w, metText(x, a, t)) }
            return .points(0, "未达到指标值（\(x.n(a)) \(Self.negated(x.type)) \(x.n(t))）：0")
        }
        if x.target.number != nil { return unreadable(x) }
        switch QualitativeJudge.judge(actual: x.reading.written, target: x.value, levels: settings.gradeLevels) {
        case .met(let why): return .points(x.w, "达到指标值（\(why)），得满分\(x.n(x.w))")
        case .notMet(let why): return .points(0, "未达到指标值（\(why)）：0")
        case .grade(let level, _): return .points(0, "未完全达到指标值（“\(level.words[0])”）：0")
        case .share, .unknown: return .unreadable("无法判断是否达到指标值“\(x.value)”")
        }
    }

    func grade(_ x: Inputs, note: String?) -> Outcome {
        let lead = note.map { "\($0)按评判等级，" } ?? ""
        switch QualitativeJudge.judge(actual: x.reading.written, target: x.value, levels: settings.gradeLevels) {
        case .met(let why): return .points(x.w, "\(lead)达到指标值（\(why)），得满分\(x.n(x.w))")
        case .notMet(let why): return .points(0, "\(lead)未达到指标值（\(why)）：0")
        case .grade(let level, let given):
            let share: Double
            let how: String
            if let g = given {
                share = min(max(g, level.low), level.high)
                how =
                    g == share
                    ? "评定\(ArithmeticText.percent(g))"
                    : "评定\(ArithmeticText.percent(g))，限于本档\(ArithmeticText.percent(level.low))–\(ArithmeticText.percent(level.high))"
            } else {
                share = level.high
                how = "取本档上限\(ArithmeticText.percent(level.high))"
            }
            let v = x.w * share
            return .points(
                v,
                "\(lead)“\(level.words[0])”（\(ArithmeticText.percent(level.low))–\(ArithmeticText.percent(level.high))），\(how)：\(x.n(x.w)) × \(x.n(share)) = \(x.n(ArithmeticText.round(v)))"
            )
        case .share(let g):
            let share = min(max(g, 0), 1)
            let v = x.w * share
            return .points(
                v, "\(lead)评定\(ArithmeticText.percent(g))：\(x.n(x.w)) × \(x.n(share)) = \(x.n(ArithmeticText.round(v)))")
        case .unknown:
            let words = settings.gradeLevels.map { $0.words[0] }.joined(separator: "、")
            return .unreadable("既不是指标值“\(x.value)”，也不是评判等级（\(words)）")
        }
    }

    func satisfaction(_ x: Inputs) -> Outcome {
        guard let a = x.a else { return unreadable(x) }
        let sorted = settings.satisfactionBands.sorted { $0.atLeast > $1.atLeast }
        for (i, b) in sorted.enumerated() where a >= b.atLeast - 1e-9 {
            let upper = i > 0 ? "–\(x.n(sorted[i - 1].atLeast))" : "以上"
            let v = x.w * b.share
            return .points(
                v, "\(x.n(a))在\(x.n(b.atLeast))\(upper)档，\(x.n(x.w)) × \(x.n(b.share)) = \(x.n(ArithmeticText.round(v)))")
        }
        let lowest = sorted.last.map { x.n($0.atLeast) } ?? "0"
        return .points(0, "\(x.n(a))低于\(lowest)：0")
    }
}
