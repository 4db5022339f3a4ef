/// Chinese numerals as units write them in scoring texts and actuals: 五分, 十分, 一天, 十五, 二十,
/// 零点五分, 两分, 百分之九十, 一百二十.
public enum ChineseNumerals {
    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
        "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let multipliers: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]

    static func isNumeral(_ c: Character) -> Bool { digits[c] != nil || multipliers[c] != nil }

    /// The numerals (and 点) as scalar values, for a quick test of whether a text needs rewriting.
    static let numeralScalars: Set<UInt32> = {
        var s = Set<UInt32>()
        for c in Array(digits.keys) + Array(multipliers.keys) + ["点"] { for u in c.unicodeScalars { s.insert(u.value) } }
        return s
    }()

    /// The value of a whole run of numerals (`二十五` → 25, `零点五` → 0.5, `一〇五` → 105); nil if it is not one.
    public static func value(of text: String) -> Double? {
        let parts = text.split(separator: "点", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = integer(parts[0]) else { return nil }
        guard parts.count == 2 else { return Double(whole) }
        // decimals are read digit by digit: 零点二五 → 0.25
        var frac = 0.0, scale = 0.1
        guard !parts[1].isEmpty else { return nil }
        for c in parts[1] {
            guard let d = digits[c] else { return nil }
            frac += Double(d) * scale; scale /= 10
        }
        return Double(whole) + frac
    }

    static func integer(_ s: Substring) -> Int? {
        // 15 characters are more than any figure in a form; longer runs are not numbers (and would overflow)
        guard !s.isEmpty, s.count <= 15 else { return nil }
        // digit by digit (一〇五, 二〇二五) when there is no multiplier
        if !s.contains(where: { multipliers[$0] != nil }) {
            var n = 0
            for c in s { guard let d = digits[c] else { return nil }; n = n * 10 + d }
            return n
        }
        var total = 0, current = 0
        for c in s {
            if let d = digits[c] { current = d; continue }
            guard let m = multipliers[c] else { return nil }
            total += (current == 0 ? 1 : current) * m
            current = 0
        }
        return total + current
    }

    /// Characters after which a run of numerals counts as a number (五分, 一天, 两个百分点, 十人).
    static let countersAfter: Set<Character> = [
        "分", "天", "日", "个", "次", "项", "人", "名", "户", "件", "家", "所", "元", "万", "周", "年", "月", "倍",
        "档", "级", "%", "处", "条", "份", "台", "套", "小", "工", "批", "场", "期", "篇", "成", "起", "例", "宗",
    ]
    /// Words in which numerals are not numbers: 十分满意 (very satisfied), 一般, 一致, 一律.
    static let idioms: [String] = [
        "十分满意", "十分重要", "十分明显", "十分显著", "一般", "一致", "一律", "一定", "一些", "一直", "一次性",
        "一级", "二级", "三级", "一半", "一样", "一旦", "一并", "一体", "一线", "一站式", "一网", "一卡", "万一", "统一", "唯一", "进一步", "第一", "之一", "一票否决",
    ]

    /// Rewrites numerals that stand for numbers as Arabic digits: `每推迟一天扣零点五分` → `每推迟1天扣0.5分`,
    /// `百分之九十` → `90%`. Idioms such as 一般 and 十分满意 are left alone.
    public static func arabize(_ text: String) -> String {
        guard text.contains(where: isNumeral) else { return text }
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < chars.count {
            // 百分之X → X%
            if chars[i] == "百", i + 2 < chars.count, chars[i + 1] == "分", chars[i + 2] == "之" {
                var j = i + 3
                var run = ""
                while j < chars.count, isNumeral(chars[j]) || (chars[j] == "点" && !run.isEmpty) { run.append(chars[j]); j += 1 }
                if let v = value(of: run) {
                    out += ArithmeticText.number(v) + "%"
                    i = j; continue
                }
                // 百分之 followed by Arabic digits: 百分之90
                var k = i + 3, digitsRun = ""
                while k < chars.count, chars[k].isASCII, chars[k].isNumber || chars[k] == "." {
                    digitsRun.append(chars[k]); k += 1
                }
                if !digitsRun.isEmpty { out += digitsRun + "%"; i = k; continue }
            }
            guard isNumeral(chars[i]), !startsIdiom(chars, at: i) else { out.append(chars[i]); i += 1; continue }
            var j = i
            var run = ""
            while j < chars.count,
                isNumeral(chars[j]) || (chars[j] == "点" && !run.isEmpty && j + 1 < chars.count && digits[chars[j + 1]] != nil)
            {
                run.append(chars[j]); j += 1
            }
            let next: Character? = j < chars.count ? chars[j] : nil
            let prev: Character? = i > 0 ? chars[i - 1] : nil
            let standsAsNumber =
                next.map { countersAfter.contains($0) || $0 == "，" || $0 == "," || $0 == "；" || $0 == "。" } ?? true
                || prev == "每" || prev == "扣" || prev == "得" || prev == "减"
            // a lone 百/千/万 is a word (百姓), not a number
            if standsAsNumber, run.contains(where: { digits[$0] != nil }) || run.count > 1 || run == "十", let v = value(of: run) {
                out += ArithmeticText.number(v)
            } else {
                out += run
            }
            i = j
        }
        return out
    }

    static let idiomChars: [[Character]] = idioms.map(Array.init)

    static func startsIdiom(_ chars: [Character], at i: Int) -> Bool {
        for idiom in idiomChars {
            // the idiom may start here or a character or two before (万一, 进一步)
            for back in 0..<min(3, idiom.count) where i - back >= 0 {
                let start = i - back
                guard start + idiom.count <= chars.count else { continue }
                var same = true
                for k in 0..<idiom.count where chars[start + k] != idiom[k] { same = false; break }
                if same { return true }
            }
        }
        return false
    }
}
