/// Checks the `rateLimits` section and `trustedProxies` of `app.json`: positive quotas and
/// windows, every named policy declared, route-group paths that are literal absolute paths
/// listed once, and proxy ranges written as CIDR.
enum RateLimitRules {
    /// The longest window (a day): counters are kept in memory or in one table row per key.
    static let maximumWindowSeconds = 86_400
    /// The largest quota.
    static let maximumQuota = 1_000_000_000

    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let file = app.config.file
        func report(_ path: String, _ message: String) { diagnostics.error(.invalidRateLimit, file: file, path: path, message) }
        for (index, range) in app.config.trustedProxies.enumerated() where !isCIDR(range) {
            report("trustedProxies[\(index)]", "\(ValueText.quoted(range)) is not an address or CIDR range such as \"10.0.0.0/8\"")
        }
        guard let limits = app.config.rateLimits else { return }
        if limits.policies.isEmpty { report("rateLimits.policies", "declare at least one policy, e.g. {\"default\": {\"quota\": 100, \"window\": 60}}") }
        for policy in limits.policies {
            let path = "rateLimits.policies." + policy.name
            if !(1...maximumQuota).contains(policy.quota) { report(path + ".quota", "\"quota\" must be between 1 and \(maximumQuota), found \(policy.quota)") }
            if !(1...maximumWindowSeconds).contains(policy.window) {
                report(path + ".window", "\"window\" must be between 1 and \(maximumWindowSeconds) seconds, found \(policy.window)")
            }
            if policy.name.isEmpty || !policy.name.unicodeScalars.allSatisfy(isTokenCharacter) {
                report(path, "a policy name must be letters, digits, - and _ (it is sent in RateLimit-Policy)")
            }
        }
        let slots = [("perCaller", limits.perCaller), ("perOrganization", limits.perOrganization), ("perAnonymousIP", limits.perAnonymousIP)]
        for (key, name) in slots + [("perIP", limits.perIP)] {
            if let name { checkReference(name, at: "rateLimits." + key, limits: limits, report: report) }
        }
        if limits.perIP != nil {
            // One rule counts every request outside the route groups; the other slots would never apply.
            for (key, name) in slots where name != nil {
                report("rateLimits." + key, "\"perIP\" counts every caller per client IP; leave out \"\(key)\" or \"perIP\"")
            }
            if !limits.tiers.isEmpty { report("rateLimits.tiers", "\"perIP\" counts every caller per client IP; leave out \"tiers\" or \"perIP\"") }
        }
        if limits.perOrganization != nil, app.config.auth?.organizationRoles == nil {
            report("rateLimits.perOrganization", "counting per organization needs organizations; declare \"auth.organizationRoles\"")
        }
        checkGroups(limits, report: report)
        checkTiers(limits, hasAuth: app.config.auth != nil, report: report)
    }

    /// Tiers name declared policies, once each; `defaultTier` is one of them; tiers replace
    /// `perCaller` and `perOrganization` (one rule picks an authenticated caller's policy) and
    /// need credentials to assign them to.
    private static func checkTiers(_ limits: RateLimitsConfig, hasAuth: Bool, report: (String, String) -> Void) {
        if limits.tiersPath != RateLimitsConfig.defaultTiersPath {
            if limits.tiers.isEmpty { report("rateLimits.tiersPath", "places the tier routes; declare \"tiers\" or leave it out") }
            if !FixedRoutePath.isValid(limits.tiersPath) {
                report("rateLimits.tiersPath", FixedRoutePath.problem(limits.tiersPath, example: "/admin/rate-limits"))
            }
        }
        guard !limits.tiers.isEmpty || limits.defaultTier != nil else { return }
        var seen: Set<String> = []
        for (index, tier) in limits.tiers.enumerated() {
            checkReference(tier, at: "rateLimits.tiers[\(index)]", limits: limits, report: report)
            if !seen.insert(tier).inserted { report("rateLimits.tiers[\(index)]", "\(ValueText.quoted(tier)) is listed twice") }
        }
        if limits.tiers.isEmpty { report("rateLimits.tiers", "\"defaultTier\" needs \"tiers\", e.g. [\"standard\", \"professional\"]") }
        if let tier = limits.defaultTier {
            if !limits.tiers.isEmpty, !limits.tiers.contains(tier) {
                report("rateLimits.defaultTier", "\(ValueText.quoted(tier)) is not a tier; tiers: \(limits.tiers.joined(separator: ", "))")
            }
        } else {
            report("rateLimits.defaultTier", "with \"tiers\", name the tier of callers that have none assigned, e.g. \"standard\"")
        }
        for (key, name) in [("perCaller", limits.perCaller), ("perOrganization", limits.perOrganization)] where name != nil {
            report("rateLimits." + key, "tiers decide the policy of authenticated callers; leave out \"\(key)\" or \"tiers\"")
        }
        if !hasAuth { report("rateLimits.tiers", "tiers are assigned to API keys and organizations; declare an \"auth\" section") }
    }

    private static func checkGroups(_ limits: RateLimitsConfig, report: (String, String) -> Void) {
        var seen: Set<String> = []
        for (index, group) in limits.routeGroups.enumerated() {
            let path = "rateLimits.routeGroups[\(index)]"
            checkReference(group.policy, at: path + ".policy", limits: limits, report: report)
            if group.paths.isEmpty { report(path + ".paths", "list at least one path") }
            for (pathIndex, route) in group.paths.enumerated() {
                let at = path + ".paths[\(pathIndex)]"
                if !route.hasPrefix("/") || route.contains("{") || route.contains("?") || route.contains(" ") {
                    report(at, "\(ValueText.quoted(route)) must be an absolute path without parameters, such as \"/v1/auth/login\"")
                } else if !seen.insert(route).inserted {
                    report(at, "\(ValueText.quoted(route)) is already in a route group; a path belongs to one group")
                }
            }
        }
    }

    private static func checkReference(_ name: String, at path: String, limits: RateLimitsConfig, report: (String, String) -> Void) {
        guard limits.policy(named: name) == nil else { return }
        let known = limits.policies.map(\.name).joined(separator: ", ")
        report(path, "no policy is named \(ValueText.quoted(name)); declared: \(known.isEmpty ? "none" : known)")
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }

    /// An IPv4 or IPv6 address (hex digits, `.` and `:`) with an optional `/length` (at most 32 or 128);
    /// the runtime's `CIDRRange` parses it fully and the server refuses to start on one it cannot.
    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = parts.first, !address.isEmpty,
            address.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == "." || $0 == ":" }),
            address.contains(".") || address.contains(":")
        else { return false }
        guard parts.count == 2 else { return true }
        let maximum = address.contains(":") ? 128 : 32
        guard parts[1].allSatisfy(\.isNumber), let length = Int(parts[1]) else { return false }
        return (0...maximum).contains(length)
    }
}
