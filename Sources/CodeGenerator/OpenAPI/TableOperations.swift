import APIContract
import OpenAPIKit
import SchemaModel

/// The CRUD operations of one table, exactly those it lists in `operations`, with the statuses
/// `Runtime`'s `TableHandlers` can answer.
struct TableOperations {
    /// Component name of the `limit` query parameter.
    static let limitParameterName = "Limit"
    /// Component name of the `offset` query parameter.
    static let offsetParameterName = "Offset"
    /// Query parameters the list route reserves; fields with these names cannot be filters.
    static let pagingParameters: Set<String> = ListQueryParameters.reserved

    /// The table.
    let table: TableSchema
    /// App-wide facts.
    let context: DocumentContext
    /// Field schema conversion.
    let fields: FieldSchemaBuilder

    /// One operation per route the table serves, at each of its paths (aliases are deprecated
    /// copies with `<operationId>Alias<n>`), in `TableRouteKey` order, with the route it documents.
    func routes() throws -> [(TableRouteKey, DocumentedRoute)] {
        var result: [(TableRouteKey, DocumentedRoute)] = []
        for (key, paths) in context.routes(table).paths {
            let documented: DocumentedRoute?
            switch key {
            case .batch: documented = BatchRoute(table: table, context: context).route()
            case .upsert: documented = UpsertRoute(table: table, context: context).route()
            case .restore: documented = RestoreRoute(table: table, context: context).route()
            default: documented = try key.operation.map(route)
            }
            guard var documented else { continue }
            if let operation = IdempotentTableOperation(rawValue: key.rawValue),
                let requirement = IdempotencyTranslator.requirement(of: operation, app: context.config)
            {
                documented.operation = context.idempotency.apply(to: documented.operation, requirement: requirement)
            }
            for (index, path) in paths.enumerated() {
                var operation = documented.operation
                if index > 0 {
                    operation.operationId = (operation.operationId ?? "") + "Alias\(index)"
                    operation.deprecated = true
                    operation.description = "Legacy alias of `\(documented.method.rawValue.uppercased()) \(paths[0])`; answers the same."
                        + (operation.description.map { "\n\n" + $0 } ?? "")
                }
                result.append((key, DocumentedRoute(path: path, method: documented.method, operation: operation, file: table.file)))
            }
        }
        return result
    }

    private func route(_ operation: TableOperation) throws -> DocumentedRoute {
        let schemas = TableSchemas(table: table, fields: fields)
        let record = schemas.singleRecord(SchemaFactory.reference(OpenAPINames.record(table)))
        let writeErrors: [ErrorResponse] = [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError]
        let tag = [ListQueryParameters.entityTagHeader()]
        let ifMatch: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> = .reference(.component(named: ListQueryParameters.ifMatchName))
        switch operation {
        case .list:
            return make(.list, .get, summary: "List \(table.name) records",
                parameters: try listParameters(),
                responses: [(200, ResponseFactory.json("A page of records.", schema: SchemaFactory.reference(OpenAPINames.page(table))))],
                errors: [.badRequest])
        case .get:
            return make(.get, .get, summary: "Get one \(table.name) record",
                parameters: [
                    idParameter(), .reference(.component(named: ListQueryParameters.ifNoneMatchName)),
                    .parameter(ListQueryParameters.fields(table, app: context.config)),
                ],
                responses: [
                    (200, ResponseFactory.json(
                        "The record; with `fields`, only the members asked for.", schema: schemas.singleRecord(TableSchemas.selectedRecord(table)),
                        extraHeaders: tag)),
                    (304, .response(ResponseFactory.response("`If-None-Match` lists the current `ETag`; no body.", extraHeaders: tag))),
                ],
                errors: [.badRequest, .notFound])
        case .create:
            let location = OpenAPI.Header(
                schema: SchemaFactory.string("Path of the created record."), description: "URL of the new record", required: true)
            return make(.create, .post, summary: "Create a \(table.name) record",
                body: body(schemas.writeBody(OpenAPINames.create(table))),
                responses: [(201, linkingRecord(ResponseFactory.json(
                    "The created record.", schema: record, extraHeaders: [("Location", location)] + tag), envelopes: schemas.envelopes))],
                errors: writeErrors)
        case .replace:
            return make(.replace, .put, summary: "Replace a \(table.name) record", parameters: [idParameter(), ifMatch],
                body: body(schemas.writeBody(OpenAPINames.create(table))),
                responses: [(200, ResponseFactory.json("The record after the change.", schema: record, extraHeaders: tag))],
                errors: writeErrors + [.notFound, .preconditionFailed])
        case .update:
            return make(.update, .patch, summary: "Update fields of a \(table.name) record", parameters: [idParameter(), ifMatch],
                body: body(schemas.writeBody(OpenAPINames.update(table))),
                responses: [(200, ResponseFactory.json("The record after the change.", schema: record, extraHeaders: tag))],
                errors: writeErrors + [.notFound, .preconditionFailed])
        case .delete:
            return make(.delete, .delete, summary: "Delete a \(table.name) record", parameters: [idParameter(), ifMatch],
                responses: [(204, ResponseFactory.empty(table.softDelete
                    ? "The record was marked deleted (`deleted_at` set); it no longer appears in reads." : "The record was deleted."))],
                errors: [.notFound, .conflict, .preconditionFailed])
        }
    }

