import Foundation
import Testing
import GoalCore
import TestSupport
@testable import GoalScoring

@Suite("实际完成值 CSV")
struct ActualsCSVTests {
    func fixtureTables(_ name: String) throws -> [GoalTable] {
        var tables = try GoalDocument.decode(SharedFiles.data(SharedFiles.scoringFixtures.appendingPathComponent(name))).tables
        for t in tables.indices { for i in tables[t].indicators.indices { tables[t].setActual(nil, at: i) } }
        return tables
    }

    @Test("BOM, quotes with commas and line breaks, CRLF")
    func parse() throws {
        let csv = "\u{FEFF}表,三级指标,实际完成值,偏差原因\r\n1,实际缴费人数,1.71,\"外出务工人员增多，\n参保减少\"\r\n1,\"待遇领取人数\",1.6,\r\n,,,\r\n"
        let rows = try ActualsCSV.parse(Data(csv.utf8))
        #expect(rows.count == 2)
        #expect(rows[0].deviation == "外出务工人员增多，\n参保减少")
        #expect(rows[1].name == "待遇领取人数" && rows[1].actual == "1.6" && rows[1].deviation == nil)
        #expect(rows[1].line == 4)
    }

    @Test("tab separated, table named by project")
    func tabs() throws {
        var tables = try fixtureTables("003-project-1.json")
        let tsv = "项目名称\t三级指标\t实际完成值\n2022年-巴财企[2022]38号关于拨付原水利水电医院退休人员待遇补差资\t发放补助次数\t11\n"
        let problems = ActualsCSV.apply(try ActualsCSV.parse(Data(tsv.utf8)), to: &tables)
        #expect(problems.isEmpty)
        #expect(tables[0].actual(at: 1) == "11")
    }

    @Test("rows of the same name are matched in order; unmatched names reported")
    func joins() throws {
        var tables = try fixtureTables("002-department.json")
        let csv = """
            表,三级指标,实际完成值
            1,工伤保险待遇发放率,100
            1,工伤保险待遇发放率,97
            1,工伤保险待遇发放率,90
            1,不存在的指标,5
            3,群众满意度,91
            """
        let problems = ActualsCSV.apply(try ActualsCSV.parse(Data(csv.utf8)), to: &tables, fileName: "实际.csv")
        #expect(tables[0].actual(at: 1) == "100")
        #expect(tables[0].actual(at: 2) == "97")
        #expect(problems.count == 3)
        #expect(problems.contains("实际.csv 第4行：第1张表中三级指标“工伤保险待遇发放率”已有实际完成值（同名指标多于表中行数）"))
        #expect(problems.contains("实际.csv 第5行：第1张表中没有三级指标“不存在的指标”"))
        #expect(problems.contains { $0.hasPrefix("实际.csv 第6行：找不到表“3”") })
    }

    @Test("an 指标编号 column matches by id: two indicators of the same name are told apart, an unknown id is named")
    func joinsByID() throws {
        var tables = try fixtureTables("002-department.json").map { $0.withIndicatorIDs() }
        let second = try #require(tables[0].indicators[2].id)
        let csv = """
            指标编号,三级指标,实际完成值,偏差原因
            \(second),工伤保险待遇发放率,97,年底集中发放
            no-such-id,工伤保险待遇发放率,90,
            """
        let problems = ActualsCSV.apply(try ActualsCSV.parse(Data(csv.utf8)), to: &tables, fileName: "实际.csv")
        #expect(tables[0].actual(at: 1) == nil)
        #expect(tables[0].actual(at: 2) == "97")
        #expect(tables[0].deviation(at: 2) == "年底集中发放")
        #expect(problems == ["实际.csv 第3行：没有编号为“no-such-id”的指标"])
    }

    @Test("a CSV without the needed columns, or not UTF-8, is refused in Chinese")
    func refused() {
        #expect(throws: ActualsCSV.ReadError.self) { try ActualsCSV.parse(Data("a,b\n1,2\n".utf8)) }
        #expect(throws: ActualsCSV.ReadError.self) { try ActualsCSV.parse(Data([0xB1, 0xED, 0xC3, 0xFB, 0xFF, 0xFE])) }
        #expect(throws: ActualsCSV.ReadError.self) { try ActualsCSV.parse(Data()) }
    }

