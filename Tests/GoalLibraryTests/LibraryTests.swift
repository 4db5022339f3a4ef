import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO
@testable import GoalLibrary

/// A sample of table `t` of unit `u`.
func sample(
    _ t: String, unit u: String = "甲单位", kind: TableKind = .department, l1: String = "产出指标", l2: String = "数量指标",
    _ name: String, _ type: Comparison = .atLeast, _ target: Double? = nil, _ targetUnit: String? = nil, actual: Double? = nil,
    explanation: String? = nil, scoring: String? = nil, standard: ValueStandard? = nil, year: Int = 2025
) -> LibrarySample {
    LibrarySample(
        tableID: t, unit: u, year: year, kind: kind, level1: l1, level2: l2, name: name, type: type, target: target,
        targetUnit: targetUnit, actual: actual, explanation: explanation, scoring: scoring, standard: standard)
}

@Suite("指标库：统计")
struct LibraryStatisticsTests {
    @Test("median, range, tables and units, usual type and unit, in the usual unit")
    func statistics() throws {
        let samples = [
            sample("t1", unit: "甲", "参保人数", .atLeast, 1.5, "万人", actual: 1.83, explanation: "年末参保人数"),
            sample("t2", unit: "乙", "参保人数", .atLeast, 20000, "人", actual: 21000, explanation: "年末参保人数"),
            sample("t3", unit: "丙", "参 保 人 数", .atLeast, 1.2, "万人", explanation: "参保登记人数"),
            sample("t4", unit: "丙", "参保人数", .equal, 3, "万人", standard: .history),
            // the same table twice counts once
            sample("t4", unit: "丙", "参保人数", .atLeast, 2, "万人"),
        ]
        let entries = LibraryBuilder.build(samples: samples, common: [])
        #expect(entries.count == 1)
        let e = try #require(entries.first)
        #expect(e.key == "参保人数")
        #expect(e.tables == 4)
        #expect(e.units == 3)
        #expect(e.type == .atLeast)
        #expect(e.typeShare == 0.8)
        #expect(e.unit == "万人")
        #expect(e.unitShare == 0.8)
        let t = try #require(e.targets)
        #expect(t.count == 5)
        #expect(t.median == 2)
        #expect(t.min == 1.2 && t.max == 3)
        let a = try #require(e.actuals)
        #expect(a.count == 2 && a.min == 1.83 && a.max == 2.1)
        #expect(e.explanations.map(\.text) == ["年末参保人数", "参保登记人数"])
        #expect(e.explanations.first?.count == 2)
        #expect(e.standard == .history)
        #expect(e.origin == .tables)
    }

    @Test("a 定性 entry has no spread; an even count takes the mean of the middle two")
    func qualitativeAndEven() throws {
        let entries = LibraryBuilder.build(
            samples: [
                sample("a", "制度健全性", .qualitative, nil, nil), sample("b", "制度健全性", .qualitative, nil, nil),
                sample("a", "发放率", .atLeast, 95, "%"), sample("b", "发放率", .atLeast, 98, "%"),
            ], common: [])
        let q = try #require(entries.first { $0.key == "制度健全性" })
        #expect(q.targets == nil && q.unit == nil && q.type == .qualitative)
        let r = try #require(entries.first { $0.key == "发放率" })
        #expect(r.targets?.median == 96.5)
    }

    @Test("the common indicators of the provincial form are in the library, with their definitions")
    func commonIndicators() throws {
        let lib = IndicatorLibrary(entries: LibraryBuilder.build(samples: []))
        let e = try #require(lib["预算执行率"])
        #expect(e.origin == .builtIn)
        #expect(e.level2 == "预算和财务管理" && e.type == .atLeast && e.unit == "%")
        #expect(e.explanations.first?.text.contains("预算完成数") == true)
        #expect(lib["三公经费控制率"] != nil) // quotes are not part of the key
        #expect(lib["预算调整率"]?.type == .atMost)
    }

    @Test("samples of the seed tables count and mark their entries as common")
    func builtInSamples() throws {
        let entries = LibraryBuilder.build(
            samples: [sample("t", "发放率", .atLeast, 95, "%")], builtIn: [sample("seed", "发放率", .atLeast, 100, "%")])
        let e = try #require(entries.first { $0.key == "发放率" })
        #expect(e.origin == .builtIn && e.tables == 2)
    }
}

