import GoalCore

/// For a scored table: which rows cost the most points, and the smallest changes of actuals that would
/// lift it to the next grade. Found by scoring changed actuals with the same rules, so every rule works.
public struct WhatIfReport: Sendable, Hashable {
    /// A row that lost points.
    public struct Loss: Sendable, Hashable {
        public var index: Int
        public var name: String
        public var score: Double
        public var weight: Double
        public var lost: Double
    }

    /// One change of one row's actual and what it gains.
    public struct Change: Sendable, Hashable {
        public var index: Int
        public var name: String
        /// The actual as written now ("" when none).
        public var from: String
        /// The actual that would do.
        public var to: String
        public var newScore: Double
        public var gain: Double
    }

    public var table: Int
    public var grade: Grade
    public var total: Double
    /// The next grade up, nil at 优.
    public var next: Grade?
    /// The least total the next grade needs, and how many points are missing.
    public var requiredTotal: Double?
    public var pointsNeeded: Double?
    /// The rows that lost points, most first.
    public var costliest: [Loss]
    /// Changes of a single row, each enough alone, smallest relative change first.
    public var singleChanges: [Change]
    /// When no single row suffices: rows to bring to full points together, most lost first.
    public var combined: [Change]
    /// Something in the way, e.g. a cap by execution rate.
    public var note: String?

    /// Lines of Chinese for a person.
    public var lines: [String] {
        var out: [String] = []
        let n = { ArithmeticText.number($0) }
        if let next, let req = requiredTotal, let need = pointsNeeded {
            out.append("距“\(next.rawValue)”还差\(n(need))分（需总分≥\(n(req))）。")
        } else {
            out.append("已为最高等级“\(grade.rawValue)”。")
        }
        if !costliest.isEmpty {
            out.append(
                "失分最多：" + costliest.prefix(5).map { "“\(label($0.name, $0.index))”失\(n($0.lost))分" }.joined(separator: "，"))
        }
        for c in singleChanges.prefix(5) {
            out.append("  · “\(label(c.name, c.index))”实际完成值由“\(c.from)”改为“\(c.to)”：得\(n(c.newScore))分（+\(n(c.gain))）")
        }
        if singleChanges.isEmpty, !combined.isEmpty {
            out.append("  没有单项能单独补足，需同时达到：")
            for c in combined {
                out.append("  · “\(label(c.name, c.index))”由“\(c.from)”改为“\(c.to)”（+\(n(c.gain))）")
            }
        }
        if let note { out.append(note) }
        return out
    }

    func label(_ name: String, _ index: Int) -> String { name.isEmpty ? "第\(index + 1)行" : name }
}

public enum WhatIf {
    /// Analyses a scored table. `scorer` is the one that scored it (same rules, cache reused).
    public static func analyse(_ table: GoalTable, _ score: TableScore, scorer: inout Scorer) -> WhatIfReport {
        var costliest: [WhatIfReport.Loss] = []
        for s in score.indicators where s.lost > 0 {
            guard let points = s.score, let w = s.weight else { continue }
            costliest.append(WhatIfReport.Loss(index: s.index, name: s.name, score: points, weight: w, lost: s.lost))
        }
        costliest.sort { (a: WhatIfReport.Loss, b: WhatIfReport.Loss) -> Bool in
            a.lost != b.lost ? a.lost > b.lost : a.index < b.index
        }
        var report = WhatIfReport(
            table: score.table, grade: score.grade, total: score.total, next: nil,
            requiredTotal: nil, pointsNeeded: nil, costliest: costliest,
            singleChanges: [], combined: [], note: nil)
        guard let (next, threshold) = score.grade.next(thresholds: score.thresholds), score.max > 0 else { return report }
        let required = requiredTotal(threshold: threshold, max: score.max)
        let need = ArithmeticText.round(required - score.total)
        report.next = next; report.requiredTotal = required; report.pointsNeeded = need
        if let cap = score.appliedCap, cap.limit < required {
            report.note = "总分受预算执行率限制（最高\(ArithmeticText.number(cap.limit))分），须先提高预算执行率。"
        }
        var singles: [(Double, WhatIfReport.Change)] = []
        var fulls: [WhatIfReport.Change] = []
        for loss in costliest {
            let ind = table.indicators[loss.index], values = table[evaluationAt: loss.index]
            guard let full = bestChange(ind, values, loss: loss, table: score.table, scorer: &scorer) else { continue }
            fulls.append(full)
            if full.gain + 1e-9 >= need,
                let (size, c) = smallestChange(ind, values, loss: loss, need: need, table: score.table, scorer: &scorer)
            {
                singles.append((size, c))
            }
        }
        report.singleChanges = singles.sorted { $0.0 < $1.0 }.map(\.1)
        if report.singleChanges.isEmpty {
            var sum = 0.0
            for c in fulls.sorted(by: { $0.gain > $1.gain }) where sum + 1e-9 < need {
                report.combined.append(c); sum += c.gain
            }
            if sum + 1e-9 < need, report.note == nil {
                report.note = "即使各项均达到指标值，也只能增加\(ArithmeticText.number(sum))分，达不到“\(next.rawValue)”。"
            }
        }
        return report
    }

