/// The indicator tree's upper levels: 一级 categories and the 二级 names under each.
/// Lookups are lenient about how users write the names (`产出` = `产出指标`, full-width brackets, spaces).
public struct Taxonomy: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        /// 一级指标, e.g. `产出指标`.
        public var level1: String
        /// The 二级 names allowed under it.
        public var level2: [String]
        public init(level1: String, level2: [String]) { self.level1 = level1; self.level2 = level2 }
    }

    /// A 三级 indicator every unit of a form carries (共性指标), with its 二级 and definition.
    public struct CommonIndicator: Sendable, Hashable, Codable {
        public var name: String
        public var level1: String
        public var level2: String
        /// The definition printed on the form (`预算执行率=（预算完成数/预算数）×100%`), if any.
        public var definition: String?
        public init(name: String, level1: String, level2: String, definition: String? = nil) {
            self.name = name; self.level1 = level1; self.level2 = level2; self.definition = definition
        }
    }

    public var groups: [Group]
    public var commonIndicators: [CommonIndicator]

    public init(groups: [Group], commonIndicators: [CommonIndicator] = []) {
        self.groups = groups
        self.commonIndicators = commonIndicators
    }

    /// The key names are compared by: half-width, no spaces or marks, without a trailing 指标.
    /// Points or remarks in brackets are dropped: `产出指标（50分）` is 产出指标.
    public static func key(_ name: String) -> String {
        var k = TextNormalizer.labelKey(name)
        if let plain = plainKey(k) { return plain }
        if k.hasSuffix(")"), let open = k.lastIndex(of: "("), open != k.startIndex { k = String(k[..<open]) }
        if k.hasSuffix("指标") && k.count > 2 { k.removeLast(2) }
        return k
    }

    /// `key`'s last two steps on the bytes of a plain label key (see `PlainText`: every scalar is a
    /// Character); nil for other text.
    private static func plainKey(_ k: String) -> String? {
        PlainText.withUTF8(k) { u -> String? in
            guard PlainText.isPlain(u) else { return nil }
            var end = u.count
            if end > 0, u[end - 1] == UInt8(ascii: ")"), let open = u[..<end].lastIndex(of: UInt8(ascii: "(")), open != 0 {
                end = open
            }
            let head = UnsafeBufferPointer(rebasing: u[..<end])
            if head.hasByteSuffix("指标"), PlainText.scalarCount(head) > 2 { end -= "指标".utf8.count }
            return end == u.count ? k : String(decoding: UnsafeBufferPointer(rebasing: u[..<end]), as: UTF8.self)
        }
    }

    /// The canonical 一级 name a text names, if it names one.
    public func level1(named text: String) -> String? {
        let k = Self.key(text)
        guard !k.isEmpty else { return nil }
        return groups.first { Self.key($0.level1) == k }?.level1
    }

    /// The canonical 二级 name a text names, and the 一级 it belongs to (the first, if several).
    public func level2(named text: String) -> (level2: String, level1: String)? {
        let k = Self.key(text)
        guard !k.isEmpty else { return nil }
        for g in groups {
            if let l2 = g.level2.first(where: { Self.key($0) == k }) { return (l2, g.level1) }
        }
        return nil
    }

    /// The 一级 groups that allow a 二级 name.
    public func parents(ofLevel2 text: String) -> [String] {
        let k = Self.key(text)
        return groups.filter { g in g.level2.contains { Self.key($0) == k } }.map(\.level1)
    }

    /// Whether the pair is allowed by this taxonomy.
    public func allows(level1: String, level2: String) -> Bool {
        let k1 = Self.key(level1), k2 = Self.key(level2)
        return groups.contains { g in Self.key(g.level1) == k1 && g.level2.contains { Self.key($0) == k2 } }
    }

    /// The common indicator a 三级 name names, if any (exact, or the name with a 部门/单位 prefix).
    public func commonIndicator(named text: String) -> CommonIndicator? {
        let k = TextNormalizer.labelKey(text)
        guard !k.isEmpty else { return nil }
        return commonIndicators.first { TextNormalizer.labelKey($0.name) == k }
    }
}

