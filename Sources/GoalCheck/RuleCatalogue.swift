/// Every rule the checker has. Codes never change meaning; a retired rule's code is not reused.
/// Severities here are the defaults; a profile may change them or switch a rule off.
public enum RuleCatalogue {
    // MARK: 填表规则 — what the forms' 填表说明 print. Breaking one is an error.
    public static let level1Unknown = Rule("F01", .error, .filling, "一级指标须为指标体系中的名称")
    public static let pair = Rule("F02", .error, .filling, "二级指标须属于所填一级指标")
    public static let nameMissing = Rule("F03", .error, .filling, "每行须有三级指标名称")
    public static let valueMissing = Rule("F04", .error, .filling, "指标值不能为空")
    public static let valueNotNumber = Rule("F05", .error, .filling, "定量指标的指标值只能填写数字")
    public static let unitMissing = Rule("F06", .warning, .filling, "定量指标应填写计量单位")
    public static let unitOnQualitative = Rule("F07", .error, .filling, "定性指标的计量单位应为空")
    public static let headerMissing = Rule("F08", .error, .filling, "表头必填项（年度、预算单位、预算总额等）不能为空")

    // MARK: 指标方向
    public static let satisfactionDirection = Rule("D01", .warning, .direction, "满意度指标应为 ≥ 或 >")
    public static let rateDirection = Rule("D02", .warning, .direction, "覆盖率、合格率、及时率等正向比率不应为 ≤ 或 <")
    public static let costDirection = Rule("D03", .warning, .direction, "成本指标应为 ≤ 或 <")
    public static let costEqual = Rule("D04", .hint, .direction, "成本指标一般用 ≤ 控制上限")
    public static let rateOverCap = Rule("D05", .warning, .direction, "比率目标不应超过100%")
    public static let rateAtLeastCap = Rule("D06", .warning, .direction, "比率目标写作 ≥100% 应改为 =100%")

    // MARK: 行内一致
    public static let unitVersusName = Rule("R01", .warning, .row, "计量单位应与三级指标名称相符")
    public static let explanationSubject = Rule("R02", .warning, .row, "指标解释应说明本指标，而非其他事项")
    public static let shiftedText = Rule("R03", .warning, .row, "指标解释与评分标准不应错列")
    public static let qualitativeRatioScoring = Rule("R04", .warning, .row, "定性指标不应按比例赋分")
    public static let qualitativeNumeric = Rule("R05", .warning, .row, "指标值或评分是数值、日期的，宜设为定量指标")
    public static let scoringPoints = Rule("R06", .warning, .row, "评分标准中的满分应与分值一致")
    public static let timelinessName = Rule("R07", .warning, .row, "时效指标名称应体现时限")
    public static let timelinessUnderQuality = Rule("R08", .warning, .row, "及时率类指标应列在时效指标下")
    public static let socialUnderEconomic = Rule("R09", .hint, .row, "生活水平、政策知晓等属社会效益指标")
    public static let explanationMissing = Rule("R10", .hint, .row, "表中设有指标解释列的，每行应填写")
    public static let explanationVague = Rule("R11", .hint, .row, "比率指标的解释宜写明计算方法，避免笼统")
    public static let evidenceMissing = Rule("R12", .hint, .row, "表中设有佐证资料列的，每行应填写")
    public static let nameTruncated = Rule("R13", .hint, .row, "三级指标名称疑似不完整")

    // MARK: 行间与全表一致
    public static let duplicateName = Rule("T01", .warning, .table, "同一张表中三级指标不应重复")
    public static let weightTotal = Rule("T02", .warning, .table, "分值合计应为规定总分")
    public static let weightPartial = Rule("T03", .hint, .table, "分值应每行都填或都不填")
    public static let level1Required = Rule("T04", .warning, .table, "须设置规定的一级指标")
    public static let level2Empty = Rule("T05", .warning, .table, "二级指标下应有三级指标")
    public static let belowLastYear = Rule("T06", .hint, .table, "正向指标的目标值不宜低于上年完成值")
    public static let farFromLastYear = Rule("T07", .warning, .table, "指标值与上年完成值不应相差悬殊")
    public static let costOverFunds = Rule("T08", .warning, .table, "成本指标不应超过本表资金")
    public static let goalNumber = Rule("T09", .warning, .table, "总体目标中的数值应与指标值一致")
    public static let goalNumberUncarried = Rule("T10", .hint, .table, "总体目标中的数值应有指标体现")

    // MARK: 跨年度与跨单位 — need the table's earlier years or other units' tables (`CheckHistory`)
    public static let belowLastActual = Rule("Y01", .warning, .history, "正向指标的目标值不应低于上年实际完成值（反向指标不应高于）")
    public static let sameTargetExceeded = Rule("Y02", .warning, .history, "目标值连续多年不变而实际完成值年年超过，应提高")
    public static let droppedAfterLoss = Rule("Y03", .warning, .history, "上年自评失分的指标不应无说明地删除")
    public static let weightAwayFromLoss = Rule("Y04", .warning, .history, "上年自评失分的指标不应调低分值")
    public static let copiedText = Rule("Y05", .warning, .history, "指标解释、评分标准不应与其他单位同年度的表逐字相同")

    // MARK: 导入
    public static let importRepaired = Rule("I01", .hint, .importNotes, "导入时已自动修正的内容，请核对")
    public static let importUnreadable = Rule("I02", .warning, .importNotes, "导入时无法读取的内容")
    public static let inputUnreadable = Rule("I03", .error, .importNotes, "文件无法读取")

    public static let all: [Rule] = [
        level1Unknown, pair, nameMissing, valueMissing, valueNotNumber, unitMissing, unitOnQualitative, headerMissing,
        satisfactionDirection, rateDirection, costDirection, costEqual, rateOverCap, rateAtLeastCap,
        unitVersusName, explanationSubject, shiftedText, qualitativeRatioScoring, qualitativeNumeric, scoringPoints,
        timelinessName, timelinessUnderQuality, socialUnderEconomic, explanationMissing, explanationVague,
        evidenceMissing, nameTruncated,
        duplicateName, weightTotal, weightPartial, level1Required, level2Empty, belowLastYear, farFromLastYear,
        costOverFunds, goalNumber, goalNumberUncarried,
        belowLastActual, sameTargetExceeded, droppedAfterLoss, weightAwayFromLoss, copiedText,
        importRepaired, importUnreadable, inputUnreadable,
    ]

    public static func rule(code: String) -> Rule? { all.first { $0.code == code } }
}
