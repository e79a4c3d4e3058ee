/// Reads `Schemas/<app>/app.json` into an `AppConfig`.
enum AppConfigReader {
    /// Reads an app file; absent optional keys take the `AppConfig` defaults. Problems go to
    /// `values.diagnostics`; placeholders stand in for bad values, which never escape because
    /// the parser returns no schemas when any error was reported.
    static func read(_ root: JSONValue, values: ValueReader) -> AppConfig? {
        guard let reader = ObjectReader(root, at: "", keys: SchemaKeys.app, values: values) else { return nil }
        _ = reader.string(SchemaKeys.schemaReference)
        let defaults = AppConfig(file: values.file, name: "", title: "", version: "", description: "")
        var config = AppConfig(
            file: values.file,
            name: reader.string("name") ?? "",
            title: reader.string("title") ?? "",
            version: reader.string("version") ?? "",
            description: reader.string("description") ?? "",
            basePath: reader.string("basePath") ?? defaults.basePath,
            errorFormat: reader.choice("errorFormat", named: "error format") ?? defaults.errorFormat,
            limits: readLimits(reader) ?? defaults.limits,
            auth: reader.contains("auth") ? AuthConfigReader.read(reader) : nil)
        config.droppedTables = reader.stringArray("droppedTables") ?? []
        config.tablesFrom = reader.string("tablesFrom")
        config.webhooks = reader.contains("webhooks") ? WebhooksConfigReader.read(reader) : nil
        config.audit = reader.contains("audit") ? AuditConfigReader.read(reader) : nil
        config.accessLog = reader.contains("accessLog") ? AccessLogConfigReader.read(reader) : nil
        readFidelity(reader, into: &config)
        config.rateLimits = reader.contains("rateLimits") ? RateLimitsConfigReader.read(reader) : nil
        config.trustedProxies = reader.stringArray("trustedProxies") ?? []
        config.security = readSecurity(reader) ?? SecuritySchema()
        readDocument(reader, into: &config)
        config.idempotency = reader.contains("idempotency") ? IdempotencyConfigReader.read(reader) : nil
        // MARK: CORS (issue 14)
        config.cors = reader.contains("cors") ? CORSConfigReader.read(reader) : nil
        // MARK: Observability: metrics (issue 14)
        config.metrics = reader.contains("metrics") ? MetricsConfigReader.read(reader) : nil
        // MARK: Observability: usage (issue 14)
        config.usage = reader.contains("usage") ? UsageConfigReader.read(reader) : nil
        config.health = readHealth(reader) ?? HealthConfig()
        return config
    }

    private static func readHealth(_ app: ObjectReader) -> HealthConfig? {
        guard let reader = app.object("health", keys: SchemaKeys.health), let elements = reader.array("members") else { return nil }
        let path = reader.path(of: "members")
        return HealthConfig(members: elements.enumerated().compactMap { index, element in
            reader.values.choice(element, at: JSONPath.element(index, of: path), named: "health member")
        })
    }

    private static func readSecurity(_ app: ObjectReader) -> SecuritySchema? {
        guard let reader = app.object("security", keys: SchemaKeys.security) else { return nil }
        let defaults = SecuritySchema()
        return SecuritySchema(
            servedOverTLS: reader.bool("servedOverTLS") ?? defaults.servedOverTLS,
            referrerPolicy: reader.choice("referrerPolicy", named: "referrer policy") ?? defaults.referrerPolicy,
            hstsMaxAge: reader.integer("hstsMaxAge") ?? defaults.hstsMaxAge)
    }

    private static func readLimits(_ app: ObjectReader) -> LimitsSchema? {
        guard let reader = app.object("limits", keys: SchemaKeys.limits) else { return nil }
        let defaults = LimitsSchema()
        var limits = LimitsSchema(
            maxBodyBytes: reader.integer("maxBodyBytes") ?? defaults.maxBodyBytes,
            defaultPageSize: reader.integer("defaultPageSize") ?? defaults.defaultPageSize,
            maxPageSize: reader.integer("maxPageSize") ?? defaults.maxPageSize,
            maxBatchSize: reader.integer("maxBatchSize") ?? defaults.maxBatchSize)
        limits.maxURLBytes = reader.integer("maxURLBytes") ?? defaults.maxURLBytes
        limits.maxHeaderBytes = reader.integer("maxHeaderBytes") ?? defaults.maxHeaderBytes
        limits.maxQueryParameters = reader.integer("maxQueryParameters") ?? defaults.maxQueryParameters
        limits.timeoutSeconds = reader.integer("timeoutSeconds") ?? defaults.timeoutSeconds
        limits.batchTimeoutSeconds = reader.integer("batchTimeoutSeconds") ?? defaults.batchTimeoutSeconds
        return limits
    }
}
