import GoalCore

/// Text as an array of Unicode scalar values, for the word searches the rules make on every row.
/// Short names and a few dozen words: a plain scan over integers beats Foundation's `contains`
/// and regular expressions by an order of magnitude, which is what the benchmark asks for.
struct Scalars: Sendable {
    let v: [UInt32]

    init(_ s: String) { v = Scalars.values(of: s) { $0 } }

    /// `transform` of each scalar value of `s`, in order, decoded into scratch space and copied into
    /// the array at once: appending checked the array's uniqueness and capacity at every scalar, which
    /// cost as much as decoding it (this runs on every name, explanation, scoring text and goal).
    /// (`Array(unsafeUninitializedCapacity:)` would spare the copy, but it allocates through a generic
    /// function of the standard library that looks the element type up at run time, on every call.)
    @inline(__always) static func values(of s: String, _ transform: (UInt32) -> UInt32) -> [UInt32] {
        let decoded: [UInt32]? = s.utf8.withContiguousStorageIfAvailable { b in
            // Sound: every scalar takes at least one byte, so `b.count` slots hold all of them and
            // `k < i <= b.count` at every write; the reads past `i` stay inside `b` because Swift
            // strings hold valid UTF-8, whose lead byte says how many continuation bytes follow.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: b.count) { out in
                var i = 0, k = 0
                while i < b.count {
                    let lead = UInt32(b[i])
                    let u: UInt32
                    if lead < 0x80 {
                        u = lead; i += 1
                    } else if lead < 0xE0 {
                        u = (lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
                    } else if lead < 0xF0 {
                        u = (lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
                    } else {
                        u =
                            (lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                            | UInt32(b[i + 3] & 0x3F)
                        i += 4
                    }
                    out[k] = transform(u)
                    k += 1
                }
                return Array(UnsafeBufferPointer(rebasing: out[..<k]))
            }
        }
        return decoded ?? s.unicodeScalars.map { transform($0.value) }
    }

    /// Calls `body` with each scalar value of `s`, in order. Swift strings hold valid UTF-8, which is
    /// decoded here straight from the bytes: several times faster than iterating `unicodeScalars`,
    /// and this runs on every name, key and goal the checker reads.
    @inline(__always) static func forEach(in s: String, _ body: (UInt32) -> Void) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { b in
            // one test of the lead byte gives both the scalar and its length (asking `decode` and
            // `length` apart tested it twice for every scalar of every text read)
            var i = 0
            while i < b.count {
                let lead = UInt32(b[i])
                if lead < 0x80 {
                    body(lead); i += 1
                } else if lead < 0xE0 {
                    body((lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)); i += 2
                } else if lead < 0xF0 {
                    body((lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)); i += 3
                } else {
                    body(
                        (lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                            | UInt32(b[i + 3] & 0x3F))
                    i += 4
                }
            }
        }
        if done == nil { for u in s.unicodeScalars { body(u.value) } }
    }
    init(values: [UInt32]) { v = values }

    /// The scalars as a String (values that are no scalar are left out), encoded straight into the
    /// String's storage: building a `String.UnicodeScalarView` appended scalar by scalar cost
    /// thousands of instructions for a short name.
    var string: String {
        String(unsafeUninitializedCapacity: v.count * 4) { buffer in
            var n = 0
            for u in v {
                guard let scalar = Unicode.Scalar(u) else { continue }
                UTF8.encode(scalar) { byte in
                    buffer[n] = byte; n += 1
                }
            }
            return n
        }
    }

    var count: Int { v.count }

    func contains(_ w: [UInt32]) -> Bool { firstIndex(of: w) != nil }

    func firstIndex(of w: [UInt32], from start: Int = 0) -> Int? {
        guard !w.isEmpty, w.count <= v.count - start else { return nil }
        let first = w[0]
        var i = start
        let last = v.count - w.count
        while i <= last {
            if v[i] == first {
                var j = 1
                while j < w.count && v[i + j] == w[j] { j += 1 }
                if j == w.count { return i }
            }
            i += 1
        }
        return nil
    }

    func hasSuffix(_ w: [UInt32]) -> Bool {
        guard !w.isEmpty, w.count <= v.count else { return false }
        let off = v.count - w.count
        for j in 0..<w.count where v[off + j] != w[j] { return false }
        return true
    }

    static func isIdeograph(_ u: UInt32) -> Bool { (0x4E00...0x9FFF).contains(u) || (0x3400...0x4DBF).contains(u) }

    /// Adjacent ideograph pairs, each packed into one integer: the unit of "shares a subject".
    /// A list, not a set: texts are short and compared a few times, so hashing costs more than it saves.
    /// Boilerplate pairs (考核, 情况…) are left out: they say nothing about the subject.
    /// Only the first 256 scalars count: enough for any name, clause or explanation, and a pasted
    /// 10,000-character cell cannot make the de-duplication below quadratic in its length.
    func bigramList() -> [UInt64] {
        var out: [UInt64] = []
        guard v.count > 1 else { return out }
        out.reserveCapacity(min(v.count, 256) - 1) // growing one pair at a time cost more than the scan
        let boilerplate = Boilerplate.bigrams, boilerplateFirsts = Boilerplate.firstBits
        // Bits of the pairs kept so far (by a few bits of each): a pair whose bit is clear is new, and
        // only a pair whose bit is set is looked for among them (the search was most of the cost).
        var kept: UInt64 = 0
        for i in 0..<(min(v.count, 256) - 1) where Scalars.isIdeograph(v[i]) && Scalars.isIdeograph(v[i + 1]) {
            let b = UInt64(v[i]) << 32 | UInt64(v[i + 1])
            // most pairs start with a character no boilerplate word starts with: one bit test, no search
            if boilerplateFirsts & (1 << UInt64(v[i] & 63)) != 0 && Boilerplate.contains(b, in: boilerplate) { continue }
            let bit: UInt64 = 1 << ((UInt64(v[i]) &* 31 &+ UInt64(v[i + 1])) & 63)
            if kept & bit != 0 && out.contains(b) { continue }
            kept |= bit
            out.append(b)
        }
        return out
    }

    /// How many distinct bigrams two lists share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var n = 0
        for x in a where b.contains(x) { n += 1 }
        return n
    }
}

/// A word list compiled once per profile. The words sit end to end in one flat array (no inner
/// arrays to retain and release while scanning), with a 4,096-bit filter of their first scalars.
/// The words are also filed by the low byte of their first and of their last scalar, so that a text
/// position is tried only against the few words that could start (or end) there, not against all.
struct WordList: Sendable {
    let texts: [String]
    private let flat: [UInt32]
    /// Word k is `flat[starts[k]..<starts[k + 1]]`.
    private let starts: [Int]
    /// Bits of the words' first scalars, by their low 12 bits: a text position whose scalar's bit is
    /// clear cannot start any word, so nearly every position is passed over with one bit test. (By the
    /// low byte alone, as the buckets are, one Chinese character in six passed for a list of fifty
    /// words and was compared with its bucket.)
    private let firstBits: [UInt64]
    /// Word indices by the low byte of their first scalar: bucket b is
    /// `byFirst[byFirstStart[b]..<byFirstStart[b + 1]]`, in list order. `byLast` likewise by last scalar.
    private let byFirst: [Int]
    private let byFirstStart: [Int]
    private let byLast: [Int]
    private let byLastStart: [Int]

