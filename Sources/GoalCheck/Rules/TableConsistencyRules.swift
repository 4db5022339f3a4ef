import GoalCore

/// Rows against each other and against the table: duplicates, the weight total, required 一级,
/// 二级 without rows, targets against 上年完成值 and the funds, and the numbers of the 总体目标.
extension TableCheck {
    mutating func tableRules() {
        guard !rows.isEmpty else {
            // One finding, not one per missing 一级: nothing was read, or nothing was filled in.
            emit(
                RuleCatalogue.level1Required, row: nil, field: nil, "\(tablePlace)：没有任何绩效指标",
                fix: "填写产出、效益、满意度等各级指标")
            return
        }
        duplicates()
        weights()
        requiredLevel1()
        for row in rows {
            if row.isLabelOnly {
                let l2 = Display.clip(row.level2, 16)
                emit(
                    RuleCatalogue.level2Empty, row: row.index, field: .name,
                    "\(tablePlace) 第\(row.index + 1)行：二级指标“\(l2)”下没有三级指标",
                    fix: "在“\(l2)”下填写三级指标，或删去这一行")
                continue
            }
            lastYear(row)
            costAgainstFunds(row)
        }
        goalNumbers()
    }

    // MARK: T01

    private mutating func duplicates() {
        // Tables hold a few dozen rows: comparing names pairwise costs less than hashing them. A huge
        // table (a pasted sheet of thousands of rows) is hashed instead, so it stays linear.
        var seen: [[UInt32]: Int] = [:]
        let pairwise = rows.count <= 64
        for row in rows where !row.name.isEmpty {
            let earlier: Int?
            if pairwise {
                earlier = rows[..<row.index].first(where: { $0.nameText.v == row.nameText.v })?.index
            } else {
                earlier = seen[row.nameText.v]
                if earlier == nil { seen[row.nameText.v] = row.index }
            }
            guard let first = earlier else { continue }
            let same =
                rows[first].type == row.type && rows[first].value == row.value
                && rows[first].unit == row.unit && rows[first].explanation == row.explanation
                && rows[first].scoring == row.scoring
            let otherLevel2 = rows[first].level2Key != row.level2Key
            let what = same ? "名称、指标值、解释、评分标准完全相同" : "三级指标名称相同"
            var fix = "删除重复行，或改为本行应考核的内容"
            if otherLevel2 && row.level2Key == Words.timelinessKey { fix = "删除重复行，或改为考核时效的指标（如“…及时发放率”）" }
            emit(
                RuleCatalogue.duplicateName, row: row.index, field: .name,
                TextBuilder.joined(place(row), "：与", shortPlace(rows[first]), what), fix: fix)
        }
    }

    // MARK: T02, T03

    private mutating func weights() {
        // counted in one pass; the rows without a weight are listed only for the message
        var counted = 0, missingCount = 0, total = 0.0
        for row in rows where !row.isLabelOnly {
            counted += 1
            if let w = row.weight { total += w } else { missingCount += 1 }
        }
        guard missingCount < counted else { return } // the form has no weights at all
        if missingCount > 0 {
            let missing = rows.filter { !$0.isLabelOnly && $0.weight == nil }
            let list = missing.prefix(8).map { "第\($0.index + 1)行" }.joined(separator: "、")
            emit(
                RuleCatalogue.weightPartial, row: nil, field: .weight,
                "\(tablePlace)：\(list)\(missing.count > 8 ? "等" : "")没有分值，其他行有分值",
                fix: "为每行填写分值")
            return
        }
        let allowed = rules.profile.check.weightTotals
        guard !allowed.isEmpty, !allowed.contains(where: { abs($0 - total) <= rules.profile.check.weightTolerance }) else {
            return
        }
        emit(
            RuleCatalogue.weightTotal, row: nil, field: .weight,
            TextBuilder.joined(tablePlace, "：各指标分值合计为", Display.number(total), "分，应为", rules.weightTotalsText),
            fix: rules.weightTotalsFix)
    }

