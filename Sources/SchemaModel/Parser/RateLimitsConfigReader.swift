/// Reads the `rateLimits` section and the `trustedProxies` list of `app.json`.
enum RateLimitsConfigReader {
    /// Reads `rateLimits` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> RateLimitsConfig? {
        guard let reader = app.object("rateLimits", keys: SchemaKeys.rateLimits) else { return nil }
        return RateLimitsConfig(
            policies: readPolicies(reader), perCaller: reader.string("perCaller"), perOrganization: reader.string("perOrganization"),
            perAnonymousIP: reader.string("perAnonymousIP"), perIP: reader.string("perIP"), routeGroups: readGroups(reader),
            legacyHeaders: reader.bool("legacyHeaders") ?? false, tiers: reader.stringArray("tiers") ?? [],
            defaultTier: reader.string("defaultTier"), tiersPath: reader.string("tiersPath") ?? RateLimitsConfig.defaultTiersPath)
    }

    /// `{"default": {"quota": 100, "window": 60}, ...}` in declaration order.
    private static func readPolicies(_ rateLimits: ObjectReader) -> [RateLimitPolicyConfig] {
        guard let members = rateLimits.members("policies") else { return [] }
        let path = rateLimits.path(of: "policies")
        return members.compactMap { member in
            guard
                let reader = ObjectReader(
                    member.value, at: JSONPath.member(member.key, of: path), keys: SchemaKeys.rateLimitPolicy, values: rateLimits.values)
            else { return nil }
            return RateLimitPolicyConfig(name: member.key, quota: reader.integer("quota") ?? 1, window: reader.integer("window") ?? 1)
        }
    }

    /// `[{"policy": "credentials", "paths": ["/v1/auth/login"]}, ...]`.
    private static func readGroups(_ rateLimits: ObjectReader) -> [RateLimitRouteGroupConfig] {
        guard let elements = rateLimits.array("routeGroups") else { return [] }
        let path = rateLimits.path(of: "routeGroups")
        return elements.enumerated().compactMap { element in
            guard
                let reader = ObjectReader(
                    element.element, at: JSONPath.element(element.offset, of: path), keys: SchemaKeys.rateLimitGroup,
                    values: rateLimits.values)
            else { return nil }
            return RateLimitRouteGroupConfig(policy: reader.string("policy") ?? "", paths: reader.stringArray("paths") ?? [])
        }
    }
}
