/// Fixed words the rules look for. Unlike the profile's lexicon these describe the forms' own
/// language (level names, how scoring and explanations are written), not a trade's vocabulary.
enum Words {
    static func s(_ t: String) -> [UInt32] { t.unicodeScalars.map(\.value) }
    static let times = s("次数")
    static let headcount = s("人数")
    static let efficiency = s("效率")
    static let situation = s("情况")
    /// 成本 inside a 一级 or 二级 key; on its own, the 一级 key of 成本指标.
    static let costKey = s("成本")
    static let outputKey = s("产出")
    static let inputKey = s("投入管理")
    static let satisfactionKey = s("满意度")
    static let timelinessKey = s("时效")
    static let qualityKey = s("质量")
    static let economicKey = s("经济效益")
    /// Signs that an explanation gives a calculation method.
    static let method = WordList(["=", "＝", "/", "÷", "×", "*", "比", "占", "除以", "计算", "之和", "总数", "总额"])
    /// Template phrases of 效益 rows: generic, but not copied from another subject.
    static let template = WordList(["直接或间接", "所带来的", "带来的影响"])
    /// How explanations open (考核…、反映…).
    static let explanationOpening = WordList(["考核", "反映", "是指", "指标含义", "用于衡量"])
    /// Steps of a measured quantity inside a deduction phrase.
    static let measuredStep = WordList(["天", "日", "%", "％", "小时", "个月", "周", "百分点"])
    /// Scoring methods that need a number to compute a proportion.
    static let ratioScoring = WordList(["正常比例", "完成比例", "按比例", "实际值/计划值", "实际值÷计划值", "完成值/目标值", "实际完成值/"])

    /// The usual completion of a cut-off ending: …覆盖 → …覆盖率, …满意 → …满意度.
    static let completion: [String: String] = [
        "覆盖": "率", "知晓": "率", "发放": "率", "满意": "度", "使用": "率", "入账": "率", "宣传": "知晓率",
        "金足": "额发放率", "参保": "人数", "领取": "人数", "人员": "人数",
    ]

    /// The name without a trailing parenthesis: `每次发放（补助）` → `每次发放`.
    static func withoutTrailingParenthesis(_ n: Scalars) -> Scalars {
        guard let last = n.v.last, last == 0xFF09 || last == 0x29 else { return n } // ） )
        if let open = n.v.lastIndex(where: { $0 == 0xFF08 || $0 == 0x28 }), open > 0 {
            return Scalars(values: Array(n.v[..<open]))
        }
        return n
    }
}
