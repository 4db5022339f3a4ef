import GoalCore
import Testing
@testable import GoalCheck

/// A paste of thousands of tables is checked on all cores (`Checker.check`): the findings must be the
/// same, in the same order, as checking each table on its own.
@Suite("多张表：并行检查与逐张检查结果一致")
struct ManyTablesTests {
    @Test("100 张表（四种表样轮流，其中一张缺指标值）：结果与逐张检查相同，顺序按表、行")
    func parallelEqualsOneByOne() {
        var tables: [GoalTable] = []
        for k in 0..<100 {
            var t = [Tables.department, Tables.project, Tables.provincial, Tables.legacyProject][k % 4]
            if k == 57, !t.indicators.isEmpty { t.indicators[0].value = "" }
            tables.append(t)
        }
        let checker = Checker()
        let all = checker.check(tables)
        let one = tables.enumerated().flatMap { i, t in checker.check(t, at: i) }
        func key(_ f: Finding) -> String { "\(f.table)|\(f.indicator ?? -1)|\(f.code)|\(f.message)" }
        #expect(all.count == one.count)
        #expect(all.map(key).sorted() == one.map(key).sorted())
        // in document order: by table, then row
        #expect(zip(all, all.dropFirst()).allSatisfy { a, b in !Finding.documentOrder(b, a) })
        #expect(all.contains { $0.table == 57 && $0.indicator == 0 })
    }
}
