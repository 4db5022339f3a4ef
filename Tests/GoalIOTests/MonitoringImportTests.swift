import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// The real filled 项目支出绩效目标执行监控表: `../shared/realfiles/doexecl-2019-pku-zuqiu-template.xls`,
/// from 1751660300/DoExecl `static/template.xls` (commit 067f94fd5d9718d45a68e2eaa5631853e0147718),
/// sheet 项目支出绩效目标执行监控 (see realfiles/SOURCES.md).
@Suite("导入执行监控表", .serialized)
struct MonitoringImportTests {
    static let realFile = SharedFiles.shared.appendingPathComponent("realfiles/doexecl-2019-pku-zuqiu-template.xls")

    /// The 14 rows as printed: 三级指标, 年度指标值 as the form prints it back (≥0, =1 …).
    static let rows: [(String, String, String, String)] = [
        ("产出指标", "成本指标", "成本节约率", "≥0"), ("产出指标", "成本指标", "成本控制率", "=1"),
        ("产出指标", "时效指标", "项目完成及时率", "≥90%"), ("产出指标", "数量指标", "媒体播出", "=5次"),
        ("产出指标", "数量指标", "完成出版物出版", "=10套"), ("产出指标", "数量指标", "完成动画短剧的制作", "=20集"),
        ("产出指标", "质量指标", "媒体播出标准", "优秀"), ("产出指标", "质量指标", "音像出版标准", "优秀"),
        ("效益指标", "可持续影响指标", "在校园普及足球运动技术", "作用明显"), ("效益指标", "可持续影响指标", "中国足球运动打好基础", "作用明显"),
        ("效益指标", "社会效益指标", "提高校园青少年足球水平", "显著提高"), ("效益指标", "社会效益指标", "在校园推广足球运动", "推广面广"),
        ("满意度指标", "校园用户满意度", "媒体播出满意度", "很满意"), ("满意度指标", "校园用户满意度", "校园用户满意度", "很满意"),
    ]

