import Fluent

/// 2026-12 (issue #15): the settings and records the review's new steps and the account page need.
///
/// - `organisations.head_confirmation`: this organisation (and everything under it) wants the unit head to
///   confirm a filler's submission before review (单位负责人确认). Absent (older rows): no.
/// - `goal_tables.adjustment_reason`: the 调整理由 an adjustment was submitted with.
/// - `accounts.must_change_password`: the administrator reset the password; the account must choose a new
///   one before anything else. Absent (older rows): no.
///
/// Only nullable columns are added, so every row of the previous release stays as it was.
struct AddConfirmationAndAccountControls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema).field("head_confirmation", .bool).update()
        try await database.schema(GoalTableRecord.schema).field("adjustment_reason", .string).update()
        try await database.schema(AccountRecord.schema).field("must_change_password", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema).deleteField("must_change_password").update()
        try await database.schema(GoalTableRecord.schema).deleteField("adjustment_reason").update()
        try await database.schema(OrganisationRecord.schema).deleteField("head_confirmation").update()
    }
}