    private func linkingRecord(
        _ response: Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>, envelopes: EnvelopesSchema
    ) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        Self.linkingRecord(response, of: table, context: context, key: fields.naming.name(table.primaryKey.name), wrap: envelopes.record?.wrap)
    }

    /// `response` with a link to each operation the app serves on the record of `table` it
    /// holds (`getTask`, `updateTask`, ...), its `id` taken from the answer's member `key` (as
    /// spelled, inside the member `wrap` of the record envelope if any), so clients and stateful
    /// testers follow a create, an upsert or a custom endpoint that makes a record to its reads
    /// and writes.
    static func linkingRecord(
        _ response: Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>, of table: TableSchema, context: DocumentContext,
        key: String, wrap: String?
    ) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        guard case .b(var answer) = response else { return response }
        let pointer = (wrap.map { "/\($0)" } ?? "") + "/" + key
        guard let expression = OpenAPI.RuntimeExpression(rawValue: "$response.body#" + pointer) else { return response }
        let served = Set(context.routes(table).paths.map(\.key))
        for operation in [TableOperation.get, .update, .replace, .delete] where served.contains(TableRouteKey(operation)) {
            let id = OpenAPINames.operationID(operation, table: table)
            answer.links[id] = .b(OpenAPI.Link(operationId: id, parameters: ["id": .a(expression)]))
        }
        return .b(answer)
    }

    /// The operation, its path left for `routes()` to fill in (a table route may have several).
    private func make(
        _ operation: TableOperation, _ method: OpenAPI.HttpMethod, summary: String,
        parameters: OpenAPI.Parameter.Array = [], body: OpenAPI.Request? = nil,
        responses: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)], errors: [ErrorResponse]
    ) -> DocumentedRoute {
        let documented = OpenAPI.Operation(
            tags: [table.name], summary: summary, operationId: OpenAPINames.operationID(operation, table: table),
            parameters: parameters, requestBody: body,
            responses: ResponseFactory.map(statuses: context.errorStatuses, success: responses, errors: errors + [.internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: method, operation: documented, file: table.file)
    }

    /// A required JSON body of `schema`.
    private func body(_ schema: JSONSchema) -> OpenAPI.Request {
        OpenAPI.Request(content: [.json: .content(OpenAPI.Content(schema: schema))], required: true)
    }

    /// The `{id}` path parameter; named `id` in the URL whatever the key column is called.
    private func idParameter() -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        let key = table.primaryKey
        return .parameter(OpenAPI.Parameter(
            name: "id", context: .path(schema: SchemaFactory.primaryKey(key, description: "The record's \(key.name).", readOnly: false)),
            description: "The record's \(key.name)."))
    }

    /// Paging, the query language, then one equality shorthand per declared scalar field
    /// (`ListQuery` accepts exactly these).
    private func listParameters() throws -> OpenAPI.Parameter.Array {
        var parameters: OpenAPI.Parameter.Array = [
            .reference(.component(named: Self.limitParameterName)),
            .reference(.component(named: Self.offsetParameterName)),
            .parameter(ListQueryParameters.filter(table, app: context.app)),
            .parameter(ListQueryParameters.sort(table, app: context.config)),
            .reference(.component(named: ListQueryParameters.cursorName)),
            .reference(.component(named: ListQueryParameters.countName)),
            .parameter(ListQueryParameters.aggregate(table, naming: fields.naming)),
            .parameter(ListQueryParameters.fields(table, app: context.config)),
            .parameter(ListQueryParameters.expand(table, app: context.app)),
        ]
        if let search = ListQueryParameters.search(table) { parameters.append(.parameter(search)) }
        if table.softDelete {
            parameters.append(.reference(.component(named: ListQueryParameters.deletedName)))
            parameters.append(.reference(.component(named: ListQueryParameters.includeDeletedName)))
        }
        for parameter in table.listParameters {
            parameters.append(.parameter(try ListQueryParameters.listParameter(parameter, table: table, fields: fields)))
        }
        for field in Self.filterableFields(of: table) {
            let name = fields.naming.name(field.name)
            let description = "Only records whose \(name) equals this value (shorthand for `filter=\(name) = value`)."
            parameters.append(.parameter(OpenAPI.Parameter(
                name: name,
                context: .query(required: false, schema: try fields.schema(for: field, usage: .filter)),
                description: description)))
        }
        return parameters
    }

    /// Declared fields except `text` and `json` (no index, no sensible equality) and the
    /// structured types; the key and timestamps are not filters.
    static func filterableFields(of table: TableSchema) -> [FieldSchema] {
        table.fields.filter { field in
            ![.text, .json, .array, .object].contains(field.type) && !pagingParameters.contains(field.name) && !field.writeOnly
                && field.filterable
        }
    }

    /// `limit`: 1 through the app's maximum page size, defaulting to its default page size.
    static func limitParameter(_ limits: LimitsSchema) -> OpenAPI.Parameter {
        let schema = JSONSchema.integer(
            JSONSchema.CoreContext(defaultValue: AnyCodable(limits.defaultPageSize)),
            JSONSchema.IntegerContext(maximum: (limits.maxPageSize, exclusive: false), minimum: (1, exclusive: false)))
        return OpenAPI.Parameter(
            name: "limit", context: .query(required: false, schema: schema), description: "Largest number of records to return.")
    }

    /// `offset`: records to skip, 0 or more. No `default` keyword: client generators send a
    /// parameter's default on every call, and `offset` cannot be combined with `cursor`.
    static func offsetParameter() -> OpenAPI.Parameter {
        // The server reads a 64-bit integer.
        let schema = JSONSchema.integer(
            JSONSchema.CoreContext(format: .int64), JSONSchema.IntegerContext(maximum: (Int(Int64.max), exclusive: false), minimum: (0, exclusive: false)))
        return OpenAPI.Parameter(
            name: "offset", context: .query(required: false, schema: schema),
            description: "Number of records to skip; none when absent. Cannot be combined with `cursor`.")
    }
}
