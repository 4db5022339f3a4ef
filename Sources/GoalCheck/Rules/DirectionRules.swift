import GoalCore

/// Direction: satisfaction and coverage/pass/timeliness rates go up (≥), costs go down (≤),
/// and a rate cannot pass 100% unless it is a growth rate.
extension TableCheck {
    mutating func directionRules(_ row: Row) {
        let type = row.type
        guard type.isQuantitative, let n = row.number else { return }
        var value: String { Display.number(n) } // only when a message is written
        let unit = row.unit ?? ""
        let lowerBetter = row.isLowerBetter
        let growth = (row.isCost || row.dimension == .ratio) && rules.growth.matches(row.nameText)

        if type.isLowerBetter && !lowerBetter {
            if row.isSatisfaction {
                emit(
                    RuleCatalogue.satisfactionDirection, row: row.index, field: .type,
                    TextBuilder.joined(
                        place(row), "：满意度指标的指标值类型为“", type.rawValue, "”（", row.targetText, "），满意度越高越好，应为 ≥"),
                    fix: TextBuilder.joined("满意度指标应为 ≥，是否改为 ≥", value, unit, "？"))
            } else if row.isRate && !row.isCost, let word = rules.positiveRates.word(in: row.nameText) {
                emit(
                    RuleCatalogue.rateDirection, row: row.index, field: .type,
                    TextBuilder.joined(
                        place(row), "：“…", word, "”越高越好，指标值类型却为“", type.rawValue, "”（", row.targetText, "）"),
                    fix: TextBuilder.joined("是否改为 ≥", value, unit, "？"))
            }
        }

        if row.isCost && row.dimension != .ratio && !growth && !lowerBetter {
            if type.isHigherBetter {
                emit(
                    RuleCatalogue.costDirection, row: row.index, field: .type,
                    TextBuilder.joined(
                        place(row), "：成本指标的指标值类型为“", type.rawValue, "”（", row.targetText, "），成本应控制上限"),
                    fix: TextBuilder.joined("是否改为 ≤", value, unit, "？"))
            } else if type == .equal {
                emit(
                    RuleCatalogue.costEqual, row: row.index, field: .type,
                    TextBuilder.joined(place(row), "：成本指标用“=”（", row.targetText, "），成本指标一般用 ≤ 控制上限"),
                    fix: TextBuilder.joined("若", value, unit, "是上限，改为 ≤", value, unit))
            }
        }

        guard row.dimension == .ratio, !growth else { return }
        let cap = rules.profile.check.rateCap
        if n > cap {
            let capText = Display.number(cap)
            emit(
                RuleCatalogue.rateOverCap, row: row.index, field: .value,
                TextBuilder.joined(place(row), "：比率目标为", row.targetText, "，超过", capText, "%，无法实现"),
                fix: TextBuilder.joined("比率最高为", capText, "%，是否改为 =", capText, "%？"))
        } else if n == cap && (type == .atLeast || type == .greater) && !lowerBetter {
            let capText = Display.number(cap)
            let why =
                type == .greater
                ? TextBuilder.joined("比率不可能大于", capText, "%")
                : TextBuilder.joined("比率不会超过", capText, "%，“≥", capText, "%”即“=", capText, "%”")
            emit(
                RuleCatalogue.rateAtLeastCap, row: row.index, field: .type,
                TextBuilder.joined(place(row), "：指标值为“", row.targetText, "”，", why),
                fix: TextBuilder.joined("是否改为 =", capText, "%？"))
        }
    }
}
