import GoalCore

/// A row against itself: name and unit, name and explanation, scoring and type, scoring and weight,
/// the 二级 a name belongs under, and the signs of a name cut off or a column left empty.
extension TableCheck {
    mutating func rowConsistencyRules(_ row: Row) {
        unitVersusName(row)
        explanationRules(row)
        scoringRules(row)
        classificationRules(row)
        if hasEvidenceColumn && !row.hasEvidence {
            emit(
                RuleCatalogue.evidenceMissing, row: row.index, field: .evidence,
                TextBuilder.joined(place(row), "：佐证资料为空，本表其他行填写了佐证资料"),
                fix: "填写佐证资料，如“工作资料”“原始凭证”")
        }
        nameTruncation(row)
    }

    // MARK: R01 name vs unit

    private mutating func unitVersusName(_ row: Row) {
        guard row.isQuantitative, let unit = row.unit, let dim = row.dimension, !row.name.isEmpty else { return }
        let n = row.nameText
        let u = Display.clip(unit, 10)
        var problem: String?, fix: String?
        if n.hasSuffix(Words.times) && (dim == .people) {
            problem = "名称是“…次数”，计量单位却是“\(u)”"
            fix = "计量单位改为“次”，或名称改为“…人数”"
        } else if n.contains(Words.headcount) && (dim == .times || dim == .money || dim == .moneyPer) {
            // (…人数占比 in % is a share, not a head count: % is left alone)
            problem = "名称是“…人数”，计量单位却是“\(u)”"
            fix = "计量单位改为“人”，或改正名称"
        } else if n.hasSuffix(Row.rateChar) && !n.hasSuffix(Words.efficiency)
            && (dim == .money || dim == .moneyPer || dim == .people || dim == .times || dim == .personTimes)
        {
            problem = "名称是比率（…率），计量单位却是“\(u)”"
            fix = "比率的计量单位应为“%”，或改正名称"
        } else if dim == .people || dim == .times, let noun = rules.moneyNouns.suffix(of: n) {
            problem = "名称以“\(noun)”结尾，计量单位却是“\(u)”，名称像是缺了“人数”或“次数”"
            fix = "名称改为“\(Display.clip(row.name))\(dim == .people ? "人数" : "次数")”，或改正计量单位"
        }
        if let problem {
            emit(
                RuleCatalogue.unitVersusName, row: row.index, field: .unit, TextBuilder.joined(place(row), "：", problem),
                fix: fix)
        }
    }

    // MARK: R02, R03, R10, R11 explanation

    private mutating func explanationRules(_ row: Row) {
        guard let text = row.explanation else {
            if hasExplanationColumn {
                emit(
                    RuleCatalogue.explanationMissing, row: row.index, field: .explanation,
                    TextBuilder.joined(place(row), "：指标解释为空，本表其他行填写了指标解释"),
                    fix: "写明指标的含义、计算方法和数据口径")
            }
            return
        }
        let ex = Scalars(text)
        if ScoringText.looksLikeScoring(ex) {
            emit(
                RuleCatalogue.shiftedText, row: row.index, field: .explanation,
                TextBuilder.joined(place(row), "：指标解释“", Display.clip(text, 24), "”是评分内容，疑似单元格错位"),
                fix: "评分内容移到评（扣）分标准列，指标解释写明含义和计算方法")
            return
        }
        if let g = rules.generic.word(in: ex) {
            emit(
                RuleCatalogue.explanationVague, row: row.index, field: .explanation,
                TextBuilder.joined(place(row), "：指标解释“", Display.clip(text, 24), "”是“", g, "”一类的笼统说法，没有说明本指标"),
                fix: row.isRate ? TextBuilder.joined("写明本指标的计算方法，如“", Display.clip(row.name, 16), "=…/…×100%”") : "写明本指标的含义和数据口径")
            return
        }
        if talksAboutAnotherSubject(row, ex) {
            emit(
                RuleCatalogue.explanationSubject, row: row.index, field: .explanation,
                TextBuilder.joined(place(row), "：指标解释“", Display.clip(text, 24), "”说的不是本指标（与名称没有共同的词），疑似照抄其他表"),
                fix: TextBuilder.joined("按“", Display.clip(row.name, 20), "”重写指标解释：写明含义、计算方法和数据口径"))
            return
        }
        if row.isRate && row.nameText.hasSuffix(Row.rateChar) && !row.isSatisfaction && !Words.method.matches(ex) {
            emit(
                RuleCatalogue.explanationVague, row: row.index, field: .explanation,
                TextBuilder.joined(place(row), "：比率指标的解释“", Display.clip(text, 24), "”没有写明计算方法"),
                fix: TextBuilder.joined("写明计算公式，如“", Display.clip(row.name, 16), "=…/…×100%”"))
        }
    }

