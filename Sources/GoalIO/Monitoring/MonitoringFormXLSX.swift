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
            let styles = PlacedFormSheet.styleIDs(&writer)
            var used = Set<String>()
            for t in tables {
                let name = PlacedFormSheet.uniqueName(Monitor.name(of: t.table), fallback: "执行监控表", used: &used)
                try writer.addSheet(
                    PlacedFormSheet.sheet(MonitoringFormLayout(t, department: department), name: name, styles: styles))
            }
            return try writer.data()
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch {
            throw ImportError("无法生成执行监控表：\(error)")
        }
    }
}
