import Foundation
import Testing
import TestSupport

/// `jixiao monitor`, run as a user runs it.
@Suite("jixiao monitor 命令")
struct MonitorCLITests {
    /// The real filled form: `../shared/realfiles/doexecl-2019-pku-zuqiu-template.xls`, from 1751660300/DoExecl
    /// `static/template.xls` (commit 067f94fd5d9718d45a68e2eaa5631853e0147718), see realfiles/SOURCES.md.
    let realFile = SharedFiles.shared.appendingPathComponent("realfiles/doexecl-2019-pku-zuqiu-template.xls").path

    /// A project table in interchange JSON with monitoring values for 1-`period`月: 培训人数 (≥1,200 人),
    /// 验收合格率 (≥95 %, 质量), 培训满意度 (≥90 %); budget 120 万元.
    static func document(
        period: Int = 7, trainees: String = "100", causes: String = "[]", causeText: String = "null", spent: Double = 70
    ) -> String {
        """
        {"format": "goal-tables/1", "tables": [{"kind": "project", "title": "项目支出绩效目标表", "year": 2026, "unit": "某县教育局",
          "project": {"name": "教师培训"}, "goal": "培训教师1200人",
          "indicators": [
            {"id": "t1", "level1": "产出指标", "level2": "数量指标", "name": "培训人数", "type": "≥", "value": "1200", "unit": "人"},
            {"id": "t2", "level1": "产出指标", "level2": "质量指标", "name": "验收合格率", "type": "≥", "value": "95", "unit": "%"},
            {"id": "t3", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "培训满意度", "type": "≥", "value": "90", "unit": "%"}],
          "monitoring": {"period": \(period),
            "budget": [{"item": "年度资金总额", "initial": 120, "spent": \(spent)}],
            "indicators": [
              {"id": "t1", "completed": "\(trainees)", "likelihood": "有可能", "causes": \(causes), "causeText": \(causeText)},
              {"id": "t2", "completed": "94", "likelihood": "确定能"},
              {"id": "t3", "completed": "92%", "likelihood": "确定能"}]}}]}
        """
    }

    @Test(
        "the real .xls: the budget's 红 with its arithmetic, every 一般 无法判断 with why, odd cells on stderr; no 红 lacks a reason → exit 0"
    )
    func realForm() throws {
        let r = try JixiaoCLI.run(["monitor", realFile, "--period", "7"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("预算执行：红  执行率 0%（1-7月执行数 0 ÷ 年初预算数 190）÷ 序时进度 58.33%（7/12）= 0.0% → 红"), "\(r.out)")
        #expect(r.out.contains("第4行 媒体播出：无法判断  1-7月完成值“一般”不是数字"))
        #expect(r.out.contains("单位预警：北京大学  红"))
        #expect(r.err.contains("项目支出绩效目标执行监控!G25") && r.err.contains("百分数“100%”"))
    }

    @Test(
        "json answers tables → name, light, budget {rate, light, explanation}, indicators {id, name, light, ratio, explanation, reasonRequired, reasonMissing}"
    )
    func jsonShape() throws {
        let r = try JixiaoCLI.run(["monitor", realFile, "--format", "json"])
        #expect(r.status == 0)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let table = try #require((obj["tables"] as? [[String: Any]])?.first)
        #expect(table["name"] as? String == "2019年210青少年校园足球扶持资金")
        #expect(table["light"] as? String == "红")
        let budget = try #require(table["budget"] as? [String: Any])
        #expect((budget["rate"] as? NSNumber)?.doubleValue == 0 && budget["light"] as? String == "红")
        #expect((budget["explanation"] as? String)?.contains("序时进度") == true)
        let indicators = try #require(table["indicators"] as? [[String: Any]])
        #expect(indicators.count == 14)
        for i in indicators {
            #expect(
                Set(i.keys).isSuperset(of: ["id", "name", "light", "ratio", "explanation", "reasonRequired", "reasonMissing"]))
            #expect(i["light"] as? String == "无法判断" && (i["unreadable"] as? String)?.contains("一般") == true)
            #expect(i["ratio"] is NSNull && (i["id"] as? String)?.isEmpty == false)
        }
    }

