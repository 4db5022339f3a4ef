import Foundation
import GoalCore

/// The scored tables written out: interchange JSON with `score`, `scoreExplanation` per indicator and
/// `result` per table, or a table a person can read in a terminal.
public enum ScoreReport {
    /// `{"format": "goal-tables/1", "tables": [...]}` with the scores added.
    public static func json(tables: [GoalTable], scores: [TableScore], whatIf: [WhatIfReport] = []) -> Data {
        let doc = ScoredDocument(
            tables: zip(tables, scores).map { t, s in
                ScoredTable(table: t, score: s, whatIf: whatIf.first { $0.table == s.table })
            })
        let e = JSONEncoder()
        // sorted keys: the same scores always give the same bytes
        e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return (try? e.encode(doc)) ?? Data()
    }

    /// Plain text, columns aligned for double-width CJK characters.
    public static func text(tables: [GoalTable], scores: [TableScore], whatIf: [WhatIfReport] = []) -> String {
        var out: [String] = []
        let n = { ArithmeticText.number($0) }
        for (table, score) in zip(tables, scores) {
            var head = "第\(score.table + 1)张表 \(table.title)"
            if let p = table.project?.name, !p.isEmpty {
                head += " · \(p)"
            } else if !table.unit.isEmpty {
                head += " · \(table.unit)"
            }
            if let y = table.year { head += "（\(y)年度）" }
            out.append(head)
            var rows: [[String]] = [["行", "三级指标", "指标值", "实际完成值", "分值", "得分", "计分说明"]]
            let entered = table.evaluationsByRow
            for s in score.indicators {
                let ind = table.indicators[s.index]
                let target = ind.targetText
                rows.append([
                    String(s.index + 1), truncate(s.name.isEmpty ? "（未填名称）" : s.name, 24), truncate(target, 14),
                    truncate(entered[s.index].actual ?? "", 12), s.weight.map(n) ?? "—", s.score.map(n) ?? "不适用", s.explanation,
                ])
            }
            if let e = score.execution {
                rows.append(["", "预算执行率", "", e.rate.map(ArithmeticText.percent) ?? "—", n(e.weight), n(e.score), e.explanation])
            }
            out.append(contentsOf: align(rows, rightAligned: [0, 4, 5]))
            var summary = "合计：" + score.summary
            if let c = score.appliedCap { summary += "（按预算执行率封顶，未封顶为\(n(c.uncapped))）" }
            out.append(summary)
            if let w = whatIf.first(where: { $0.table == score.table }) { out.append(contentsOf: w.lines) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: terminal columns

    /// Columns a character takes in a terminal: 2 for CJK and full-width forms, 0 for combining marks.
    public static func displayWidth(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                w += 2
            default: w += 1
            }
        }
        return w
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        let s = ArithmeticText.oneLine(text)
        guard displayWidth(s) > width else { return s }
        var out = ""
        for c in s {
            if displayWidth(out + String(c)) > width - 1 { break }
            out.append(c)
        }
        return out + "…"
    }

    static func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let gap = String(repeating: " ", count: max(0, width - displayWidth(s)))
        return right ? gap + s : s + gap
    }

    /// Aligns rows into columns two spaces apart; the last column is not padded.
    static func align(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let cols = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: cols)
        for r in rows { for (i, c) in r.enumerated() where i < cols - 1 { widths[i] = max(widths[i], displayWidth(c)) } }
        return rows.map { r in
            r.enumerated().map { i, c in i == cols - 1 ? c : pad(c, widths[i], right: rightAligned.contains(i)) }
                .joined(separator: "  ")
        }
    }
}

// MARK: JSON shapes

struct ScoredDocument: Encodable {
    var format = GoalDocument.currentFormat
    var tables: [ScoredTable]
}

struct ScoredTable: Encodable {
    var table: GoalTable
    var score: TableScore
    var whatIf: WhatIfReport?

    enum Keys: String, CodingKey { case indicators, result, flags, whatIf }

    func encode(to encoder: any Encoder) throws {
        // the table as interchange JSON, then its rows again with their scores, and the result
        try table.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(zip(table.rows, score.indicators).map(ScoredIndicator.init), forKey: .indicators)
        try c.encode(Result(score), forKey: .result)
        try c.encode(score.tableFlags.map(\.message), forKey: .flags)
        if let whatIf { try c.encode(whatIf.lines, forKey: .whatIf) }
    }

    struct Result: Encodable {
        var execution: Double?
        var executionExplanation: String?
        var total: Double
        var max: Double
        var percent: Double
        var grade: String
        var capped: Bool

        init(_ s: TableScore) {
            execution = s.execution?.score; executionExplanation = s.execution?.explanation
            total = s.total; max = s.max; percent = s.percent; grade = s.grade.rawValue; capped = s.appliedCap != nil
        }

        enum Keys: String, CodingKey { case execution, executionExplanation, total, max, percent, grade, capped }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(execution, forKey: .execution)
            try c.encodeIfPresent(executionExplanation, forKey: .executionExplanation)
            try c.encode(total, forKey: .total)
            try c.encode(max, forKey: .max)
            try c.encode(percent, forKey: .percent)
            try c.encode(grade, forKey: .grade)
            try c.encode(capped, forKey: .capped)
        }
    }
}

struct ScoredIndicator: Encodable {
    /// The indicator object as the interchange writes it (actual and deviation included).
    var indicator: IndicatorRow
    var score: IndicatorScore

    enum Keys: String, CodingKey { case score, scoreExplanation, scoreRule, scoreFlags }

    func encode(to encoder: any Encoder) throws {
        try indicator.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(score.score, forKey: .score)
        try c.encode(score.explanation, forKey: .scoreExplanation)
        try c.encode(score.rule.map { "\(score.source.label)：\($0.label)" }, forKey: .scoreRule)
        try c.encode(score.flags.map(\.message), forKey: .scoreFlags)
    }
}
