import GoalCore
@testable import GoalCheck

/// Tables written the way a careful unit fills them, and a one-row builder for the rule tests.
enum Tables {
    static func row(
        _ l1: String = "产出指标", _ l2: String = "数量指标", _ name: String, _ type: Comparison,
        _ value: String, _ unit: String? = nil, explanation: String? = nil, scoring: String? = nil,
        weight: Double? = nil, lastYear: String? = nil, evidence: String? = nil, note: String? = nil
    ) -> Indicator {
        Indicator(
            level1: l1, level2: l2, name: name, type: type, value: value, unit: type == .qualitative ? unit : (unit ?? "%"),
            explanation: explanation, scoring: scoring, weight: weight, lastYear: lastYear, evidence: evidence, note: note)
    }

    /// Findings of one row placed in an otherwise empty department table.
    static func findings(_ ind: Indicator, profile: Profile = .current, goal: String? = nil, funds: Funds? = nil) -> [Finding] {
        let t = GoalTable(kind: .department, year: 2026, unit: "某单位", goal: goal, funds: funds, indicators: [ind])
        return Checker(profile: profile).check([t]).filter { $0.indicator == 0 }
    }

    static func codes(_ ind: Indicator, profile: Profile = .current) -> Set<String> {
        Set(findings(ind, profile: profile).map(\.code))
    }

    /// 部门整体支出 (current taxonomy), weights 100.
    static let department = GoalTable(
        kind: .department, year: 2026, unit: "某县社会保险服务中心", duty: "负责养老保险参保、待遇发放",
        goal: "确保全年参保缴费1.8万人，养老待遇按时足额发放，服务对象满意度达到95%以上。",
        indicators: [
            row(
                "产出指标", "数量指标", "实际缴费人数", .atLeast, "1.8", "万人", explanation: "全年实际缴费的参保人数",
                scoring: "达到计划值得满分10分，否则按实际值/计划值*指标分值计分。", weight: 10),
            row(
                "产出指标", "数量指标", "待遇发放次数", .equal, "12", "次", explanation: "全年按月发放养老待遇的次数",
                scoring: "达到计划值得10分，否则按实际值/计划值*指标分值计分。", weight: 10),
            row(
                "产出指标", "质量指标", "待遇足额发放率", .equal, "100", "%", explanation: "足额发放率=足额发放人数/应发放人数×100%",
                scoring: "达到计划值得10分，否则按实际值/计划值*指标分值计分。", weight: 10),
            row(
                "产出指标", "质量指标", "业务差错率", .atMost, "1", "%", explanation: "差错率=差错业务笔数/业务总笔数×100%",
                scoring: "差错率不高于1%得10分，每超出1%扣2分，扣完为止。", weight: 10),
            row(
                "产出指标", "时效指标", "待遇按时发放率", .equal, "100", "%", explanation: "按时发放率=每月25日前发放人数/应发放人数×100%",
                scoring: "达到计划值得10分，否则按实际值/计划值*指标分值计分。", weight: 10),
            row(
                "成本指标", "经济成本指标", "单位整体支出", .atMost, "329.26", "万元", explanation: "全年单位整体支出，不超过部门预算",
                scoring: "整体支出控制在预算范围内得10分，每超出10%扣2分，扣完为止。", weight: 10),
            row(
                "效益指标", "社会效益指标", "保障退休人员基本生活", .qualitative, "效果明显", explanation: "养老待遇足额发放对退休人员基本生活的保障作用",
                scoring: "效果明显得15分，效果一般得10分，否则不得分。", weight: 15),
            row(
                "效益指标", "可持续影响指标", "养老保险制度持续运行", .qualitative, "持续运行", explanation: "基金收支平衡，制度可持续运行",
                scoring: "按评判等级赋分，达成得15分。", weight: 15),
            row(
                "满意度指标", "服务对象满意度指标", "参保人员满意度", .atLeast, "95", "%", explanation: "抽样调查参保人员满意的比例",
                scoring: "满意度大于等于95%的得10分，满意度小于95%且大于等于80%的得8分，小于60%不得分。", weight: 10),
        ])

    /// 项目支出 (current taxonomy): no 指标解释 column; 依据, 上年完成值, 佐证资料, weights 90.
    static let project = GoalTable(
        kind: .project, year: 2023, unit: "某市社会保险中心", goal: "目标1、保障973名退休人员正常领取补助，发放12次。目标2、社会保险政策知晓率达到95%以上。",
        project: ProjectInfo(name: "困难企业退休人员生活补助", manager: "张三"), funds: Funds(total: 52, fiscal: 52, other: 0),
        indicators: [
            row(
                "产出指标", "数量指标", "补助发放人数", .equal, "973", "人", scoring: "按照正常比例赋分", weight: 10, lastYear: "960人", evidence: "工作资料"),
            row("产出指标", "数量指标", "补助发放次数", .equal, "12", "次", scoring: "按照正常比例赋分", weight: 10, lastYear: "12次", evidence: "工作资料"),
            row("产出指标", "质量指标", "补助发放准确率", .equal, "100", "%", scoring: "直接赋分", weight: 10, lastYear: "100%", evidence: "工作资料"),
            row(
                "产出指标", "时效指标", "补助按月发放及时率", .atLeast, "98", "%", scoring: "按照正常比例赋分", weight: 10, lastYear: "98%",
                evidence: "工作资料"),
            row(
                "成本指标", "经济成本指标", "人均月补助标准", .atMost, "45.5", "元/人/月", scoring: "按照正常比例赋分", weight: 20, lastYear: "45.5元/人/月",
                evidence: "原始凭证"),
            row(
                "效益指标", "社会效益指标", "退休人员生活水平", .qualitative, "有效提高", scoring: "按评判等级赋分", weight: 10, lastYear: "有效提高",
                evidence: "工作资料"),
            row(
                "效益指标", "社会效益指标", "社会保险政策知晓率", .atLeast, "95", "%", scoring: "按照正常比例赋分", weight: 10, lastYear: "95%",
                evidence: "工作资料"),
            row(
                "满意度指标", "满意度指标", "受益人员满意度", .atLeast, "98", "%", scoring: "满意度赋分", weight: 10, lastYear: "98%", evidence: "说明材料"),
        ])

