import Foundation
import TestSupport
import Testing

/// `--profile` is read one way by every command: a built-in name, else a JSON file; anything else is the
/// same usage error (exit 2) naming the built-in profiles of that command.
@Suite struct ProfileArgumentTests {
    @Test func checkScoreAndMonitorRefuseAnUnknownProfileTheSameWay() throws {
        let table = try JixiaoCLI.temp("t.txt", Data("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n".utf8))
        for command in ["check", "score", "monitor"] {
            let r = try JixiaoCLI.run([command, table, "--profile", "no-such-profile"])
            #expect(r.status == 2, "\(command)")
            #expect(r.err.contains("规则配置“no-such-profile”既不是内置配置"), "\(command): \(r.err)")
        }
        // a built-in check profile is accepted by check and score alike
        #expect(try JixiaoCLI.run(["check", table, "--profile", "current"]).status != 2)
        #expect(try JixiaoCLI.run(["score", table, "--profile", "current"]).status != 2)
        // a file that is not a profile names the file
        let bad = try JixiaoCLI.temp("p.json", Data("{\"name\": 3}".utf8))
        let r = try JixiaoCLI.run(["check", table, "--profile", bad])
        #expect(r.status == 2 && r.err.contains("规则配置文件“\(bad)”无法读取"))
    }
}

/// `jixiao check --submission`: whether each table could be submitted, by the server's own rule
/// (GoalWorkflow): errors refuse it, warnings need `--acknowledge-warnings`.
@Suite struct CheckSubmissionTests {
    @Test func theSameRuleAsTheServerDecides() throws {
        let seeds = SharedFiles.files(in: SharedFiles.seeds, ending: ".txt")
        let path = try #require(seeds.first).path
        let plain = try JixiaoCLI.run(["check", path, "--submission"])
        let acknowledged = try JixiaoCLI.run(["check", path, "--submission", "--acknowledge-warnings"])
        // every table gets one line saying whether it can be submitted
        #expect(plain.err.contains("第1张表"))
        #expect(plain.err.contains("可以提交审核") || plain.err.contains("不能提交"))
        // acknowledging warnings can only make more tables submittable, never fewer
        #expect(acknowledged.err.components(separatedBy: "可以提交审核").count >= plain.err.components(separatedBy: "可以提交审核").count)
        // a table with errors (no 年度, no 预算单位 …) is refused, naming them, and the exit code says so
        let broken = try JixiaoCLI.temp("broken.txt", Data("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n".utf8))
        let r = try JixiaoCLI.run(["check", broken, "--submission", "--acknowledge-warnings"])
        #expect(r.status == 1)
        #expect(r.err.contains("不能提交：检查发现"))
    }
}
