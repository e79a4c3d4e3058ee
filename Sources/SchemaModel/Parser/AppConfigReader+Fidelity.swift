/// The keys of `app.json` that let an app reproduce an existing API: `naming`, `envelopes`,
/// `errors`, `headers` and `routes`.
extension AppConfigReader {
    /// Reads them into `config`; absent keys keep the defaults.
    static func readFidelity(_ reader: ObjectReader, into config: inout AppConfig) {
        config.naming = reader.choice("naming", named: "naming style") ?? .snakeCase
        config.fieldNaming = reader.choice("fieldNaming", named: "field naming") ?? .naming
        if reader.contains("envelopes") { config.envelopes = EnvelopesReader.read(reader) ?? EnvelopesSchema() }
        if let errors = reader.object("errors", keys: SchemaKeys.errors) {
            config.errors = readErrors(errors)
            if config.errors.body != nil, reader.contains("errorFormat") {
                reader.values.diagnostics.error(
                    .invalidErrorVocabulary, file: reader.values.file, path: "errors.body",
                    "\"errors.body\" replaces the \"errorFormat\" preset; remove one of them")
            }
        }
        if let headers = reader.object("headers", keys: SchemaKeys.headers) {
            let defaults = HeaderNamesSchema()
            config.headers = HeaderNamesSchema(
                apiKey: headers.string("apiKey") ?? defaults.apiKey, requestId: headers.string("requestId") ?? defaults.requestId,
                rateLimitPolicy: headers.string("rateLimitPolicy") ?? defaults.rateLimitPolicy,
                rateLimit: headers.string("rateLimit") ?? defaults.rateLimit,
                idempotencyKey: headers.string("idempotencyKey") ?? defaults.idempotencyKey)
        }
        config.routes = Dictionary(RouteOverrideReader.readMap(reader), uniquingKeysWith: { first, _ in first })
    }

    private static func readErrors(_ reader: ObjectReader) -> ErrorsSchema {
        var errors = ErrorsSchema()
        if let body = reader.value("body") {
            errors.body = ErrorBodyTemplateReader.read(body, at: reader.path(of: "body"), values: reader.values)
        }
        if let entries = reader.members("codes") {
            let path = reader.path(of: "codes")
            for entry in entries {
                let entryPath = JSONPath.member(entry.key, of: path)
                if case .string(let code) = entry.value {
                    errors.codes.append(.init(loomCode: entry.key, code: code))
                } else if case .object = entry.value {
                    guard let mapping = ObjectReader(entry.value, at: entryPath, keys: SchemaKeys.errorCode, values: reader.values)
                    else { continue }
                    errors.codes.append(.init(loomCode: entry.key, code: mapping.string("code"), status: mapping.integer("status")))
                } else {
                    let _: Void? = reader.values.wrongType(entry.value, expected: "a code or an object with \"code\" and \"status\"", at: entryPath)
                }
            }
            errors.codes.sort { $0.loomCode < $1.loomCode }
        }
        errors.forbiddenAsNotFound = reader.bool("forbiddenAsNotFound") ?? false
        return errors
    }
}
