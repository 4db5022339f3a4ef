import GoalCore
import Testing
@testable import GoalMonitoring

@Suite("预算执行灯、表和单位的灯")
struct BudgetAndTableTests {
    func budget(_ rows: [BudgetRow], month: Int, profile: MonitoringProfile = .standard) -> BudgetLight {
        Monitor(profile: profile).lights(table: Fixture.table([]), entry: MonitoringEntry(period: month, budget: rows)).budget
    }

    /// June: 序时进度 50 %, so the ratio is twice the 执行率.
    @Test(
        "default budget rule: 执行率 ÷ 序时进度 in bands <60 红, 60–80 黄, ≥80 绿, and no 蓝 however far ahead",
        arguments: [
            (35.99, Light.red), (36, .yellow), (47.99, .yellow), (48, .green), (120, .green),
        ])
    func timeProgress(spent: Double, expected: Light) {
        let l = budget(Fixture.budget(spent), month: 6)
        #expect(l.light == expected, "\(spent): \(l.explanation)")
    }

    @Test("the line gives 执行率 and 序时进度: 0 of 190 万元 by July (the real form) → 红")
    func realFormBudget() {
        let l = budget([BudgetRow(item: .total, initial: 190, spent: 0)], month: 7)
        #expect(l.light == .red && l.rate == 0)
        #expect(l.explanation.contains("执行率 0%（1-7月执行数 0 ÷ 年初预算数 190）÷ 序时进度 58.33%（7/12）= 0.0% → 红"), "\(l.explanation)")
    }

    @Test("执行率 divides by 全年预算数 (调整后) when there is one, else by 年初预算数")
    func adjustedBudget() {
        let adjusted = budget([BudgetRow(item: .total, initial: 100, adjusted: 200, spent: 50)], month: 6)
        #expect(adjusted.rate == 25)
        #expect(adjusted.explanation.contains("全年预算数 200"))
        #expect(budget([BudgetRow(item: .total, initial: 100, spent: 50)], month: 6).rate == 50)
    }

    @Test("no total row, no budget or a budget of 0: 无法判断 with the reason")
    func budgetUnreadable() {
        #expect(budget([], month: 6).light == .undetermined)
        let zero = budget([BudgetRow(item: .total, initial: 0, spent: 0)], month: 6)
        #expect(zero.light == .undetermined && zero.unreadable?.contains("为 0") == true)
        #expect(budget([BudgetRow(item: .total, initial: 10)], month: 6).unreadable?.contains("执行数未填") == true)
    }

    @Test("fixed checkpoints (Sichuan): July is judged by June's 40 %; before April nothing is due; October needs 80 %")
    func checkpoints() {
        #expect(budget(Fixture.budget(47.99), month: 7, profile: .sichuan).light == .red) // 39.99 %
        let on = budget(Fixture.budget(48), month: 7, profile: .sichuan) // 40 %
        #expect(on.light == .green)
        #expect(on.explanation.contains("≥ 6月底节点 40%"), "\(on.explanation)")
        #expect(budget(Fixture.budget(1), month: 3, profile: .sichuan).light == .green)
        #expect(budget(Fixture.budget(95), month: 10, profile: .sichuan).light == .red) // 79.17 % < 80 %
        // the same 40 % in July under the default rule: 40 ÷ 58.33 = 68.6 → 黄
        #expect(budget(Fixture.budget(48), month: 7).light == .yellow)
    }

