import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// Who may manage API keys, and the bounds on a key managed with a key.
///
/// By default only access tokens reach the key routes. An app that names
/// `auth.apiKeys.manageScope` lets an API key holding that scope manage keys too, acting for the
/// account that owns it. A leaked key of that kind must not become more than it is:
/// - it sees, changes, rotates and revokes only its owner's keys (and, bound to an organization
///   or project, only keys of that binding): others are 404, as if they did not exist;
/// - a key it creates or changes never holds a scope the calling key lacks, nor one its owner's
///   role lacks (checked again on every use of the new key, as for every key);
/// - a key it creates or changes never outlives it: `expires_at` is at most the calling key's
///   (and inherits it when absent);
/// - a key it creates or changes is never usable from where it is not: with an allowlist of its
///   own, the new key's `allowed_cidrs` lie within it (and inherit it when empty);
/// - every change is an auth audit event whose actor is the calling key's id.
extension AuthRoutes {
    /// `Identity.kind` of a plain API key.
    static let apiKeyKind = "api_key"

    /// The caller of a key route: a user's access token, or an API key holding the app's
    /// `auth.apiKeys.manageScope` (403 for a key without it, and for every key when the app names none).
    /// When the app names a `manageScope`, an access token needs that scope too (its account's role,
    /// or its organization role, must grant it): key management is then for that scope's holders
    /// only, whichever credential they use, and an account without it is 403 at every key route.
    func requireKeyManager(_ context: LoomRequestContext) throws -> (identity: Identity, userID: UUID, sessionID: UUID?) {
        let identity = try context.requireIdentity()
        guard let scope = service.settings.apiKeys?.manageScope else { return try requireCaller(context) }
        guard identity.kind == Self.apiKeyKind else {
            let caller = try requireCaller(context)
            guard Identity.scopes(identity.scopes, grant: scope) else {
                throw APIError.forbidden("Managing API keys needs the scope \(scope), which this account's role does not grant.")
            }
            return caller
        }
        guard Identity.scopes(identity.scopes, grant: scope) else {
            throw APIError.forbidden("Managing API keys with an API key needs the scope \(scope), which this key does not hold.")
        }
        guard let userID = identity.userID.flatMap(ValueFormats.uuid) else {
            throw APIError.forbidden("This API key belongs to no account, so it cannot manage keys.")
        }
        return (identity, userID, nil)
    }

    /// Whether `caller` may see `record`: an access token sees every key of its account; an API
    /// key bound to an organization or project only the keys of that binding.
    static func keyCaller(_ caller: Identity, sees record: APIKeyRecord) -> Bool {
        guard caller.kind == apiKeyKind else { return true }
        return (try? requireBinding(caller, allows: record.binding)) != nil
    }

    /// The binding whose keys `caller` may list, the same rule as `keyCaller(_:sees:)` read as a
    /// filter: `nil` (every key of the account) for an access token or an unbound key.
    static func keyListBinding(of caller: Identity) -> SessionBinding? {
        guard caller.kind == apiKeyKind, caller.organizationID != nil || caller.projectID != nil else { return nil }
        return SessionBinding(
            organizationID: caller.organizationID.flatMap(ValueFormats.uuid), projectID: caller.projectID.flatMap(ValueFormats.uuid))
    }

    /// Whether `caller` may put `scope` on a key: always for an access token (its role bounds
    /// it elsewhere); for an API key, only a scope the key itself holds now.
    static func keyCaller(_ caller: Identity, grants scope: String) -> Bool {
        caller.kind != apiKeyKind || Identity.scopes(caller.scopes, grant: scope)
    }

    /// The expiry a key made or changed by `caller` gets: `requested`, which must not lie after
    /// the expiry of a calling API key (422 naming `expires_at`); a calling key's own when none
    /// is asked for. Access tokens' requests pass unchanged.
    func expiry(_ requested: Date?, within caller: Identity) async throws -> Date? {
        guard let limit = try await expiry(ofCallingKey: caller) else { return requested }
        guard let requested else { return limit }
        if requested.isLater(than: limit) {
            throw APIError.validation([
                .init(field: "expires_at", message: "must not lie after the expiry of the API key making this request")
            ])
        }
        return requested
    }

