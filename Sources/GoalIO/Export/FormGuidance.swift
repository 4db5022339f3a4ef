import GoalCore

/// The 填表说明 printed under each form (the words of the official forms, as seeds 000 and 002 carry
/// them). Kept apart from the layout because it is text policy, not structure: a province that
/// prints other instructions changes this file only.
enum FormGuidance {
    /// The opening line; the importer recognises it and skips what follows as instructions.
    static let heading = "填表说明："

    static func paragraphs(for kind: TableKind) -> [String] {
        switch kind {
        case .department: return common + departmentColumns + scoringMethods
        case .project: return [common[0]] + projectColumns
        case .provincial: return provincialColumns
        }
    }

    /// 指标名称, 指标值类型, 指标值, 度量单位: the same on every form with these columns.
    static let common = [
        "指标名称：一级指标，主要分为成本指标、产出指标、效益指标、满意度指标；二级指标，主要分为经济成本指标、社会成本指标、生态环境成本指标（属于成本指标）和数量指标、质量指标、时效指标（属于产出指标）以及经济效益指标、社会效益指标、生态效益指标、可持续影响指标（属于效益指标）和服务对象满意度指标（属于满意度指标）；三级指标是对指标含义的简要描述，要求简洁明确、通俗易懂。如“房屋修缮面积”、“设备更新改造数量”、“验收合格率”等。",
        "指标值类型：指标类型为定量（“≥”、“>”、“=”、“≤”、“<”上述五个符号之一）或定性。",
        "指标值：指标类型为定量时，只能填写数字。指标类型为定性时，不受限制。",
        "度量单位：为数字后字符串，如“个”、“所”、“只”、“%”等。指标类型为定量时可填，指标类型为定性设置为空不可填",
    ]

    static let departmentColumns = [
        "指标解释：是三级指标名称的概念性定义，反映该指标衡量的具体内容、计算方法和数据口径等",
        "评（扣）分标准：填写指标完成情况评（扣）分标准，参考以下几种赋分情况。",
    ]

    /// The project form prints the operator and the unit in the 指标值 cell.
    static let projectColumns = [
        "指标值：定量指标填写“≥”、“>”、“=”、“≤”、“<”之一，加数字和计量单位，如“≥16.44万人”；定性指标直接填写文字，如“有效提高”。",
        "指标值设置依据：填写计划标准、历史标准、行业或国家标准、预算支出标准或其他。",
        "指标分值权重：各三级指标的分值，合计100分。",
        // The project form prints the method's name only; the methods are explained on the department form.
        "指标赋分规则：填写直接赋分、按照正常比例赋分（设置及格门槛）、按评判等级赋分或满意度赋分。",
    ]

    static let provincialColumns = [
        "一级指标为投入管理指标、产出指标、效益指标、满意度指标；投入管理指标的二级、三级指标按省级统一设置填写。",
        "指标值类型：指标类型为定量（“≥”、“>”、“=”、“≤”、“<”上述五个符号之一）或定性。",
        "指标值说明：说明指标的含义、计算方法和数据口径。",
    ]

    static let scoringMethods = [
        "1. 直接赋分。主要适用于进行“是”或“否”判断的单一评判指标。符合要求的得满分，不符合要求的不得分或者扣相应的分数。",
        "2. 按照完成比例赋分，同时设置及格门槛。主要适用于量化的统计类等定量指标。具体可根据指标目标值的精细程度、数据变化区间进行设定。定量指标按比例赋分，并设置及格门槛。如：完成率小于60%为不及格，不得分；大于等于60%的，按超过的比重赋分，计算公式为：得分=(实际完成率-60%)/(1-60%)×指标分值。",
        "3. 按评判等级赋分。主要适用于情况说明类的定性指标。分为基本达成目标、部分实现目标、实现目标程度较低三个档次，并分别按照该指标对应分值区间100%-80%（含）、80%-60%（含）、60%-0%合理确定分值。",
        "4. 满意度赋分。适用于对服务对象、受益群体的满意程度询问调查，一般按照区间进行赋分。如：满意度大于等于90%的得10分，满意度小于90%且大于等于80%的得8分，满意度小于80%且大于等于60%的得5分，满意度小于60%不得分。",
    ]
}