    // MARK: T04

    private mutating func requiredLevel1() {
        // a handful of required keys against a few dozen rows: compared, not hashed into a set
        for (name, key) in rules.required where !rows.contains(where: { $0.level1Key == key }) {
            emit(
                RuleCatalogue.level1Required, row: nil, field: .level1,
                "\(tablePlace)：缺少一级指标“\(name)”（\(rules.profile.title)要求设置）",
                fix: "增加“\(name)”及其下的二级、三级指标")
        }
    }

    // MARK: T06, T07

    private mutating func lastYear(_ row: Row) {
        // a 上年完成值 carried from a monitoring estimate ends in （预计）: its figure is read all the same
        guard row.isQuantitative, let t = row.number,
            let lyText = Row.present(row.lastYear.map { CarryForward.reading($0).value })
        else { return }
        let quick = QuickNumber.split(lyText)
        let ly = quick == nil ? Target.parse(lyText) : nil
        guard let lyWritten = quick?.number ?? ly?.number else { return }
        var last = lyWritten
        if let lu = quick.map({ $0.unit }) ?? ly?.unit {
            guard let tu = row.measure else { return }
            // usually the row's own unit: its measure is at hand (UnitTable gives one text one measure)
            let from = row.unit.map { Keys.sameBytes($0, lu) } == true ? tu : UnitTable.measure(lu)
            guard let converted = from.convert(lyWritten, to: tu) else { return }
            last = converted
        }
        var lyShown: String { Display.clip(lyText, 16) } // only when a message is written
        if t > 0 && last > 0 {
            let ratio = max(t, last) / min(t, last)
            if ratio >= rules.profile.check.farFromLastYearRatio {
                emit(
                    RuleCatalogue.farFromLastYear, row: row.index, field: .value,
                    TextBuilder.joined(
                        place(row), "：指标值", row.targetText, "与上年完成值", lyShown, "相差约",
                        Display.number((ratio * 10).rounded() / 10), "倍"),
                    fix: "核实指标值或上年完成值（单位、口径是否一致）")
                return
            }
        }
        if row.type.isHigherBetter && t < last {
            emit(
                RuleCatalogue.belowLastYear, row: row.index, field: .value,
                TextBuilder.joined(place(row), "：目标值", row.targetText, "低于上年完成值", lyShown),
                fix: "正向指标的目标值一般不低于上年完成值，请核实")
        }
    }

    // MARK: T08

    private mutating func costAgainstFunds(_ row: Row) {
        guard row.isCost, row.isQuantitative, let n = row.number, row.dimension == .money,
            let funds = table.funds, let available = funds.total ?? funds.fiscal.map({ $0 + (funds.other ?? 0) }),
            available > 0,
            let wan = row.measure?.convert(n, to: UnitTable.tenThousandYuan)
        else { return }
        guard wan > available + 0.005 else { return }
        emit(
            RuleCatalogue.costOverFunds, row: row.index, field: .value,
            "\(place(row))：成本指标\(row.targetText)超过本表资金\(Display.number(available))万元",
            fix: "核实成本指标的金额和单位（万元/元）")
    }

    // MARK: T09, T10