extension Taxonomy {
    /// The current taxonomy (财预〔2021〕101号 and the forms' 填表说明): 成本 is its own 一级.
    public static let current = Taxonomy(groups: [
        Group(level1: "产出指标", level2: ["数量指标", "质量指标", "时效指标"]),
        Group(level1: "成本指标", level2: ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
        Group(level1: "效益指标", level2: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
        Group(level1: "满意度指标", level2: ["服务对象满意度指标"]),
    ])

    /// The legacy taxonomy: 成本指标 is a 二级 under 产出指标.
    public static let legacy = Taxonomy(groups: [
        Group(level1: "产出指标", level2: ["数量指标", "质量指标", "时效指标", "成本指标"]),
        Group(level1: "效益指标", level2: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
        Group(level1: "满意度指标", level2: ["服务对象满意度指标"]),
    ])

    /// The provincial declaration form: the current taxonomy plus 投入管理指标 and the 整体 groups
    /// (重点工作任务完成, 履职目标实现, 履职效益, 满意度), with the common 投入管理 indicators it prints.
    public static let provincial = Taxonomy(
        groups: [
            Group(level1: "投入管理指标", level2: ["工作目标管理", "预算和财务管理", "绩效管理"]),
            Group(level1: "产出指标", level2: ["重点工作任务完成", "数量指标", "质量指标", "时效指标"]),
            Group(level1: "成本指标", level2: ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
            Group(level1: "效益指标", level2: ["履职目标实现", "履职效益", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
            Group(level1: "满意度指标", level2: ["满意度", "服务对象满意度指标"]),
        ],
        commonIndicators: [
            CommonIndicator(name: "年度履职目标相关性", level1: "投入管理指标", level2: "工作目标管理"),
            CommonIndicator(name: "工作任务科学性", level1: "投入管理指标", level2: "工作目标管理"),
            CommonIndicator(name: "绩效指标合理性", level1: "投入管理指标", level2: "工作目标管理"),
            CommonIndicator(name: "预算编制完整性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(
                name: "专项资金细化率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "专项资金细化率=（已细化到具体市县和承担单位的资金数/部门参与分配资金总数）×100%"),
            CommonIndicator(
                name: "预算执行率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "预算执行率=（预算完成数/预算数）×100%"),
            CommonIndicator(
                name: "预算调整率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "预算调整率=预算调整数/年初预算数×100%"),
            CommonIndicator(
                name: "结转结余率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "结转结余率=结转结余总额/预算数×100%"),
            CommonIndicator(
                name: "“三公经费”控制率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "“三公经费”控制率=“三公经费”实际支出数/“三公经费”预算数×100%"),
            CommonIndicator(
                name: "政府采购执行率", level1: "投入管理指标", level2: "预算和财务管理",
                definition: "政府采购执行率=（实际政府采购金额/政府采购预算数）×100%"),
            CommonIndicator(name: "决算真实性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(name: "资金使用合规性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(name: "管理制度健全性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(name: "预决算信息公开性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(name: "资产管理规范性", level1: "投入管理指标", level2: "预算和财务管理"),
            CommonIndicator(
                name: "绩效监控完成率", level1: "投入管理指标", level2: "绩效管理",
                definition: "部门绩效监控完成率=已完成绩效监控项目数量/部门项目总数×100%"),
            CommonIndicator(
                name: "绩效自评完成率", level1: "投入管理指标", level2: "绩效管理",
                definition: "部门绩效自评完成率=已完成评价项目数量/部门项目总数×100%"),
            CommonIndicator(
                name: "部门绩效评价完成率", level1: "投入管理指标", level2: "绩效管理",
                definition: "部门绩效评价完成率=已完成评价项目数量/部门重点绩效评价项目数×100%"),
            CommonIndicator(
                name: "评价结果应用率", level1: "投入管理指标", level2: "绩效管理",
                definition: "评价结果应用率=评价提出的意见建议采纳数/提出的意见建议总数×100%"),
        ])
}