    @Test("a 红 without its 偏差原因 exits 1 and is named; with a category and 原因说明 it exits 0")
    func redWithoutReason() throws {
        let missing = try JixiaoCLI.run(["monitor", JixiaoCLI.temp("m.json", Data(Self.document().utf8))])
        #expect(missing.status == 1)
        // 100 of 1,200 by July: 100 ÷ 700 = 14.3 % → 红
        #expect(missing.out.contains("第1行 培训人数：红  1-7月完成值 100 ÷ (1,200 × 7/12) = 14.3% → 红"), "\(missing.out)")
        #expect(missing.out.contains("第1张表 第1行“培训人数”（红灯，完成目标可能性“有可能”）：未勾选偏差原因类别、未填原因说明"), "\(missing.out)")
        let given = try JixiaoCLI.run([
            "monitor", JixiaoCLI.temp("m.json", Data(Self.document(causes: #"["经费保障"]"#, causeText: #""培训经费9月到位""#).utf8)),
        ])
        #expect(given.status == 0, "\(given.out)")
        #expect(given.out.contains("偏差原因：无缺漏。"))
        let json = try JixiaoCLI.run(["monitor", JixiaoCLI.temp("m.json", Data(Self.document().utf8)), "--format", "json"])
        #expect(json.status == 1)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let first = try #require(((obj["tables"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]])?.first)
        #expect(first["reasonRequired"] as? Bool == true && first["reasonMissing"] as? Bool == true)
        #expect(abs(((first["ratio"] as? NSNumber)?.doubleValue ?? 0) - 14.285714) < 0.001)
    }

    @Test("--period overrides the form's period and says so; rates are not prorated, counts are")
    func periodOverride() throws {
        let path = try JixiaoCLI.temp(
            "m.json", Data(Self.document(period: 6, trainees: "700", causes: #"["其他"]"#, causeText: #""说明""#).utf8))
        let r = try JixiaoCLI.run(["monitor", path, "--period", "7"])
        #expect(r.err.contains("第1张表的栏目为1-6月，按 --period 7 计算"))
        #expect(r.out.contains("700 ÷ (1,200 × 7/12) = 100.0% → 绿"), "\(r.out)")
        #expect(r.out.contains("第3行 培训满意度：绿  1-7月完成值 92% ÷ 90% = 102.2% → 绿") && r.out.contains("不按月份折算"), "\(r.out)")
    }

    @Test("--profile shanxi judges a 质量 indicator within its target or not: 94 % of ≥95 % is 红 there, 绿 by default")
    func profiles() throws {
        let path = try JixiaoCLI.temp(
            "m.json", Data(Self.document(trainees: "700", causes: #"["其他"]"#, causeText: #""说明""#).utf8))
        let standard = try JixiaoCLI.run(["monitor", path])
        #expect(standard.out.contains("第2行 验收合格率：绿"), "\(standard.out)")
        let shanxi = try JixiaoCLI.run(["monitor", path, "--profile", "shanxi"])
        #expect(shanxi.out.contains("第2行 验收合格率：红  质量指标只看是否达到指标值"), "\(shanxi.out)")
        #expect(shanxi.status == 1) // that 红 has no reason
        let sichuan = try JixiaoCLI.run(["monitor", path, "--profile", "sichuan"])
        #expect(sichuan.out.contains("6月底节点 40%"), "\(sichuan.out)")
    }

    @Test("usage errors exit 2 in Chinese: unknown profile, bad format, bad month, no file")
    func usage() throws {
        let path = try JixiaoCLI.temp("m.json", Data(Self.document().utf8))
        let profile = try JixiaoCLI.run(["monitor", path, "--profile", "nowhere"])
        #expect(profile.status == 2 && profile.err.contains("既不是内置配置（default、shanxi、sichuan"))
        #expect(try JixiaoCLI.run(["monitor", path, "--format", "xml"]).status == 2)
        #expect(try JixiaoCLI.run(["monitor", path, "--period", "13"]).status == 2)
        #expect(try JixiaoCLI.run(["monitor"]).status == 2)
        let notForm = try JixiaoCLI.run(["monitor", JixiaoCLI.temp("a.txt", Data("一级指标\t二级指标".utf8))])
        #expect(notForm.status == 1 && notForm.err.contains("没有找到执行监控表"))
    }
}
