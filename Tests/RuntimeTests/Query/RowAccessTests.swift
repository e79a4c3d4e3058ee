import Foundation
import Testing

@testable import Runtime

/// The tenant and owner conditions: their SQL per dialect, their binds from the caller, and the
/// 403 for callers without the binding a table needs.
@Suite("Row access conditions")
struct RowAccessTests {
    static let project = RowAccess(tenant: .project, ownerColumn: "author_id", ownerExceptScope: "moderation")
    static let caller = Identity(
        subject: "u1", kind: "user", scopes: ["notes:read"], userID: "u1", organizationID: "org", projectID: "prj")

    @Test("project tenancy binds organization and project, the owner rule the user and the exception")
    func binds() throws {
        #expect(Self.project.columns == ["organization_id", "project_id", "author_id"])
        #expect(try Self.project.callerBinds(Self.caller, table: "notes") == [.text("org"), .text("prj"), .text("u1"), .bool(false)])
        var moderator = Self.caller
        moderator.scopes = ["*"]
        #expect(Self.project.binds(moderator).last == .bool(true))
        #expect(Self.project.insertValues(Self.caller) == [.text("org"), .text("prj"), .text("u1")])
        #expect(Self.project.binds(nil) == [.null, .null, .null, .bool(false)], "related tables: a caller without binding matches nothing")
    }

    @Test("a caller without the organization or project binding, or without a user, is 403 naming it")
    func refusals() {
        var unbound = Self.caller
        unbound.projectID = nil
        #expect(throws: APIError.self) { try Self.project.callerBinds(unbound, table: "notes") }
        do {
            _ = try Self.project.callerBinds(unbound, table: "notes")
        } catch {
            #expect(error.status == .forbidden && error.detail.contains("project"))
        }
        unbound.organizationID = nil
        do {
            _ = try RowAccess(tenant: .organization).callerBinds(unbound, table: "notes")
        } catch {
            #expect(error.detail.contains("organization"))
        }
        #expect(throws: APIError.self) { try RowAccess(ownerColumn: "author_id").callerBinds(nil, table: "notes") }
    }

    @Test("conditions follow the statement's placeholders and go before RETURNING")
    func scoped() {
        let sql = #"UPDATE "notes" SET "body" = $1 WHERE "id" = $2 RETURNING "id""#
        #expect(Self.project.scoped(sql, existingBinds: 2, dialect: .postgres)
            == #"UPDATE "notes" SET "body" = $1 WHERE "id" = $2 AND "organization_id" = $3 AND "project_id" = $4 AND ("author_id" = $5 OR $6) RETURNING "id""#)
        #expect(RowAccess(tenant: .organization).scoped(#"SELECT 1 FROM "notes" WHERE "id" = ?"#, existingBinds: 1, dialect: .sqlite)
            == #"SELECT 1 FROM "notes" WHERE "id" = ? AND "organization_id" = ?"#)
    }
}
