import Foundation
import Runtime
import Testing

@testable import Auth

/// The key list reads a page in SQL (`APIKeyStore.page(userID:within:limit:offset:)`), so its
/// `total` counts only what the caller may see; which keys an API key may see is one rule in Swift
/// (`AuthRoutes.keyCaller(_:sees:)`, which reading, changing and revoking one key apply). This
/// suite fails when the SQL filter and the Swift rule drift apart, on either engine.
@Suite("Auth: the key list's SQL filter is the key rule")
struct APIKeyListBindingTests {
    @Test("every caller binding lists, pages and counts exactly the keys keyCaller(_:sees:) allows")
    func sqlFilterMatchesRule() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let first = try await fixture.organization(owner: owner, slug: "first")
            let second = try await fixture.organization(owner: owner, slug: "second")
            let web = try await fixture.project(first, slug: "web", headers: owner.headers)
            let mobile = try await fixture.project(first, slug: "mobile", headers: owner.headers)
            let bindings: [(String?, String?)] = [(nil, nil), (first, nil), (first, web), (first, mobile), (second, nil), (first, web)]
            for (index, binding) in bindings.enumerated() {
                var members = [#""name": "k\#(index)""#, #""environment": "live""#, #""scopes": ["tasks:read"]"#]
                if let organization = binding.0 { members.append(#""organization_id": "\#(organization)""#) }
                if let project = binding.1 { members.append(#""project_id": "\#(project)""#) }
                let made = try await fixture.createKey("{" + members.joined(separator: ", ") + "}", headers: owner.headers)
                #expect(made.status == .created, "\(made.text)")
            }
            let database = try #require(app.database)
            let store = APIKeyStore(sql: AuthSQL(dialect: database.dialect), database: database)
            let userID = try #require(UUID(uuidString: owner.userID))
            let every = try await store.page(userID: userID, within: nil, limit: 100, offset: 0)
            #expect(every.total == bindings.count && every.keys.count == bindings.count)
            let callers: [Identity] = [
                Identity(subject: "t", kind: "user", scopes: [], userID: owner.userID, organizationID: first),
                Identity(subject: "k", kind: AuthRoutes.apiKeyKind, scopes: [], userID: owner.userID),
                Identity(subject: "k", kind: AuthRoutes.apiKeyKind, scopes: [], userID: owner.userID, organizationID: first),
                Identity(subject: "k", kind: AuthRoutes.apiKeyKind, scopes: [], userID: owner.userID, organizationID: first, projectID: web),
                Identity(subject: "k", kind: AuthRoutes.apiKeyKind, scopes: [], userID: owner.userID, organizationID: second),
                Identity(subject: "k", kind: AuthRoutes.apiKeyKind, scopes: [], userID: owner.userID, projectID: web),
            ]
            for caller in callers {
                let allowed = every.keys.filter { AuthRoutes.keyCaller(caller, sees: $0) }.map(\.id)
                let binding = AuthRoutes.keyListBinding(of: caller)
                let listed = try await store.page(userID: userID, within: binding, limit: 100, offset: 0)
                #expect(listed.keys.map(\.id) == allowed && listed.total == allowed.count, "\(caller)")
                // One key per page: the same keys, in the same order, each once.
                var paged: [UUID] = []
                for offset in 0..<(allowed.count + 1) {
                    let page = try await store.page(userID: userID, within: binding, limit: 1, offset: offset)
                    #expect(page.total == allowed.count, "\(caller) at \(offset)")
                    paged += page.keys.map(\.id)
                }
                #expect(paged == allowed, "\(caller)")
            }
        }
    }
}
