import APIContract
import OpenAPIKit
import SchemaModel

/// One custom endpoint: its operation and its request/response body schemas.
struct EndpointOperations {
    /// The endpoint.
    let endpoint: EndpointSchema
    /// App-wide facts.
    let context: DocumentContext
    /// Field schema conversion.
    let fields: FieldSchemaBuilder

    /// `<Endpoint>Request` (closed, like every request body) and `<Endpoint>Response` unless it answers 204.
    func schemas() throws -> [(String, JSONSchema)] {
        var result: [(String, JSONSchema)] = []
        if let body = endpoint.requestBody {
            let properties = try fields.properties(of: body.fields, usage: .input)
            result.append((OpenAPINames.request(endpoint), SchemaFactory.object(properties, description: body.description, closed: true)))
        }
        if hasResponseBody {
            let response = endpoint.response
            let properties = try fields.properties(of: response.fields, usage: .input)
            result.append((OpenAPINames.response(endpoint), SchemaFactory.object(properties, description: response.description)))
        }
        return result
    }

    /// The endpoint's route.
    func route() throws -> DocumentedRoute {
        var parameters: OpenAPI.Parameter.Array = []
        for field in endpoint.pathParameters {
            parameters.append(.parameter(OpenAPI.Parameter(
                name: field.name, context: .path(schema: try fields.schema(for: field, usage: .parameter)),
                description: field.description)))
        }
        for field in endpoint.queryParameters {
            parameters.append(.parameter(OpenAPI.Parameter(
                name: fields.naming.name(field.name),
                context: .query(required: field.required, schema: try fields.schema(for: field, usage: .parameter)),
                description: field.description)))
        }
        let response = endpoint.response
        var success = hasResponseBody
            ? ResponseFactory.json(response.description, schema: SchemaFactory.reference(OpenAPINames.response(endpoint)))
            : ResponseFactory.empty(response.description)
        // `response.recordLinks`: the answer names a record; link it as a table's create is.
        if let links = response.recordLinks, let table = context.app.tables.first(where: { $0.name == links.table }) {
            success = TableOperations.linkingRecord(
                success, of: table, context: context, key: fields.naming.name(links.member ?? table.primaryKey.name), wrap: nil)
        }
        // Handlers are handwritten: they may report a missing record (when addressed by path),
        // a conflict with stored data, or an unavailable database.
        var errors: [ErrorResponse] = [.badRequest, .conflict, .internalError, .serviceUnavailable]
        if !endpoint.pathParameters.isEmpty || endpoint.notFound { errors.append(.notFound) }
        var body: OpenAPI.Request?
        if let requestBody = endpoint.requestBody {
            errors += [.payloadTooLarge, .unsupportedMediaType, .validationError]
            let content = OpenAPI.Content(schemaReference: .component(named: OpenAPINames.request(endpoint)))
            body = OpenAPI.Request(description: requestBody.description, content: [.json: .content(content)], required: true)
        }
        var operation = OpenAPI.Operation(
            tags: [OpenAPINames.tag(for: endpoint, tableNames: context.tableNames)],
            summary: endpoint.summary, description: endpoint.description,
            operationId: OpenAPINames.lowerCamelCase(endpoint.name),
            parameters: parameters, requestBody: body,
            responses: ResponseFactory.map(statuses: context.errorStatuses, success: [(response.status, success)], errors: errors))
        if let requirement = IdempotencyTranslator.requirement(of: endpoint, app: context.config) {
            operation = context.idempotency.apply(to: operation, requirement: requirement)
        }
        if let webhook = endpoint.webhook {
            operation = IncomingWebhookDocumentation(webhook: webhook, context: context).apply(to: operation)
        }
        return DocumentedRoute(path: context.endpointPath(endpoint), method: Self.method(endpoint.method), operation: operation, file: endpoint.file)
    }

    private var hasResponseBody: Bool { endpoint.response.status != 204 }

    private static func method(_ method: EndpointMethod) -> OpenAPI.HttpMethod {
        switch method {
        case .GET: return .get
        case .POST: return .post
        case .PUT: return .put
        case .PATCH: return .patch
        case .DELETE: return .delete
        }
    }
}
