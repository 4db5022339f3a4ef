import Fluent
import Foundation
import GoalMonitoring

/// 监控轮次: one monitoring round opened by 绩效股 or 财政 — a year, a period (1–N月), a kind, a due day
/// and the tables it covers (one `MonitoringEntryRecord` each, made when the round is opened).
final class MonitoringRoundRecord: Model, @unchecked Sendable {
    static let schema = "monitoring_rounds"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// The last month of the period: 7 for 1–7月.
    @Field(key: "period") var period: Int
    /// `MonitoringKind` raw value.
    @Field(key: "kind") var kind: String
    /// The light rules (`MonitoringProfile.name`): the spec's default or a province's.
    @Field(key: "profile") var profile: String
    /// 2026年1-7月部门自行监控, as lists and the summary print it.
    @Field(key: "title") var title: String
    /// What the opener chose, in words (所辖全部单位 / 选定单位：… / 选定项目 N 个).
    @Field(key: "scope") var scope: String
    @Field(key: "due_at") var dueAt: Date
    /// The opener's organisation path: the round belongs to that subtree.
    @Field(key: "org_path") var orgPath: String
    @Field(key: "opened_by") var openedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// 监控表: one approved goal table in one round — its state in the monitoring workflow, what the unit
/// entered, and the 退回 / 整改 words. The table it points at is the approved version when the round opened.
final class MonitoringEntryRecord: Model, @unchecked Sendable {
    static let schema = "monitoring_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "table_id") var tableID: UUID
    /// Copied from the table when the round opened, so lists need no join.
    @Field(key: "table_name") var tableName: String
    @Field(key: "unit") var unit: String
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "org_path") var orgPath: String
    /// `MonitoringStatus` raw value.
    @Field(key: "status") var status: String
    /// `RectificationStatus` raw value.
    @Field(key: "rectification") var rectification: String
    /// Counts saves of what the unit entered; a workflow step leaves it (the audit trail records steps).
    @Field(key: "version") var version: Int
    /// What the unit entered, as JSON keyed by indicator id (nil until the first save).
    @OptionalField(key: "entered") var entered: String?
    /// The table's light (`Light` raw value) as of the last save, for lists and the summary.
    @OptionalField(key: "light") var light: String?
    /// 1-N月执行率 in % read from `entered` (`MonitoringEntry.executionRate`), for the 总览's 执行率 against
    /// 序时进度; nil while it cannot be computed. Written with `entered`, never alone (`enter`).
    @OptionalField(key: "execution_rate") var executionRate: Double?
    @OptionalField(key: "return_comment") var returnComment: String?
    @OptionalField(key: "rectification_request") var rectificationRequest: String?
    @OptionalField(key: "rectification_answer") var rectificationAnswer: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension MonitoringEntryRecord {
    /// Sets what the unit entered (JSON, as `MonitoringEntryForm.encode` writes it) and the 执行率 read from it.
    func enter(_ json: String?) {
        entered = json
        executionRate = Self.executionRate(ofEntered: json)
    }

    /// The 执行率 of an entry's JSON: the budget light's own (`MonitoringEntry.executionRate`); nil for no JSON
    /// or one that cannot be read.
    static func executionRate(ofEntered json: String?) -> Double? {
        guard let json, let e = try? JSONDecoder().decode(MonitoringEntry.self, from: Data(json.utf8)) else { return nil }
        return e.executionRate
    }
}
