import GoalCore

extension MonitoringEntry {
    /// The entry a round opens for an approved table: one empty row per indicator (by id; indicators
    /// without an id get none, so give ids first with `GoalTable.withIndicatorIDs`), and the budget
    /// block's 年初预算数 taken from the table's 资金 — the rest is the unit's to fill.
    public static func blank(for table: GoalTable, period: Int) -> MonitoringEntry {
        let funds = table.funds
        let budget: [BudgetRow]
        if table.kind == .project {
            budget = [
                BudgetRow(item: .total, initial: funds?.total), BudgetRow(item: .fiscal, initial: funds?.fiscal),
                BudgetRow(item: .carriedOver), BudgetRow(item: .other, initial: funds?.other),
            ]
        } else {
            budget = [BudgetRow(item: .total, initial: funds?.total), BudgetRow(item: .basic), BudgetRow(item: .project)]
        }
        return MonitoringEntry(
            period: period, budget: budget, indicators: table.indicators.compactMap { $0.id.map { IndicatorProgress(id: $0) } })
    }
}
