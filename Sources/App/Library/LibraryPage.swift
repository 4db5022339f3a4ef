import Foundation
import GoalCore
import GoalLibrary

/// The 指标库 page's context: the search form as filled, the entries found with their figures in words.
struct LibraryPage: Encodable {
    struct Option: Encodable {
        var value: String
        var label: String
        var chosen: Bool
    }

    struct Row: Encodable {
        var key: String
        var name: String
        var level1: String
        var level2: String
        var type: String
        var unit: String?
        var unitType: String
        var use: String
        var targets: String
        var actuals: String
        var explanations: [String]
        var scorings: [String]
        var standard: String?
        var mark: String?
        var origin: String
        var reasons: String?
        var recommended: Bool
        var retired: Bool
    }

    var q: String
    var level1: String
    var level2: String
    var kinds: [Option]
    var unitTypes: [Option]
    var marks: [Option]
    var retired: Bool
    var levels1: [String]
    var levels2: [String]
    var rows: [Row]
    var summary: String
    var finance: Bool
    var notes: [String]
    var back: String
    var standards: [String] = ValueStandard.allCases.map(\.rawValue)
    var types: [String] = Comparison.allCases.map(\.rawValue)
    var action = SitePath.library.path
    var marksAction = SitePath.libraryMarks.path
    var entriesAction = SitePath.libraryEntries.path
    var exportLink = SitePath.libraryExport.path
    var importAction = SitePath.libraryImport.path

    init(
        params p: LibraryController.SearchParams, hits: [LibraryHit], total: Int, indicators: Int, finance: Bool,
        notes: [String], back: String
    ) {
        q = p.q ?? ""
        level1 = p.level1 ?? ""
        level2 = p.level2 ?? ""
        let kindLabels: [(TableKind, String)] = [(.department, "部门（单位）整体"), (.project, "项目支出"), (.provincial, "省级整体")]
        kinds =
            [Option(value: "", label: "全部表种", chosen: (p.kind ?? "").isEmpty)]
            + kindLabels.map { Option(value: $0.0.rawValue, label: $0.1, chosen: p.kind == $0.0.rawValue) }
        unitTypes =
            [Option(value: "", label: "全部单位类型", chosen: (p.unitType ?? "").isEmpty)]
            + UnitType.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, chosen: p.unitType == $0.rawValue) }
        marks =
            [Option(value: "", label: "全部", chosen: (p.mark ?? "").isEmpty)]
            + LibraryMark.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, chosen: p.mark == $0.rawValue) }
        retired = p.retired == "1"
        var l1 = Set<String>(), l2 = Set<String>()
        for g in Taxonomy.provincial.groups + Taxonomy.current.groups {
            l1.insert(g.level1)
            for x in g.level2 { l2.insert(x) }
        }
        levels1 = l1.sorted()
        levels2 = l2.sorted()
        rows = hits.map(Self.row)
        summary = "指标库共 \(total) 条（来自您可查看的已批复表 \(indicators) 个指标、示例表和共性指标）；本次列出 \(hits.count) 条"
        self.finance = finance
        self.notes = notes
        self.back = back
    }

    static func spread(_ s: Spread?, _ unit: String?) -> String {
        guard let s else { return "—" }
        let u = unit ?? ""
        let f = TextNormalizer.format
        if s.min == s.max { return "\(f(s.median, 2))\(u)（\(s.count) 个）" }
        return "中位数 \(f(s.median, 2))\(u)，\(f(s.min, 2))–\(f(s.max, 2))\(u)（\(s.count) 个）"
    }

    static func row(_ h: LibraryHit) -> Row {
        let e = h.entry
        var use = e.tables > 0 ? "\(e.tables) 张表、\(e.units) 个单位" : "尚无表使用"
        if e.tables > 1 {
            use += "；\(Int((e.typeShare * 100).rounded()))% 用“\(e.type.rawValue)”"
            if let u = e.unit { use += "，\(Int((e.unitShare * 100).rounded()))% 以“\(u)”计" }
        }
        return Row(
            key: e.key, name: e.name, level1: e.level1, level2: e.level2, type: e.type.rawValue, unit: e.unit,
            unitType: e.unitType.rawValue, use: use, targets: spread(e.targets, e.unit), actuals: spread(e.actuals, e.unit),
            explanations: e.explanations.map { $0.count > 1 ? "\($0.text)（\($0.count) 张表）" : $0.text },
            scorings: e.scorings.map { $0.count > 1 ? "\($0.text)（\($0.count) 张表）" : $0.text },
            standard: e.standard?.rawValue, mark: e.mark?.rawValue, origin: e.origin.rawValue,
            reasons: h.reasons.isEmpty ? nil : h.reasons.joined(separator: "；"), recommended: e.mark == .recommended,
            retired: e.mark == .retired)
    }
}
