/// Reads the `idempotency` section of `app.json`; absent keys take `IdempotencyConfig`'s defaults.
enum IdempotencyConfigReader {
    /// Reads `idempotency` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> IdempotencyConfig? {
        guard let reader = app.object("idempotency", keys: SchemaKeys.idempotency) else { return nil }
        let path = reader.path(of: "required")
        let required: [IdempotentTableOperation] = (reader.array("required") ?? []).enumerated().compactMap { index, element in
            reader.values.choice(element, at: JSONPath.element(index, of: path), named: "table operation")
        }
        return IdempotencyConfig(
            enabled: reader.bool("enabled") ?? true,
            retentionHours: reader.integer("retentionHours") ?? IdempotencyConfig.defaultRetentionHours,
            required: required,
            claimTimeoutSeconds: reader.integer("claimTimeoutSeconds") ?? IdempotencyConfig.defaultClaimTimeoutSeconds,
            purgeIntervalSeconds: reader.integer("purgeIntervalSeconds") ?? IdempotencyConfig.defaultPurgeIntervalSeconds)
    }
}
