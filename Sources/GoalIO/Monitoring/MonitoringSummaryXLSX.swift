import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML

/// One line of a 监控汇总表: a unit's table and its entry for the round, and what the round knows
/// about it (逾期 / 退回), which the domain does not.
public struct MonitoringSummaryLine: Sendable {
    /// The unit (预算单位) the entry belongs to.
    public var unit: String
    public var table: MonitoredTable
    /// 已提交 / 逾期 / 退回 …, as the round states it; empty when not given.
    public var status: String

    public init(unit: String, table: MonitoredTable, status: String = "") {
        self.unit = unit; self.table = table; self.status = status
    }
}

/// Writes the 监控汇总表 of a round (.xlsx): per unit and table, 执行率, the budget and table lights,
/// the unit's light, counts of 红 / 黄 / 绿 / 蓝 / 无法判断 indicators and of each 完成目标可能性,
/// the rows lacking a 偏差原因, and the entry's status. Lines are grouped by unit, in the given order.
public enum MonitoringSummaryXLSX {
    public static let headings = [
        "序号", "单位", "单位预警", "项目（目标表）", "监控期间", "全年预算数（万元）", "执行数（万元）", "执行率",
        "预算执行预警", "表预警", "红", "黄", "绿", "蓝", "无法判断", "确定能", "有可能", "完全不可能",
        "缺偏差原因", "状态",
    ]

    public static func data(_ lines: [MonitoringSummaryLine], title: String, profile: MonitoringProfile = .standard)
        throws(ImportError) -> Data
    {
        let monitor = Monitor(profile: profile)
        var units: [String] = []
        var byUnit: [String: [(MonitoringSummaryLine, TableLights)]] = [:]
        for line in lines {
            if byUnit[line.unit] == nil { units.append(line.unit) }
            byUnit[line.unit, default: []].append((line, monitor.lights(table: line.table.table, entry: line.table.entry)))
        }
        do {
            var writer = XLSXWriter()
            let label = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10, bold: true), border: .thin,
                    horizontalAlignment: .center, verticalAlignment: .center, wrapText: true))
            let text = writer.addStyle(
                CellStyle(font: FontStyle(name: "宋体", size: 10), border: .thin, verticalAlignment: .center, wrapText: true))
            let money = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10), border: .thin, horizontalAlignment: .right,
                    verticalAlignment: .center, numberFormat: "0.00"))
            let percent = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10), border: .thin, horizontalAlignment: .right,
                    verticalAlignment: .center, numberFormat: "0.00%"))
            let count = writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "宋体", size: 10), border: .thin, horizontalAlignment: .center, verticalAlignment: .center
                ))
            var lightStyles: [Light: StyleID] = [:]
            for (light, fill) in [
                (Light.red, "F4B6B6"), (.yellow, "FFE699"), (.green, "C6E0B4"), (.blue, "BDD7EE"), (.undetermined, "D9D9D9"),
            ] {
                lightStyles[light] = writer.addStyle(
                    CellStyle(
                        font: FontStyle(name: "宋体", size: 10, bold: true), fillColor: fill, border: .thin,
                        horizontalAlignment: .center, verticalAlignment: .center))
            }
            var w = WorksheetDraft(name: "监控汇总表")
            let width = headings.count
            w.merge(
                CellRange(rows: 1...1, columns: 1...width), value: .string(title),
                style: writer.addStyle(
                    CellStyle(
                        font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center,
                        verticalAlignment: .center)))
            for (c, h) in headings.enumerated() { w.set(h, row: 2, column: c + 1, style: label) }
            var r = 3
            var serial = 0
            for unit in units {
                let entries = byUnit[unit] ?? []
                let unitLight = monitor.unitLights(entries.map(\.1)).light
                let firstRow = r
                for (line, lights) in entries {
                    serial += 1
                    let total = line.table.entry.totalBudget
                    w.set(Double(serial), row: r, column: 1, style: count)
                    w.set(unit, row: r, column: 2, style: text)
                    w.set(unitLight.rawValue, row: r, column: 3, style: lightStyles[unitLight]!)
                    w.set(lights.name, row: r, column: 4, style: text)
                    w.set(line.table.entry.periodLabel, row: r, column: 5, style: count)
                    w.set(total?.base.map { CellValue.number($0) } ?? .empty, row: r, column: 6, style: money)
                    w.set(total?.spent.map { CellValue.number($0) } ?? .empty, row: r, column: 7, style: money)
                    w.set(lights.budget.rate.map { CellValue.number($0 / 100) } ?? .empty, row: r, column: 8, style: percent)
                    w.set(lights.budget.light.rawValue, row: r, column: 9, style: lightStyles[lights.budget.light]!)
                    w.set(lights.light.rawValue, row: r, column: 10, style: lightStyles[lights.light]!)
                    for (k, l) in [Light.red, .yellow, .green, .blue, .undetermined].enumerated() {
                        w.set(Double(lights.count(l)), row: r, column: 11 + k, style: count)
                    }
                    for (k, l) in Likelihood.allCases.enumerated() {
                        w.set(Double(lights.count(l)), row: r, column: 16 + k, style: count)
                    }
                    let missing = lights.reasonsMissing.map { "第\($0.row + 1)行\($0.name)" }.joined(separator: "、")
                    w.set(missing, row: r, column: 19, style: text)
                    w.set(line.status, row: r, column: 20, style: text)
                    r += 1
                }
                // the unit's name and light once for its block, as finance reads it
                if r - firstRow > 1 {
                    w.merge(CellRange(rows: firstRow...(r - 1), columns: 2...2), value: .string(unit), style: text)
                    w.merge(
                        CellRange(rows: firstRow...(r - 1), columns: 3...3), value: .string(unitLight.rawValue),
                        style: lightStyles[unitLight]!)
                }
            }
            w.columnWidths = [1: 5, 2: 18, 3: 8, 4: 28, 5: 9, 6: 11, 7: 11, 8: 9, 9: 9, 10: 8, 19: 24, 20: 10]
            for c in 11...18 { w.columnWidths[c] = 6 }
            w.rowHeights[1] = 30
            w.rowHeights[2] = 30
            w.frozenRows = 2
            w.pageSetup = .a4LandscapeFitToWidth
            w.printTitleRows = 2...2
            try writer.addSheet(w)
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成监控汇总表：\(error)")
        }
    }
}
