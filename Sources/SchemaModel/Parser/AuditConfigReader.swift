/// Reads the `audit` section of `app.json`; absent keys take `AuditConfig`'s defaults.
enum AuditConfigReader {
    /// Reads `audit` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> AuditConfig? {
        guard let reader = app.object("audit", keys: SchemaKeys.audit) else { return nil }
        return AuditConfig(
            retentionDays: reader.integer("retentionDays") ?? AuditConfig.defaultRetentionDays,
            purgeIntervalSeconds: reader.integer("purgeIntervalSeconds") ?? AuditConfig.defaultPurgeIntervalSeconds)
    }
}
