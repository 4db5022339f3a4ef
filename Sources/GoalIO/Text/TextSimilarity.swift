import GoalCore

/// Small text measures used to match pasted pieces to where they belong.
enum TextSimilarity {
    /// Length in characters of the longest common substring.
    static func longestCommonSubstring(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty || y.isEmpty { return 0 }
        var prev = [Int](repeating: 0, count: y.count + 1)
        var cur = prev
        var best = 0
        for i in 1...x.count {
            for j in 1...y.count {
                if x[i - 1] == y[j - 1] {
                    cur[j] = prev[j - 1] + 1
                    if cur[j] > best { best = cur[j] }
                } else {
                    cur[j] = 0
                }
            }
            swap(&prev, &cur)
        }
        return best
    }
}

extension TextSimilarity {
    /// The runs of `n` consecutive scalars of a text, each as a hash of its bytes (FNV-1a). Two texts
    /// share a run when their hashes meet; a collision only lets a pair through to the exact measure
    /// (`longestCommonSubstring`), so these serve as a filter, never as the answer.
    static func runHashes(of text: String, length n: Int) -> [UInt64] {
        PlainText.withUTF8(text) { s in
            // the byte offsets where scalars start, and the end
            var starts: [Int] = []
            starts.reserveCapacity(s.count + 1)
            for (i, b) in s.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
            guard starts.count >= n else { return [] }
            starts.append(s.count)
            var out: [UInt64] = []
            out.reserveCapacity(starts.count - n)
            for k in 0...(starts.count - 1 - n) {
                var h = FNV1a()
                for i in starts[k]..<starts[k + n] { h.add(UInt64(s[i])) }
                out.append(h.value)
            }
            return out
        }
    }
}
