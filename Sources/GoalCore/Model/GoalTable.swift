/// 绩效目标表: one performance goal table of any of the three forms.
public struct GoalTable: Sendable, Hashable, Codable {
    public var kind: TableKind
    public var title: String
    public var year: Int?
    public var unit: String
    public var duty: String?
    public var goal: String?
    public var project: ProjectInfo?
    public var funds: Funds?
    public var tasks: [AnnualTask]
    public var indicators: [Indicator]
    public var signoff: Signoff?
    /// What happened to the plan: 预算执行 and each indicator's 自评 values, keyed by indicator (`SelfEvaluation`).
    public var evaluation: SelfEvaluation

    public init(
        kind: TableKind, title: String? = nil, year: Int? = nil, unit: String = "", duty: String? = nil,
        goal: String? = nil, project: ProjectInfo? = nil, funds: Funds? = nil, tasks: [AnnualTask] = [],
        indicators: [Indicator] = [], signoff: Signoff? = nil, execution: Execution? = nil
    ) {
        self.kind = kind; self.title = title ?? kind.officialTitle; self.year = year; self.unit = unit
        self.duty = duty; self.goal = goal; self.project = project; self.funds = funds; self.tasks = tasks
        self.indicators = indicators; self.signoff = signoff; self.evaluation = SelfEvaluation(execution: execution)
    }

    enum CodingKeys: String, CodingKey {
        case kind, title, year, unit, duty, goal, project, funds, tasks, indicators, signoff, execution
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        guard let k = TableKind(rawValue: kindText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "表种“\(kindText)”应为 department（部门整体）、project（项目支出）或 provincial（省级整体）")
        }
        kind = k
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? k.officialTitle
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        duty = try c.decodeIfPresent(String.self, forKey: .duty)
        goal = try c.decodeIfPresent(String.self, forKey: .goal)
        project = try c.decodeIfPresent(ProjectInfo.self, forKey: .project)
        funds = try c.decodeIfPresent(Funds.self, forKey: .funds)
        tasks = try c.decodeIfPresent([AnnualTask].self, forKey: .tasks) ?? []
        // each indicator object carries its plan and its 自评 values; the values go to the record beside the plan
        let wire = try c.decodeIfPresent([IndicatorRow].self, forKey: .indicators) ?? []
        indicators = wire.map(\.indicator)
        signoff = try c.decodeIfPresent(Signoff.self, forKey: .signoff)
        evaluation = SelfEvaluation(execution: try c.decodeIfPresent(Execution.self, forKey: .execution))
        setEvaluationsByRow(wire.map(\.evaluation))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(year, forKey: .year)
        try c.encode(unit, forKey: .unit)
        try c.encode(duty, forKey: .duty)
        try c.encode(goal, forKey: .goal)
        try c.encode(project, forKey: .project)
        try c.encode(funds, forKey: .funds)
        try c.encode(tasks, forKey: .tasks)
        try c.encode(rows, forKey: .indicators)
        try c.encode(signoff, forKey: .signoff)
        try c.encodeIfPresent(execution, forKey: .execution)
    }
}

/// 项目: the project a 项目支出 table is for.
public struct ProjectInfo: Sendable, Hashable, Codable {
    public var name: String?
    public var manager: String?
    public init(name: String? = nil, manager: String? = nil) { self.name = name; self.manager = manager }
    enum CodingKeys: String, CodingKey { case name, manager }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name); try c.encode(manager, forKey: .manager)
    }
}

/// 资金（万元）.
public struct Funds: Sendable, Hashable, Codable {
    /// 年度预算总额 / 部门预算总额
    public var total: Double?
    /// 财政拨款 / 财政性资金
    public var fiscal: Double?
    /// 其他资金
    public var other: Double?
    public init(total: Double? = nil, fiscal: Double? = nil, other: Double? = nil) {
        self.total = total; self.fiscal = fiscal; self.other = other
    }
    enum CodingKeys: String, CodingKey { case total, fiscal, other }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total); try c.encode(fiscal, forKey: .fiscal); try c.encode(other, forKey: .other)
    }
    public var isEmpty: Bool { total == nil && fiscal == nil && other == nil }
}

