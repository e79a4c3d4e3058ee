import Foundation
import Testing

@testable import CodeGenerator

/// What the generator writes for the tracker's tenant tables (the committed `Generated/`, kept
/// equal to the generator's output by `loom generate --check`).
@Suite("Generated: tenancy and permissions")
struct TenancyOutputTests {
    private func generated(_ path: String) throws -> String {
        try String(contentsOf: Fixtures.root.appendingPathComponent("Generated/Tracker/" + path), encoding: .utf8)
    }

    @Test("tenant tables: access description, tenant column last in the insert, per-tenant unique indexes and upsert target")
    func tenantTables() throws {
        let tasks = try generated("Tables/Tracker.Tasks.swift")
        #expect(tasks.contains("access: RowAccess(tenant: .organization)"))
        #expect(tasks.contains(#""created_at", "updated_at", "organization_id") VALUES"#))
        #expect(tasks.contains(##"ON CONFLICT ("organization_id", "code") DO UPDATE"##))
        #expect(tasks.contains(##"WHERE "id" = $1 AND "organization_id" = $2"##), "every point statement carries the tenant condition")
        let migration = try generated("Migrations/0002_add_comments_organization_id_and_9_more.sqlite.sql")
        #expect(migration.contains(##"CREATE UNIQUE INDEX IF NOT EXISTS "tasks_code_key" ON "tasks" ("organization_id", "code")"##))
        #expect(migration.contains(##"CREATE INDEX IF NOT EXISTS "tasks_tenant_idx" ON "tasks" ("organization_id")"##))
        #expect(tasks.contains(#"public static let access: TableAccess? = TableAccess(list: .scope("tasks:read"), get: .scope("tasks:read"), create: .scope("tasks:write")"#))
        let comments = try generated("Tables/Tracker.Comments.swift")
        #expect(comments.contains(#"access: RowAccess(tenant: .organization, ownerColumn: "author_id", ownerExceptScope: "moderation")"#))
        #expect(comments.contains(##"AND "deleted_at" IS NULL AND "organization_id" = $2 AND ("author_id" = $3 OR $4)"##))
        #expect(comments.contains("slots: [.key, .organization, .owner, .ownerExempt]"))
    }

    @Test("the tenancy migration adds nullable columns (old rows match no tenant) and rebuilds unique indexes per tenant")
    func migration() throws {
        let sqlite = try generated("Migrations/0002_add_comments_organization_id_and_9_more.sqlite.sql")
        #expect(sqlite.contains(#"ALTER TABLE "projects" ADD COLUMN "organization_id" TEXT;"#))
        #expect(sqlite.contains(#"ALTER TABLE "comments" ADD COLUMN "author_id" TEXT;"#))
        #expect(sqlite.contains(#"DROP INDEX IF EXISTS "projects_name_key";"#))
        #expect(sqlite.contains(#"CREATE UNIQUE INDEX IF NOT EXISTS "projects_name_key" ON "projects" ("organization_id", "name");"#))
        let postgres = try generated("Migrations/0002_add_comments_organization_id_and_9_more.postgres.sql")
        #expect(postgres.contains(#"ALTER TABLE "tasks" ADD COLUMN "organization_id" TEXT;"#))
    }

    @Test("an app without auth keeps public routes: no access checks generated")
    func noAuth() throws {
        let files = try Fixtures.generate(["tables/notes.json": Fixtures.notesTable, "tables/owners.json": Fixtures.ownersTable])
        let notes = files["Generated/Mini/Tables/Mini.Notes.swift"] ?? ""
        #expect(notes.contains("public static let access: TableAccess? = nil"))
        #expect(notes.contains("access: nil\n"))
        let openAPI = files["Generated/Mini/openapi.json"] ?? ""
        #expect(!openAPI.contains("x-required-scopes") && !openAPI.contains("\"security\""))
    }
}
