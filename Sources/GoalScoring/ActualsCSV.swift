import CSVKit
import Foundation
import GoalCore

/// Actuals given beside the tables in a CSV (表, 三级指标, 实际完成值, optionally 偏差原因 and 指标编号),
/// joined to the tables by indicator id where the file gives one, else by name. Pure: reads the given bytes, changes the given tables, reports what did not match.
public enum ActualsCSV {
    public struct Row: Sendable, Hashable {
        /// 1-based line in the CSV.
        public var line: Int
        public var table: String
        public var name: String
        public var actual: String
        public var deviation: String?
        /// 指标编号: the indicator's id (`Indicator.id`), which wins over the name when given.
        public var id: String?
    }

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    static let tableHeaders = ["表", "表名", "表序号", "序号表", "项目名称", "项目", "单位", "预算单位", "部门单位名称"]
    static let nameHeaders = ["三级指标", "三级指标名称", "指标名称", "指标"]
    static let actualHeaders = ["实际完成值", "实际值", "完成值", "全年实际值", "实际完成情况"]
    static let deviationHeaders = ["偏差原因", "偏差原因分析及改进措施", "偏差原因分析", "偏差说明"]
    static let idHeaders = ["指标编号", "编号", "id", "indicatorid"]

    /// Reads the CSV (UTF-8, comma or tab separated, quotes as spreadsheets write them).
    public static func parse(_ data: Data) throws(ReadError) -> [Row] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(message: "实际完成值文件不是 UTF-8 编码：请在表格软件中另存为“CSV UTF-8”")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch { throw ReadError(message: "实际完成值文件：" + error.message) }
        return try parse(records: records.map { Record(line: $0.line, fields: $0.fields) })
    }

    /// Reads the rows of a worksheet (the first row its header), as `jixiao score --actuals 实际值.xlsx`
    /// gives them; row `i` is reported as line `i + 1`.
    public static func parse(grid: [[String]]) throws(ReadError) -> [Row] {
        try parse(records: grid.enumerated().map { Record(line: $0.offset + 1, fields: $0.element) })
    }

    static func parse(records: [Record]) throws(ReadError) -> [Row] {
        guard let header = records.first else { throw ReadError(message: "实际完成值文件是空的") }
        let keys = header.fields.map(TextNormalizer.labelKey)
        func column(_ names: [String]) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let nameCol = column(nameHeaders), let actualCol = column(actualHeaders) else {
            throw ReadError(message: "实际完成值文件第1行应有列“三级指标”和“实际完成值”（另可有“表”“偏差原因”），实为：\(header.fields.joined(separator: "、"))")
        }
        let tableCol = column(tableHeaders), deviationCol = column(deviationHeaders)
        let idCol = keys.firstIndex { idHeaders.contains($0.lowercased()) }
        var rows: [Row] = []
        for r in records.dropFirst() {
            func field(_ i: Int?) -> String { i.flatMap { $0 < r.fields.count ? TextNormalizer.trim(r.fields[$0]) : nil } ?? "" }
            if r.fields.allSatisfy({ TextNormalizer.trim($0).isEmpty }) { continue }
            let dev = field(deviationCol), id = field(idCol)
            rows.append(
                Row(
                    line: r.line, table: field(tableCol), name: field(nameCol), actual: field(actualCol),
                    deviation: dev.isEmpty ? nil : dev, id: id.isEmpty ? nil : id))
        }
        return rows
    }

    struct Record { var line: Int; var fields: [String] }

    /// Puts the actuals into the tables. Returns a message (Chinese) for each CSV row that matched nothing.
    /// Rows with the same name in one table are matched in order (the first CSV row to the first row of the table).
    public static func apply(_ rows: [Row], to tables: inout [GoalTable], fileName: String = "实际完成值文件") -> [String] {
        var problems: [String] = []
        var used: [Int: Set<Int>] = [:]
        for row in rows {
            // an id names one indicator in one table, whatever the 表 and 三级指标 columns say
            if let id = row.id {
                guard let t = tables.firstIndex(where: { $0.indicatorIndex(id: id) != nil }),
                    let i = tables[t].indicatorIndex(id: id)
                else {
                    problems.append("\(fileName) 第\(row.line)行：没有编号为“\(id)”的指标")
                    continue
                }
                used[t, default: []].insert(i)
                tables[t].setActual(row.actual, at: i)
                if let d = row.deviation { tables[t].setDeviation(d, at: i) }
                continue
            }
            guard let t = tableIndex(row.table, in: tables) else {
                problems.append("\(fileName) 第\(row.line)行：找不到表“\(row.table)”（可填表序号如1，或项目名称、单位名称）")
                continue
            }
            let key = TextNormalizer.labelKey(row.name)
            let candidates = tables[t].indicators.indices.filter {
                TextNormalizer.labelKey(tables[t].indicators[$0].name) == key && !(used[t]?.contains($0) ?? false)
            }
            guard let i = candidates.first else {
                let again = tables[t].indicators.contains { TextNormalizer.labelKey($0.name) == key }
                problems.append(
                    "\(fileName) 第\(row.line)行：第\(t + 1)张表中\(again ? "三级指标“\(row.name)”已有实际完成值（同名指标多于表中行数）" : "没有三级指标“\(row.name)”")"
                )
                continue
            }
            used[t, default: []].insert(i)
            tables[t].setActual(row.actual, at: i)
            if let d = row.deviation { tables[t].setDeviation(d, at: i) }
        }
        return problems
    }

    static func tableIndex(_ text: String, in tables: [GoalTable]) -> Int? {
        let s = TextNormalizer.labelKey(text)
        if s.isEmpty { return tables.count == 1 ? 0 : nil }
        let digits = s.filter(\.isNumber)
        if let n = Int(digits), !digits.isEmpty, s == digits || (s.hasPrefix("第") && s.hasSuffix("张表")) || s.hasPrefix("表") {
            return n >= 1 && n <= tables.count ? n - 1 : nil
        }
        let fields: [(GoalTable) -> String?] = [{ $0.project?.name }, { $0.unit }, { $0.title }]
        for f in fields {
            if let i = tables.firstIndex(where: { f($0).map(TextNormalizer.labelKey) == s }) { return i }
        }
        for f in fields {
            if let i = tables.firstIndex(where: { f($0).map { TextNormalizer.labelKey($0).contains(s) } ?? false }) { return i }
        }
        return nil
    }
}
