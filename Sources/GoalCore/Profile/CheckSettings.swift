/// The checker's settings in a profile. Owned by the checker (GoalCheck); every field has a default
/// so that a profile file may leave it out, and a province or a unit can change only what differs.
public struct CheckSettings: Sendable, Hashable, Codable {
    /// Weight totals a table may have: 100, or 90 when 10 points go to budget execution.
    public var weightTotals: [Double]
    /// How far a total may be from an allowed one and still count as equal (rounding in the form).
    public var weightTolerance: Double
    /// The highest a rate (a `%` target) can be; above it only growth rates (增长率…) make sense.
    public var rateCap: Double
    /// A target this many times above or below 上年完成值 is "far" from it (either direction).
    public var farFromLastYearRatio: Double
    /// 二级 names written in place of a canonical one that reviewers accept (`满意度指标` for
    /// `服务对象满意度指标`): written name → canonical name. Used only when the pair is otherwise not allowed.
    public var level2Aliases: [String: String]
    /// Rule codes switched off (`["R13"]`).
    public var disabledRules: [String]
    /// Severity per rule code where it differs from the default: `{"T02": "error"}`.
    public var severities: [String: String]
    /// Phrases that make an explanation too generic to define an indicator (templates of the 二级 rows).
    public var genericExplanations: [String]
    /// The word lists rules match names against.
    public var lexicon: CheckLexicon
    /// The header fields each form requires (F08), by 表种 (`department`, `project`, `provincial`):
    /// `year` 年度, `unit` 预算单位 / 部门（单位）名称, `goal` 项目总体目标 / 年度履职目标, `duty` 部门（单位）职责,
    /// `project.name` 项目名称, `project.manager` 项目负责人, `funds.total` 年度预算总额 / 部门预算总额
    /// (written, or 财政拨款 written so the total follows from its parts).
    public var requiredHeader: [String: [String]]
    /// The rules across years and units (Y01–Y05).
    public var history: HistorySettings

    public static let defaultRequiredHeader: [String: [String]] = [
        "department": ["year", "unit", "goal"],
        "project": ["year", "unit", "project.name", "funds.total", "goal"],
        "provincial": ["year", "unit", "goal", "funds.total"],
    ]

    public init(
        weightTotals: [Double] = [100, 90],
        weightTolerance: Double = 0.01,
        rateCap: Double = 100,
        farFromLastYearRatio: Double = 2,
        level2Aliases: [String: String] = [
            "满意度指标": "服务对象满意度指标", "满意度": "服务对象满意度指标",
            "社会公众或服务对象满意度指标": "服务对象满意度指标", "社会公众满意度指标": "服务对象满意度指标",
            "成本指标": "经济成本指标", "生态成本指标": "生态环境成本指标", "环境成本指标": "生态环境成本指标",
            "环境效益指标": "生态效益指标",
        ],
        disabledRules: [String] = [],
        severities: [String: String] = [:],
        genericExplanations: [String] = ["重点工作任务完成情况", "年度工作目标达成情况", "相关情况应予以细化"],
        lexicon: CheckLexicon = .init(),
        requiredHeader: [String: [String]] = CheckSettings.defaultRequiredHeader,
        history: HistorySettings = .init()
    ) {
        self.weightTotals = weightTotals; self.weightTolerance = weightTolerance; self.rateCap = rateCap
        self.farFromLastYearRatio = farFromLastYearRatio; self.level2Aliases = level2Aliases
        self.disabledRules = disabledRules; self.severities = severities
        self.genericExplanations = genericExplanations; self.lexicon = lexicon
        self.requiredHeader = requiredHeader; self.history = history
    }

    enum CodingKeys: String, CodingKey {
        case weightTotals, weightTolerance, rateCap, farFromLastYearRatio, level2Aliases, disabledRules, severities
        case genericExplanations, lexicon, requiredHeader, history
    }

