/// Reading just enough of a free-text scoring criterion (评（扣）分标准) for the checks: whether a text
/// is scoring at all, the full points it names, and a per-step deduction. The scorer has the full parser;
/// this stays small and allocation-free because it runs on every row.
enum ScoringText {
    private static let fen: UInt32 = 0x5206 // 分
    private static let de: UInt32 = 0x5F97 // 得
    private static let mei: UInt32 = 0x6BCF // 每
    private static let kou: UInt32 = 0x6263 // 扣
    private static let markers = WordList(["不得分", "扣完为止", "满分", "赋分", "扣分", "计分"])
    /// 分 after a number that is not a score: 30分钟, 5分之1, 2分局…
    private static let notScoreAfterFen: Set<UInt32> = Set("钟之类局院期批配别组支行公管所中站队区".unicodeScalars.map(\.value))

    static func isDigit(_ u: UInt32) -> Bool { (0x30...0x39).contains(u) || (0xFF10...0xFF19).contains(u) }

    /// Text that awards or deducts points: `得10分`, `扣完为止`, `按照正常比例赋分`.
    static func looksLikeScoring(_ s: Scalars) -> Bool {
        if markers.matches(s) { return true }
        let v = s.v
        guard v.count >= 2 else { return false }
        for i in 1..<v.count where v[i] == fen && isDigit(v[i - 1]) {
            if i + 1 < v.count, notScoreAfterFen.contains(v[i + 1]) { continue }
            return true
        }
        return false
    }

    /// The full points a text names: `满分N分`, else the largest `得N分`.
    static func fullPoints(_ s: Scalars) -> Double? {
        let v = s.v
        var best: Double?
        var i = 0
        while i < v.count {
            var j = i
            var full = false
            if v[i] == de { j = i + 1 }
            if j + 1 < v.count, v[j] == 0x6EE1, v[j + 1] == fen { full = true; j += 2 } // 满分
            guard j > i, let (n, end) = number(v, from: j), end < v.count, v[end] == fen else { i += 1; continue }
            if full { return n }
            best = max(best ?? n, n)
            i = end + 1
        }
        return best
    }

    /// A deduction per step (`每推迟1天扣0.5分`): a measured target in a 定性 row.
    static func stepPhrase(_ s: Scalars) -> String? {
        let v = s.v
        var i = 0
        while i < v.count {
            guard v[i] == mei else { i += 1; continue }
            // 每 + a few words + a number, then 扣 … 分 soon after
            var j = i + 1
            while j < v.count && j - i <= 5 && !isDigit(v[j]) { j += 1 }
            if j < v.count, isDigit(v[j]), let k = v[j...].prefix(14).firstIndex(of: kou),
                let end = v[k...].prefix(8).firstIndex(of: fen)
            {
                return Scalars(values: Array(v[i...end])).string
            }
            i += 1
        }
        return nil
    }

    /// A decimal number starting at `from`; returns it and the index after it.
    static func number(_ v: [UInt32], from: Int) -> (Double, Int)? {
        // Measured first, then read as ASCII digits through a lazy view: no byte array per number
        // (one allocation and its growth for each score and figure read). Strtod only past 15 digits.
        var i = from
        while i < v.count, isNumberScalar(v[i]) { i += 1 }
        guard i > from else { return nil }
        let ascii = v[from..<i].lazy.map { u in UInt8(u >= 0xFF10 ? u - 0xFF10 + 0x30 : u) }
        guard let d = QuickNumber.exactDecimal(ascii) ?? Double(String(decoding: Array(ascii), as: UTF8.self)) else {
            return nil
        }
        return (d, i)
    }

    /// An ASCII or full-width digit, or the ASCII point.
    @inline(__always) private static func isNumberScalar(_ u: UInt32) -> Bool {
        (0x30...0x39).contains(u) || u == 0x2E || (0xFF10...0xFF19).contains(u)
    }
}