@Suite("指标库：检索与标记")
struct LibrarySearchTests {
    static let library = IndicatorLibrary(
        entries: LibraryBuilder.build(
            samples: [
                sample("t1", l1: "满意度指标", l2: "服务对象满意度指标", "参保群众满意度", .atLeast, 90, "%"),
                sample("t2", l1: "满意度指标", l2: "服务对象满意度指标", "参保群众满意度", .atLeast, 95, "%"),
                sample("t1", l2: "时效指标", "养老金发放及时率", .equal, 100, "%"),
                sample("t3", kind: .project, l2: "数量指标", "培训人次", .atLeast, 300, "人次"),
                sample("t3", kind: .project, l1: "成本指标", l2: "经济成本指标", "培训成本", .atMost, 12, "万元"),
                sample("t2", "待遇发放人数", .atLeast, 5000, "人"),
            ],
            overrides: [
                LibraryOverride(key: "培训成本", mark: .retired),
                LibraryOverride(key: "待遇发放人数", mark: .recommended, standard: .plan),
                LibraryOverride(
                    key: "工伤认定办结率",
                    entry: LibraryEntry(
                        name: "工伤认定办结率", level1: "产出指标", level2: "时效指标", type: .atLeast, unit: "%",
                        explanations: [UsedText(text: "按期办结的认定件数/受理件数×100%", count: 0)], origin: .finance)),
            ]))

    @Test("words find the entry by shared characters and by synonym, with the reason")
    func words() throws {
        let hits = Self.library.search(LibraryQuery(words: "群众满意率"))
        let first = try #require(hits.first)
        #expect(first.entry.key == "参保群众满意度")
        #expect(first.reasons.contains { $0.contains("同义词") })
        let exact = try #require(Self.library.search(LibraryQuery(words: "养老金发放及时率")).first)
        #expect(exact.entry.key == "养老金发放及时率" && exact.reasons == ["名称相同"])
        #expect(Self.library.search(LibraryQuery(words: "及时")).first?.entry.key == "养老金发放及时率")
    }

    @Test("filters: 一级, 二级, kind, unit type")
    func filters() throws {
        #expect(Self.library.search(LibraryQuery(level2: "服务对象满意度指标")).map(\.entry.key) == ["参保群众满意度"])
        let project = Self.library.search(LibraryQuery(kind: .project)).map(\.entry.key)
        #expect(project.contains("培训人次") && !project.contains("参保群众满意度"))
        let people = Self.library.search(LibraryQuery(unitType: .people)).map(\.entry.key)
        #expect(Set(people) == ["培训人次", "待遇发放人数"])
        #expect(Self.library.search(LibraryQuery(level1: "满意度指标", unitType: .ratio)).count == 1)
    }

    @Test("retired entries are hidden unless asked for; recommended ones come first; finance's own are found")
    func marks() throws {
        #expect(Self.library.search(LibraryQuery(words: "培训成本")).allSatisfy { $0.entry.key != "培训成本" })
        let retired = Self.library.search(LibraryQuery(mark: .retired)).map(\.entry.key)
        #expect(retired == ["培训成本"])
        #expect(Self.library.search(LibraryQuery(words: "培训成本", includeRetired: true)).contains { $0.entry.key == "培训成本" })
        #expect(Self.library.search(LibraryQuery()).first?.entry.key == "待遇发放人数")
        #expect(Self.library["待遇发放人数"]?.standard == .plan)
        let own = try #require(Self.library.search(LibraryQuery(words: "工伤认定办结率")).first)
        #expect(own.entry.origin == .finance && own.entry.level2 == "时效指标")
    }

