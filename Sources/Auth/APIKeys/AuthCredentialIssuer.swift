import Foundation
import Runtime
import ValueFormats

/// `Runtime.CredentialIssuer` for custom endpoint handlers: the same checks and storage as
/// `POST {auth}/api-keys`, on behalf of the handler's caller (a user's access token).
struct AuthCredentialIssuer: CredentialIssuer {
    /// The auth routes whose key issuing path this shares.
    let routes: AuthRoutes

    /// Issues a key for `caller` (a user's access token): `prepareAPIKey`, written at once.
    func issueAPIKey(_ request: CredentialRequest, for caller: Identity) async throws -> IssuedCredential {
        let prepared = try await prepareAPIKey(request, for: caller)
        _ = try await routes.service.database.write(prepared.statements)
        return prepared.credential
    }

    /// Checks and prepares a key for `caller` through `AuthRoutes.prepareKey`; nothing is written.
    func prepareAPIKey(_ request: CredentialRequest, for caller: Identity) async throws -> PreparedCredential {
        let userID = try Self.user(caller)
        let order = KeyOrder(
            name: request.name, environment: request.environment, scopes: request.scopes.isEmpty && request.service != nil ? nil : request.scopes,
            service: request.service, role: request.role, organizationID: try Self.uuid(request.organizationID, field: "organization_id"),
            projectID: try Self.uuid(request.projectID, field: "project_id"), expiresAt: request.expiresAt)
        let prepared = try await routes.prepareKey(order, caller: caller, userID: userID, ipAddress: nil)
        let credential = IssuedCredential(
            id: ValueFormats.lowercaseText(of: prepared.record.id), key: prepared.key, environment: prepared.record.environment,
            scopes: prepared.record.scopes)
        return PreparedCredential(credential: credential, statements: prepared.statements)
    }

    /// Revokes one of `caller`'s own keys at once, with an audit event.
    func revokeAPIKey(id: String, for caller: Identity) async throws -> Bool {
        let userID = try Self.user(caller)
        guard let key = ValueFormats.uuid(id) else { return false }
        let now = routes.service.clock()
        let results = try await routes.service.database.write([
            routes.keys.revoke(id: key, userID: userID, now: now),
            routes.audit.event("api_key_revoked", actor: caller.subject, target: ValueFormats.lowercaseText(of: key), ipAddress: nil, now: now),
        ])
        return results.first?.changes == 1
    }

    /// The account with id `userID`, read from `auth_users`.
    func account(userID: String) async throws -> AccountSummary? {
        guard let id = ValueFormats.uuid(userID), let user = try await routes.users.find(id: id) else { return nil }
        return AccountSummary(id: user.idText, email: user.email, name: user.name, role: user.role, status: user.status, createdAt: user.createdAt)
    }

    /// The caller's account; 403 unless the caller is a user (keys cannot make keys).
    private static func user(_ caller: Identity) throws -> UUID {
        guard caller.kind == "user", let userID = caller.userID.flatMap(ValueFormats.uuid) else {
            throw APIError.forbidden("Only a user's access token can create credentials.")
        }
        return userID
    }

    /// A UUID text, or 422 naming `field`.
    private static func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text else { return nil }
        guard let id = ValueFormats.uuid(text) else { throw APIError.validation([.init(field: field, message: "is not a UUID")]) }
        return id
    }
}