    /// An explanation in the template “考核…率情况” whose rate shares no word with the indicator's
    /// name, its 二级 or its 一级: typically copied from another unit's table.
    private func talksAboutAnotherSubject(_ row: Row, _ ex: Scalars) -> Bool {
        // Only the copied template “考核…率情况” counts: an explanation in other words than the name
        // (参保人数 ↔ 缴费职工数量, 合格率 ↔ 考试通过率) is a synonym, not another subject.
        guard !row.name.isEmpty, ex.contains(Row.rateChar), Words.explanationOpening.isPrefix(of: ex),
            ex.contains(Words.situation), !Words.template.matches(ex)
        else { return false }
        let nameBigrams = row.nameBigrams
        let exBigrams = ex.bigramList()
        guard nameBigrams.count >= 2, exBigrams.count >= 3 else { return false }
        if Scalars.sharedCount(nameBigrams, exBigrams) > 0 { return false }
        let levels = Scalars(row.level2 + "，" + row.level1).bigramList()
        return Scalars.sharedCount(levels, exBigrams) == 0
    }

    // MARK: R03, R04, R05, R06 scoring

    private mutating func scoringRules(_ row: Row) {
        let sc = row.scoring.map(Scalars.init)
        if let sc, let text = row.scoring, !ScoringText.looksLikeScoring(sc), Words.explanationOpening.isPrefix(of: sc),
            sc.count >= 6
        {
            emit(
                RuleCatalogue.shiftedText, row: row.index, field: .scoring,
                "\(place(row))：评（扣）分标准“\(Display.clip(text, 24))”读来是指标解释，疑似单元格错位",
                fix: "把这段文字移到指标解释列，评（扣）分标准写明得分办法")
        } else if row.scoring == nil, let note = Row.present(row.indicator.note), ScoringText.looksLikeScoring(Scalars(note)) {
            emit(
                RuleCatalogue.shiftedText, row: row.index, field: .note,
                "\(place(row))：评（扣）分标准为空，备注列却写着“\(Display.clip(note, 24))”，疑似单元格错位",
                fix: "把评分内容移到评（扣）分标准列")
        }

        if row.type == .qualitative {
            qualitativeScoring(row, sc)
        }

        if let sc, let weight = row.weight, let points = ScoringText.fullPoints(sc), abs(points - weight) > 0.001 {
            emit(
                RuleCatalogue.scoringPoints, row: row.index, field: .weight,
                "\(place(row))：评（扣）分标准写满分\(Display.number(points))分，分值为\(Display.number(weight))分",
                fix: "统一分值与评分标准中的满分")
        }
    }

    private mutating func qualitativeScoring(_ row: Row, _ sc: Scalars?) {
        let value = row.value
        // A date or a number written as a 定性 target: it can be measured, so it should be quantitative.
        // (`row.target` drops the number of a 定性 row by design, so the cell is read again here —
        // only when it holds a digit at all.)
        let hasDigit = value.unicodeScalars.contains { ScoringText.isDigit($0.value) }
        if hasDigit, case let asWritten = Target.parse(value), let n = asWritten.number, Self.isMeasurableQualitative(asWritten) {
            let unit = asWritten.unit ?? ""
            // a deadline (12月, 25日) is met by finishing no later: ≤ unless the cell says otherwise
            let deadline = !unit.isEmpty && UnitTable.info(unit).dimension == .time
            let op = (asWritten.comparison ?? (deadline ? .atMost : .equal)).rawValue
            let step = sc.flatMap(ScoringText.stepPhrase)
            var message = "\(place(row))：定性指标的指标值“\(Display.clip(value, 16))”是可计量的数值"
            if let step { message += "，评分标准按“\(step)”扣分" }
            emit(
                RuleCatalogue.qualitativeNumeric, row: row.index, field: .type, message,
                fix: "宜改为定量指标：指标值类型“\(op)”，指标值“\(Display.number(n))”，计量单位“\(unit)”")
            return
        }
        guard let sc, let text = row.scoring else { return }
        // Only a deduction per day or per percentage point shows a measured target (每推迟1天, 每下降1%);
        // 每缺1项扣2分 is an ordinary way to grade a 定性 row.
        if let step = ScoringText.stepPhrase(sc), Words.measuredStep.matches(Scalars(step)) {
            emit(
                RuleCatalogue.qualitativeNumeric, row: row.index, field: .scoring,
                "\(place(row))：定性指标的评分标准按“\(step)”计量扣分",
                fix: "宜改为定量指标，写明可计量的目标值")
        } else if let w = Words.ratioScoring.word(in: sc) {
            emit(
                RuleCatalogue.qualitativeRatioScoring, row: row.index, field: .scoring,
                "\(place(row))：定性指标“\(Display.clip(value, 12))”的评分标准为“\(Display.clip(text, 20))”，定性目标没有可算比例的数值（“\(w)”）",
                fix: "定性指标宜“按评判等级赋分”，或改为定量指标")
        }
    }