    @Test("a suggestion fills the fields and proposes a target from the unit's own actual, with the figures")
    func suggestion() throws {
        let lib = IndicatorLibrary(
            entries: LibraryBuilder.build(
                samples: [
                    sample("a", "城乡居民参保人数", .atLeast, 1.5, "万人", explanation: "年末参保人数", scoring: "完成得满分"),
                    sample("b", "城乡居民参保人数", .atLeast, 2.0, "万人"),
                    sample("c", "城乡居民参保人数", .atLeast, 25000, "人"),
                ], common: []))
        let own = OwnHistory(year: 2025, actual: 18300, unit: "人")
        let s = try #require(lib.suggest(name: "居民参保人数", own: own).first)
        #expect(s.level2 == "数量指标" && s.type == .atLeast && s.unit == "万人")
        #expect(s.explanation == "年末参保人数" && s.scoring == "完成得满分")
        #expect(s.target == "1.83")
        #expect(s.targetReason.hasPrefix("本单位2025年实际 1.83万人；同类单位中位数 2万人（3 个目标值，1.5–2.5万人）"))
        #expect(s.why.contains { $0.contains("3 张已批复表使用") })
        let noOwn = try #require(lib.suggest(name: "城乡居民参保人数").first)
        #expect(noOwn.target == "2")
    }

    @Test("a starting set comes from the tables of the same kind with the nearest project names")
    func startingSet() throws {
        let samples = [
            sample("p1", kind: .project, "补助发放人数"), sample("p1", kind: .project, "补助发放及时率"),
            sample("p2", kind: .project, "补助发放人数"), sample("p2", kind: .project, "资金拨付率"),
            sample("p3", kind: .project, "道路修建长度"),
        ]
        let lib = IndicatorLibrary(entries: LibraryBuilder.build(samples: samples, common: []))
        let sketches = [
            TableSketch(tableID: "p1", kind: .project, name: "困难群众生活补助资金", unit: "民政局", keys: ["补助发放人数", "补助发放及时率"]),
            TableSketch(tableID: "p2", kind: .project, name: "残疾人生活补助资金", unit: "残联", keys: ["补助发放人数", "资金拨付率"]),
            TableSketch(tableID: "p3", kind: .project, name: "农村公路建设", unit: "交通局", keys: ["道路修建长度"]),
        ]
        let set = lib.startingSet(kind: .project, name: "高龄老人生活补助资金", tables: sketches, similar: 2)
        #expect(set.first?.entry.key == "补助发放人数")
        #expect(set.first?.why.contains("相近的 2 张项目支出表中 2 张使用") == true)
        #expect(!set.contains { $0.entry.key == "道路修建长度" })
    }
}

@Suite("指标库：导出与导入")
struct LibraryWorkbookTests {
    @Test("export then import gives back every field finance may change")
    func roundTrip() throws {
        let entries = LibrarySearchTests.library.entries
        let data = try LibraryWorkbook.write(entries)
        let back = try LibraryWorkbook.read(data)
        #expect(back.problems.isEmpty)
        #expect(back.overrides.count == entries.count)
        for (e, o) in zip(entries, back.overrides) {
            let x = try #require(o.entry)
            #expect(o.key == e.key && x.name == e.name && x.level1 == e.level1 && x.level2 == e.level2)
            #expect(x.type == e.type && x.unit == e.unit && o.mark == e.mark && o.standard == e.standard)
            #expect(x.explanations.first?.text == e.explanations.first?.text)
            #expect(x.scorings.first?.text == e.scorings.first?.text)
        }
        // imported back, the library is the same as before in what finance controls
        let rebuilt = IndicatorLibrary(entries: LibraryBuilder.build(samples: [], common: [], overrides: back.overrides))
        #expect(rebuilt["培训成本"]?.mark == .retired && rebuilt["待遇发放人数"]?.standard == .plan)
    }

    @Test("a row that cannot be read is named with its row and left out")
    func badRows() throws {
        var e = LibrarySearchTests.library.entries[0]
        e.name = "第二个"; e.key = "第二个"
        var data = try LibraryWorkbook.write([LibrarySearchTests.library.entries[0], e])
        let good = try LibraryWorkbook.read(data)
        #expect(good.overrides.count == 2)
        e.mark = nil
        data = try LibraryWorkbook.write([e, e])
        let dup = try LibraryWorkbook.read(data)
        #expect(dup.overrides.count == 1 && dup.problems == ["第3行：三级指标“第二个”与上面一行重复，未读入"])
    }
}
