import Foundation
import Runtime
import ValueFormats

/// What a new API key or service token should be; checked and issued by `AuthRoutes.issueKey`,
/// whether it comes from `POST /api-keys`, a project's key rotation or a custom handler
/// (`CredentialIssuer`).
struct KeyOrder: Sendable {
    /// What the key is for.
    var name: String
    /// Environment (decides the prefix).
    var environment: String
    /// Requested scopes; `nil` for a service token takes its role's scopes.
    var scopes: [String]?
    /// Service name of a service token.
    var service: String?
    /// Role of a service token.
    var role: String?
    /// Organization to bind to; `nil` inherits the caller's binding.
    var organizationID: UUID?
    /// Project to bind to; `nil` inherits the caller's binding.
    var projectID: UUID?
    /// When the key stops working.
    var expiresAt: Date?
    /// Canonical CIDR allowlist.
    var allowedCIDRs: [String] = []
    /// `personal` or `project`.
    var purpose = APIKeyRecord.personal
}

extension AuthRoutes {
    /// Checks `order` against the caller and writes the key (after `leading`) with an audit
    /// event in one transaction. Returns the stored record and the whole key (shown once).
    ///
    /// - A caller bound to an organization (or project) can only make keys bound to it (403).
    /// - A binding needs membership (404) and a live project (422 naming `project_id`).
    /// - Scopes never exceed the caller's: their organization role's scopes for a bound key,
    ///   their app-level role's otherwise (403 naming the scope). A service token's scopes also
    ///   stay within its role (`auth.roles`, or `auth.organizationRoles` when bound).
    func issueKey(
        _ order: KeyOrder, caller: Identity, userID: UUID, ipAddress: String?, leading: [SQLStatement] = []
    ) async throws -> (record: APIKeyRecord, key: String) {
        let prepared = try await prepareKey(order, caller: caller, userID: userID, ipAddress: ipAddress)
        _ = try await service.database.write(leading + prepared.statements)
        return (prepared.record, prepared.key)
    }

    /// `issueKey` without the write: the checks, the record, the whole key and the statements
    /// that store it with its audit event, for a caller that writes them in its own transaction
    /// (a custom handler registering a record and its credential together).
    func prepareKey(
        _ order: KeyOrder, caller: Identity, userID: UUID, ipAddress: String?
    ) async throws -> (record: APIKeyRecord, key: String, statements: [SQLStatement]) {
        let now = service.clock()
        let binding = try await keyBinding(order, caller: caller, userID: userID, now: now)
        let creatorScopes = try await creatorScopes(of: caller, userID: userID, binding: binding)
        let scopes = try grantedScopes(order, bound: binding.organizationID != nil)
        // A key managing keys (`auth.apiKeys.manageScope`) also stays within its own scopes.
        for scope in scopes where !Identity.scopes(creatorScopes, grant: scope) || !Self.keyCaller(caller, grants: scope) {
            throw APIError.forbidden("The key cannot have the scope \(scope): it exceeds the scopes you hold.")
        }
        if let expiresAt = order.expiresAt, expiresAt <= now {
            throw APIError.validation([.init(field: "expires_at", message: "must lie in the future")])
        }
        guard let format = service.keyFormat, let issued = format.issue(environment: order.environment) else {
            throw APIError.validation([.init(field: "environment", message: "is not an environment of this app")])
        }
        var record = APIKeyRecord(
            id: UUID(), userID: userID, name: order.name, issued: issued, scopes: Array(Set(scopes)).sorted(),
            allowedCIDRs: order.allowedCIDRs, expiresAt: order.expiresAt, now: now)
        record.binding = binding
        record.purpose = order.purpose
        record.service = order.service
        record.role = order.role
        var detail = ["environment": record.environment, "purpose": record.purpose]
        detail["organization_id"] = binding.organizationText
        detail["project_id"] = binding.projectText
        detail["service"] = order.service
        let statements = [
            keys.insert(record, issued: issued),
            audit.event(
                order.service == nil ? "api_key_created" : "service_token_created", actor: caller.subject,
                target: ValueFormats.lowercaseText(of: record.id), detail: detail, ipAddress: ipAddress, now: now),
        ]
        return (record, issued.text, statements)
    }

    /// The binding of a new key: the order's, which must agree with the caller's own (403),
    /// else the caller's; membership and project checked.
    private func keyBinding(_ order: KeyOrder, caller: Identity, userID: UUID, now: Date) async throws -> SessionBinding {
        let own = SessionBinding(identity: caller)
        if let organization = order.organizationID { try Self.requireBinding(caller, allows: organization) }
        if let project = order.projectID, let bound = own.projectID, bound != project {
            throw APIError.forbidden("These credentials are bound to project \(ValueFormats.lowercaseText(of: bound)).")
        }
        return try await requestedBinding(
            user: userID, organization: order.organizationID ?? own.organizationID, project: order.projectID ?? own.projectID,
            now: now)
    }

    /// The scopes a key asks for: the order's, or a service token's role scopes. 422 for a
    /// plain key without scopes, a service token without a (known) role, a role on a plain key.
    private func grantedScopes(_ order: KeyOrder, bound: Bool) throws -> [String] {
        guard order.service != nil else {
            if order.role != nil {
                throw APIError.validation([.init(field: "role", message: "is only for service tokens (with service)")])
            }
            guard let scopes = order.scopes else { throw APIError.validation([.init(field: "scopes", message: "is required for a key without service")]) }
            return scopes
        }
        guard let role = order.role else {
            throw APIError.validation([.init(field: "role", message: "is required for a service token")])
        }
        let names = bound ? service.organizationRoles.names : service.settings.roles.map(\.name)
        guard names.contains(role) else {
            let spelled = names.map(service.settings.roleSpelling.wire)
            throw APIError.validation([.init(field: "role", message: "is not one of \(spelled.joined(separator: ", "))")])
        }
        let roleScopes = bound ? service.organizationRoles.scopes(of: role) : service.scopes(ofRole: role)
        guard let scopes = order.scopes else { return roleScopes.sorted() }
        // The role's implied scopes count, as they do when the token is used.
        let granted = service.settings.expanding(roleScopes)
        for scope in scopes where !Identity.scopes(granted, grant: scope) {
            throw APIError.forbidden("The service token cannot have the scope \(scope): its role \(role) does not grant it.")
        }
        return scopes
    }
}

extension AuthRoutes {
    /// The scopes the caller holds where a key with `binding` acts: their current organization
    /// role's for a bound key (404 when no longer a member), their own otherwise.
    func creatorScopes(of caller: Identity, userID: UUID, binding: SessionBinding) async throws -> Set<String> {
        guard let organization = binding.organizationID else { return caller.scopes }
        guard let role = try await organizations.role(of: userID, in: organization) else { throw notFound("organization", organization, .organization) }
        return service.settings.expanding(service.organizationRoles.scopes(of: role))
    }

    /// 403 when the caller is bound to an organization or project other than `binding`'s.
    static func requireBinding(_ identity: Identity, allows binding: SessionBinding) throws {
        guard identity.organizationID != nil || identity.projectID != nil else { return }
        guard identity.organizationID == binding.organizationText, identity.projectID == nil || identity.projectID == binding.projectText else {
            throw APIError.forbidden("These credentials are bound to another organization or project than the key.")
        }
    }
}
