/// 抽查: finance draws a random sample of submitted self-evaluations. The draw must be shown to be fair,
/// so it is fully determined by what is recorded with it: the population (sorted, so the order the
/// database returned does not matter), the size rule and the seed. Anyone with those three gets the same
/// sample, with the algorithm spelled out here rather than left to the standard library's shuffle, whose
/// algorithm may change between Swift releases: SplitMix64 (`SeededRandom`) driving a partial
/// Fisher–Yates shuffle, position i swapped with i + (next() mod (n − i)).
public enum SpotCheckDraw {
    /// How many to draw: a number of tables, or a share of them in percent (rounded up, at least one).
    public enum Size: Sendable, Hashable {
        case count(Int)
        case percent(Double)

        /// `count:3`, `percent:10`: how the rule is recorded.
        public var recorded: String {
            switch self {
            case .count(let n): return "count:\(n)"
            case .percent(let p): return "percent:\(ArithmeticText.number(p))"
            }
        }

        public init?(recorded: String) {
            let parts = recorded.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            switch parts[0] {
            case "count": guard let n = Int(parts[1]), n > 0 else { return nil }; self = .count(n)
            case "percent": guard let p = Double(parts[1]), p > 0, p <= 100 else { return nil }; self = .percent(p)
            default: return nil
            }
        }

        /// In words: `抽取3张`, `抽取10%`.
        public var label: String {
            switch self {
            case .count(let n): return "抽取\(n)张"
            case .percent(let p): return "抽取\(ArithmeticText.number(p))%"
            }
        }
    }

    /// The number drawn from `population` tables.
    public static func sampleSize(_ size: Size, of population: Int) -> Int {
        guard population > 0 else { return 0 }
        switch size {
        case .count(let n): return min(max(n, 0), population)
        case .percent(let p):
            // rounded up: 10% of 12 is 2 tables, never 1.2 of one; first to 6 decimals, so that binary noise
            // (20 × 10 / 100 = 2.0000000000000004) does not round 2 up to 3
            let exact = (Double(population) * p / 100 * 1_000_000).rounded() / 1_000_000
            return min(population, max(1, Int(exact.rounded(.up))))
        }
    }

    /// The sample, in the order drawn.
    public static func draw(from population: [String], size: Size, seed: UInt64) -> [String] {
        var items = population.sorted()
        let k = sampleSize(size, of: items.count)
        var rng = SeededRandom(seed: seed)
        for i in 0..<k {
            let j = i + Int(rng.next() % UInt64(items.count - i))
            items.swapAt(i, j)
        }
        return Array(items.prefix(k))
    }
}