/// 年度主要任务: one task of the provincial form.
public struct AnnualTask: Sendable, Hashable, Codable {
    public var name: String
    public var content: String?
    public init(name: String, content: String? = nil) { self.name = name; self.content = content }
    enum CodingKeys: String, CodingKey { case name, content }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name); try c.encode(content, forKey: .content)
    }
}

/// 签署: who filled, reviewed and signed the form.
public struct Signoff: Sendable, Hashable, Codable {
    public var filledBy: String?
    public var phone: String?
    /// YYYY-MM-DD
    public var filledOn: String?
    public var head: String?
    public var businessReviewer: String?
    public var performanceReviewer: String?
    /// 批复文号 and 批复日期 (YYYY-MM-DD), written by 批复; absent until then (and left out of the JSON).
    public var approvalNumber: String?
    public var approvedOn: String?
    public init(
        filledBy: String? = nil, phone: String? = nil, filledOn: String? = nil, head: String? = nil,
        businessReviewer: String? = nil, performanceReviewer: String? = nil,
        approvalNumber: String? = nil, approvedOn: String? = nil
    ) {
        self.filledBy = filledBy; self.phone = phone; self.filledOn = filledOn; self.head = head
        self.businessReviewer = businessReviewer; self.performanceReviewer = performanceReviewer
        self.approvalNumber = approvalNumber; self.approvedOn = approvedOn
    }
    enum CodingKeys: String, CodingKey {
        case filledBy, phone, filledOn, head, businessReviewer, performanceReviewer, approvalNumber, approvedOn
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(filledBy, forKey: .filledBy); try c.encode(phone, forKey: .phone)
        try c.encode(filledOn, forKey: .filledOn); try c.encode(head, forKey: .head)
        try c.encode(businessReviewer, forKey: .businessReviewer)
        try c.encode(performanceReviewer, forKey: .performanceReviewer)
        try c.encodeIfPresent(approvalNumber, forKey: .approvalNumber)
        try c.encodeIfPresent(approvedOn, forKey: .approvedOn)
    }
    public var isEmpty: Bool {
        [filledBy, phone, filledOn, head, businessReviewer, performanceReviewer, approvalNumber, approvedOn].allSatisfy {
            $0 == nil
        }
    }
}

/// 预算执行: budget and spending for the execution-rate score (万元).
public struct Execution: Sendable, Hashable, Codable {
    public var budget: Double
    public var spent: Double
    public var weight: Double
    /// 未达 90% 时的说明 (optional).
    public var explanation: String?
    public init(budget: Double, spent: Double, weight: Double, explanation: String? = nil) {
        self.budget = budget; self.spent = spent; self.weight = weight; self.explanation = explanation
    }
}

extension Signoff {
    /// The lines the review workflow signs (单位负责人, 填表日期, 业务股室审核人, 绩效股审核人, 批复文号/日期), taken from
    /// `signed`; the lines a filler types (填表人, 联系电话) from `self`. A save or an import may
    /// never write a signature: the printed form must say only who really acted.
    public func keepingWorkflowLines(of signed: Signoff?) -> Signoff {
        var s = self
        s.head = signed?.head
        s.filledOn = signed?.filledOn
        s.businessReviewer = signed?.businessReviewer
        s.performanceReviewer = signed?.performanceReviewer
        s.approvalNumber = signed?.approvalNumber
        s.approvedOn = signed?.approvedOn
        return s
    }
}

extension GoalTable {
    /// This table with its workflow sign-off lines replaced by `signed`'s (nil: none).
    public func withWorkflowSignoff(of signed: Signoff?) -> GoalTable {
        var t = self
        let typed = signoff ?? Signoff()
        let merged = typed.keepingWorkflowLines(of: signed)
        t.signoff = merged == Signoff() ? nil : merged
        return t
    }
}
