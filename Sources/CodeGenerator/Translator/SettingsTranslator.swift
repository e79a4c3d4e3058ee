import APIContract
import SchemaModel

/// Writes an app's `app.json` conventions as the arguments of `Runtime`'s `AppSettings(...)`:
/// the error body as a template, and the fidelity declarations (`naming`, `errors`, `headers`,
/// `routes`) only where they differ from Loom's defaults.
enum SettingsTranslator {
    /// The argument texts, in the initializer's order.
    static func arguments(for app: AppSchema) -> [String] {
        let config = app.config
        var arguments = [
            "name: \(SwiftNames.literal(config.name))",
            "basePath: \(SwiftNames.literal(config.basePath))",
            "errorFormat: " + errorFormat(config),
            "maxBodyBytes: \(config.limits.maxBodyBytes)",
            "pageLimits: PageLimits(defaultSize: \(config.limits.defaultPageSize), maximumSize: \(config.limits.maxPageSize))",
            "maxBatchSize: \(config.limits.maxBatchSize)",
        ]
        if config.naming != .snakeCase { arguments.append("naming: .\(config.jsonNaming)") }
        if !config.errors.codes.isEmpty {
            let entries = config.errors.codes.map { mapping in
                var parts: [String] = []
                if let code = mapping.code { parts.append("code: \(SwiftNames.literal(code))") }
                if let status = mapping.status { parts.append("status: \(status)") }
                return "\(SwiftNames.literal(mapping.loomCode)): .init(\(parts.joined(separator: ", ")))"
            }
            arguments.append("errors: ErrorVocabulary([\(entries.joined(separator: ", "))])")
        }
        if config.auth != nil, config.errors.forbiddenAsNotFound { arguments.append("forbiddenAsNotFound: true") }
        let headers = config.headers
        if headers != HeaderNamesSchema() {
            var names = "apiKey: \(SwiftNames.literal(headers.apiKey)), requestID: \(SwiftNames.literal(headers.requestId))"
            let defaults = HeaderNamesSchema()
            if headers.rateLimitPolicy != defaults.rateLimitPolicy { names += ", rateLimitPolicy: \(SwiftNames.literal(headers.rateLimitPolicy))" }
            if headers.rateLimit != defaults.rateLimit { names += ", rateLimit: \(SwiftNames.literal(headers.rateLimit))" }
            if headers.idempotencyKey != defaults.idempotencyKey { names += ", idempotencyKey: \(SwiftNames.literal(headers.idempotencyKey))" }
            arguments.append("headers: HeaderNames(\(names))")
        }
        if !config.servedSystemRoutes.isEmpty { arguments.append("systemRoutes: " + routeOverrides(config.servedSystemRoutes)) }
        if let rateLimits = config.rateLimits { arguments.append("rateLimits: " + Self.rateLimits(rateLimits)) }
        if !config.trustedProxies.isEmpty {
            arguments.append("trustedProxies: [" + config.trustedProxies.map(SwiftNames.literal).joined(separator: ", ") + "]")
        }
        let security = config.security
        if security != SecuritySchema() {
            arguments.append(
                "security: SecurityHeaders(servedOverTLS: \(security.servedOverTLS), referrerPolicy: \(SwiftNames.literal(security.referrerPolicy.rawValue)), hstsMaxAge: \(security.hstsMaxAge))")
        }
        // After `security`, in the initializer's order.
        if let idempotency = IdempotencyTranslator.settings(config) { arguments.append("idempotency: " + idempotency) }
        let limits = config.limits
        arguments.append(
            "requestLimits: RequestLimits(maxURLBytes: \(limits.maxURLBytes), maxHeaderBytes: \(limits.maxHeaderBytes), "
                + "maxQueryParameters: \(limits.maxQueryParameters), standardBudget: .seconds(\(limits.timeoutSeconds)), "
                + "batchBudget: .seconds(\(limits.batchTimeoutSeconds)))")
        // MARK: CORS (issue 14), after `requestLimits` in the initializer's order.
        if let cors = config.cors { arguments.append("cors: " + Self.cors(cors)) }
        // MARK: Observability: metrics (issue 14), after `cors`.
        if let metrics = config.metrics {
            arguments.append("metrics: MetricsSettings(host: \(SwiftNames.literal(metrics.host)), port: \(metrics.port))")
        }
        // MARK: Observability: usage (issue 14), after `metrics`.
        if let usage = config.usage {
            arguments.append("usage: UsageSettings(retentionDays: \(usage.retentionDays), path: \(SwiftNames.literal(usage.path)))")
        }
        // `envelopes.families`, after `usage`.
        let families = FamilyEnvelopes(config: config)
        if families != .loom { arguments.append("familyEnvelopes: " + families.swiftExpression) }
        // The table catalog, after `familyEnvelopes`: the bytes the route serves, written once here.
        if TableCatalog.served(config) { arguments.append("tableCatalog: " + SwiftNames.literal(TableCatalog.json(app))) }
        // The health body, after `tableCatalog`: only where `health.members` is not Loom's.
        if config.health != HealthConfig() {
            let members = config.health.members.map { SwiftNames.literal($0.rawValue) }.joined(separator: ", ")
            let version = config.health.members.contains(.appVersion) ? ", appVersion: \(SwiftNames.literal(config.version))" : ""
            arguments.append("health: HealthBody(members: [\(members)]\(version))")
        }
        return arguments
    }

