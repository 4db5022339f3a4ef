import CSVKit
import Fluent
import GoalWorkflow
import Foundation
import GoalCore
import Vapor

/// Appends to the audit trail. Called inside the transaction of the change it records, so a change
/// and its record are saved together or not at all.
enum AuditLog {
    /// What a table looked like before or after a change: its states, version and the whole table.
    static func snapshot(_ r: GoalTableRecord) -> String {
        let head = """
            {"status":"\(r.status)","evaluationStatus":"\(r.evaluationStatus)","version":\(r.version),"table":
            """
        return head + r.document + "}"
    }

    struct Snapshot: Decodable {
        var status: String
        var evaluationStatus: String
        var version: Int
        var table: GoalTable
    }

    static func append(
        _ action: String, by user: CurrentUser?, table: UUID? = nil, subject: String,
        comment: String? = nil, before: String? = nil, after: String? = nil, lines: [String]? = nil,
        at: Date = Date(), on db: any Database
    ) async throws {
        try await event(
            action, by: user, table: table, subject: subject, comment: comment, before: before, after: after, lines: lines,
            at: at
        ).create(on: db)
    }

    /// Events made by `event`, written in one statement (a large import's new tables).
    static func append(_ events: [AuditEventRecord], on db: any Database) async throws {
        try await events.create(on: db)
    }

    /// The event `append` writes.
    static func event(
        _ action: String, by user: CurrentUser?, table: UUID? = nil, subject: String,
        comment: String? = nil, before: String? = nil, after: String? = nil, lines: [String]? = nil,
        at: Date = Date()
    ) -> AuditEventRecord {
        let e = AuditEventRecord()
        e.id = UUID()
        e.at = at
        e.accountID = user?.id
        e.accountName = user.map { "\($0.name)（\($0.username)）" } ?? "系统"
        e.role = user?.role.label ?? "系统"
        e.action = action
        e.tableID = table
        e.subject = subject
        e.comment = comment
        e.before = before
        e.after = after
        // `lines`: the change in words when the snapshots are not a table's (a monitoring entry's)
        e.changes = encodeLines(lines ?? changes(before: before, after: after))
        return e
    }

    static func events(forTable id: UUID, on db: any Database) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).filter(\.$tableID == id).sort(\.$at).sort(\.$id).all()
    }

    /// The trail as the table page shows it: every event without its two snapshots (which the page never
    /// shows, and which grow with the table), so a view's cost does not grow with each save's 10 KB.
    /// Events recorded before their change lines were stored get their snapshots fetched to work them out.
    static func trail(forTable id: UUID, on db: any Database) async throws -> [AuditEventRecord] {
        let events = try await TableRead.events(ofTable: id, on: db)
        let old = events.filter { $0.changes == nil }.compactMap(\.id)
        guard !old.isEmpty else { return events }
        let full = try await AuditEventRecord.query(on: db).filter(\.$id ~~ old).all()
        let lines = Dictionary(
            uniqueKeysWithValues: full.compactMap { e in
                e.id.map { ($0, encodeLines(changes(before: e.before, after: e.after))) }
            })
        for e in events where e.changes == nil { e.changes = e.id.flatMap { lines[$0] } }
        return events
    }

    /// The change lines of an event: those stored with it, or (on an event from before they were stored)
    /// worked out from its snapshots.
    static func changeLines(_ e: AuditEventRecord) -> [String] {
        if let stored = e.changes, let lines = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)) { return lines }
        return changes(before: e.before, after: e.after)
    }

    /// Stored as a JSON array: a changed value may itself hold line breaks (a 年度总体目标).
    static func encodeLines(_ lines: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(lines)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The trail as CSV for Excel/WPS: UTF-8 with BOM (so both read the Chinese right), one event per row.
    static func csvResponse(_ events: [AuditEventRecord], fileName: String, withSubject: Bool = false) -> Response {
        let csv = CSVWriter.document(csvRecords(events, withSubject: withSubject))
        return .download(Data(csv.utf8), name: fileName, asciiName: "audit.csv", contentType: "text/csv; charset=utf-8")
    }

    /// The trail's header and one record per event, as the CSV download and `jixiao-server export` write it.
    static func csvRecords(_ events: [AuditEventRecord], withSubject: Bool) -> [[String]] {
        var records = [["时间", "账号", "角色"] + (withSubject ? ["对象"] : []) + ["操作", "意见", "变更"]]
        for record in events {
            let e = AuditEventDTO(record)
            var fields = [e.at, e.account, e.role]
            if withSubject { fields.append(record.subject) }
            fields += [e.actionLabel, e.comment ?? "", e.changes.joined(separator: "\n")]
            records.append(fields)
        }
        return records
    }

    /// Chinese names of the recorded actions.
    static func label(_ action: String) -> String {
        if let w = WorkflowAction(rawValue: action) { return w.label }
        if let c = LibraryStore.Change(rawValue: action) { return c.label }
        if action.hasPrefix("monitoring-"), let m = MonitoringAction(rawValue: String(action.dropFirst("monitoring-".count))) {
            return "运行监控：" + m.label
        }
        switch action {
        case "create": return "新建"
        case "import": return "导入"
        case "update": return "保存修改"
        case "delete": return "删除"
        case "restore": return "撤销删除"
        case "login": return "登录"
        case "logout": return "退出"
        case "password": return "修改密码"
        case "account-create": return "新建账号"
        case "account-update": return "修改账号"
        case "account-disable": return "停用账号"
        case "account-enable": return "启用账号"
        case "account-reset-password": return "重置密码"
        case "organisation-settings": return "修改机构设置"
        case "organisations-import": return "导入机构"
        case "adjustment-created": return "由调整生成"
        case "superseded": return "被调整取代"
        case "evaluation-carried": return "自评内容带入新版本"
        case "carry-forward": return "结转到下一年"
        case "carried-forward": return "由上年结转生成"
        case "monitoring-round-opened": return "开启监控轮次"
        case "monitoring-save": return "运行监控：保存填报"
        case "evidence-added": return "上传佐证材料"
        case "evidence-removed": return "删除佐证材料"
        case "report-saved": return "保存自评报告"
        case "spot-check-drawn": return "抽中自评抽查"
        case "spot-check-conclusion": return "记录抽查结论"
        default: return action
        }
    }

    /// The line of a new table's event.
    static func created(version: Int, indicators: Int) -> String { "（新建为第 \(version) 版，共 \(indicators) 项指标）" }

    /// The changes an event made, in words: state changes first, then the table's fields.
    static func changes(before: String?, after: String?) -> [String] {
        let dec = JSONDecoder()
        let b = before.flatMap { try? dec.decode(Snapshot.self, from: Data($0.utf8)) }
        let a = after.flatMap { try? dec.decode(Snapshot.self, from: Data($0.utf8)) }
        guard let a else { return b == nil ? [] : ["（删除前为第 \(b!.version) 版）"] }
        guard let b else { return [created(version: a.version, indicators: a.table.indicators.count)] }
        var out: [String] = []
        if a.status != b.status {
            out.append("状态：\(TableStatus(stored: b.status).label) → \(TableStatus(stored: a.status).label)")
        }
        if a.evaluationStatus != b.evaluationStatus {
            out.append(
                "自评状态：\(EvaluationStatus(stored: b.evaluationStatus).label) → \(EvaluationStatus(stored: a.evaluationStatus).label)"
            )
        }
        out += TableDiff.changes(from: b.table, to: a.table).map(\.line)
        return out
    }
}
