import Testing

@testable import GoalMonitoring

/// The audit trail's lines for a monitoring save: what changed, in the form's words, and nothing else.
@Suite("运行监控保存：审计记录写出改了什么")
struct EntryChangesTests {
    static func names(_ id: String) -> String? { ["a": "第1行“培训人数”", "b": "第2行“满意度”"][id] }

    @Test("a first save lists what was filled; a second lists only what it changed, old → new")
    func lines() {
        var first = MonitoringEntry(
            period: 7, budget: [BudgetRow(item: .total, initial: 100, spent: 40)],
            indicators: [IndicatorProgress(id: "a", completed: "800"), IndicatorProgress(id: "b")])
        let filled = EntryChanges.lines(from: nil, to: first, names: Self.names)
        #expect(filled.contains("年度资金总额 年初预算数：（空） → 100"))
        #expect(filled.contains("年度资金总额 1-7月执行数：（空） → 40"))
        #expect(filled.contains("第1行“培训人数” 1-7月完成值：（空） → 800"))
        #expect(!filled.contains { $0.hasPrefix("第2行") }) // nothing typed on row 2

        var second = first
        second.budget[0].spent = 52.5
        second.indicators[1].causes = [.funding, .other]
        second.indicators[1].causeText = "  资金下达晚\n三个月  "
        second.problems = "" // blank is the same as never written
        let changed = EntryChanges.lines(from: first, to: second, names: Self.names)
        #expect(
            changed == [
                "年度资金总额 1-7月执行数：40 → 52.5", "第2行“满意度” 偏差原因：（空） → 经费保障、其他",
                "第2行“满意度” 原因说明：（空） → 资金下达晚 三个月",
            ])
        // a change past the sixtieth character still counts; the line shows the start
        var third = second
        let long = String(repeating: "说明", count: 40)
        second.indicators[1].causeText = long + "甲"
        third.indicators[1].causeText = long + "乙"
        let tail = EntryChanges.lines(from: second, to: third, names: Self.names)
        #expect(tail.count == 1 && tail[0].hasPrefix("第2行“满意度” 原因说明：说明说明") && tail[0].contains("… → "))
        // a row or budget line the save no longer has is listed as emptied
        third.indicators.removeFirst()
        third.budget = []
        let dropped = EntryChanges.lines(from: second, to: third, names: Self.names)
        #expect(dropped.contains("第1行“培训人数” 1-7月完成值：800 → （空）"))
        #expect(dropped.contains("年度资金总额 1-7月执行数：52.5 → （空）"))
        first.indicators.append(IndicatorProgress(id: "zzz", note: "新行"))
        #expect(EntryChanges.lines(from: nil, to: first, names: Self.names).contains("指标 zzz 备注：（空） → 新行"))
    }

    @Test("a save that changes hundreds of fields keeps the first forty lines and counts the rest")
    func longSave() {
        let rows = (0..<100).map { IndicatorProgress(id: "r\($0)", completed: "\($0)", expected: "\($0 + 1)") }
        let lines = EntryChanges.lines(from: nil, to: MonitoringEntry(period: 6, indicators: rows), names: { _ in nil })
        #expect(lines.count == EntryChanges.limit + 1)
        #expect(lines.last == "……另有 160 处修改")
        #expect(lines.first == "指标 r0 1-6月完成值：（空） → 0")
    }
}
