import Foundation
import Testing
import GoalCore
import GoalIO
import TestSupport
@testable import GoalScoring

/// What a scoring fixture expects, beside the tables themselves.
struct ScoringExpectation: Decodable {
    struct Row: Decodable {
        var name: String
        var expectedScore: Double?
        var why: String?
    }
    struct Totals: Decodable {
        var execution: Double?
        var total: Double
        var max: Double
        var percent: Double
        var grade: String
    }
    struct Table: Decodable {
        var indicators: [Row]
        var expected: Totals
    }
    var tables: [Table]

    static func load(_ url: URL) throws -> (GoalDocument, ScoringExpectation) {
        let data = try SharedFiles.data(url)
        return (try GoalDocument.decode(data), try JSONDecoder().decode(ScoringExpectation.self, from: data))
    }
}

@Suite("评分用例（../shared/fixtures/scoring）")
struct FixtureTests {
    static let files = SharedFiles.files(in: SharedFiles.scoringFixtures, ending: ".json")

    @Test("the fixtures are there")
    func fixturesPresent() {
        #expect(Self.files.count >= 5)
    }

    @Test("every indicator, execution, total, max, percent and grade as the fixture says", arguments: files)
    func fixture(_ url: URL) throws {
        let (doc, expectation) = try ScoringExpectation.load(url)
        var scorer = Scorer(settings: Profile.current.scoring)
        let scores = scorer.score(doc.tables)
        #expect(scores.count == expectation.tables.count)
        for (t, (score, expected)) in zip(scores, expectation.tables).enumerated() {
            for (row, want) in zip(score.indicators, expected.indicators) {
                #expect(
                    row.score == want.expectedScore,
                    "\(url.lastPathComponent) 表\(t + 1) “\(want.name)”：得\(String(describing: row.score))，应为\(String(describing: want.expectedScore))（\(want.why ?? "")）— \(row.explanation)"
                )
            }
            #expect(score.execution?.score == expected.expected.execution)
            #expect(score.total == expected.expected.total)
            #expect(score.max == expected.expected.max)
            #expect(score.percent == expected.expected.percent)
            #expect(score.grade.rawValue == expected.expected.grade)
        }
    }

    @Test("fixture rules are read from their texts or methods, never by falling back")
    func noFallbacks() throws {
        for url in Self.files {
            let (doc, _) = try ScoringExpectation.load(url)
            var scorer = Scorer()
            for s in scorer.score(doc.tables) {
                #expect(
                    !s.flags.contains { $0.kind == .ruleNotUnderstood }, "\(url.lastPathComponent): \(s.flags.map(\.message))")
            }
        }
    }

    @Test("explanations show the arithmetic: 5 × 1.71 ÷ 1.8 = 4.75")
    func explanations() throws {
        let url = SharedFiles.scoringFixtures.appendingPathComponent("000-department.json")
        let (doc, _) = try ScoringExpectation.load(url)
        var scorer = Scorer()
        let s = scorer.score(doc.tables[0], index: 0)
        #expect(s.indicators[0].explanation.contains("5 × 1.71 ÷ 1.8 = 4.75"))
        #expect(s.indicators[4].explanation.contains("2 − 0.2 × 3 = 1.4"))
        #expect(s.indicators[7].explanation.contains("10 − 0.5 × 2 = 9"))
        #expect(s.indicators[10].explanation.contains("8"))
        #expect(s.execution?.explanation.contains("10 × 320 ÷ 329.26 = 9.72") == true)
    }
}