    public init(from decoder: any Decoder) throws {
        let d = CheckSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weightTotals = try c.decodeIfPresent([Double].self, forKey: .weightTotals) ?? d.weightTotals
        weightTolerance = try c.decodeIfPresent(Double.self, forKey: .weightTolerance) ?? d.weightTolerance
        rateCap = try c.decodeIfPresent(Double.self, forKey: .rateCap) ?? d.rateCap
        farFromLastYearRatio = try c.decodeIfPresent(Double.self, forKey: .farFromLastYearRatio) ?? d.farFromLastYearRatio
        level2Aliases = try c.decodeIfPresent([String: String].self, forKey: .level2Aliases) ?? d.level2Aliases
        disabledRules = try c.decodeIfPresent([String].self, forKey: .disabledRules) ?? d.disabledRules
        severities = try c.decodeIfPresent([String: String].self, forKey: .severities) ?? d.severities
        genericExplanations = try c.decodeIfPresent([String].self, forKey: .genericExplanations) ?? d.genericExplanations
        lexicon = try c.decodeIfPresent(CheckLexicon.self, forKey: .lexicon) ?? d.lexicon
        requiredHeader = try c.decodeIfPresent([String: [String]].self, forKey: .requiredHeader) ?? d.requiredHeader
        history = try c.decodeIfPresent(HistorySettings.self, forKey: .history) ?? d.history
    }
}

/// The settings of the rules across years and units (issue #19).
public struct HistorySettings: Sendable, Hashable, Codable {
    /// Y02: a target unchanged this many years running (this year included) while exceeded is reported.
    public var sameTargetYears: Int
    /// Y05: an explanation or scoring text shorter than this (characters, spaces and punctuation not counted)
    /// is a common phrase, not a copy (`达到目标值得满分，否则按比例得分`).
    public var copiedTextMinLength: Int

    public init(sameTargetYears: Int = 3, copiedTextMinLength: Int = 20) {
        self.sameTargetYears = sameTargetYears; self.copiedTextMinLength = copiedTextMinLength
    }

    enum CodingKeys: String, CodingKey { case sameTargetYears, copiedTextMinLength }

    public init(from decoder: any Decoder) throws {
        let d = HistorySettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sameTargetYears = try c.decodeIfPresent(Int.self, forKey: .sameTargetYears) ?? d.sameTargetYears
        copiedTextMinLength = try c.decodeIfPresent(Int.self, forKey: .copiedTextMinLength) ?? d.copiedTextMinLength
    }
}

/// Words the checker reads indicator names by. Data, not code, so that a profile can add a trade's
/// own words (e.g. 病床使用率 as a positive rate) without a new release.
public struct CheckLexicon: Sendable, Hashable, Codable {
    /// A name holding one of these is a satisfaction indicator (higher is better).
    public var satisfaction: [String]
    /// A rate is higher-is-better when its name holds one of these right before 率: 覆盖率, 合格率, 及时率…
    public var positiveRates: [String]
    /// A name holding one of these is lower-is-better (投诉率, 差错率, 事故率, 结转结余率…): never flagged for ≤.
    public var lowerIsBetter: [String]
    /// A rate holding one of these may exceed 100% (增长率, 增幅…).
    public var growth: [String]
    /// A 时效指标 name shows its time limit by one of these.
    public var timeliness: [String]
    /// Names holding one of these measure timeliness and belong under 时效指标, not 质量指标.
    public var timelinessRates: [String]
    /// Endings of a name cut off before its measurable noun (…养老保险, …发放, …知晓).
    public var danglingEndings: [String]
    /// Endings that make a name measurable (…人数, …率, …金额, …性); a name ending so is never "cut off".
    public var measurableEndings: [String]
    /// Under 经济效益指标, names with these words describe social benefit (生活水平, 政策知晓).
    public var socialBenefit: [String]
    /// …unless they also hold one of these economic words.
    public var economicBenefit: [String]
    /// Names ending with these count money, not people (…补助 with unit 人 lacks 人数).
    public var moneyNouns: [String]