    @Test("the fixture's own actuals through a CSV score as the fixture says")
    func roundTrip() throws {
        let url = SharedFiles.scoringFixtures.appendingPathComponent("000-department.json")
        let original = try GoalDocument.decode(SharedFiles.data(url)).tables
        var tables = try fixtureTables("000-department.json")
        var csv = "表,三级指标,实际完成值\n"
        for (i, ind) in original[0].indicators.enumerated() { csv += "1,\"\(ind.name)\",\(original[0].actual(at: i) ?? "")\n" }
        #expect(ActualsCSV.apply(try ActualsCSV.parse(Data(csv.utf8)), to: &tables).isEmpty)
        var scorer = Scorer()
        #expect(scorer.score(tables)[0].total == 67.83)
    }
}

@Suite("评分输出")
struct ReportTests {
    func scoredFixture() throws -> ([GoalTable], [TableScore], [WhatIfReport]) {
        let tables = try GoalDocument.decode(
            SharedFiles.data(SharedFiles.scoringFixtures.appendingPathComponent("000-department.json"))
        ).tables
        var scorer = Scorer()
        let scores = scorer.score(tables)
        let w = zip(tables, scores).map { WhatIf.analyse($0, $1, scorer: &scorer) }
        return (tables, scores, w)
    }

    @Test("JSON: score and scoreExplanation per indicator, result per table; still interchange JSON")
    func json() throws {
        let (tables, scores, w) = try scoredFixture()
        let data = ScoreReport.json(tables: tables, scores: scores, whatIf: w)
        let obj = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let t = try #require((obj["tables"] as? [[String: Any]])?.first)
        let result = try #require(t["result"] as? [String: Any])
        #expect(result["total"] as? Double == 67.83)
        #expect(result["max"] as? Double == 84)
        #expect(result["percent"] as? Double == 80.75)
        #expect(result["grade"] as? String == "良")
        #expect(result["execution"] as? Double == 9.72)
        let first = try #require((t["indicators"] as? [[String: Any]])?.first)
        #expect(first["score"] as? Double == 4.75)
        #expect((first["scoreExplanation"] as? String)?.contains("5 × 1.71 ÷ 1.8 = 4.75") == true)
        let back = try GoalDocument.decode(data)
        #expect(back.tables[0].indicators.count == 12)
        #expect(back.tables[0].actual(at: 0) == "1.71")
    }

    @Test("不适用 rows are null in JSON")
    func nullScore() throws {
        let tables = try GoalDocument.decode(
            SharedFiles.data(SharedFiles.scoringFixtures.appendingPathComponent("003-project-3.json"))
        ).tables
        var scorer = Scorer()
        let data = ScoreReport.json(tables: tables, scores: scorer.score(tables))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"score\" : null"))
    }

    @Test("terminal widths: CJK takes two columns")
    func widths() {
        #expect(ScoreReport.displayWidth("中a") == 3)
        #expect(ScoreReport.displayWidth("≥95%") == 4)
        #expect(ScoreReport.displayWidth("（）") == 4)
        #expect(ScoreReport.truncate("社会保险费收入占基金收入比重", 10) == "社会保险…")
    }

    @Test("text: columns line up for a person, total and grade at the end")
    func text() throws {
        let (tables, scores, w) = try scoredFixture()
        let text = ScoreReport.text(tables: tables, scores: scores, whatIf: w)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("合计：总分67.83 / 84（80.75%），良"))
        let header = try #require(lines.first { $0.hasPrefix("行") })
        let rows = lines.filter { $0.range(of: #"^ ?\d+  "#, options: .regularExpression) != nil }
        #expect(rows.count == 12)
        // the 计分说明 column starts at the same display column on every row
        func column(_ line: String) -> Int {
            let parts = line.components(separatedBy: "  ").filter { !$0.isEmpty }
            let lastStart = line.range(of: parts.last!)!.lowerBound
            return ScoreReport.displayWidth(String(line[..<lastStart]))
        }
        let c = column(header)
        for r in rows { #expect(column(r) == c, "\(r)") }
    }
}
