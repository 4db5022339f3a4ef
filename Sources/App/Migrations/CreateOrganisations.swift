import Fluent

/// 2026-11: the organisation tree.
struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema)
            .id()
            .field("code", .string)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("path", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema).delete()
    }
}
