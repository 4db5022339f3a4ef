import GoalCore
import Testing

/// One comparison of read tables against expected ones for every GoalIO test: field by field, so a
/// failure names the table, the indicator and the field.
enum TableComparison {
    static func expectSame(_ got: [GoalTable], _ want: [GoalTable], _ context: String) throws {
        try #require(got.count == want.count, "\(context): \(got.count) tables, want \(want.count)")
        for (t, (g, w)) in zip(got, want).enumerated() {
            #expect(g.kind == w.kind, "\(context) 表\(t) kind")
            #expect(g.title == w.title, "\(context) 表\(t) title")
            #expect(g.year == w.year, "\(context) 表\(t) year")
            #expect(g.unit == w.unit, "\(context) 表\(t) unit")
            #expect(g.duty == w.duty, "\(context) 表\(t) duty")
            #expect(g.goal == w.goal, "\(context) 表\(t) goal")
            #expect(g.project == w.project, "\(context) 表\(t) project")
            #expect(g.funds == w.funds, "\(context) 表\(t) funds \(String(describing: g.funds)) vs \(String(describing: w.funds))")
            #expect(g.tasks == w.tasks, "\(context) 表\(t) tasks")
            #expect(
                g.signoff == w.signoff,
                "\(context) 表\(t) signoff \(String(describing: g.signoff)) vs \(String(describing: w.signoff))")
            try #require(
                g.indicators.count == w.indicators.count,
                "\(context) 表\(t) indicator count \(g.indicators.count) vs \(w.indicators.count)")
            for (i, (a, b)) in zip(g.indicators, w.indicators).enumerated() {
                #expect(a == b, "\(context) 表\(t) 第\(i)个指标\n got \(a)\nwant \(b)")
                #expect(g[evaluationAt: i] == w[evaluationAt: i], "\(context) 表\(t) 第\(i)个指标的自评")
            }
            #expect(g.execution == w.execution, "\(context) 表\(t) execution")
            #expect(g == w, "\(context) 表\(t) as a whole")
        }
    }

}