    /// The allowlist a key made or changed by `caller` gets: `requested`, each range of which must
    /// lie within a range of a calling API key that has an allowlist (422 naming
    /// `allowed_cidrs[i]`); the calling key's own when `requested` is empty (any address).
    /// Access tokens' and unrestricted keys' requests pass unchanged.
    func allowlist(_ requested: [String], within caller: Identity) async throws -> [String] {
        let limits = try await allowlist(ofCallingKey: caller)
        guard !limits.isEmpty else { return requested }
        guard !requested.isEmpty else { return limits }
        let problems: [APIError.FieldError] = requested.enumerated().compactMap { index, text in
            Self.range(text, liesWithin: limits)
                ? nil
                : .init(field: "allowed_cidrs[\(index)]", message: "must lie within the ranges the API key making this request may be used from")
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return requested
    }

    /// The allowlist of a rotated key's successor: the old key's when it lies within a calling
    /// API key's allowlist, else the calling key's (a rotation has no `allowed_cidrs` to refuse).
    func rotatedAllowlist(_ old: [String], by caller: Identity) async throws -> [String] {
        let limits = try await allowlist(ofCallingKey: caller)
        guard !limits.isEmpty else { return old }
        return !old.isEmpty && old.allSatisfy({ Self.range($0, liesWithin: limits) }) ? old : limits
    }

    /// The ranges a calling API key may be used from; empty for an access token or an unrestricted key.
    func allowlist(ofCallingKey caller: Identity) async throws -> [String] {
        guard caller.kind == Self.apiKeyKind, let id = ValueFormats.uuid(caller.subject) else { return [] }
        return try await keys.allowedCIDRs(id: id)
    }

    /// Whether the range `text` lies inside one of `limits` (canonical CIDR texts).
    static func range(_ text: String, liesWithin limits: [String]) -> Bool {
        guard let range = CIDRRange(text), let first = text.split(separator: "/").first else { return false }
        return limits.contains { limitText in
            guard let limit = CIDRRange(limitText) else { return false }
            return limit.network.count == range.network.count && range.prefixLength >= limit.prefixLength
                && limit.contains(address: String(first))
        }
    }

    /// The expiry of a rotated key's successor: the old key's, but never after a calling API
    /// key's (a rotation has no `expires_at` to refuse, so the earlier of the two is kept).
    func rotatedExpiry(_ old: Date?, by caller: Identity) async throws -> Date? {
        guard let limit = try await expiry(ofCallingKey: caller) else { return old }
        guard let old else { return limit }
        return min(old, limit)
    }

    /// When a calling API key stops working; `nil` for an access token or a key that never expires.
    func expiry(ofCallingKey caller: Identity) async throws -> Date? {
        guard caller.kind == Self.apiKeyKind, let id = ValueFormats.uuid(caller.subject) else { return nil }
        return try await keys.expiry(id: id)
    }

    /// `PATCH /api-keys/{id}` → 200 with the key as it is now (never the key itself). The key's
    /// scopes, old and new, must be ones the caller holds where the key acts (403); a new expiry
    /// must lie in the future (422).
    func updateAPIKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let id = try pathID(context, .apiKey, what: "API key")
        return try await changeAPIKey(id, Self.keyChange(try await decodeBody(request, bodies.updateAPIKey)), caller: caller, context: context)
    }