    init(_ list: [String]) {
        texts = list.filter { !$0.isEmpty }
        var flat: [UInt32] = [], starts = [0]
        var bits = [UInt64](repeating: 0, count: 64)
        for t in texts {
            let w = t.unicodeScalars.map(\.value)
            bits[Int((w[0] >> 6) & 63)] |= 1 << UInt64(w[0] & 63)
            flat += w
            starts.append(flat.count)
        }
        self.flat = flat; self.starts = starts; firstBits = bits
        (byFirst, byFirstStart) = Self.buckets(texts.indices.map { flat[starts[$0]] })
        (byLast, byLastStart) = Self.buckets(texts.indices.map { flat[starts[$0 + 1] - 1] })
    }

    /// Word indices grouped by the low byte of `keys[k]`, each group in ascending k.
    private static func buckets(_ keys: [UInt32]) -> ([Int], [Int]) {
        var counts = [Int](repeating: 0, count: 257)
        for key in keys { counts[Int(key & 0xFF) + 1] += 1 }
        for b in 0..<256 { counts[b + 1] += counts[b] }
        var fill = counts
        var out = [Int](repeating: 0, count: keys.count)
        for (k, key) in keys.enumerated() {
            out[fill[Int(key & 0xFF)]] = k
            fill[Int(key & 0xFF)] += 1
        }
        return (out, counts)
    }

    var count: Int { texts.count }

    /// Whether a word may start with `u`, from `firstBits` borrowed as `bits`; `(u >> 6) & 63` is
    /// always below its 64 entries.
    @inline(__always) private static func mayStart(_ u: UInt32, _ bits: UnsafeBufferPointer<UInt64>) -> Bool {
        bits[Int((u >> 6) & 63)] & (1 << UInt64(u & 63)) != 0
    }

