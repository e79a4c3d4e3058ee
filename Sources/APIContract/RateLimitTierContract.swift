/// The rate-limit tier family: `GET <base>/rate-limits/tiers` lists the app's tiers, and
/// `GET`/`PUT <base>/rate-limits/api-keys/{id}` and `.../organizations/{id}` read and change
/// the tier assigned to an API key or an organization. Served by `Runtime`'s
/// `RateLimitTierRoutes` and documented by the OpenAPI builder from this one declaration; an
/// app has it when its `rateLimits` section declares `tiers`.
public struct RateLimitTierContract: Sendable {
    /// Path of the family under the base path.
    public static let path = "/rate-limits"
    /// The scope every route needs (`*` and `rate-limits:*` grant it too); the caller must also
    /// be bound to no organization, so an organization cannot raise its own quota.
    public static let scope = "rate-limits:manage"
    /// Name of the list's schema component.
    public static let listSchema = "RateLimitTierList"
    /// Name of one tier's schema component.
    public static let tierSchema = "RateLimitTier"
    /// Name of an assignment's schema component.
    public static let assignmentSchema = "RateLimitTierAssignment"

    /// The tiers in declaration order (the values `tier` accepts).
    public let tiers: [String]
    /// How the app writes the ids of API keys and organizations.
    public let ids: ResourceIDs

    /// Creates the family of an app with `tiers`.
    public init(tiers: [String], ids: ResourceIDs) {
        self.tiers = tiers
        self.ids = ids
    }

    /// `PUT`'s body: the tier, or `null` to remove the assignment.
    public var change: ContractBody {
        ContractBody("RateLimitTierChange", [
            ContractField(
                "tier", .enumeration(tiers),
                "The tier to assign; `null` removes the assignment (an API key then has its organization's tier, an "
                    + "organization the default tier).", required: true, nullable: true)
        ])
    }

    /// Every route, relative to `path` under the base path.
    public var routes: [ContractRoute<RateLimitTierOperation>] {
        let effect = " The change counts from the caller's next request, on every instance, and is written to the audit trail "
            + "in the same transaction when the app keeps one."
        return [
            route(
                .listTiers, .get, "/tiers", summary: "List rate-limit tiers",
                description: "The app's tiers in declaration order, each with its quota and window, and which one is the default.",
                responses: [ContractResponse(200, .json(Self.listSchema), "The tiers.")], errors: []),
            route(
                .getAPIKeyTier, .get, "/api-keys/{id}", summary: "Get an API key's rate-limit tier",
                description: "The tier assigned to the key (or null) and the tier its requests count against: the key's own, else "
                    + "its organization's, else the default.",
                responses: [Self.assignment], errors: [.notFound]),
            route(
                .setAPIKeyTier, .put, "/api-keys/{id}", summary: "Assign an API key's rate-limit tier",
                description: "Assigns a tier to the key, or removes its own with `null`. A key with its own tier is counted on its "
                    + "own, apart from its organization's quota." + effect,
                request: change, responses: [Self.assignment], errors: [.notFound, .validationError]),
            route(
                .getOrganizationTier, .get, "/organizations/{id}", summary: "Get an organization's rate-limit tier",
                description: "The tier assigned to the organization (or null) and the tier its callers count against.",
                responses: [Self.assignment], errors: [.notFound]),
            route(
                .setOrganizationTier, .put, "/organizations/{id}", summary: "Assign an organization's rate-limit tier",
                description: "Assigns a tier to the organization, or removes it with `null`; its members and keys without a tier "
                    + "of their own share its quota." + effect,
                request: change, responses: [Self.assignment], errors: [.notFound, .validationError]),
        ]
    }

    private static let assignment = ContractResponse(200, .json(assignmentSchema), "The assignment.")

    /// A route: it needs a caller holding `scope` and bound to no organization, and answers 500
    /// and 503 like every route that uses the database.
    private func route(
        _ operation: RateLimitTierOperation, _ method: ContractMethod, _ path: String, summary: String, description: String,
        request: ContractBody? = nil, responses: [ContractResponse], errors: Set<ContractError>
    ) -> ContractRoute<RateLimitTierOperation> {
        let parameters = path.templateParameters.map { _ in
            path.hasPrefix("/api-keys")
                ? ContractParameter("id", in: .path, .id(.apiKey, prefix: nil), "The API key's id.").writing(ids)
                : ContractParameter("id", in: .path, .id(.organization, prefix: nil), "The organization's id.").writing(ids)
        }
        return ContractRoute(
            operation, method, path, summary: summary,
            description: description + " Needs the scope `\(Self.scope)` and a caller bound to no organization (an app admin).",
            request: request, responses: responses,
            credentials: .userTokenOrKey, errors: errors, implied: ContractError.serverErrors, parameters: parameters)
    }
}