    /// The least total (2 decimals) whose percent, rounded, reaches `threshold`.
    static func requiredTotal(threshold: Double, max: Double) -> Double {
        var t = (threshold * max / 100 * 100).rounded(.up) / 100
        while t - 0.01 >= 0, ArithmeticText.round((t - 0.01) / max * 100) >= threshold { t = ArithmeticText.round(t - 0.01) }
        while ArithmeticText.round(t / max * 100) < threshold { t = ArithmeticText.round(t + 0.01) }
        return t
    }

    /// The row's score had its unit written `actual` instead.
    static func rescore(
        _ ind: Indicator, _ values: IndicatorEvaluation, actual: String, index: Int, table: Int, scorer: inout Scorer
    ) -> Double {
        var changed = values
        changed.actual = actual
        return scorer.score(ind, evaluation: changed, table: table, index: index).score ?? 0
    }

    /// The value that meets the target: the target itself (its text for 定性).
    static func bestChange(
        _ ind: Indicator, _ values: IndicatorEvaluation, loss: WhatIfReport.Loss, table: Int, scorer: inout Scorer
    ) -> WhatIfReport.Change? {
        let target = ind.target
        var to = target.number.map { ArithmeticText.number($0) } ?? ind.value
        if ind.type == .greater, let t = target.number {
            to = ArithmeticText.number(t + (target.measureUnit?.isPercent == true ? 0.01 : 1))
        }
        if ind.type == .less, let t = target.number {
            to = ArithmeticText.number(t - (target.measureUnit?.isPercent == true ? 0.01 : 1))
        }
        let s = rescore(ind, values, actual: to, index: loss.index, table: table, scorer: &scorer)
        guard s > loss.score else { return nil }
        return .init(
            index: loss.index, name: loss.name, from: values.actual ?? "", to: to, newScore: s,
            gain: ArithmeticText.round(s - loss.score))
    }

    /// The least change of a numeric actual, toward the target, that gains `need` points; with its relative size.
    static func smallestChange(
        _ ind: Indicator, _ values: IndicatorEvaluation, loss: WhatIfReport.Loss, need: Double, table: Int,
        scorer: inout Scorer
    ) -> (Double, WhatIfReport.Change)? {
        let target = ind.target
        let reading = ActualReading.read(values.actual, target: target, indicator: ind)
        guard let t = target.number, let a = reading.number else {
            // text or missing actuals: the target itself
            guard let c = bestChange(ind, values, loss: loss, table: table, scorer: &scorer) else { return nil }
            return (1, c)
        }
        let goal = loss.score + need
        var lo = 0.0, hi = 1.0
        func value(_ f: Double) -> Double { a + (t - a) * f }
        for _ in 0..<40 {
            let mid = (lo + hi) / 2
            if rescore(
                ind, values, actual: ArithmeticText.number(value(mid), places: 6), index: loss.index, table: table,
                scorer: &scorer)
                + 1e-9 >= goal
            {
                hi = mid
            } else {
                lo = mid
            }
        }
        // a figure a person would write: 2 decimals, moved toward the target until it is enough
        var v = value(hi)
        let stepSize = 0.01 * (t >= a ? 1 : -1)
        v = ArithmeticText.round(v)
        var s = rescore(ind, values, actual: ArithmeticText.number(v), index: loss.index, table: table, scorer: &scorer)
        var guardSteps = 0
        while s + 1e-9 < goal, guardSteps < 1000 {
            v = ArithmeticText.round(v + stepSize); guardSteps += 1
            s = rescore(ind, values, actual: ArithmeticText.number(v), index: loss.index, table: table, scorer: &scorer)
        }
        guard s + 1e-9 >= goal else { return nil }
        // A rounder figure just beyond it reads better (60, not the 59.99 whose score rounds up to
        // enough): a whole number, else one decimal, if it is at most a hair further (0.01, or 0.1 %
        // of the value) and not past the target.
        let up = t >= a
        for scale in [1.0, 10.0] {
            let round = (up ? (v * scale).rounded(.up) : (v * scale).rounded(.down)) / scale
            guard round != v, abs(round - v) <= max(0.0100001, abs(v) * 0.001), up ? round <= t : round >= t else { continue }
            let rs = rescore(ind, values, actual: ArithmeticText.number(round), index: loss.index, table: table, scorer: &scorer)
            if rs + 1e-9 >= goal { v = round; s = rs; break }
        }
        let relative = a != 0 ? abs(v - a) / abs(a) : abs(v - a)
        return (
            relative,
            .init(
                index: loss.index, name: loss.name, from: values.actual ?? "", to: ArithmeticText.number(v),
                newScore: s, gain: ArithmeticText.round(s - loss.score))
        )
    }
}