    /// 省级部门整体 (provincial taxonomy): 投入管理 indicators with definitions, no weights.
    static let provincial = GoalTable(
        kind: .provincial, year: 2022, unit: "州社会保险服务中心", goal: "离退人员社会化发放率100%，养老保险待遇按时足额发放。",
        funds: Funds(fiscal: 327.89, other: 0),
        indicators: [
            row("投入管理指标", "工作目标管理", "年度履职目标相关性", .qualitative, "相关", explanation: "年度履职目标是否符合国家战略部署，是否与部门职责相关"),
            row("投入管理指标", "预算和财务管理", "预算执行率", .atLeast, "90", "%", explanation: "预算执行率=（预算完成数/预算数）×100%"),
            row("投入管理指标", "预算和财务管理", "结转结余率", .atMost, "30", "%", explanation: "结转结余率=结转结余总额/预算数×100%"),
            row("投入管理指标", "绩效管理", "绩效自评完成率", .equal, "100", "%", explanation: "绩效自评完成率=已完成自评项目数/项目总数×100%"),
            row("产出指标", "重点工作任务完成", "养老保险待遇社会化发放率", .equal, "100", "%", explanation: "社会化发放率=社会化发放人数/离退休人数×100%"),
            row("效益指标", "履职效益", "社保业务经办及时完成率", .atLeast, "95", "%", explanation: "及时完成率=按时限办结业务数/受理业务数×100%"),
            row("满意度指标", "满意度", "参保对象满意率", .atLeast, "95", "%", explanation: "问卷调查中满意和基本满意的参保对象占比"),
        ])

    /// The legacy taxonomy: 成本指标 is a 二级 under 产出指标.
    static let legacyProject = GoalTable(
        kind: .project, year: 2020, unit: "某县人社局", goal: "开展职业技能培训，提升劳动者就业技能。",
        project: ProjectInfo(name: "职业技能培训"), funds: Funds(total: 20, fiscal: 20, other: 0),
        indicators: [
            row("产出指标", "数量指标", "培训人数", .atLeast, "500", "人次", scoring: "按照正常比例赋分", weight: 20),
            row("产出指标", "质量指标", "培训合格率", .atLeast, "90", "%", scoring: "按照正常比例赋分", weight: 20),
            row("产出指标", "时效指标", "培训完成时间", .atMost, "12", "月", scoring: "直接赋分", weight: 10),
            row("产出指标", "成本指标", "人均培训成本", .atMost, "400", "元/人", scoring: "按照正常比例赋分", weight: 10),
            row("效益指标", "社会效益指标", "就业技能提升", .qualitative, "明显提升", scoring: "按评判等级赋分", weight: 20),
            row("满意度指标", "服务对象满意度指标", "参训人员满意度", .atLeast, "90", "%", scoring: "满意度赋分", weight: 20),
        ])

    static let legacyDepartment = GoalTable(
        kind: .department, year: 2019, unit: "某县就业服务局", goal: "促进城镇就业，保持就业局势稳定。",
        indicators: [
            row(
                "产出指标", "数量指标", "城镇新增就业人数", .atLeast, "3000", "人", explanation: "全年城镇新增就业的人数", scoring: "得满分20分，否则按比例计分",
                weight: 20),
            row(
                "产出指标", "质量指标", "就业补贴发放准确率", .equal, "100", "%", explanation: "准确率=准确发放笔数/发放总笔数×100%", scoring: "达到得20分",
                weight: 20),
            row(
                "产出指标", "时效指标", "补贴发放及时率", .atLeast, "95", "%", explanation: "及时率=按时发放笔数/发放总笔数×100%", scoring: "达到得10分",
                weight: 10),
            row("产出指标", "成本指标", "部门整体支出", .atMost, "850", "万元", explanation: "部门全年支出不超过预算", scoring: "控制在预算内得10分", weight: 10),
            row(
                "效益指标", "社会效益指标", "城镇登记失业率", .atMost, "4.5", "%", explanation: "失业率=登记失业人数/劳动力人数×100%", scoring: "达到得20分",
                weight: 20),
            row(
                "满意度指标", "服务对象满意度指标", "服务对象满意度", .atLeast, "90", "%", explanation: "抽样调查满意的比例", scoring: "满意度≥90%得20分", weight: 20
            ),
        ])
}