    public init(
        satisfaction: [String] = ["满意"],
        positiveRates: [String] = [
            "覆盖", "合格", "及时", "达标", "完成", "知晓", "发放", "执行", "到位", "准确", "正确", "参保",
            "兑现", "使用", "利用", "入学", "就业", "通过", "验收", "完好", "安全", "完整", "优良", "受益",
            "响应", "办结", "处理", "解决", "化解", "结案", "回访", "应用", "细化", "规范", "合规", "正常",
            "运行", "排除", "落实", "上线", "收缴", "征缴", "登记", "认证", "归档", "准时", "按时", "出勤",
        ],
        lowerIsBetter: [String] = [
            "投诉", "差错", "事故", "失误", "错误", "不合格", "违规", "违纪", "违法", "结转", "结余", "流失",
            "空置", "闲置", "返工", "误差", "损失", "死亡", "发病", "感染", "逾期", "滞后", "超支", "超标",
            "拖欠", "欠费", "偏差", "退回", "返贫", "辍学", "调整率", "下降", "降低", "减少", "故障", "差评",
            "冒领", "多领", "漏报", "迟报", "缺陷", "隐患", "风险", "不良", "未", "重复", "出错", "延误", "积压",
            "整改", "问题", "不满意", "失业", "发生率", "贫困", "污染", "排放", "能耗", "赤字", "负债",
        ],
        growth: [String] = ["增长", "增幅", "增速", "提高率", "提升率", "同比", "环比", "比上年", "增加率", "增量"],
        timeliness: [String] = [
            "及时", "时间", "按时", "时限", "时效", "准时", "限时", "按期", "到期", "期限", "日", "天", "周",
            "月", "季", "年", "时", "前", "内", "进度", "周期", "工作日", "定期", "逾期", "延迟", "速度",
        ],
        timelinessRates: [String] = ["及时率", "及时性", "按时", "准时率", "时限", "办结时间", "到位时间"],
        danglingEndings: [String] = [
            "养老", "保险", "服务", "发放", "人员生活", "补差", "覆盖", "知晓", "宣传", "领取", "待遇", "人员",
            "满意", "正常", "履职", "入账", "政策", "目标", "金足", "补助", "补贴", "核定", "参保", "拨付", "使用",
            "办理", "支付", "按日", "按月",
        ],
        measurableEndings: [String] = [
            "数", "率", "量", "额", "度", "性", "比", "比重", "比例", "时间", "时限", "期限", "标准", "面积",
            "长度", "人次", "次", "项", "个", "户", "人", "万元", "元", "成本", "支出", "费用", "效果", "情况",
            "水平", "指数", "天", "日", "周期", "数量", "规模", "效益", "影响",
        ],
        socialBenefit: [String] = ["生活水平", "生活", "知晓", "宣传", "稳定", "权益", "和谐", "获得感", "幸福感"],
        economicBenefit: [String] = ["收入", "增收", "经济", "产值", "利润", "税收", "节约", "金额", "资金", "成本"],
        moneyNouns: [String] = ["补助", "补贴", "资金", "经费", "费用", "金额", "待遇", "奖励", "补差", "支出"]
    ) {
        self.satisfaction = satisfaction; self.positiveRates = positiveRates; self.lowerIsBetter = lowerIsBetter
        self.growth = growth; self.timeliness = timeliness; self.timelinessRates = timelinessRates
        self.danglingEndings = danglingEndings; self.measurableEndings = measurableEndings
        self.socialBenefit = socialBenefit; self.economicBenefit = economicBenefit; self.moneyNouns = moneyNouns
    }

    enum CodingKeys: String, CodingKey {
        case satisfaction, positiveRates, lowerIsBetter, growth, timeliness, timelinessRates, danglingEndings
        case measurableEndings, socialBenefit, economicBenefit, moneyNouns
    }

    public init(from decoder: any Decoder) throws {
        let d = CheckLexicon()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ k: CodingKeys, _ fallback: [String]) throws -> [String] {
            try c.decodeIfPresent([String].self, forKey: k) ?? fallback
        }
        satisfaction = try list(.satisfaction, d.satisfaction)
        positiveRates = try list(.positiveRates, d.positiveRates)
        lowerIsBetter = try list(.lowerIsBetter, d.lowerIsBetter)
        growth = try list(.growth, d.growth)
        timeliness = try list(.timeliness, d.timeliness)
        timelinessRates = try list(.timelinessRates, d.timelinessRates)
        danglingEndings = try list(.danglingEndings, d.danglingEndings)
        measurableEndings = try list(.measurableEndings, d.measurableEndings)
        socialBenefit = try list(.socialBenefit, d.socialBenefit)
        economicBenefit = try list(.economicBenefit, d.economicBenefit)
        moneyNouns = try list(.moneyNouns, d.moneyNouns)
    }
}