    /// Whether word k occurs in `v` at position i.
    @inline(__always) private func word(
        _ k: Int, isAt i: Int, in v: UnsafeBufferPointer<UInt32>, _ f: UnsafeBufferPointer<UInt32>
    ) -> Bool {
        let s = starts[k], n = starts[k + 1] - s
        guard i >= 0, n <= v.count - i else { return false }
        var j = 0
        while j < n && v[i + j] == f[s + j] { j += 1 }
        return j == n
    }

    /// The index of the first word (in list order) the text holds, if any.
    private func firstWord(in s: Scalars) -> Int? {
        s.v.withUnsafeBufferPointer { v in
            flat.withUnsafeBufferPointer { f in
                firstBits.withUnsafeBufferPointer { bits in
                    var best = count
                    for i in 0..<v.count where Self.mayStart(v[i], bits) {
                        let b = Int(v[i] & 0xFF)
                        // bucket entries ascend: once one is not before the best so far, none after is
                        for k in byFirst[byFirstStart[b]..<byFirstStart[b + 1]] {
                            if k >= best { break }
                            if f[starts[k]] == v[i] && word(k, isAt: i, in: v, f) {
                                best = k
                                break
                            }
                        }
                        if best == 0 { break } // no word comes before the first
                    }
                    return best < count ? best : nil
                }
            }
        }
    }

    /// The first word (in list order) the text holds, if any.
    func word(in s: Scalars) -> String? { firstWord(in: s).map { texts[$0] } }

    func matches(_ s: Scalars) -> Bool { firstWord(in: s) != nil }

    /// Whether the text starts with one of the words.
    func isPrefix(of s: Scalars) -> Bool {
        guard let first = s.v.first else { return false }
        let b = Int(first & 0xFF)
        return s.v.withUnsafeBufferPointer { v in
            flat.withUnsafeBufferPointer { f in
                byFirst[byFirstStart[b]..<byFirstStart[b + 1]].contains { word($0, isAt: 0, in: v, f) }
            }
        }
    }

    /// The longest word the text ends with, if any (the first in list order among equally long ones).
    func suffix(of s: Scalars) -> String? { suffixIndex(of: s).map { texts[$0] } }

    /// The index in `texts` of `suffix(of:)`, for tables made per word when the list is compiled.
    func suffixIndex(of s: Scalars) -> Int? {
        guard let last = s.v.last else { return nil }
        let b = Int(last & 0xFF)
        return s.v.withUnsafeBufferPointer { v in
            flat.withUnsafeBufferPointer { f in
                var best: Int?, bestLength = 0
                for k in byLast[byLastStart[b]..<byLastStart[b + 1]] {
                    let n = starts[k + 1] - starts[k]
                    if n > bestLength && word(k, isAt: v.count - n, in: v, f) { best = k; bestLength = n }
                }
                return best
            }
        }
    }
}

/// Bigram codes of words that say nothing about an indicator's subject (考核…情况, 反映…), left out
/// when deciding whether an explanation talks about the indicator it stands beside.
enum Boilerplate {
    /// Sorted, for a binary search: two dozen entries are found faster so than by hashing.
    static let bigrams: [UInt64] = {
        let words = [
            "考核", "反映", "情况", "完成", "部门", "单位", "本部", "工作", "指标", "是否", "通过", "实际",
            "计划", "目标", "全年", "年度", "用以", "主要", "相关", "进行", "开展", "有效", "提高", "提升",
        ]
        var s: [UInt64] = []
        for w in words {
            let v = w.unicodeScalars.map(\.value)
            if v.count == 2 { s.append(UInt64(v[0]) << 32 | UInt64(v[1])) }
        }
        return s.sorted()
    }()

    /// Bits of the words' first scalars (by their low 6 bits): a pair whose first scalar's bit is clear
    /// is no boilerplate.
    static let firstBits: UInt64 = bigrams.reduce(0) { $0 | 1 << (($1 >> 32) & 63) }

    /// Whether `b` is one of `bigrams` (handed in: the caller reads the list once, not per pair).
    static func contains(_ b: UInt64, in bigrams: [UInt64]) -> Bool {
        var lo = 0, hi = bigrams.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if bigrams[mid] == b { return true }
            if bigrams[mid] < b { lo = mid + 1 } else { hi = mid }
        }
        return false
    }
}
