import GoalCore

/// Y01–Y05: a table beside its own earlier years (by the `previousId` chain) and beside other units' tables of
/// the same year. Every finding names this table's row and field; one about an indicator this year dropped
/// names last year's row.
extension TableCheck {
    mutating func historyRules(_ h: CheckHistory) {
        if let last = h.earlier.first {
            let lastRows = Self.rowsByID(last.table)
            var continued = Set<String>()
            for row in rows where !row.isLabelOnly {
                guard let p = row.indicator.previousId, let k = lastRows[p] else { continue }
                continued.insert(p)
                belowLastActual(row, last: last, at: k)
                weightAwayFromLoss(row, last: last, at: k)
                sameTargetExceeded(row, earlier: h.earlier)
            }
            droppedAfterLoss(last: last, continued: continued)
        }
        if !h.peers.isEmpty { copiedText(h.peers) }
    }

    /// Row index of each indicator id of `t`.
    static func rowsByID(_ t: GoalTable) -> [String: Int] {
        var d: [String: Int] = [:]
        for (i, ind) in t.indicators.enumerated() { if let id = ind.id, d[id] == nil { d[id] = i } }
        return d
    }

    func yearLabel(_ e: EarlierYear, back: Int) -> String {
        if let y = e.table.year { return "\(y)年度" }
        if let y = table.year { return "\(y - back)年度" }
        return back == 1 ? "上年" : "\(back)年前"
    }

    /// `上年（2026年度）第3行“参保人数”`
    func lastPlace(_ e: EarlierYear, _ k: Int) -> String {
        let ind = e.table.indicators[k]
        return "上年（\(yearLabel(e, back: 1))）第\(k + 1)行“\(Display.clip(ind.name))”"
    }

    // MARK: Y01

    private mutating func belowLastActual(_ row: Row, last: EarlierYear, at k: Int) {
        let type = row.type
        guard type.isHigherBetter || type.isLowerBetter, let t = row.number,
            let actualText = last.table.actual(at: k), let a = YearFigures.number(actualText, in: row.unit)
        else { return }
        let shown = Display.clip(actualText, 16)
        if type.isHigherBetter && t < a {
            emit(
                RuleCatalogue.belowLastActual, row: row.index, field: .value,
                "\(place(row)) 指标值：目标值\(row.targetText)低于\(lastPlace(last, k))的实际完成值\(shown)",
                fix: "正向指标的目标值一般不低于上年实际完成值；确需降低的，请在指标值设置依据中说明理由")
        } else if type.isLowerBetter && t > a {
            emit(
                RuleCatalogue.belowLastActual, row: row.index, field: .value,
                "\(place(row)) 指标值：目标值\(row.targetText)高于\(lastPlace(last, k))的实际完成值\(shown)（反向指标，越低越好）",
                fix: "反向指标的目标值一般不高于上年实际完成值；确需放宽的，请在指标值设置依据中说明理由")
        }
    }

    // MARK: Y02

    /// The same target `sameTargetYears` years running (this year included), exceeded in every earlier one.
    private mutating func sameTargetExceeded(_ row: Row, earlier: [EarlierYear]) {
        let years = max(2, rules.profile.check.history.sameTargetYears)
        let type = row.type
        guard type.isHigherBetter || type.isLowerBetter, let t = row.number, earlier.count >= years - 1 else { return }
        var id = row.indicator.previousId
        var reached: [(year: String, actual: String)] = []
        for (back, e) in earlier.prefix(years - 1).enumerated() {
            guard let p = id, let k = Self.rowsByID(e.table)[p] else { return }
            let ind = e.table.indicators[k]
            // the same target: same sign, same figure in the same unit
            guard ind.type == type, let n = ind.target.number, n == t,
                (TextNormalizer.trim(ind.unit ?? "")) == (row.unit ?? "")
            else { return }
            guard let text = e.table.actual(at: k), let a = YearFigures.number(text, in: row.unit) else { return }
            let exceeded = type.isHigherBetter ? a > t : a < t
            guard exceeded else { return }
            reached.append((yearLabel(e, back: back + 1), Display.clip(text, 16)))
            id = ind.previousId
        }
        let list = reached.reversed().map { "\($0.year)\($0.actual)" }.joined(separator: "、")
        emit(
            RuleCatalogue.sameTargetExceeded, row: row.index, field: .value,
            "\(place(row)) 指标值：目标值\(row.targetText)已连续\(years)年不变，而此前各年实际完成值（\(list)）都超过了它",
            fix: type.isHigherBetter ? "按近年实际完成情况提高目标值" : "按近年实际完成情况收紧目标值")
    }

