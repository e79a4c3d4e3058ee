/// Reads the `cors` section of `app.json`; absent keys take `CORSConfig`'s defaults.
enum CORSConfigReader {
    /// Reads `cors` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> CORSConfig? {
        guard let reader = app.object("cors", keys: SchemaKeys.cors) else { return nil }
        return CORSConfig(
            origins: reader.stringArray("origins") ?? [],
            methods: reader.stringArray("methods") ?? CORSConfig.defaultMethods,
            headers: reader.stringArray("headers"),
            exposedHeaders: reader.stringArray("exposedHeaders"),
            credentials: reader.bool("credentials") ?? false,
            maxAgeSeconds: reader.integer("maxAgeSeconds") ?? CORSConfig.defaultMaxAgeSeconds)
    }
}