    /// What every reading of the real form must give, whatever the file format.
    static func expectRealContent(_ result: MonitoringImportResult, _ context: String) throws {
        try #require(result.tables.count == 1, "\(context): \(result.tables.count) tables")
        let t = result.tables[0]
        #expect(t.table.year == 2019, "\(context)")
        #expect(t.table.project?.name == "2019年210青少年校园足球扶持资金", "\(context)")
        #expect(t.table.unit == "北京大学", "\(context)")
        #expect(t.table.goal == "完成校园足球运动技术动画20集的设计制作与播出", "\(context)")
        #expect(t.entry.period == 7, "\(context)")
        // the budget block: four lines, 190 万元 of 财政拨款, nothing spent by July
        #expect(t.entry.budget.map(\.item) == [.total, .fiscal, .carriedOver, .other], "\(context)")
        #expect(
            t.entry.totalBudget?.initial == 190 && t.entry.totalBudget?.spent == 0 && t.entry.totalBudget?.expected == 0,
            "\(context)")
        #expect(t.entry.budget[1].initial == 190 && t.entry.budget[2].initial == 0, "\(context)")
        // every indicator row, as printed
        try #require(t.table.indicators.count == rows.count, "\(context): \(t.table.indicators.map(\.name))")
        for (indicator, row) in zip(t.table.indicators, rows) {
            #expect(
                [indicator.level1, indicator.level2, indicator.name, indicator.targetText] == [row.0, row.1, row.2, row.3],
                "\(context) \(indicator)")
        }
        // the values, kept as written: "一般" in 1-7月执行数, "100%" in 全年预计执行数, 确定能 ticked
        for (indicator, p) in zip(t.table.indicators, t.entry.indicators) {
            #expect(p.id == indicator.id, "\(context)")
            #expect(p.completed == "一般" && p.expected == "100%", "\(context) \(indicator.name)")
            #expect(p.likelihood == .certain, "\(context) \(indicator.name)")
            #expect(p.causes.isEmpty, "\(context) \(indicator.name)")
            #expect(p.causeText?.contains("5集样片") == true, "\(context) \(indicator.name)")
            #expect(p.note == "前半年设计后半年开发审核出版。", "\(context) \(indicator.name)")
        }
        #expect(t.entry.indicators[4].causeText == "现在已经制作5集样片，下半年会集中出版。", "\(context)")
    }

    @Test("the real .xls: header, budget block, 14 indicator rows with their values, ticks and notes; nothing invented")
    func realXLS() throws {
        let result = try MonitoringReader.read(contentsOf: Self.realFile)
        try Self.expectRealContent(result, "xls")
        // every odd cell reported with its cell: 一般 in F22…F35, and 100% where a count is expected (G25: 5次)
        let sheet = "项目支出绩效目标执行监控"
        for r in 22...35 {
            #expect(
                result.notes.contains {
                    $0.location.sheet == sheet && $0.location.cell == "F\(r)" && $0.message.contains("“一般”")
                },
                "F\(r): \(result.notes.map(\.message))")
        }
        let g25 = result.notes.first { $0.location.cell == "G25" }
        #expect(g25?.message.contains("百分数“100%”") == true && g25?.message.contains("“次”") == true, "\(g25?.message ?? "none")")
        // the bare figure 1 (成本控制率) is read as =1 and said so
        #expect(result.notes.contains { $0.location.cell == "E23" && $0.rawCode == "monitoring-target-without-operator" })
        // ✔ is a tick and raises nothing; no note about columns H–P
        #expect(
            !result.notes.contains {
                ["H", "I", "J", "K", "L", "N", "O", "P"].contains(String($0.location.cell?.prefix(1) ?? ""))
            })
    }

    @Test(
        "the goal importer (jixiao convert, 导入) takes the monitoring sheet's goals as printed: no heading row as an indicator, 优秀 stays 优秀"
    )
    func goalsOfTheForm() throws {
        let result = try DocumentReader.read(contentsOf: Self.realFile)
        let form = try #require(result.tables.first { $0.year == 2019 && !$0.indicators.isEmpty })
        #expect(form.indicators.map(\.targetText) == Self.rows.map(\.3))
        #expect(!result.tables.flatMap(\.indicators).contains { $0.name == "人员保障" || $0.level1 == "经费保障" })
        #expect(form.indicators.allSatisfy { $0.id == nil })
        #expect(result.notes.contains { $0.code == .monitoringFormGoalsOnly(sheet: "项目支出绩效目标执行监控") })
        // the monitoring values are not goals: no note about 一般 in a goal import
        #expect(!result.notes.contains { $0.message.contains("“一般”") })
    }

    @Test(
        "the same form saved as .xlsx by LibreOffice reads the same (skipped without soffice)",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-calc)"))
    func realAsXLSX() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xlsx = try ExternalTools.soffice(convert: Self.realFile, to: "xlsx", in: directory)
        let result = try MonitoringReader.read(contentsOf: xlsx)
        try Self.expectRealContent(result, "xlsx")
        let xls = try MonitoringReader.read(contentsOf: Self.realFile)
        #expect(result.notes.map(\.code) == xls.notes.map(\.code))
    }

    @Test("the real form's lights: 0 of 190 万元 by July is 红; every 一般 is 无法判断 with its reason; no 偏差原因 is required (确定能)")
    func realLights() throws {
        let t = try MonitoringReader.read(contentsOf: Self.realFile).tables[0]
        let lights = Monitor().lights(table: t.table, entry: t.entry)
        #expect(lights.budget.light == .red)
        #expect(lights.indicators.allSatisfy { $0.light == .undetermined && $0.unreadable?.contains("一般") == true })
        #expect(lights.light == .red)
        #expect(lights.reasonsMissing.isEmpty)
    }

    @Test("pasted text (tab-separated, as copied from Excel) and Markdown pipes read like the sheet")
    func pastedText() throws {
        let text = """
            项目支出绩效目标执行监控表
            （2026年度）
            项目名称\t\t\t乡村学校少年宫
            主管部门及代码\t\t\t[201]教育局\t\t\t实施单位\t某县第一小学
            项目资金（万元）\t\t\t\t年初预算数\t全年预算数\t1-6月执行数\t1-6月执行率\t全年预计执行数
            \t\t\t年度资金总额：\t100\t120\t30\t25%\t118
            年度总体目标\t建成少年宫3所
            \t一级指标\t二级指标\t三级指标\t年度指标值\t1-6月执行数\t全年预计执行数\t偏差原因分析\t\t\t\t\t\t完成目标可能性\t\t\t纠偏措施\t备注
            \t\t\t\t\t\t\t经费保障\t制度保障\t人员保障\t硬件条件保障\t其他\t原因说明\t确定能\t有可能\t完全不可能\t\t
            \t产出指标\t数量指标\t建成少年宫\t≥3所\t1\t3\t✔\t\t\t\t\t资金下半年到位\t\t✔\t\t加快拨付\t
            \t效益指标\t社会效益指标\t学生参与率\t≥90%\t92%\t95%\t\t\t\t\t\t\t✔\t\t\t\t
            \t满意度指标\t满意度指标\t家长满意度\t≥85%\t好\t90%\t\t\t\tx\t\t\t✔\t✔\t\t\t
            """
        let result = try MonitoringReader.read(data: Data(text.utf8), name: "")
        let t = try #require(result.tables.first)
        #expect(t.entry.period == 6)
        #expect(t.entry.totalBudget?.adjusted == 120 && t.entry.totalBudget?.spent == 30)
        #expect(t.table.indicators.map(\.name) == ["建成少年宫", "学生参与率", "家长满意度"])
        #expect(t.entry.indicators[0].causes == [.funding] && t.entry.indicators[0].likelihood == .possible)
        #expect(t.entry.indicators[0].correction == "加快拨付")
        #expect(t.entry.indicators[1].completed == "92%")
        // 好 is not a number; x is not a tick; two 完成可能性 ticked are not chosen between
        #expect(t.entry.indicators[2].completed == "好" && t.entry.indicators[2].likelihood == nil)
        #expect(
            result.notes.contains {
                if case .monitoringValueNotNumber(_, _, "好") = $0.code { $0.location.line == 12 } else { false }
            })
        #expect(result.notes.contains { if case .notATick(_, "x") = $0.code { true } else { false } })
        #expect(result.notes.contains { if case .likelihoodTickedSeveral(_, ["确定能", "有可能"]) = $0.code { true } else { false } })
        // the printed 25 % agrees with 30 ÷ 120: no note about it
        #expect(!result.notes.has("execution-rate-recomputed"))
        let pipes = text.split(separator: "\n").map { "| " + $0.replacingOccurrences(of: "\t", with: " | ") + " |" }.joined(
            separator: "\n")
        let fromPipes = try MonitoringReader.read(data: Data(pipes.utf8), name: "a.md")
        #expect(fromPipes.tables.first?.entry.indicators.map(\.completed) == t.entry.indicators.map(\.completed))
    }

    @Test(
        "a .docx form (an HTML table saved as Word by LibreOffice, merged headings and all) reads like the sheet (skipped without soffice)",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-writer)"))
    func docx() throws {
        let html = """
            <html><head><meta charset="utf-8"></head><body>
            <p>项目支出绩效目标执行监控表</p><p>（2026年度）</p>
            <table border="1">
            <tr><td colspan="3">项目名称</td><td colspan="14">乡村学校少年宫</td></tr>
            <tr><td colspan="3">主管部门及代码</td><td colspan="4">[201]教育局</td><td>实施单位</td><td colspan="9">某县第一小学</td></tr>
            <tr><td colspan="3" rowspan="2">项目资金（万元）</td><td colspan="4"></td><td colspan="2">年初预算数</td><td colspan="2">1-7月执行数</td><td colspan="2">1-7月执行率</td><td colspan="4">全年预计执行数</td></tr>
            <tr><td colspan="4">年度资金总额：</td><td colspan="2">80</td><td colspan="2">40</td><td colspan="2">50.00%</td><td colspan="4">80</td></tr>
            <tr><td rowspan="2"></td><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td rowspan="2">年度指标值</td><td rowspan="2">1-7月执行数</td><td rowspan="2">全年预计执行数</td><td colspan="6">偏差原因分析</td><td colspan="3">完成目标可能性</td><td rowspan="2">备注</td></tr>
            <tr><td>经费保障</td><td>制度保障</td><td>人员保障</td><td>硬件条件保障</td><td>其他</td><td>原因说明</td><td>确定能</td><td>有可能</td><td>完全不可能</td></tr>
            <tr><td></td><td>产出指标</td><td>数量指标</td><td>建成少年宫</td><td>≥3所</td><td>1</td><td>3</td><td></td><td>✔</td><td></td><td></td><td></td><td>审批延后</td><td></td><td>✔</td><td></td><td></td></tr>
            <tr><td></td><td>满意度指标</td><td>满意度指标</td><td>家长满意度</td><td>≥85%</td><td>一般</td><td>90%</td><td></td><td></td><td></td><td></td><td></td><td></td><td>✔</td><td></td><td></td><td>问卷未发</td></tr>
            </table></body></html>
            """
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("form.html")
        try html.write(to: source, atomically: true, encoding: .utf8)
        let docx = try ExternalTools.soffice(convert: source, to: "docx:MS Word 2007 XML", in: directory)
        let result = try MonitoringReader.read(contentsOf: docx)
        let t = try #require(result.tables.first)
        #expect(t.table.project?.name == "乡村学校少年宫" && t.table.unit == "某县第一小学" && t.table.year == 2026)
        #expect(t.entry.period == 7 && t.entry.totalBudget?.initial == 80 && t.entry.totalBudget?.spent == 40)
        #expect(t.table.indicators.map(\.name) == ["建成少年宫", "家长满意度"])
        #expect(t.entry.indicators[0].causes == [.rules] && t.entry.indicators[0].likelihood == .possible)
        #expect(t.entry.indicators[0].causeText == "审批延后")
        #expect(t.entry.indicators[1].completed == "一般" && t.entry.indicators[1].note == "问卷未发")
        #expect(
            result.notes.contains { $0.message.contains("“一般”不是数字") && $0.message.contains("Word 文档中为第1个表格第8行") },
            "\(result.notes.map(\.message))")
    }

    @Test("the department form (部门整体): 基本支出 / 项目支出 lines and its three text fields")
    func departmentForm() throws {
        let text = """
            部门整体绩效运行监控表
            （2026年度）
            部门（单位）名称\t某县卫生健康局
            部门资金（万元）\t年初预算数\t1-9月执行数\t1-9月执行率\t全年预计执行数
            年度资金总额\t1000\t700\t70%\t990
            基本支出\t600\t450\t75%\t600
            项目支出\t400\t250\t60%\t390
            年度履职目标\t保障基本公共卫生服务
            一级指标\t二级指标\t三级指标\t年度指标值\t1-9月完成值\t全年预计完成值\t经费保障\t制度保障\t人员保障\t硬件条件保障\t其他\t原因说明\t确定能\t有可能\t完全不可能\t纠偏措施\t备注
            产出指标\t数量指标\t家庭医生签约人数\t≥12000人\t8000\t12500\t\t\t\t\t\t\t✔\t\t\t\t
            绩效目标执行出现的偏差\t无
            存在的问题\t村医不足
            纠偏整改措施\t招聘村医
            """
        let t = try #require(try MonitoringReader.read(data: Data(text.utf8)).tables.first)
        #expect(t.table.kind == .department && t.table.unit == "某县卫生健康局" && t.table.goal == "保障基本公共卫生服务")
        #expect(t.entry.period == 9)
        #expect(t.entry.budget.map(\.item) == [.total, .basic, .project])
        #expect(t.entry.budget[1].spent == 450)
        #expect(t.entry.indicators.first?.completed == "8000")
        // the text fields printed under the grid (one row each) are read, not taken for indicators
        #expect(t.table.indicators.count == 1)
        #expect(t.entry.deviationSummary == "无" && t.entry.problems == "村医不足" && t.entry.measures == "招聘村医")
        // 8,000 of 12,000 by September: 8000 ÷ 9000 = 88.9 % → 绿; spending 70 % of 75 % = 93.3 % → 绿
        let lights = Monitor(profile: .hefei).lights(table: t.table, entry: t.entry)
        #expect(lights.light == .green, "\(lights.explanation)")
        // written as the department form and read back: the same lines and texts
        let back = try #require(try MonitoringReader.read(data: MonitoringFormXLSX.data([t]), name: "d.xlsx").tables.first)
        #expect(back.table.kind == .department && back.table.unit == "某县卫生健康局")
        #expect(back.entry.budget == t.entry.budget && back.entry.problems == "村医不足" && back.entry.measures == "招聘村医")
    }

    @Test("a file with no monitoring form is refused with what is needed")
    func notAForm() {
        #expect(throws: ImportError.self) { try MonitoringReader.read(data: Data("一级指标\t二级指标\t三级指标\t指标值".utf8)) }
    }

    @Test("interchange JSON with monitoring values reads back what was written, ids and all")
    func json() throws {
        let t = try MonitoringReader.read(contentsOf: Self.realFile).tables[0]
        var edited = t
        edited.entry.indicators[0].causes = [.funding, .other]
        edited.entry.indicators[0].likelihood = .impossible
        let data = MonitoringJSON.data([edited])
        let back = try MonitoringReader.read(data: data, name: "m.json")
        #expect(back.tables == [edited])
        // it is still a goal-tables/1 document: the goal-table reader takes it, ignoring monitoring
        #expect(try DocumentReader.read(data: data, name: "m.json").tables == [edited.table])
    }
}
