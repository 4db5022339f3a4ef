import Foundation
import Testing
@testable import GoalCore

@Suite("指标编号")
struct IndicatorIdentityTests {
    static func table() -> GoalTable {
        var t = GoalTable(
            kind: .project, year: 2026, unit: "某单位",
            indicators: [
                Indicator(
                    level1: "产出指标", level2: "数量指标", name: "培训人数", type: .atLeast, value: "100", unit: "人", id: "a"),
                Indicator(level1: "满意度指标", level2: "服务对象满意度指标", name: "满意度", type: .atLeast, value: "90", unit: "%"),
                Indicator(level1: "产出指标", level2: "质量指标", name: "合格率", type: .atLeast, value: "95", unit: "%", id: "a"),
            ])
        t.setActual("120", at: 0)
        return t
    }

    @Test("缺的编号补上，已有的保留，重复的在后一行换新")
    func assigned() {
        var n = 0
        let t = Self.table().withIndicatorIDs {
            n += 1; return "new\(n)"
        }
        #expect(t.indicators.map(\.id) == ["a", "new1", "new2"])
    }

    @Test("下一年度草稿：年度加一，新编号记下上年编号，上年实际值成为上年完成值，自评内容不带过去")
    func nextYear() {
        var n = 0
        let source = Self.table().withIndicatorIDs {
            n += 1; return "x\(n)"
        }
        var m = 0
        let next = source.nextYearDraft {
            m += 1; return "y\(m)"
        }
        #expect(next.year == 2027)
        #expect(next.indicators.map(\.previousId) == source.indicators.map(\.id))
        #expect(Set(next.indicators.compactMap(\.id)).isDisjoint(with: Set(source.indicators.compactMap(\.id))))
        #expect(next.indicators[0].lastYear == "120")
        #expect(next.evaluation.isEmpty)
        // the interchange JSON carries both keys, and reads them back
        let again = try? GoalDocument.decode(GoalDocument(tables: [next]).encoded())
        #expect(again?.tables.first?.indicators.map(\.previousId) == next.indicators.map(\.previousId))
        #expect(
            InterchangeReader.readTop(GoalDocument(tables: [next]).encoded())?.tables?.first?.indicators.map(\.id)
                == next.indicators.map(\.id))
    }
}