    /// `ErrorBodyFormat(contentType:template:)` of the app's preset or `errors.body`.
    static func errorFormat(_ config: AppConfig) -> String {
        let contentType = config.errors.body == nil && config.errorFormat == .problem ? "application/problem+json" : "application/json"
        return "ErrorBodyFormat(contentType: \(SwiftNames.literal(contentType)), template: \(template(config.errors.body ?? config.errorFormat.template)))"
    }

    private static func template(_ template: ErrorBodyTemplate) -> String {
        switch template {
        case .object(let members):
            return ".object([" + members.map { ".init(\(SwiftNames.literal($0.name)), \(self.template($0.template)))" }.joined(separator: ", ") + "])"
        case .constant(let value):
            return ".constant(RawJSON(validatedText: \(SwiftNames.literal(CanonicalJSON.text(value)))))"
        case .value(let value):
            return ".value(.\(value == .requestId ? "requestID" : value.rawValue))"
        }
    }

    /// `["name": ContractRouteOverride(paths: [...], members: [...], method: ..., success: ...)]`,
    /// keys sorted: the overrides as the generator lays the routes out (`AuthContractOptions.overrides`).
    static func routeOverrides(_ routes: [String: RouteOverrideSchema]) -> String {
        let overrides = AuthContractOptions.overrides(routes)
        let entries = overrides.keys.sorted().map { key -> String in
            let route = overrides[key]!
            let paths = route.paths.map(SwiftNames.literal).joined(separator: ", ")
            let members = route.members.isEmpty
                ? "" : ", members: [" + route.members.sorted { $0.key < $1.key }.map { "\(SwiftNames.literal($0.key)): \(SwiftNames.literal($0.value))" }.joined(separator: ", ") + "]"
            let method = route.method.map { ", method: .\(String(describing: $0))" } ?? ""
            let success = route.success.map { ", success: " + Self.success($0) } ?? ""
            return "\(SwiftNames.literal(key)): ContractRouteOverride(paths: [\(paths)]\(members)\(method)\(success))"
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }

    /// `.status(200)` or `.constant([ContractConstant("success", .bool(true)), ...])`.
    private static func success(_ success: ContractSuccessOverride) -> String {
        switch success {
        case .status(let status): return ".status(\(status))"
        case .constant(let members):
            return ".constant([" + members.map { member in
                let value: String
                switch member.value {
                case .bool(let bool): value = ".bool(\(bool))"
                case .integer(let integer): value = ".integer(\(integer))"
                case .string(let string): value = ".string(\(SwiftNames.literal(string)))"
                }
                return "ContractConstant(\(SwiftNames.literal(member.name)), \(value))"
            }.joined(separator: ", ") + "])"
        }
    }

    /// `RateLimitSettings(...)` with each slot's policy written out.
    static func rateLimits(_ limits: RateLimitsConfig) -> String {
        func policy(_ name: String) -> String? {
            limits.policy(named: name).map { "RateLimitPolicy(name: \(SwiftNames.literal($0.name)), quota: \($0.quota), window: \($0.window))" }
        }
        var parts: [String] = []
        for (label, name) in [("perCaller", limits.perCaller), ("perOrganization", limits.perOrganization), ("perAnonymousIP", limits.perAnonymousIP), ("perIP", limits.perIP)] {
            if let name, let text = policy(name) { parts.append("\(label): \(text)") }
        }
        let groups = limits.routeGroups.compactMap { group -> String? in
            guard let text = policy(group.policy) else { return nil }
            return "(policy: \(text), paths: [" + group.paths.map(SwiftNames.literal).joined(separator: ", ") + "])"
        }
        if !groups.isEmpty { parts.append("routeGroups: [" + groups.joined(separator: ", ") + "]") }
        if limits.legacyHeaders { parts.append("legacyHeaders: true") }
        if let defaultName = limits.defaultTier, let defaultTier = policy(defaultName) {
            let tiers = limits.tiers.compactMap(policy).joined(separator: ", ")
            let path = limits.tiersPath == RateLimitsConfig.defaultTiersPath ? "" : ", path: \(SwiftNames.literal(limits.tiersPath))"
            parts.append("tiers: RateLimitTiers([\(tiers)], defaultTier: \(defaultTier)\(path))")
        }
        return "RateLimitSettings(" + parts.joined(separator: ", ") + ")"
    }

    /// `CORSSettings(...)`; absent header lists stay absent, so the runtime derives them from the app's header names.
    static func cors(_ cors: CORSConfig) -> String {
        func list(_ values: [String]) -> String { "[" + values.map(SwiftNames.literal).joined(separator: ", ") + "]" }
        var parts = ["origins: \(list(cors.origins))", "methods: \(list(cors.methods))"]
        if let headers = cors.headers { parts.append("headers: \(list(headers))") }
        if let exposed = cors.exposedHeaders { parts.append("exposedHeaders: \(list(exposed))") }
        if cors.credentials { parts.append("credentials: true") }
        parts.append("maxAgeSeconds: \(cors.maxAgeSeconds)")
        return "CORSSettings(" + parts.joined(separator: ", ") + ")"
    }
}
