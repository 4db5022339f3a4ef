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
    /// Whether `text` holds some run of `n` consecutive scalars of `source`: a byte search for each
    /// run, made in place (no run is copied out as a string).
    static func sharesRun(of n: Int, of source: String, in text: String) -> Bool {
        PlainText.withUTF8(source) { s in
            PlainText.withUTF8(text) { t in
                // the byte offsets where scalars start, and the end
                var starts: [Int] = []
                starts.reserveCapacity(s.count + 1)
                for (i, b) in s.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
                guard starts.count >= n else { return false }
                starts.append(s.count)
                for k in 0...(starts.count - 1 - n) {
                    let run = UnsafeBufferPointer(rebasing: s[starts[k]..<starts[k + n]])
                    if TextNormalizer.contains(t, run) { return true }
                }
                return false
            }
        }
    }
}
