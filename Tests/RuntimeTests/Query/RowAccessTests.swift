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
        try Self.project.requireCaller(Self.caller, table: "notes")
        let caller = RowCaller(identity: Self.caller, access: Self.project)
        #expect(caller.binds == [.text("org"), .text("prj"), .text("u1"), .bool(false)])
        #expect([caller.organization, caller.project, caller.owner, caller.ownerExempt] == caller.binds, "slots and composed binds agree")
        var moderator = Self.caller
        moderator.scopes = ["*"]
        #expect(Self.project.binds(moderator).last == .bool(true))
        #expect(RowCaller(identity: moderator, access: Self.project).ownerExempt == .bool(true))
        #expect(Self.project.binds(nil) == [.null, .null, .null, .bool(false)], "related tables: a caller without binding matches nothing")
    }

    @Test("a caller without the organization or project binding, or without a user, is 403 naming it")
    func refusals() {
        var unbound = Self.caller
        unbound.projectID = nil
        #expect(throws: APIError.self) { try Self.project.requireCaller(unbound, table: "notes") }
        do {
            try Self.project.requireCaller(unbound, table: "notes")
        } catch {
            #expect(error.status == .forbidden && error.detail.contains("project"))
        }
        unbound.organizationID = nil
        do {
            try RowAccess(tenant: .organization).requireCaller(unbound, table: "notes")
        } catch {
            #expect(error.detail.contains("organization"))
        }
        #expect(throws: APIError.self) { try RowAccess(ownerColumn: "author_id").requireCaller(nil, table: "notes") }
    }

    @Test("composed conditions number their placeholders after the statement's")
    func composed() {
        var placeholders = PlaceholderSequence(dialect: .postgres, after: 2)
        #expect(Self.project.condition(&placeholders) == #""organization_id" = $3 AND "project_id" = $4 AND ("author_id" = $5 OR $6)"#)
        var sqlite = PlaceholderSequence(dialect: .sqlite)
        #expect(RowAccess(tenant: .organization).condition(&sqlite, qualifier: #""n"."#) == #""n"."organization_id" = ?"#)
    }
}
