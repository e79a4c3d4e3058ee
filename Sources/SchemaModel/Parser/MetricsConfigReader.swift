/// Reads the `metrics` section of `app.json`.
enum MetricsConfigReader {
    /// Reads `metrics` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> MetricsConfig? {
        guard let reader = app.object("metrics", keys: SchemaKeys.metrics) else { return nil }
        return MetricsConfig(host: reader.string("host") ?? MetricsConfig.defaultHost, port: reader.integer("port") ?? 0)
    }
}
