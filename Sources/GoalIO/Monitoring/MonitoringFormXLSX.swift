import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML

/// Writes the official 项目支出绩效目标执行监控表 (.xlsx) as `MonitoringFormLayout` lays it out: one
/// sheet per table, A4 landscape, the grid's two heading rows printed on every page. The file reads
/// back through `MonitoringReader` to the same values.
public enum MonitoringFormXLSX {
    /// `department` is 主管部门及代码, which a goal table does not hold.
    public static func data(_ tables: [MonitoredTable], department: String? = nil) throws(ImportError) -> Data {
        do {
            var writer = XLSXWriter()
            let styles = styleIDs(&writer)
            var used = Set<String>()
            for t in tables {
                var name = String(Monitor.name(of: t.table).filter { !"[]:*?/\\".contains($0) }.prefix(28))
                if name.isEmpty { name = "执行监控表" }
                var unique = name
                var n = 2
                while !used.insert(unique).inserted { unique = "\(name)(\(n))"; n += 1 }
                try writer.addSheet(sheet(MonitoringFormLayout(t, department: department), name: unique, styles: styles))
            }
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成执行监控表：\(error)")
        }
    }

    static func sheet(_ layout: MonitoringFormLayout, name: String, styles: [MonitoringFormLayout.Role: StyleID])
        -> WorksheetDraft
    {
        var w = WorksheetDraft(name: name)
        for b in layout.blocks {
            let value: CellValue
            switch b.content {
            case .empty: value = .empty
            case .text(let s): value = .string(s)
            case .number(let x), .money(let x), .percent(let x): value = .number(x)
            }
            let style = styles[b.role] ?? .default
            if b.rows.count > 1 || b.columns.count > 1 {
                w.merge(CellRange(rows: b.rows, columns: b.columns), value: value, style: style)
            } else {
                w.set(value, row: b.rows.lowerBound, column: b.columns.lowerBound, style: style)
            }
        }
        w.columnWidths = MonitoringFormLayout.widths
        w.rowHeights[2] = 30
        w.pageSetup = .a4LandscapeFitToWidth
        w.printTitleRows = layout.headingRow...(layout.headingRow + 1)
        return w
    }

    static func styleIDs(_ w: inout XLSXWriter) -> [MonitoringFormLayout.Role: StyleID] {
        func bordered(_ h: HorizontalAlignment, bold: Bool = false, format: String? = nil) -> CellStyle {
            CellStyle(
                font: FontStyle(name: "宋体", size: 10, bold: bold), border: .thin, horizontalAlignment: h,
                verticalAlignment: .center, wrapText: true, numberFormat: format)
        }
        return [
            .title: w.addStyle(
                CellStyle(
                    font: FontStyle(name: "黑体", size: 16, bold: true), horizontalAlignment: .center, verticalAlignment: .center)),
            .year: w.addStyle(
                CellStyle(font: FontStyle(name: "宋体", size: 10), horizontalAlignment: .center, verticalAlignment: .center)),
            .label: w.addStyle(bordered(.center, bold: true)),
            .text: w.addStyle(bordered(.left)),
            .center: w.addStyle(bordered(.center)),
            .money: w.addStyle(bordered(.right, format: "0.00")),
            .percent: w.addStyle(bordered(.right, format: "0.00%")),
        ]
    }
}
