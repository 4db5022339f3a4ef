import GoalCore

/// The names an importer recognises as 一级/二级: every built-in taxonomy at once (current, legacy,
/// provincial), because a pasted table does not say which one it follows. Checking against the
/// profile in force is the checker's job, not the importer's.
enum ImportTaxonomy {
    static let index = TaxonomyIndex(recognition)

    static let recognition: Taxonomy = {
        var groups: [Taxonomy.Group] = []
        for t in [Taxonomy.provincial, Taxonomy.current, Taxonomy.legacy] {
            for g in t.groups {
                if let i = groups.firstIndex(where: { $0.level1 == g.level1 }) {
                    for l2 in g.level2 where !groups[i].level2.contains(l2) { groups[i].level2.append(l2) }
                } else {
                    groups.append(g)
                }
            }
        }
        // the scoring framework of project self-evaluations (决策/过程/产出/效益 as 项目决策, 项目管理,
        // 项目产出, 项目效益): recognised so its rows are read, after every goal-table group, so a
        // 二级 such as 数量指标 still falls under 产出指标 when no 一级 is printed
        for g in evaluationFramework {
            if let i = groups.firstIndex(where: { $0.level1 == g.level1 }) {
                for l2 in g.level2 where !groups[i].level2.contains(l2) { groups[i].level2.append(l2) }
            } else {
                groups.append(g)
            }
        }
        return Taxonomy(groups: groups, commonIndicators: Taxonomy.provincial.commonIndicators)
    }()

    static let evaluationFramework: [Taxonomy.Group] = [
        Taxonomy.Group(level1: "项目决策", level2: ["项目目标", "项目立项", "决策过程", "资金投入"]),
        Taxonomy.Group(level1: "项目管理", level2: ["投入管理", "财务管理", "项目实施", "资金管理", "组织实施"]),
        Taxonomy.Group(level1: "项目产出", level2: ["数量指标", "质量指标", "时效指标", "成本指标"]),
        Taxonomy.Group(level1: "项目效益", level2: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"]),
    ]

    /// Whether a text is exactly (not just loosely) a 二级 name: `满意度` is the provincial 二级, though
    /// loosely it also names the 一级 `满意度指标`.
    static func isExactLevel2(_ text: String) -> Bool {
        exactLevel2.contains(TextNormalizer.labelKey(text))
    }

    static func isExactLevel1(_ text: String) -> Bool {
        exactLevel1.contains(TextNormalizer.labelKey(text))
    }

    private static let exactLevel1 = Set(recognition.groups.map { TextNormalizer.labelKey($0.level1) })
    private static let exactLevel2 = Set(recognition.groups.flatMap { $0.level2.map(TextNormalizer.labelKey) })
}

/// The full points a scoring text names: `达到计划值得满分5分` → 5, `效果明显得15分，效果一般得5分` → 15,
/// `满意度…的得10分，…得8分` → 10. Deductions (`扣0.5分`) are not full points.
enum ScoringPoints {
    static func fullPoints(in text: String) -> Double? {
        let folded = TextNormalizer.halfWidth(text)
        // walked by scalars when the text is plain, else by Characters (see `TextUnit`)
        return PlainText.isPlain(folded) ? fullPoints(Unicode.Scalar.units(of: folded)) : fullPoints(Character.units(of: folded))
    }

    private static func fullPoints<U: TextUnit>(_ s: [U]) -> Double? {
        func isNumeral(_ u: U) -> Bool {
            switch u {
            case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两": return true
            default: return false
            }
        }
        var skips: [[U]] = []
        var best: Double?
        var i = 0
        while i < s.count {
            if s[i] == "得" || (s[i] == "满" && i + 1 < s.count && s[i + 1] == "分") {
                var j = i + 1
                // 得满分5分, 得分值5分, 满分为5分
                if skips.isEmpty { skips = ["满分", "分值", "为", "满", "分"].map(U.units(of:)) }
                for w in skips {
                    if j + w.count <= s.count, s[j..<(j + w.count)].elementsEqual(w), j + w.count < s.count,
                        s[j + w.count].isNumber || isNumeral(s[j + w.count])
                    {
                        j += w.count
                    }
                }
                var k = j
                while k < s.count, s[k].isNumber || s[k] == "." || isNumeral(s[k]) { k += 1 }
                if k > j, k < s.count, s[k] == "分", let v = number(U.string(s[j..<k])) {
                    best = max(best ?? v, v)
                }
                i = max(k, i + 1)
            } else {
                i += 1
            }
        }
        return best
    }

    /// Arabic (`15`, `0.5`) or Chinese (`五`, `十五`, `二十`) numerals up to 99.
    static func number(_ t: String) -> Double? {
        if let v = TextNormalizer.number(t) { return v }
        let digits: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let c = Array(t)
        if c.count == 1 { return c[0] == "十" ? 10 : digits[c[0]].map(Double.init) }
        if let ten = c.firstIndex(of: "十") {
            let tens = ten == 0 ? 1 : (c.count > 0 ? digits[c[0]] ?? 0 : 0)
            let ones = ten + 1 < c.count ? digits[c[ten + 1]] ?? 0 : 0
            return Double(tens * 10 + ones)
        }
        return nil
    }
}
