import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Creating, listing, reading, revoking and rotating the caller's API keys (updating and who may
/// call these: `AuthRoutes+KeyManagers`).
extension AuthRoutes {
    /// `GET /api-keys?limit=&offset=` → one page of the caller's keys that are not revoked
    /// (prefix and last four only) with their `total`, in the key family's list envelope; an API
    /// key calling sees only the keys its binding allows (`keyCaller(_:sees:)`).
    func listAPIKeys(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let query = try ContractQuery(request, parameters: keyListParameters)
        let limit = query.integer("limit") ?? contract.options.apiKeys?.page.defaultLimit ?? 0, offset = query.integer("offset") ?? 0
        let (records, total) = try await keys.page(
            userID: caller.userID, within: Self.keyListBinding(of: caller.identity), limit: limit, offset: offset)
        return answer(status: .ok, value: EnvelopedList(
            records.map { APIKeyResponse(record: $0, key: nil) }, page: .init(total: total, limit: limit, offset: offset), in: keyEnvelopes))
    }

    /// `GET /api-keys/{id}` → one of the caller's keys that is not revoked, never the key itself.
    func getAPIKey(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let id = try pathID(context, .apiKey, what: "API key")
        guard let record = try await keys.find(id: id, userID: caller.userID), Self.keyCaller(caller.identity, sees: record) else {
            throw notFound("API key", id, .apiKey)
        }
        return answer(status: .ok, value: EnvelopedRecord(APIKeyResponse(record: record, key: nil), in: keyEnvelopes))
    }

    /// `POST /api-keys` → 201 with the key, shown this once. Scopes must be within the
    /// caller's (403 naming the first that is not); CIDRs and expiry are checked (422). With
    /// `organization_id` / `project_id` the key is bound to them (see `issueKey`); with
    /// `service` and `role` it is a service token.
    func createAPIKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        var order = try Self.keyOrder(try await decodeBody(request, bodies.createAPIKey), roles: service.settings.roleSpelling)
        order.expiresAt = try await expiry(order.expiresAt, within: caller.identity)
        order.allowedCIDRs = try await allowlist(order.allowedCIDRs, within: caller.identity)
        let issued = try await issueKey(order, caller: caller.identity, userID: caller.userID, ipAddress: RequestClientAddress.of(context))
        return answer(status: .created, value: EnvelopedRecord(APIKeyResponse(record: issued.record, key: issued.key), in: keyEnvelopes))
    }

    /// The key order of a validated `POST /api-keys` body (synchronous reads, kept out of the
    /// async handler; see `decodeBody` for the release-build crash this handler hit); `role`
    /// arrives in the wire spelling `roles`.
    private static func keyOrder(_ body: ContractInput, roles: RoleSpelling) throws -> KeyOrder {
        KeyOrder(
            name: try body.string("name"), environment: try body.string("environment"),
            scopes: try body.optionalArray("scopes").map(Self.strings), service: try body.optionalString("service"),
            role: try body.optionalString("role").map(roles.role(fromWire:)), organizationID: try body.optionalUUID("organization_id"),
            projectID: try body.optionalUUID("project_id"), expiresAt: try body.optionalTimestamp("expires_at"),
            allowedCIDRs: try Self.ranges(Self.strings(body.optionalArray("allowed_cidrs") ?? [])))
    }

    /// `DELETE /api-keys/{id}` → 204; the key stops working at once.
    func revokeAPIKey(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let id = try pathID(context, .apiKey, what: "API key")
        if caller.identity.kind == Self.apiKeyKind {
            let record = try await keys.find(id: id, userID: caller.userID)
            guard let record, Self.keyCaller(caller.identity, sees: record) else { throw notFound("API key", id, .apiKey) }
        }
        let now = service.clock()
        let results = try await service.database.write([
            keys.revoke(id: id, userID: caller.userID, now: now),
            audit.event(
                "api_key_revoked", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw notFound("API key", id, .apiKey) }
        return Response(status: .noContent)
    }

    /// `POST /api-keys/{id}/rotate` → 201 with a new key of the same name, environment, scopes,
    /// allowlist and expiry; the old key stops working at once, or after `grace_seconds`
    /// (at most `auth.apiKeys.maxRotationGraceSeconds`).
    func rotateAPIKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireKeyManager(context)
        let id = try pathID(context, .apiKey, what: "API key")
        let body = try await decodeBody(request, bodies.rotateAPIKey)
        // The contract bounds it by `auth.apiKeys.maxRotationGraceSeconds` (422 beyond).
        let grace = Int(try body.optionalInteger("grace_seconds") ?? 0)
        let now = service.clock()
        guard let old = try await keys.find(id: id, userID: caller.userID), old.expiresAt.map({ $0.isLater(than: now) }) ?? true,
            Self.keyCaller(caller.identity, sees: old), let format = service.keyFormat, let issued = format.issue(environment: old.environment)
        else { throw notFound("active API key", id, .apiKey) }
        try Self.requireBinding(caller.identity, allows: old.binding)
        let holder = try await creatorScopes(of: caller.identity, userID: caller.userID, binding: old.binding)
        for scope in old.scopes where !Identity.scopes(holder, grant: scope) || !Self.keyCaller(caller.identity, grants: scope) {
            throw APIError.forbidden("The key has the scope \(scope), which you no longer hold; create a new key instead.")
        }
        var record = APIKeyRecord(
            id: UUID(), userID: caller.userID, name: old.name, issued: issued, scopes: old.scopes,
            allowedCIDRs: try await rotatedAllowlist(old.allowedCIDRs, by: caller.identity),
            expiresAt: try await rotatedExpiry(old.expiresAt, by: caller.identity), now: now)
        record.binding = old.binding
        record.service = old.service
        record.role = old.role
        let results = try await service.database.write([
            keys.retire(id: old.id, until: now.addingTimeInterval(TimeInterval(grace)), successor: record.id),
            keys.insert(record, issued: issued),
            audit.event(
                "api_key_rotated", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: old.id),
                detail: ["successor": ValueFormats.lowercaseText(of: record.id), "grace_seconds": String(grace)],
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else {
            // The old key was revoked between the read and the write: its successor must not live.
            _ = try await service.database.write([keys.revoke(id: record.id, userID: caller.userID, now: now)])
            throw notFound("active API key", id, .apiKey)
        }
        return answer(status: .created, value: EnvelopedRecord(APIKeyResponse(record: record, key: issued.text), in: keyEnvelopes))
    }

    /// The strings of a validated array of strings.
    static func strings(_ values: [InputValue]) -> [String] {
        values.compactMap { value in
            if case .string(let text) = value { return text }
            return nil
        }
    }

    /// Canonical CIDR texts; 422 naming `allowed_cidrs[i]` for one that does not parse.
    static func ranges(_ texts: [String]) throws(APIError) -> [String] {
        var ranges: [String] = []
        var problems: [APIError.FieldError] = []
        for (index, text) in texts.enumerated() {
            if let range = CIDRRange(text) {
                ranges.append(range.text)
            } else {
                problems.append(.init(field: "allowed_cidrs[\(index)]", message: "is not an IP address or CIDR range such as 10.0.0.0/8"))
            }
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return ranges
    }
}
