import GoalCore

/// How the library reads an indicator's name: one spelling for the key, and the pieces two names are
/// compared by (characters, adjacent pairs, the ending), with the lexicon's synonyms brought to one word.
/// Everything here is explainable: a match names the words it shares.
public struct LibrarySynonyms: Sendable, Hashable, Codable {
    /// Groups of words read as one; the first word of a group stands for the others.
    public var groups: [[String]]

    public init(groups: [[String]]) { self.groups = groups }

    /// The trade's usual variants (profile data: a province may replace the list).
    public static let standard = LibrarySynonyms(groups: [
        ["满意度", "满意率", "满意程度"],
        ["及时率", "按时率", "准时率", "及时性"],
        ["合格率", "达标率"],
        ["准确率", "正确率"],
        ["知晓率", "知晓度"],
        ["发放", "支付", "兑付", "兑现"],
        ["缴费", "征缴", "收缴"],
        ["补贴", "补助"],
        ["经费", "资金"],
        ["社会保险", "社保"],
        ["参保人数", "参保人员数", "参保人员"],
        ["养老待遇", "养老金"],
    ])

    /// (variant, canonical) pairs, longest variant first so 满意程度 is read before 满意.
    var replacements: [(String, String)] {
        var out: [(String, String)] = []
        for g in groups where g.count > 1 { for w in g.dropFirst() where !w.isEmpty { out.append((w, g[0])) } }
        return out.sorted { $0.0.count > $1.0.count }
    }
}

/// A name prepared for comparison.
struct NameShape: Sendable {
    /// The name's key: without spaces, quotes and punctuation.
    let key: String
    /// The key with synonyms brought to one word.
    let canonical: [Character]
    let canonicalText: String
    let chars: Set<Character>
    let bigrams: Set<String>
    /// Which synonym groups were applied: (as written, read as).
    let synonymsUsed: [(String, String)]

    init(_ name: String, synonyms: [(String, String)]) {
        key = LibraryText.key(name)
        var c = key
        var used: [(String, String)] = []
        for (variant, canonical) in synonyms where c.contains(variant) {
            c = c.replacingOccurrences(of: variant, with: canonical)
            used.append((variant, canonical))
        }
        canonical = Array(c)
        canonicalText = c
        chars = Set(canonical)
        bigrams = LibraryText.bigrams(canonical)
        synonymsUsed = used
    }
}

public enum LibraryText {
    /// The key an entry is filed under: the name without whitespace, quotes, brackets and punctuation,
    /// half-width, so “三公经费”控制率 and 三公经费控制率 are one entry.
    public static func key(_ name: String) -> String {
        let s = TextNormalizer.halfWidth(name)
        return String(s.unicodeScalars.filter { !skipped($0) }.map(Character.init))
    }

    private static func skipped(_ u: Unicode.Scalar) -> Bool {
        if u.properties.isWhitespace { return true }
        switch u {
        case "“", "”", "\"", "'", "‘", "’", "(", ")", "（", "）", "[", "]", "【", "】", "《", "》", "、", ",", "，", "。",
            ".", ":", "：", ";", "；", "·", "-", "—", "_":
            return true
        default: return false
        }
    }

    /// A unit as the library counts it: trimmed, and 百分比/％ written %.
    public static func unit(_ u: String?) -> String? {
        guard let u = present(u) else { return nil }
        let m = MeasureUnit(u)
        return m.isPercent && m.factor == 1 ? "%" : u
    }

    static func bigrams(_ c: [Character]) -> Set<String> {
        guard c.count > 1 else { return c.isEmpty ? [] : [String(c)] }
        var s = Set<String>()
        for i in 0..<(c.count - 1) { s.insert(String(c[i...i + 1])) }
        return s
    }

    /// The longest run of characters two names share (for the reason shown to the user).
    static func longestCommon(_ a: [Character], _ b: [Character]) -> String {
        guard !a.isEmpty, !b.isEmpty else { return "" }
        var best = 0, end = 0
        var prev = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            var cur = [Int](repeating: 0, count: b.count + 1)
            for j in 1...b.count where a[i - 1] == b[j - 1] {
                cur[j] = prev[j - 1] + 1
                if cur[j] > best { best = cur[j]; end = i }
            }
            prev = cur
        }
        return String(a[(end - best)..<end])
    }
}

/// How close two names are, with why: 1 for the same key; otherwise pairs of characters in common
/// (Dice), single characters in common, the same ending (…率, …人数), one containing the other.
/// `score` is what ranks (cheap, run on every candidate); `reasons` says why, for the entries shown.
struct NameMatch: Sendable {
    var score: Double
    var reasons: [String]

    static func between(_ q: NameShape, _ e: NameShape) -> NameMatch {
        NameMatch(score: score(q, e), reasons: reasons(q, e))
    }

    static func score(_ q: NameShape, _ e: NameShape) -> Double {
        if q.key == e.key { return 1 }
        if q.canonicalText == e.canonicalText { return 0.97 }
        let shared = q.bigrams.intersection(e.bigrams).count
        let dice = q.bigrams.isEmpty || e.bigrams.isEmpty ? 0 : 2 * Double(shared) / Double(q.bigrams.count + e.bigrams.count)
        let sharedChars = q.chars.intersection(e.chars).count
        let cdice = q.chars.isEmpty || e.chars.isEmpty ? 0 : 2 * Double(sharedChars) / Double(q.chars.count + e.chars.count)
        var score = 0.55 * dice + 0.25 * cdice
        if q.canonical.count >= 2, e.canonical.count >= 2, q.canonical.suffix(2) == e.canonical.suffix(2) {
            score += 0.12
        } else if let ql = q.canonical.last, ql == e.canonical.last {
            score += 0.08
        }
        if q.canonical.count >= 2, e.canonical.count >= 2,
            q.canonicalText.contains(e.canonicalText) || e.canonicalText.contains(q.canonicalText)
        {
            score += 0.08
        }
        return min(score, 0.95)
    }

    static func reasons(_ q: NameShape, _ e: NameShape) -> [String] {
        if q.key == e.key { return ["名称相同"] }
        let synonyms = q.synonymsUsed + e.synonymsUsed
        if q.canonicalText == e.canonicalText {
            return ["同义词：" + synonyms.map { "“\($0.0)”同“\($0.1)”" }.joined(separator: "，")]
        }
        var reasons: [String] = []
        let common = LibraryText.longestCommon(q.canonical, e.canonical)
        let sharedChars = q.chars.intersection(e.chars).count
        if common.count >= 2 {
            reasons.append("共有“\(common)”")
        } else if sharedChars > 0 {
            reasons.append("共有 \(sharedChars) 个字")
        }
        if q.canonical.count >= 2, e.canonical.count >= 2, q.canonical.suffix(2) == e.canonical.suffix(2) {
            reasons.append("同为“…\(String(q.canonical.suffix(2)))”")
        } else if let ql = q.canonical.last, ql == e.canonical.last {
            reasons.append("同为“…\(ql)”")
        }
        let used = synonyms.filter { common.contains($0.1) }
        if !used.isEmpty { reasons.append("同义词：" + used.map { "“\($0.0)”同“\($0.1)”" }.joined(separator: "，")) }
        return reasons
    }
}
