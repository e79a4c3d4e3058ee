/// Reads the `usage` section of `app.json`; absent keys take `UsageConfig`'s defaults.
enum UsageConfigReader {
    /// Reads `usage` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> UsageConfig? {
        guard let reader = app.object("usage", keys: SchemaKeys.usage) else { return nil }
        return UsageConfig(
            retentionDays: reader.integer("retentionDays") ?? UsageConfig.defaultRetentionDays,
            path: reader.string("path") ?? UsageConfig.defaultPath)
    }
}
