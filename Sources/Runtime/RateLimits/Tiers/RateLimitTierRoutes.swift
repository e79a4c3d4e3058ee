import APIContract
import Foundation
import Hummingbird

/// Serves the rate-limit tier family (`RateLimitTierContract`) under the app's base path: the
/// tiers, and the tier of each API key and organization, read and changed at run time.
///
/// Every route needs the scope `rate-limits:manage` and a caller bound to no organization (an
/// app admin): an organization's admin cannot raise its own quota. A change is written with
/// the version bump and the audit row in one transaction; then this instance reloads its
/// assignments, and the others notice the version with their next count (`RateLimitTierDirectory`).
public struct RateLimitTierRoutes: RouteFamily {
    /// The app's tiers.
    let tiers: RateLimitTiers
    /// The assignments this instance counts with.
    let directory: RateLimitTierDirectory
    /// Whether the keys and organizations exist.
    let holders: any RateLimitTierHolders
    /// Whether changes are written to the app's audit trail.
    let audited: Bool
    /// How the app writes the ids of API keys and organizations (`auth.ids`).
    let ids: ResourceIDs
    /// The clock of `updated_at` and the audit row (tests move it).
    let now: @Sendable () -> Date

    /// Creates the family of an app with `tiers`, counting with `directory`.
    public init(
        tiers: RateLimitTiers, directory: RateLimitTierDirectory, holders: any RateLimitTierHolders, audited: Bool, ids: ResourceIDs,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.ids = ids
        self.tiers = tiers
        self.directory = directory
        self.holders = holders
        self.audited = audited
        self.now = now
    }

    /// Adds the family under the app's base path.
    public func register(in registry: inout RouteRegistry) {
        let contract = RateLimitTierContract(tiers: tiers.names, ids: ids)
        let served = Served(
            family: self, contract: contract, validation: ContractValidation(bodies: [contract.change]), naming: registry.settings.naming,
            ids: ids, maxBodyBytes: registry.settings.maxBodyBytes, database: registry.database)
        registry.add(contract.routes, prefix: registry.settings.basePath + tiers.path, handler: served.handler)
    }
}

extension RateLimitTierRoutes {
    /// The family with what registering it learnt of the app.
    struct Served: Sendable {
        let family: RateLimitTierRoutes
        let contract: RateLimitTierContract
        let validation: ContractValidation
        let naming: JSONNaming
        let ids: ResourceIDs
        let maxBodyBytes: Int
        let database: any DatabaseClient

        /// The handler of each operation; the switch is exhaustive.
        func handler(for operation: RateLimitTierOperation) -> RouteRegistry.Handler {
            switch operation {
            case .listTiers:
                return { _, context in
                    _ = try admin(context)
                    return JSONResponse.make(status: .ok, value: RateLimitTierList(tiers: family.tiers), naming: naming)
                }
            case .getAPIKeyTier: return { _, context in try await answer(try await apiKey(context), context) }
            case .setAPIKeyTier: return { request, context in try await change(try await apiKey(context), request, context) }
            case .getOrganizationTier: return { _, context in try await answer(try await organization(context), context) }
            case .setOrganizationTier: return { request, context in try await change(try await organization(context), request, context) }
            }
        }

        /// The caller, holding the scope and bound to no organization.
        func admin(_ context: LoomRequestContext) throws(APIError) -> Identity {
            let identity = try context.requireScope(RateLimitTierContract.scope)
            guard identity.organizationID == nil else {
                throw APIError.forbidden("Tiers are changed by an app admin: a caller bound to no organization.")
            }
            return identity
        }

        /// The key of the `{id}` path parameter, and the organization whose tier it has when it
        /// has none of its own; 404 when no key has the id.
        func apiKey(_ context: LoomRequestContext) async throws -> Target {
            _ = try admin(context)
            let text = context.parameters.get("id") ?? ""
            guard let id = ids.uuid(text, .apiKey), let key = try await family.holders.apiKey(id) else { throw notFound("API key", text) }
            return Target(holder: RateLimitTierHolder(apiKey: id), id: text, inheritsFrom: key.organizationID.map { .organization($0) })
        }

        /// The organization of the `{id}` path parameter; 404 when none has the id.
        func organization(_ context: LoomRequestContext) async throws -> Target {
            _ = try admin(context)
            let text = context.parameters.get("id") ?? ""
            guard let id = ids.uuid(text, .organization), try await family.holders.organizationExists(id) else {
                throw notFound("organization", text)
            }
            return Target(holder: RateLimitTierHolder(organization: id), id: text, inheritsFrom: nil)
        }

        /// Assigns the body's tier (or removes it) in one transaction with the version bump and the
        /// audit row, then reloads this instance's assignments.
        func change(_ target: Target, _ request: Request, _ context: LoomRequestContext) async throws -> Response {
            let identity = try admin(context)
            let input = try await validation.decode(request, as: contract.change, limit: maxBodyBytes)
            let tier = try input.optionalString("tier")
            let time = family.now()
            var statements = family.directory.changeStatements(target.holder, tier: tier, at: time)
            if family.audited {
                statements.append(AuditTrail.event(
                    action: "rate_limit_tier_changed", resource: "rate_limit_tiers", resourceID: target.holder.key, identity: identity,
                    requestID: context.requestID, clientAddress: RequestClientAddress.of(context), changedFields: ["tier"], at: time,
                    dialect: database.dialect))
            }
            _ = try await database.write(statements)
            try await family.directory.reload()
            return try await answer(target, context)
        }

        /// The target's assignment as this instance holds it.
        func answer(_ target: Target, _ context: LoomRequestContext) async throws -> Response {
            let assignments = family.directory.current
            let own = assignments.tier(of: target.holder).flatMap(family.tiers.policy(named:))
            let inherited = target.inheritsFrom.flatMap(assignments.tier(of:)).flatMap(family.tiers.policy(named:))
            let effective = own ?? inherited ?? family.tiers.defaultTier
            return JSONResponse.make(
                status: .ok, value: RateLimitTierAssignmentAnswer(id: target.id, tier: own?.name, effectiveTier: effective.name),
                naming: naming)
        }

        /// 404: no `what` has `id`.
        func notFound(_ what: String, _ id: String) -> APIError {
            APIError(status: .notFound, code: "NOT_FOUND", detail: "No \(what) has id \(id.prefix(64)).")
        }
    }

    /// A key or organization a route reads or changes: its holder, its id as the path spelt it,
    /// and the holder whose tier it has when it has none (a key's organization).
    struct Target: Sendable {
        let holder: RateLimitTierHolder
        let id: String
        let inheritsFrom: RateLimitTierHolder?
    }
}
