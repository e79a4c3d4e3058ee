/// Reads the `accessLog` section of `app.json`; an absent `format` is `json`.
enum AccessLogConfigReader {
    /// Reads `accessLog` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> AccessLogConfig? {
        guard let reader = app.object("accessLog", keys: SchemaKeys.accessLog) else { return nil }
        return AccessLogConfig(format: reader.choice("format", named: "access log format") ?? .json)
    }
}
