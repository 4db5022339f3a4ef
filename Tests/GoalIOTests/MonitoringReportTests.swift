import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML
import Testing
import TestSupport
@testable import GoalIO

/// The 绩效运行监控报告: the outline filled from the filled 执行监控表 and its lights.
@Suite("绩效运行监控报告（.docx）", .serialized)
struct MonitoringReportTests {
    static func report() -> MonitoringReport {
        let t = MonitoringExportTests.sample()
        return MonitoringReport(t, lights: Monitor(profile: .standard).lights(table: t.table, entry: t.entry))
    }

    @Test("headings in order; the budget line with its 执行率; each indicator with 执行数, 预计, 可能性 and light; causes and measures")
    func outline() throws {
        let report = Self.report()
        let doc = try DocxReader().read(data: try report.data())
        let text = doc.blocks.compactMap { if case .paragraph(let p) = $0 { return p } else { return nil } }
        #expect(text.first == report.title && report.title.contains("1-7月"))
        let headings = ["一、基本情况", "二、预算执行情况", "三、绩效目标完成情况", "四、偏差及原因", "五、纠偏措施"]
        let at = headings.compactMap { text.firstIndex(of: $0) }
        #expect(at.count == 5 && at == at.sorted())
        // 30 of 120 spent by July
        #expect(text.contains { $0.hasPrefix("年度资金总额") && $0.contains("执行数30.00万元，执行率25.00%") })
        let light = try #require(report.lights.indicators.first { $0.row == 0 }).light.rawValue
        #expect(text.contains("1. 建成少年宫：年度指标值≥3所，1-7月执行数1，全年预计3，完成目标可能性：有可能，\(light)灯。"))
        #expect(text[at[3]..<at[4]].contains { $0.hasPrefix("建成少年宫") && $0.contains("原因类别：经费保障、硬件条件保障；原因说明：资金下半年到位") })
        #expect(text[at[4]...].contains("建成少年宫：加快拨付"))
        let grid = try #require(doc.tables.first).grid()
        #expect(grid.count == 4 && grid[1][1] == "建成少年宫" && grid[1][6] == light)
    }

    @Test(
        "LibreOffice prints it to PDF with its outline and the 附表",
        .enabled(if: ExternalTools.hasSoffice, "needs LibreOffice (apt-get install libreoffice-writer)"))
    func libreOfficePrints() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("monitoring.docx")
        try Self.report().data().write(to: file)
        let pdf = try ExternalTools.soffice(convert: file, to: "pdf", in: directory)
        ExternalTools.keepRender(pdf, as: "监控报告.pdf")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        let text = try ExternalTools.run(["/usr/bin/pdftotext", pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        for words in ["绩效运行监控报告", "二、预算执行情况", "五、纠偏措施", "附表", "建成少年宫"] { #expect(text.contains(words), "\(words)") }
    }
}
