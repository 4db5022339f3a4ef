import Fluent
import GoalWorkflow
import Foundation

/// One stored goal table (persistence only: never handed to views or the API; see `TableDTO.init(_:)`).
/// The table itself is its interchange JSON in `document`; the other columns are what the 首页 list
/// and the optimistic lock need, recomputed on every save.
final class GoalTableRecord: Model, @unchecked Sendable {
    static let schema = "goal_tables"

    @ID(key: .id) var id: UUID?
    /// The owning organisation's name (the list groups by it); for tables without an owner, the printed name.
    @Field(key: "unit") var unit: String
    /// 预算单位 as printed on the form, which may differ from the owner's name.
    @OptionalField(key: "printed_unit") var printedUnit: String?
    @OptionalField(key: "year") var year: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    /// A short label for the list: the project name, else the unit.
    @Field(key: "name") var name: String
    @Field(key: "status") var status: String
    /// Bumped by every save; a save naming an older version is refused (HTTP 409).
    @Field(key: "version") var version: Int
    /// The table as interchange JSON (`GoalTable`, one table, not the document wrapper).
    @Field(key: "document") var document: String
    @Field(key: "error_count") var errorCount: Int
    @Field(key: "warning_count") var warningCount: Int
    @OptionalField(key: "score") var score: Double?
    @OptionalField(key: "score_max") var scoreMax: Double?
    @OptionalField(key: "grade") var grade: String?
    /// 预算执行率 in % from the 自评's 预算执行, for the 总览 (`AddOverviewColumns`).
    @OptionalField(key: "execution_rate") var executionRate: Double?
    /// The checker's rule codes found in the table, each once: `,F04,D01,` (`AddOverviewColumns`).
    @OptionalField(key: "finding_codes") var findingCodes: String?
    /// The unit the table belongs to, and that unit's `OrganisationRecord.path` (copied, for visibility filters).
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "org_path") var orgPath: String
    /// 自评 state (`EvaluationStatus`), meaningful once the goals are approved.
    @Field(key: "evaluation_status") var evaluationStatus: String
    /// Set on a 调整: the approved table this one will replace when it is approved in turn.
    @OptionalField(key: "adjusts_id") var adjustsID: UUID?
    /// The reviewer's words from the last 退回, shown until the table is submitted again.
    @OptionalField(key: "return_comment") var returnComment: String?
    /// An adjustment's 调整理由, given when it is submitted.
    @OptionalField(key: "adjustment_reason") var adjustmentReason: String?
    /// Set on a draft made by 结转到下一年: the approved table of the year before it was carried from.
    @OptionalField(key: "carried_from_id") var carriedFromID: UUID?
    /// The carried lineage (`AddCarryForwardLinks`): unique among live drafts, so a table is carried once.
    @OptionalField(key: "carry_key") var carryKey: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Set by `delete()`: the row is hidden, and can be restored for a while.
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}
}

extension GoalTableRecord {
    /// The name that files this table: its organisation's (kept in `unit` since it was created), or none.
    var owningUnit: String? { organisationID == nil ? nil : unit }
}