    private mutating func goalNumbers() {
        guard let goal = table.goal, !goal.isEmpty else { return }
        let figures = GoalFigures.extract(goal)
        guard !figures.isEmpty else { return }
        let candidates = GoalCandidates(rows)
        // Figures of one clause share its scalars (one array): its bigrams are made once, not per figure.
        var subjectScalars: [UInt32] = [], subject: [UInt64] = [], filter = BigramFilter([])
        for figure in figures {
            if figure.subject.v != subjectScalars {
                subjectScalars = figure.subject.v
                subject = figure.subject.bigramList()
                filter = BigramFilter(subject)
            }
            var best: Int?, bestOverlap = 0
            var carriedByRelated = false, carriedAnywhere = false
            let family = figure.family
            let tolerance = max(1e-9, abs(figure.baseNumber) * 1e-9)
            for (ci, candidate) in candidates.all.enumerated() where candidate.family == family {
                let carries = abs(candidate.baseNumber - figure.baseNumber) <= tolerance
                if carries { carriedAnywhere = true }
                // what follows counts only for a name sharing two bigrams with the clause: most names
                // are told apart from it without making their bigrams
                guard filter.mayShareTwo(candidate.row.nameText) else { continue }
                let nameBigrams = candidate.row.nameBigrams
                let overlap = Scalars.sharedCount(nameBigrams, subject)
                if overlap >= 2 && carries { carriedByRelated = true }
                // the clause must hold most of the name, not two words that many names share
                if overlap >= 2 && overlap * 2 >= nameBigrams.count && overlap > bestOverlap {
                    bestOverlap = overlap; best = ci
                }
            }
            if carriedByRelated { continue }
            if let b = best, bestOverlap >= 2 {
                let row = candidates.all[b].row
                emit(
                    RuleCatalogue.goalNumber, row: row.index, field: .value,
                    TextBuilder.joined(
                        place(row), "：总体目标写“", Display.clip(figure.clause, 30), "”，本行指标值为", row.targetText, "，两者不一致"),
                    fix: TextBuilder.joined("统一为", figure.text, "，或修改总体目标"))
            } else if !carriedAnywhere {
                emit(
                    RuleCatalogue.goalNumberUncarried, row: nil, field: nil,
                    "\(tablePlace)：总体目标中的“\(Display.clip(figure.clause, 30))”没有对应的指标（\(figure.text)）",
                    fix: "增加相应指标，或修改总体目标")
            }
        }
    }
}

/// The quantitative rows of one table with a number, as the 总体目标's figures are matched against
/// them: each row's family and its number in base units worked out once per table, not once per
/// figure and row.
private struct GoalCandidates {
    struct Candidate {
        let row: Row
        let family: GoalFigures.Family
        /// The row's number times its unit's factor (万人 → 人), as a figure's `baseNumber` is.
        let baseNumber: Double
    }

    let all: [Candidate]

    init(_ rows: [Row]) {
        var all: [Candidate] = []
        all.reserveCapacity(rows.count)
        for row in rows where row.isQuantitative {
            guard let n = row.number else { continue }
            all.append(
                Candidate(row: row, family: GoalFigures.family(of: row.dimension), baseNumber: n * (row.measure?.factor ?? 1)))
        }
        self.all = all
    }
}

/// The bigrams of a 总体目标's clause as 256 bits (by a hash of each), to pass over the names that
/// cannot share two of them with it: `Scalars.sharedCount(name.bigramList(), clause)` is at most the
/// number of the name's ideograph pairs (among its first 256 scalars) whose bit is set, since every
/// bigram of the list is such a pair and every bigram of the clause has its bit set.
private struct BigramFilter {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bigrams: [UInt64]) {
        for b in bigrams { set(Self.slot(UInt32(truncatingIfNeeded: b >> 32), UInt32(truncatingIfNeeded: b))) }
    }

    private static func slot(_ a: UInt32, _ b: UInt32) -> Int { Int((a &* 31 &+ b) & 255) }

    private mutating func set(_ k: Int) {
        let bit: UInt64 = 1 << UInt64(k & 63)
        switch k >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    private func isSet(_ k: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(k & 63)
        switch k >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    /// False when the name cannot share two bigrams with the clause (see the type).
    func mayShareTwo(_ name: Scalars) -> Bool {
        let v = name.v
        var hits = 0
        for i in 0..<max(0, min(v.count, 256) - 1)
        where Scalars.isIdeograph(v[i]) && Scalars.isIdeograph(v[i + 1]) && isSet(Self.slot(v[i], v[i + 1])) {
            hits += 1
            if hits == 2 { return true }
        }
        return false
    }
}