    @Test("Sichuan's gap rule: goals 50 % done, spending 30 % → more than 10 points apart → the table at least 黄")
    func goalSpendingGap() {
        let table = Fixture.table([Fixture.indicator("培训人数", .atLeast, "1200", "人")])
        let entry = MonitoringEntry(
            period: 6, budget: Fixture.budget(36), indicators: [IndicatorProgress(id: "i", completed: "600")])
        let lights = Monitor(profile: .sichuan).lights(table: table, entry: entry)
        #expect(lights.budget.light == .red) // 30 % < June's checkpoint of 40 %
        #expect(lights.gap?.light == .yellow)
        #expect(lights.gap?.explanation.contains("相差 20 个百分点") == true, "\(lights.gap?.explanation ?? "")")
        #expect(lights.light.severity >= Light.yellow.severity)
        let close = MonitoringEntry(
            period: 6, budget: Fixture.budget(66), indicators: [IndicatorProgress(id: "i", completed: "600")])
        #expect(Monitor(profile: .sichuan).lights(table: table, entry: close).gap?.light == .green) // 55 % vs 50 %
    }

    @Test("a table's light is the worst of its indicators and budget; 无法判断 outranks 绿 and 蓝 but not 黄 or 红")
    func tableWorst() {
        let table = Fixture.table([
            Fixture.indicator("培训人数", .atLeast, "1200", "人", id: "a"),
            Fixture.indicator("培训班次", .atLeast, "12", "期", id: "b"),
        ])
        func light(_ a: String, _ b: String, spent: Double = 70) -> TableLights {
            Monitor().lights(
                table: table,
                entry: MonitoringEntry(
                    period: 7, budget: Fixture.budget(spent),
                    indicators: [
                        IndicatorProgress(id: "a", completed: a), IndicatorProgress(id: "b", completed: b),
                    ]))
        }
        #expect(light("700", "7").light == .green)
        #expect(light("700", "9").light == .blue)
        #expect(light("700", "一般").light == .undetermined)
        #expect(light("500", "一般").light == .yellow)
        #expect(light("100", "7").light == .red)
        #expect(light("700", "7", spent: 10).light == .red) // the budget alone
        let mixed = light("500", "一般")
        #expect(mixed.explanation.contains("指标 黄 1 / 无法判断 1"), "\(mixed.explanation)")
    }

    @Test("a unit's light is the worst of its tables'")
    func unitWorst() {
        let table = Fixture.table([Fixture.indicator("培训人数", .atLeast, "1200", "人")])
        let green = Monitor().lights(
            table: table,
            entry: MonitoringEntry(
                period: 7, budget: Fixture.budget(70), indicators: [IndicatorProgress(id: "i", completed: "700")]))
        let yellow = Monitor().lights(
            table: table,
            entry: MonitoringEntry(
                period: 7, budget: Fixture.budget(70), indicators: [IndicatorProgress(id: "i", completed: "500")]))
        let unit = Monitor().unitLights([green, yellow, green])
        #expect(unit.light == .yellow)
        #expect(unit.explanation.contains("3 张表中 黄 1 / 绿 2"), "\(unit.explanation)")
        #expect(Monitor().unitLights([green]).light == .green)
    }

    @Test("Hefei (department): spending on track and goals on track → 绿; goals not → 黄; spending not → 红")
    func hefei() {
        let table = Fixture.table([Fixture.indicator("培训人数", .atLeast, "1200", "人")])
        func light(completed: String, spent: Double) -> Light {
            Monitor(profile: .hefei).lights(
                table: table,
                entry: MonitoringEntry(
                    period: 6, budget: Fixture.budget(spent),
                    indicators: [IndicatorProgress(id: "i", completed: completed)])
            ).light
        }
        #expect(light(completed: "600", spent: 60) == .green)
        #expect(light(completed: "100", spent: 60) == .yellow) // a 红 goal, spending fine: 黄, not the worst 红
        #expect(light(completed: "600", spent: 10) == .red)
    }

    @Test("entry rows whose id is not in the table are named, not lit")
    func unmatched() {
        let table = Fixture.table([Fixture.indicator("培训人数", .atLeast, "1200", "人")])
        let l = Monitor().lights(
            table: table,
            entry: MonitoringEntry(
                period: 7,
                indicators: [
                    IndicatorProgress(id: "i", completed: "700"), IndicatorProgress(id: "gone", completed: "3"),
                ]))
        #expect(l.indicators.count == 1 && l.unmatched == ["gone"])
    }
}
