import Fluent

/// 2026-11: accounts, their sessions, and failed sign-ins.
struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(UserSessionRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(LoginFailureRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFailureRecord.schema).delete()
        try await database.schema(UserSessionRecord.schema).delete()
        try await database.schema(AccountRecord.schema).delete()
    }
}
