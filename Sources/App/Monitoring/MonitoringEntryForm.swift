import Foundation
import GoalCore
import GoalMonitoring

/// The 执行监控表 as an HTML form: the field names of each cell, and reading a posted form back into a
/// `MonitoringEntry`. An amount that is not a number is not guessed: it is named by row and column, and
/// the page shows it again as typed.
enum MonitoringEntryForm {
    /// The budget block's columns the unit types (执行率 is computed).
    enum BudgetColumn: String, CaseIterable {
        case initial, adjusted, spent, expected

        func label(period: Int) -> String {
            switch self {
            case .initial: return "年初预算数"
            case .adjusted: return "全年预算数"
            case .spent: return "\(MonitoringEntry.periodLabel(period))执行数"
            case .expected: return "全年预计执行数"
            }
        }
    }

    static func budgetField(_ item: BudgetItem, _ c: BudgetColumn) -> String { "b.\(item)_\(c.rawValue)" }
    static func indicatorField(_ id: String, _ name: String) -> String { "i.\(id).\(name)" }
    static func causeField(_ id: String, _ cause: DeviationCause) -> String {
        "i.\(id).cause.\(DeviationCause.allCases.firstIndex(of: cause)!)"
    }

    /// A cell that could not be read as typed.
    struct Unread: Equatable {
        var field: String
        var typed: String
        var message: String
    }

    /// `entry` with the posted values; `unread` lists the amounts that are not numbers (those keep their old value).
    static func read(_ form: [String: String], into entry: MonitoringEntry, table: GoalTable)
        -> (entry: MonitoringEntry, unread: [Unread])
    {
        var e = entry
        var unread: [Unread] = []
        func text(_ key: String) -> String? {
            guard let v = form[key]?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            return v.isEmpty ? nil : v
        }
        for (r, row) in e.budget.enumerated() {
            for c in BudgetColumn.allCases {
                let key = budgetField(row.item, c)
                guard form[key] != nil else { continue }
                var value: Double? = nil
                if let t = text(key) {
                    guard let n = TypedInput.amountInWan(t) else {
                        unread.append(
                            .init(
                                field: key, typed: t,
                                message: "资金第 \(r + 1) 行“\(row.item.formLabel)”的“\(c.label(period: e.period))”：“\(t)”不是金额（万元）"))
                        continue
                    }
                    value = n
                }
                switch c {
                case .initial: e.budget[r].initial = value
                case .adjusted: e.budget[r].adjusted = value
                case .spent: e.budget[r].spent = value
                case .expected: e.budget[r].expected = value
                }
            }
        }
        if form["goalProgress"] != nil { e.goalProgress = text("goalProgress") }
        // the department form's three paragraphs
        if form["deviationSummary"] != nil { e.deviationSummary = text("deviationSummary") }
        if form["problems"] != nil { e.problems = text("problems") }
        if form["measures"] != nil { e.measures = text("measures") }
        // one row per indicator of the table, in its order; rows the entry did not have yet are added
        var rows: [IndicatorProgress] = []
        for ind in table.indicators {
            guard let id = ind.id else { continue }
            var p = e.progress(for: id) ?? IndicatorProgress(id: id)
            if form[indicatorField(id, "completed")] != nil {
                p.completed = text(indicatorField(id, "completed"))
                p.expected = text(indicatorField(id, "expected"))
                p.likelihood = text(indicatorField(id, "likelihood")).flatMap(Likelihood.init(rawValue:))
                p.causes = DeviationCause.allCases.filter { form[causeField(id, $0)] != nil }
                p.causeText = text(indicatorField(id, "causeText"))
                p.correction = text(indicatorField(id, "correction"))
                p.note = text(indicatorField(id, "note"))
            }
            rows.append(p)
        }
        e.indicators = rows
        return (e, unread)
    }

    static func decode(_ json: String?, table: GoalTable, period: Int) -> MonitoringEntry {
        if let json, let e = try? JSONDecoder().decode(MonitoringEntry.self, from: Data(json.utf8)) { return e }
        return MonitoringEntry.blank(for: table, period: period)
    }

    static func encode(_ e: MonitoringEntry) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(e)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
