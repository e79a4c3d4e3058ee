/// Reads `Schemas/<app>/endpoints/<name>.json` into an `EndpointSchema`.
enum EndpointSchemaReader {
    /// Reads an endpoint file; absent optional keys take the `EndpointSchema` defaults.
    static func read(_ root: JSONValue, values: ValueReader) -> EndpointSchema? {
        guard let reader = ObjectReader(root, at: "", keys: SchemaKeys.endpoint, values: values) else { return nil }
        _ = reader.string(SchemaKeys.schemaReference)
        var endpoint = EndpointSchema(
            file: values.file,
            name: reader.string("name") ?? "",
            method: reader.choice("method", named: "HTTP method") ?? .GET,
            path: reader.string("path") ?? "",
            summary: reader.string("summary"),
            description: reader.string("description") ?? "",
            pathParameters: readFieldMap("pathParameters", of: reader),
            queryParameters: readFieldMap("queryParameters", of: reader),
            requestBody: readRequestBody(reader),
            response: readResponse(reader) ?? ResponseSchema(description: ""))
        endpoint.scope = readScope(reader)
        endpoint.idempotency = reader.choice("idempotency", named: "idempotency")
        endpoint.timeoutSeconds = reader.integer("timeoutSeconds")
        endpoint.notFound = reader.bool("notFound") ?? false
        endpoint.webhook = readWebhook(reader)
        return endpoint
    }

    /// `"webhook"`: the scheme and secret variable are required.
    private static func readWebhook(_ endpoint: ObjectReader) -> IncomingWebhookSchema? {
        guard let reader = endpoint.object("webhook", keys: SchemaKeys.incomingWebhook),
            let scheme: IncomingWebhookScheme = reader.choice("scheme", named: "webhook scheme")
        else { return nil }
        return IncomingWebhookSchema(
            scheme: scheme, secretEnv: reader.string("secretEnv") ?? "", toleranceSeconds: reader.integer("toleranceSeconds"),
            header: reader.string("header"))
    }

    /// `"scope"`: a word, or a non-empty array of scopes every caller must hold.
    private static func readScope(_ reader: ObjectReader) -> AccessRequirementSchema? {
        guard let value = reader.value("scope", kind: "a string or an array of scopes") else { return nil }
        if case .array = value {
            guard let scopes = reader.values.stringArray(value, at: reader.path(of: "scope")) else { return nil }
            return scopes.count == 1 ? .scope(scopes[0]) : .allScopes(scopes)
        }
        return reader.values.string(value, at: reader.path(of: "scope")).map(AccessRequirementSchema.init(text:))
    }

    private static func readFieldMap(_ key: String, of reader: ObjectReader) -> [FieldSchema] {
        guard let members = reader.members(key) else { return [] }
        return FieldSchemaReader.readFields(members, at: reader.path(of: key), values: reader.values)
    }

    private static func readRequestBody(_ endpoint: ObjectReader) -> BodySchema? {
        guard let reader = endpoint.object("requestBody", keys: SchemaKeys.requestBody) else { return nil }
        return BodySchema(description: reader.string("description") ?? "", fields: readFieldMap("fields", of: reader))
    }

    private static func readResponse(_ endpoint: ObjectReader) -> ResponseSchema? {
        guard let reader = endpoint.object("response", keys: SchemaKeys.response) else { return nil }
        return ResponseSchema(
            status: reader.integer("status") ?? 200,
            description: reader.string("description") ?? "",
            fields: readFieldMap("fields", of: reader),
            recordLinks: reader.object("recordLinks", keys: SchemaKeys.recordLinks).map {
                RecordLinksSchema(table: $0.string("table") ?? "", member: $0.string("member"))
            })
    }
}
