import Testing
@testable import GoalScoring

@Suite("抽查的抽取：可复现")
struct SpotCheckDrawTests {
    static let population = (1...40).map { "table-\($0 < 10 ? "0" : "")\($0)" }

    @Test("the same population, rule and seed give the same sample, whatever order the population came in")
    func reproducible() {
        let a = SpotCheckDraw.draw(from: Self.population, size: .count(5), seed: 20_261_207)
        let b = SpotCheckDraw.draw(from: Self.population.reversed(), size: .count(5), seed: 20_261_207)
        #expect(a == b)
        #expect(a.count == 5 && Set(a).count == 5 && Set(a).isSubset(of: Set(Self.population)))
        // another seed draws another sample (of 40 choose 5, the same five twice would be a broken generator)
        #expect(Set(SpotCheckDraw.draw(from: Self.population, size: .count(5), seed: 7)) != Set(a))
    }

    @Test("the draw is spread over the population: each table drawn about as often over many seeds")
    func fair() {
        var counts: [String: Int] = [:]
        for seed in 0..<2000 {
            for id in SpotCheckDraw.draw(from: Self.population, size: .count(4), seed: UInt64(seed)) {
                counts[id, default: 0] += 1
            }
        }
        // 2000 × 4 / 40 = 200 expected each; a binomial's spread is about ±14
        #expect(counts.count == 40)
        #expect(counts.values.allSatisfy { (140...260).contains($0) }, "\(counts.values.sorted())")
    }

    @Test("a share is rounded up and at least one; a count never exceeds the population; rules read back as recorded")
    func sizes() {
        #expect(SpotCheckDraw.sampleSize(.percent(10), of: 12) == 2)
        #expect(SpotCheckDraw.sampleSize(.percent(10), of: 20) == 2)
        #expect(SpotCheckDraw.sampleSize(.percent(1), of: 5) == 1)
        #expect(SpotCheckDraw.sampleSize(.count(9), of: 3) == 3)
        #expect(SpotCheckDraw.sampleSize(.count(3), of: 0) == 0)
        for rule in [SpotCheckDraw.Size.count(3), .percent(12.5)] { #expect(SpotCheckDraw.Size(recorded: rule.recorded) == rule) }
        #expect(SpotCheckDraw.Size(recorded: "percent:0") == nil && SpotCheckDraw.Size(recorded: "all") == nil)
    }
}
