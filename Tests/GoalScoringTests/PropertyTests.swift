import Testing
import GoalCore
@testable import GoalScoring

@Suite("评分性质")
struct PropertyTests {
    static let texts: [String?] = [
        nil, "按照正常比例赋分", "直接赋分", "满意度赋分", "按评判等级赋分",
        "达到计划值得满分5分，否则按实际值/计划值*指标分值计分。",
        "完成率小于60%不得分，大于等于60%的按(完成率-60%)/(1-60%)×分值",
        "每下降1%扣0.2分，扣完为止", "每下降1个百分点扣3分", "每少1人扣1分", "每超出10%，扣2分，扣完为止",
        "≥90%得10分；80%-90%得8分；60%-80%得5分；<60%不得分",
        "满意度大于等于95%的得10分，满意度小于95%且大于等于80%的得8分，满意度小于80%且大于等于60%的得5分，满意度小于60%不得分。",
        "每下降1%扣1分，最多扣5分", "酌情扣分",
    ]
    static let rising: [String?] = [
        nil, "按照正常比例赋分", "直接赋分", "满意度赋分", "达到计划值得满分5分，否则按实际值/计划值*指标分值计分。",
        "完成率小于60%不得分，大于等于60%的按(完成率-60%)/(1-60%)×分值", "每下降1%扣0.2分，扣完为止",
        "每少1人扣1分", "≥90%得10分；80%-90%得8分；60%-80%得5分；<60%不得分", "每下降1%扣1分，最多扣5分",
    ]

    @Test("a score is always within 0 and its weight", arguments: texts)
    func withinWeight(text: String?) {
        var rng = SeededRandom(seed: 7)
        var scorer = Scorer()
        for _ in 0..<400 {
            let type = [Comparison.atLeast, .greater, .equal, .atMost, .less].randomElement(using: &rng)!
            let target = Double.random(in: 0...500, using: &rng).rounded()
            let weight = Double(Int.random(in: 0...30, using: &rng))
            let actual = Double.random(in: -100...1000, using: &rng)
            let ind = row(
                text, type, ArithmeticText.number(target), unit: ["%", "人", "万元"].randomElement(using: &rng)!,
                weight: weight, actual: ArithmeticText.number(actual, places: 3))
            let s = scorer.score(ind, table: 0, index: 0)
            guard let p = s.score else { Issue.record("dropped: \(s.explanation)"); continue }
            #expect(p >= 0 && p <= weight, "\(String(describing: text)) \(type.rawValue)\(target) A=\(actual) w=\(weight): \(p)")
            #expect(p == ArithmeticText.round(p))
        }
    }

    @Test("for ≥ the score never falls as the actual rises", arguments: rising)
    func monotoneUp(text: String?) {
        var rng = SeededRandom(seed: 11)
        var scorer = Scorer()
        for _ in 0..<40 {
            let target = Double.random(in: 1...200, using: &rng).rounded()
            var last = -1.0
            for step in 0...60 {
                let a = target * Double(step) / 40
                let s = scorer.score(
                    row(text, .atLeast, ArithmeticText.number(target), unit: "人", actual: ArithmeticText.number(a, places: 3)),
                    table: 0, index: 0)
                let p = s.score ?? -1
                #expect(p >= last, "\(String(describing: text)) ≥\(target) at \(a): \(p) < \(last)")
                last = p
            }
        }
    }

    @Test(
        "for ≤ the score never rises as the actual rises",
        arguments: [
            nil, "按照正常比例赋分", "直接赋分", "每超出10%，扣2分，扣完为止", "每超过1个百分点扣1分", "整体支出控制在预算范围内，得4分，每超出10%，扣2分，扣完为止。",
        ] as [String?])
    func monotoneDown(text: String?) {
        var rng = SeededRandom(seed: 13)
        var scorer = Scorer()
        for _ in 0..<40 {
            let target = Double.random(in: 1...200, using: &rng).rounded()
            var last = Double.infinity
            for step in 0...60 {
                let a = target * Double(step) / 20
                let s = scorer.score(
                    row(text, .atMost, ArithmeticText.number(target), unit: "万元", actual: ArithmeticText.number(a, places: 3)),
                    table: 0, index: 0)
                let p = s.score ?? .infinity
                #expect(p <= last, "\(String(describing: text)) ≤\(target) at \(a): \(p) > \(last)")
                last = p
            }
        }
    }

    @Test("totals equal the sum of the rounded parts; max the sum of weights kept")
    func totals() {
        var rng = SeededRandom(seed: 17)
        var scorer = Scorer()
        for _ in 0..<200 {
            var rows: [EnteredRow] = []
            for _ in 0..<Int.random(in: 1...15, using: &rng) {
                let text = Self.texts.randomElement(using: &rng)!
                let actual =
                    Bool.random(using: &rng) && Int.random(in: 0..<8, using: &rng) == 0
                    ? "不适用"
                    : ArithmeticText.number(Double.random(in: 0...150, using: &rng), places: 3)
                rows.append(row(text, .atLeast, "100", weight: Double(Int.random(in: 1...20, using: &rng)), actual: actual))
            }
            let budget = Double.random(in: 1...1000, using: &rng)
            let table = GoalTable(
                kind: .project, indicators: rows,
                execution: Execution(budget: budget, spent: budget * Double.random(in: 0...1.2, using: &rng), weight: 10))
            let s = scorer.score(table)
            let parts = s.indicators.compactMap(\.score) + [s.execution!.score]
            #expect(s.total == ArithmeticText.round(parts.reduce(0, +)))
            let weights = s.indicators.filter { $0.score != nil }.compactMap(\.weight) + [10]
            #expect(s.max == ArithmeticText.round(weights.reduce(0, +)))
            #expect(s.percent == ArithmeticText.round(s.total / s.max * 100))
            #expect(s.grade == Grade(percent: s.percent))
            #expect(s.execution!.score >= 0 && s.execution!.score <= 10)
        }
    }
}

@Suite("取整与等级")
struct RoundingGradeTests {
    @Test(
        "half away from zero, binary noise removed",
        arguments: [
            (1.005, 1.01), (2.675, 2.68), (-1.005, -1.01), (4.749999999, 4.75), (0.125, 0.13), (5 * 1.71 / 1.8, 4.75),
            (10 * 11.0 / 12, 9.17),
        ])
    func rounding(x: Double, want: Double) {
        #expect(ArithmeticText.round(x) == want)
    }

    @Test(
        "grade boundaries: 90.00 is 优, 80.00 is 良",
        arguments: [
            (100.0, Grade.excellent), (90, .excellent), (89.99, .good), (80, .good), (79.99, .fair), (60, .fair), (59.99, .poor),
            (0, .poor),
        ])
    func grades(percent: Double, grade: Grade) {
        #expect(Grade(percent: percent) == grade)
    }

    @Test(
        "numbers in explanations as people write them",
        arguments: [
            (4.75, "4.75"), (5.0, "5"), (0.1 + 0.2, "0.3"), (-2.5, "-2.5"), (1e16, "1e+16"), (329.26, "329.26"),
            (0.0001, "0.0001"),
        ])
    func numbers(x: Double, text: String) {
        #expect(ArithmeticText.number(x) == text)
    }
}