    /// A qualitative target that is really a number: a bare number, or a number in a unit we know
    /// (日, 天, %, 人, 次…); not a year (2023年底前完成) nor a sentence with a number in it.
    static func isMeasurableQualitative(_ t: Target) -> Bool {
        guard let n = t.number else { return false }
        guard let u = t.unit else { return true }
        let m = UnitTable.measure(u)
        if m.dimension == .other { return false }
        if m.base.hasPrefix("年") && n >= 1900 && n <= 2100 { return false }
        return true
    }

    // MARK: R07, R08, R09 classification

    private mutating func classificationRules(_ row: Row) {
        guard !row.name.isEmpty else { return }
        switch row.level2Key {
        case Words.timelinessKey:
            if !rules.timeliness.matches(row.nameText) {
                emit(
                    RuleCatalogue.timelinessName, row: row.index, field: .name,
                    TextBuilder.joined(place(row), "：列在时效指标下，名称却没有体现时限（如及时、按时、时间、日、天）"),
                    fix: "名称写明时限，如“…及时发放率”“…完成时间”“每月…日前完成”")
            }
        case Words.qualityKey:
            if let w = rules.timelinessRates.word(in: row.nameText) {
                emit(
                    RuleCatalogue.timelinessUnderQuality, row: row.index, field: .level2,
                    TextBuilder.joined(place(row), "：名称含“", w, "”，考核的是时效，却列在质量指标下"),
                    fix: "二级指标改为“时效指标”")
            }
        case Words.economicKey:
            if let w = rules.socialBenefit.word(in: row.nameText), !rules.economicBenefit.matches(row.nameText) {
                emit(
                    RuleCatalogue.socialUnderEconomic, row: row.index, field: .level2,
                    TextBuilder.joined(place(row), "：名称含“", w, "”，反映的是社会效益，却列在经济效益指标下"),
                    fix: "二级指标改为“社会效益指标”")
            }
        default:
            break
        }
    }

    // MARK: R13 name cut off

    private mutating func nameTruncation(_ row: Row) {
        guard !row.name.isEmpty else { return }
        let core = Words.withoutTrailingParenthesis(row.nameText)
        guard rules.measurable.suffixIndex(of: core) == nil, let k = rules.dangling.suffixIndex(of: core) else { return }
        // the most frequent finding by far: its texts are the place or the name joined once with
        // the words of its ending, made once per profile (`NameTruncationText`)
        var fix = "补全名称，写明考核的量（…率、…人数、…次数、…金额）"
        if let fixEnd = rules.danglingFixEnds[k] {
            let shown = Display.clip(core.count == row.nameText.count ? row.name : core.string, 20)
            fix = TextBuilder.joined("补全名称，如“", shown, fixEnd)
        }
        emit(
            RuleCatalogue.nameTruncated, row: row.index, field: .name,
            TextBuilder.joined(place(row), rules.danglingMessageEnds[k]), fix: fix)
    }
}

/// R13's words that depend on the cut-off ending alone, written once per profile for each of its
/// dangling endings (`CompiledProfile.danglingMessageEnds`, `danglingFixEnds`).
enum NameTruncationText {
    /// What follows the place: `：名称以“覆盖”结尾，没有可计量的名词…`.
    static func messageEnd(_ end: String) -> String {
        "：名称以“\(end)”结尾，没有可计量的名词（如…率、…人数、…次数），疑似不完整或被截断"
    }

    /// What follows the name in the fix, given the ending's usual completion: `率”`.
    static func fixEnd(_ completion: String) -> String { "\(completion)”" }
}
