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
