import GoalCore

/// The filling rules printed under every form (填表说明): the 一级/二级 pair comes from the taxonomy,
/// every row has a 三级 name, a quantitative value is only a number with a unit, a 定性 row has no unit.
extension TableCheck {
    mutating func fillingRules(_ row: Row) {
        taxonomyRules(row)
        if row.isLabelOnly { return } // a 二级 label row: reported once by the table rules (T05)
        if row.name.isEmpty {
            emit(
                RuleCatalogue.nameMissing, row: row.index, field: .name,
                "\(place(row))：三级指标名称为空（指标值 \(row.targetText)）",
                fix: "填写三级指标名称，简洁说明考核什么，如“…及时发放率”")
        }
        let value = row.value
        if value.isEmpty {
            emit(
                RuleCatalogue.valueMissing, row: row.index, field: .value, "\(place(row))：指标值为空",
                fix: row.type.isQuantitative ? "填写目标数值" : "填写定性目标，如“效果明显”")
            return
        }
        if row.type.isQuantitative {
            quantitativeCells(row, value: value)
        } else if let unit = row.unit {
            emit(
                RuleCatalogue.unitOnQualitative, row: row.index, field: .unit,
                "\(place(row))：定性指标填了计量单位“\(Display.clip(unit, 10))”，填表说明要求定性指标的计量单位为空",
                fix: "清空计量单位；若目标可计量，改为定量指标")
        }
    }

    private mutating func quantitativeCells(_ row: Row, value: String) {
        if row.number == nil || (QuickNumber.parse(value) == nil && TextNormalizer.number(value) == nil) {
            let parsed = Target.parse(value)
            var fix = "指标值只填数字，单位填入计量单位列"
            if let n = parsed.number {
                fix = "指标值填“\(Display.number(n))”"
                if let u = parsed.unit, row.unit == nil { fix += "，计量单位填“\(Display.clip(u, 10))”" }
                if let c = parsed.comparison, c != row.type { fix += "，指标值类型填“\(c.rawValue)”" }
            } else {
                fix = "改为数字目标，或将指标值类型改为“定性”"
            }
            emit(
                RuleCatalogue.valueNotNumber, row: row.index, field: .value,
                "\(place(row))：指标值类型为“\(row.type.rawValue)”，指标值却是“\(Display.clip(value, 20))”，定量指标的指标值只能填写数字",
                fix: fix)
            return
        }
        if row.unit == nil {
            emit(
                RuleCatalogue.unitMissing, row: row.index, field: .unit,
                "\(place(row))：定量指标“\(Indicator.targetText(type: row.type, value: Display.clip(value, 12), unit: nil))”没有计量单位",
                fix: "填写计量单位，如“%”“人”“次”“万元”")
        }
    }

    private mutating func taxonomyRules(_ row: Row) {
        // The row above with the same pair (merged cells) was allowed: so is this one. Asked first, it
        // spares hashing the 一级 key too (an allowed pair's 一级 is in the taxonomy).
        if let above = previous(of: row), above.pairAllowed, above.level1Key == row.level1Key, above.level2Key == row.level2Key {
            row.pairAllowed = true
            return
        }
        let taxonomyName = rules.profile.title
        guard let canonical1 = rules.level1ByKey[row.level1Key] else {
            let l1 = Display.clip(row.level1, 16)
            let parents = rules.parentsByLevel2[row.level2Key] ?? []
            let allowed = rules.profile.taxonomy.groups.map(\.level1).joined(separator: "、")
            var fix = "一级指标应为：\(allowed)"
            if let p = parents.first { fix = "一级指标是否为“\(p)”？" }
            if let other = otherProfileAllowing(level1Key: row.level1Key) {
                fix += "（本表似按“\(other.title)”填写，可改用规则配置 \(other.name)）"
            }
            let what = l1.isEmpty ? "一级指标为空" : "一级指标“\(l1)”不在\(taxonomyName)中"
            emit(RuleCatalogue.level1Unknown, row: row.index, field: .level1, "\(place(row))：\(what)", fix: fix)
            return
        }
        if rules.allows(level1Key: row.level1Key, level2Key: row.level2Key) { row.pairAllowed = true; return }
        let l2 = Display.clip(row.level2, 16)
        let options = rules.level2Names[row.level1Key] ?? []
        if l2.isEmpty {
            emit(
                RuleCatalogue.pair, row: row.index, field: .level2, "\(place(row))：二级指标为空",
                fix: "二级指标应为：\(options.joined(separator: "、"))")
            return
        }
        let parents = rules.parentsByLevel2[row.level2Key] ?? []
        if let p = parents.first {
            emit(
                RuleCatalogue.pair, row: row.index, field: .level2,
                "\(place(row))：二级指标“\(l2)”属于“\(p)”，不属于“\(canonical1)”",
                fix: "一级指标改为“\(p)”，或二级指标改为：\(options.joined(separator: "、"))")
        } else {
            var fix = "“\(canonical1)”下的二级指标应为：\(options.joined(separator: "、"))"
            if let other = otherProfileAllowing(level1Key: row.level1Key, level2Key: row.level2Key) {
                fix += "（本表似按“\(other.title)”填写，可改用规则配置 \(other.name)）"
            }
            emit(
                RuleCatalogue.pair, row: row.index, field: .level2,
                "\(place(row))：二级指标“\(l2)”不在\(taxonomyName)的“\(canonical1)”下", fix: fix)
        }
    }

    /// Another built-in profile that would accept what this one rejects: the table was probably filled
    /// under it (an old-taxonomy table checked under the current profile).
    private func otherProfileAllowing(level1Key: Key, level2Key: Key? = nil) -> Profile? {
        for p in Profile.builtIn where p.name != rules.name {
            guard let c = CompiledProfile.builtIn[p.name] else { continue }
            if let k2 = level2Key {
                if c.allows(level1Key: level1Key, level2Key: k2) { return p }
            } else if c.level1ByKey[level1Key] != nil {
                return p
            }
        }
        return nil
    }
}