    // MARK: Y03

    private mutating func droppedAfterLoss(last: EarlierYear, continued: Set<String>) {
        for (k, ind) in last.table.indicators.enumerated() {
            guard let id = ind.id, !continued.contains(id), let lost = last.lostPoints[id], lost > 0 else { continue }
            emit(
                RuleCatalogue.droppedAfterLoss, row: nil, field: .name,
                "\(tablePlace)：\(lastPlace(last, k))（\(Display.clip(ind.level2, 16))）自评失分\(Display.number(lost))分，今年的表中没有延续它的指标",
                fix: "该指标如仍适用，请保留并如实设定目标；如确已不适用，请在说明中写明删除理由")
        }
    }

    // MARK: Y04

    private mutating func weightAwayFromLoss(_ row: Row, last: EarlierYear, at k: Int) {
        let old = last.table.indicators[k]
        guard let id = old.id, let lost = last.lostPoints[id], lost > 0, let was = old.weight, let now = row.weight,
            now < was
        else { return }
        emit(
            RuleCatalogue.weightAwayFromLoss, row: row.index, field: .weight,
            "\(place(row)) 分值：\(lastPlace(last, k))自评失分\(Display.number(lost))分，今年分值由\(Display.number(was))降为\(Display.number(now))",
            fix: "失分的指标调低分值会使问题在评价中被淡化；请核实分值安排或说明理由")
    }

    // MARK: Y05

    /// The text with spaces and punctuation removed: what two units would have copied.
    static func copyKey(_ s: String?) -> String? {
        guard let s else { return nil }
        let kept = s.unicodeScalars.filter { u in
            if u.properties.isWhitespace { return false }
            switch u.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation:
                return false
            default: return true
            }
        }
        return kept.isEmpty ? nil : String(String.UnicodeScalarView(kept))
    }

    private mutating func copiedText(_ peers: [PeerTable]) {
        let minLength = rules.profile.check.history.copiedTextMinLength
        // every long text of the other units, by field: where it first appears
        var seen: [IndicatorField: [String: (peer: Int, row: Int)]] = [.explanation: [:], .scoring: [:]]
        for (p, peer) in peers.enumerated() {
            for (k, ind) in peer.table.indicators.enumerated() {
                for (field, text) in [(IndicatorField.explanation, ind.explanation), (.scoring, ind.scoring)] {
                    guard let key = Self.copyKey(text), key.unicodeScalars.count >= minLength else { continue }
                    if seen[field]![key] == nil { seen[field]![key] = (p, k) }
                }
            }
        }
        for row in rows where !row.isLabelOnly {
            for (field, text) in [(IndicatorField.explanation, row.indicator.explanation), (.scoring, row.indicator.scoring)] {
                guard let key = Self.copyKey(text), key.unicodeScalars.count >= minLength, let hit = seen[field]![key] else {
                    continue
                }
                let peer = peers[hit.peer]
                let label = field.label(for: table.kind)
                let whose: String
                if let unit = peer.unit {
                    let year = peer.table.year.map { "\($0)年度" } ?? "同年度"
                    let name = peer.name.map { "“\(Display.clip($0))”" } ?? "目标表"
                    whose = "\(unit)\(year)\(name)第\(hit.row + 1)行的\(label)"
                } else {
                    whose = "另一单位同年度目标表中的\(label)"
                }
                emit(
                    RuleCatalogue.copiedText, row: row.index, field: field,
                    "\(place(row)) \(label)：与\(whose)逐字相同",
                    fix: "按本单位本指标的实际情况写明口径和计算方法，不要照搬其他单位的文字")
            }
        }
    }
}