    /// `PUT /api-keys/{id}` → 200 with the key as it is now: `PATCH` with every writable member
    /// given, a member left out taking its empty value (`allowed_cidrs` any, `expires_at` never).
    func replaceAPIKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let id = try pathID(context, .apiKey, what: "API key")
        let body = try await decodeBody(request, bodies.replaceAPIKey)
        var change = try Self.keyChange(body)
        change.allowedCIDRs = change.allowedCIDRs ?? []
        change.expiresAt = .some(change.expiresAt ?? nil)
        return try await changeAPIKey(id, change, caller: caller, context: context)
    }

    /// Applies `change` to the caller's key `id`: the rules of `PATCH` and `PUT` alike.
    private func changeAPIKey(
        _ id: UUID, _ change: (name: String?, scopes: [String]?, allowedCIDRs: [String]?, expiresAt: Date??),
        caller: (identity: Identity, userID: UUID, sessionID: UUID?),
        context: LoomRequestContext
    ) async throws -> Response {
        let now = service.clock()
        guard var record = try await keys.find(id: id, userID: caller.userID), Self.keyCaller(caller.identity, sees: record) else {
            throw notFound("API key", id, .apiKey)
        }
        try Self.requireBinding(caller.identity, allows: record.binding)
        let holder = try await creatorScopes(of: caller.identity, userID: caller.userID, binding: record.binding)
        let holds = { (scope: String) in Identity.scopes(holder, grant: scope) && Self.keyCaller(caller.identity, grants: scope) }
        for scope in record.scopes where !holds(scope) {
            throw APIError.forbidden("The key has the scope \(scope), which you do not hold; revoke it instead.")
        }
        var changed: [String] = []
        if let name = change.name, name != record.name {
            record.name = name
            changed.append("name")
        }
        if let scopes = change.scopes {
            for scope in scopes where !holds(scope) {
                throw APIError.forbidden("The key cannot have the scope \(scope): it exceeds the scopes you hold.")
            }
            if let role = record.role {
                let bound = record.binding.organizationID != nil
                let roleScopes = service.settings.expanding(bound ? service.organizationRoles.scopes(of: role) : service.scopes(ofRole: role))
                for scope in scopes where !Identity.scopes(roleScopes, grant: scope) {
                    throw APIError.forbidden("The service token cannot have the scope \(scope): its role \(role) does not grant it.")
                }
            }
            record.scopes = Array(Set(scopes)).sorted()
            changed.append("scopes")
        }
        if let ranges = change.allowedCIDRs {
            record.allowedCIDRs = ranges
            changed.append("allowed_cidrs")
        }
        if let expiry = change.expiresAt {
            if let date = expiry, date <= now {
                throw APIError.validation([.init(field: "expires_at", message: "must lie in the future")])
            }
            if expiry == nil, try await self.expiry(ofCallingKey: caller.identity) != nil {
                throw APIError.validation([
                    .init(field: "expires_at", message: "cannot be null (never): the API key making this request expires")
                ])
            }
            record.expiresAt = expiry
            changed.append("expires_at")
        }
        record.expiresAt = try await expiry(record.expiresAt, within: caller.identity)
        record.allowedCIDRs = try await allowlist(record.allowedCIDRs, within: caller.identity)
        let results = try await service.database.write([
            keys.update(record, userID: caller.userID),
            audit.event(
                "api_key_updated", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id),
                detail: Dictionary(uniqueKeysWithValues: changed.map { ($0, "changed") }), ipAddress: RequestClientAddress.of(context),
                now: now),
        ])
        guard results.first?.changes == 1 else { throw notFound("API key", id, .apiKey) }
        return answer(status: .ok, value: EnvelopedRecord(APIKeyResponse(record: record, key: nil), in: keyEnvelopes))
    }

    /// What a `PATCH /api-keys/{id}` body changes: `nil` keeps a member; `expiresAt` is
    /// `.some(nil)` for an explicit `null` (never expires).
    private static func keyChange(
        _ body: ContractInput
    ) throws -> (name: String?, scopes: [String]?, allowedCIDRs: [String]?, expiresAt: Date??) {
        let expiresAt: Date?? = try body.isPresent("expires_at") ? .some(try body.optionalTimestamp("expires_at")) : .none
        let cidrs: [String]? = try body.isPresent("allowed_cidrs") ? try ranges(strings(body.optionalArray("allowed_cidrs") ?? [])) : nil
        return (
            try body.optionalString("name"), try body.optionalArray("scopes").map(strings), cidrs, expiresAt
        )
    }
}
