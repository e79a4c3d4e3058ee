/// Checks the `idempotency` section of `app.json` and the endpoints that opt in: retention,
/// claim timeout and purge interval in range, each required operation listed once, and an
/// endpoint's `idempotency` only with the section and on `POST` or `PATCH`.
enum IdempotencyRules {
    /// The longest retention, 30 days: records are one row per key and request.
    static let maximumRetentionHours = 720
    /// The longest claim timeout, an hour.
    static let maximumClaimTimeoutSeconds = 3_600

    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        if let config = app.config.idempotency { checkSection(config, file: app.config.file, diagnostics: diagnostics) }
        for endpoint in app.endpoints {
            guard let idempotency = endpoint.idempotency else { continue }
            if app.config.idempotency == nil {
                diagnostics.error(
                    .invalidIdempotency, file: endpoint.file, path: "idempotency",
                    "\"idempotency\": \"\(idempotency.rawValue)\" needs the app's \"idempotency\" section in app.json")
            }
            if endpoint.method != .POST, endpoint.method != .PATCH {
                diagnostics.error(
                    .invalidIdempotency, file: endpoint.file, path: "idempotency",
                    "only POST and PATCH endpoints take an idempotency key; \(endpoint.method.rawValue) is idempotent by its method")
            }
        }
    }

    private static func checkSection(_ config: IdempotencyConfig, file: String, diagnostics: DiagnosticCollector) {
        func report(_ key: String, _ message: String) {
            diagnostics.error(.invalidIdempotency, file: file, path: "idempotency." + key, message)
        }
        if !(1...maximumRetentionHours).contains(config.retentionHours) {
            report("retentionHours", "\"retentionHours\" must be between 1 and \(maximumRetentionHours), found \(config.retentionHours)")
        }
        if !(1...maximumClaimTimeoutSeconds).contains(config.claimTimeoutSeconds) {
            report("claimTimeoutSeconds", "\"claimTimeoutSeconds\" must be between 1 and \(maximumClaimTimeoutSeconds), found \(config.claimTimeoutSeconds)")
        }
        if !(60...86_400).contains(config.purgeIntervalSeconds) {
            report("purgeIntervalSeconds", "\"purgeIntervalSeconds\" must be between 60 and 86400, found \(config.purgeIntervalSeconds)")
        }
        var seen: Set<IdempotentTableOperation> = []
        for (index, operation) in config.required.enumerated() where !seen.insert(operation).inserted {
            report("required[\(index)]", "\"\(operation.rawValue)\" is listed twice")
        }
    }
}
