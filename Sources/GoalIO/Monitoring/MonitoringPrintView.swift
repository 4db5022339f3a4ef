import Foundation
import GoalCore
import GoalMonitoring

/// A printable HTML page of filled 执行监控表: A4 landscape, one table per page, drawn from the same
/// `MonitoringFormLayout` as the .xlsx so both print alike. Every text is escaped.
public enum MonitoringPrintView {
    public static func html(_ tables: [MonitoredTable], department: String? = nil) -> String {
        PlacedFormHTML.page(
            title: tables.first.map { Monitor.name(of: $0.table) } ?? "执行监控表",
            sections: tables.map { PlacedFormHTML.section(MonitoringFormLayout($0, department: department)) })
    }

    public static func data(_ tables: [MonitoredTable], department: String? = nil) -> Data {
        Data(html(tables, department: department).utf8)
    }
}
