import Foundation
import Testing
import TestSupport

/// The score tests' view of the shared runner.
enum CLI {
    static func run(_ args: [String]) throws -> JixiaoCLI.Result { try JixiaoCLI.run(args) }
    static func temp(_ name: String, _ contents: String) throws -> String { try JixiaoCLI.temp(name, Data(contents.utf8)) }
}

@Suite("jixiao score 命令")
struct ScoreCLITests {
    let fixture = SharedFiles.scoringFixtures.appendingPathComponent("000-department.json").path

    @Test("text: a table a person reads, flags on stderr, exit 0")
    func text() throws {
        let r = try CLI.run(["score", fixture])
        #expect(r.status == 0)
        #expect(r.out.contains("合计：总分67.83 / 84（80.75%），良"))
        #expect(r.out.contains("按比例：5 × 1.71 ÷ 1.8 = 4.75"))
        #expect(r.err.contains("提示：第1张表 第1行指标“实际缴费人数” 偏差原因分析及改进措施"))
        #expect(!r.out.contains("提示："))
    }

    @Test("json: scores inside the tables, result per table")
    func json() throws {
        let r = try CLI.run(["score", fixture, "--format", "json"])
        #expect(r.status == 0)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let t = try #require((obj["tables"] as? [[String: Any]])?.first)
        let result = try #require(t["result"] as? [String: Any])
        #expect(result["total"] as? Double == 67.83)
        #expect(result["grade"] as? String == "良")
    }

    @Test("every scoring fixture through the command gives its expected total")
    func allFixtures() throws {
        for url in SharedFiles.files(in: SharedFiles.scoringFixtures, ending: ".json") {
            let r = try CLI.run(["score", url.path, "--format", "json", "--no-what-if"])
            #expect(r.status == 0)
            let want = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            let wantTotal = ((want?["tables"] as? [[String: Any]])?.first?["expected"] as? [String: Any])?["total"] as? Double
            let got = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
            let gotTotal = ((got?["tables"] as? [[String: Any]])?.first?["result"] as? [String: Any])?["total"] as? Double
            #expect(gotTotal == wantTotal, "\(url.lastPathComponent)")
        }
    }

    @Test("actuals from a CSV, unmatched names reported")
    func actualsCSV() throws {
        var json = try String(contentsOfFile: fixture, encoding: .utf8)
        json = json.replacingOccurrences(of: #""actual": "[^"]*","#, with: "", options: .regularExpression)
        let input = try CLI.temp("table.json", json)
        var csv = "表,三级指标,实际完成值\n"
        for (n, a) in [
            ("实际缴费人数", "1.71"), ("待遇领取人数", "1.6"), ("养老金社保机构发放率", "98"), ("网络故障处理率", "100"),
            ("社会保险费收入占基金收入比重", "40"), ("社会保险待遇支出占基金支出比重", "99.5"), ("资金使用合规性", "100"),
            ("养老待遇发放时间", "27日"), ("保障基金安全，维护社会稳定", "效果明显"), ("持续提升养老保障", "效果一般"),
            ("受益人员满意率", "93"), ("单位整体支出", "362.186"), ("没有这项", "1"),
        ] {
            csv += "1,\"\(n)\",\(a)\n"
        }
        let actuals = try CLI.temp("actuals.csv", csv)
        let r = try CLI.run(["score", input, "--actuals", actuals])
        #expect(r.status == 0)
        #expect(r.out.contains("合计：总分67.83 / 84（80.75%），良"))
        #expect(r.err.contains("第1张表中没有三级指标“没有这项”"))
    }

    @Test("a profile file changes the rules in force")
    func profileFile() throws {
        let table =
            #"{"format":"goal-tables/1","tables":[{"kind":"project","indicators":[{"level1":"产出指标","level2":"质量指标","name":"合格率","type":"≥","value":"95","unit":"%","scoring":"每下降1个百分点扣0.2分","weight":2,"actual":"92.5","deviation":"说明"}]}]}"#
        let input = try CLI.temp("t.json", table)
        let profile = try CLI.temp(
            "p.json", #"{"name":"mine","taxonomy":{"groups":[],"commonIndicators":[]},"scoring":{"steps":"whole"}}"#)
        let proportional = try CLI.run(["score", input, "--no-what-if"])
        #expect(proportional.out.contains("2 − 0.2 × 2.5 = 1.5"))
        let whole = try CLI.run(["score", input, "--profile", profile, "--no-what-if"])
        #expect(whole.status == 0, "\(whole.err)")
        #expect(whole.out.contains("按整步计"))
        #expect(whole.out.contains("2 − 0.2 × 2 = 1.6"))
        #expect(try CLI.run(["score", input, "--profile", "legacy", "--no-what-if"]).status == 0)
    }

    @Test(
        "usage errors exit 2 and say what is wrong in Chinese",
        arguments: [
            [String](["score"]), ["score", "/nonexistent/表.json"], ["score", "X", "--format", "xml"], ["score", "X", "--bogus"],
            ["score", "X", "--profile", "nosuchprofile"],
        ])
    func usage(args: [String]) throws {
        let fixture = self.fixture
        let r = try CLI.run(args.map { $0 == "X" ? fixture : $0 })
        #expect(r.status == 2, "\(args): \(r.err)")
        #expect(r.err.contains("用法错误："))
    }

    @Test("nothing to score exits 1")
    func nothing() throws {
        let noActuals = try CLI.temp(
            "n.json",
            #"{"format":"goal-tables/1","tables":[{"kind":"project","indicators":[{"level1":"产出指标","level2":"数量指标","name":"人数","type":"≥","value":"10","unit":"人","weight":10}]}]}"#
        )
        let r = try CLI.run(["score", noActuals])
        #expect(r.status == 1)
        #expect(r.err.contains("未填写实际完成值"))
        let broken = try CLI.temp("b.json", "{ not json")
        let b = try CLI.run(["score", broken])
        #expect(b.status == 1)
        #expect(b.err.contains("错误："))
        let empty = try CLI.temp("e.json", #"{"format":"goal-tables/1","tables":[]}"#)
        #expect(try CLI.run(["score", empty]).status == 1)
    }
}
