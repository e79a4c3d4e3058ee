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

    /// One route per declared operation, in the table's declaration order, then the batch and upsert routes.
    func routes() throws -> [DocumentedRoute] {
        let extra = [
            BatchRoute(table: table, context: context).route(), UpsertRoute(table: table, context: context).route(),
            RestoreRoute(table: table, context: context).route(),
        ]
        return try table.operations.map(route) + extra.compactMap { $0 }
    }

    private func route(_ operation: TableOperation) throws -> DocumentedRoute {
        let collection = context.collectionPath(table)
        let item = context.itemPath(table)
        let record = SchemaFactory.reference(OpenAPINames.record(table))
        let writeErrors: [ErrorResponse] = [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError]
        let tag = [ListQueryParameters.entityTagHeader()]
        let ifMatch: Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> = .reference(.component(named: ListQueryParameters.ifMatchName))
        switch operation {
        case .list:
            return make(.list, .get, collection, summary: "List \(table.name) records",
                parameters: try listParameters(),
                responses: [(200, ResponseFactory.json("A page of records.", schema: SchemaFactory.reference(OpenAPINames.page(table))))],
                errors: [.badRequest])
        case .get:
            return make(.get, .get, item, summary: "Get one \(table.name) record",
                parameters: [
                    idParameter(), .reference(.component(named: ListQueryParameters.ifNoneMatchName)),
                    .parameter(ListQueryParameters.fields(table)),
                ],
                responses: [
                    (200, ResponseFactory.json(
                        "The record; with `fields`, only the members asked for.", schema: TableSchemas.selectedRecord(table), extraHeaders: tag)),
                    (304, .response(ResponseFactory.response("`If-None-Match` lists the current `ETag`; no body.", extraHeaders: tag))),
                ],
                errors: [.badRequest, .notFound])
        case .create:
            let location = OpenAPI.Header(
                schema: SchemaFactory.string("Path of the created record."), description: "URL of the new record", required: true)
            return make(.create, .post, collection, summary: "Create a \(table.name) record",
                body: body(OpenAPINames.create(table)),
                responses: [(201, ResponseFactory.json("The created record.", schema: record, extraHeaders: [("Location", location)] + tag))],
                errors: writeErrors)
        case .replace:
            return make(.replace, .put, item, summary: "Replace a \(table.name) record", parameters: [idParameter(), ifMatch],
                body: body(OpenAPINames.create(table)),
                responses: [(200, ResponseFactory.json("The record after the change.", schema: record, extraHeaders: tag))],
                errors: writeErrors + [.notFound, .preconditionFailed])
        case .update:
            return make(.update, .patch, item, summary: "Update fields of a \(table.name) record", parameters: [idParameter(), ifMatch],
                body: body(OpenAPINames.update(table)),
                responses: [(200, ResponseFactory.json("The record after the change.", schema: record, extraHeaders: tag))],
                errors: writeErrors + [.notFound, .preconditionFailed])
        case .delete:
            return make(.delete, .delete, item, summary: "Delete a \(table.name) record", parameters: [idParameter(), ifMatch],
                responses: [(204, ResponseFactory.empty(table.softDelete
                    ? "The record was marked deleted (`deleted_at` set); it no longer appears in reads." : "The record was deleted."))],
                errors: [.notFound, .conflict, .preconditionFailed])
        }
    }

    private func make(
        _ operation: TableOperation, _ method: OpenAPI.HttpMethod, _ path: String, summary: String,
        parameters: OpenAPI.Parameter.Array = [], body: OpenAPI.Request? = nil,
        responses: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)], errors: [ErrorResponse]
    ) -> DocumentedRoute {
        let documented = OpenAPI.Operation(
            tags: [table.name], summary: summary, operationId: OpenAPINames.operationID(operation, table: table),
            parameters: parameters, requestBody: body,
            responses: ResponseFactory.map(success: responses, errors: errors + [.internalError, .serviceUnavailable]))
        return DocumentedRoute(path: path, method: method, operation: documented, file: table.file)
    }

    /// A required JSON body whose schema is the component `name`.
    private func body(_ name: String) -> OpenAPI.Request {
        OpenAPI.Request(content: [.json: .content(OpenAPI.Content(schemaReference: .component(named: name)))], required: true)
    }

    /// The `{id}` path parameter; named `id` in the URL whatever the key column is called.
    private func idParameter() -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        let key = table.primaryKey
        return .parameter(OpenAPI.Parameter(
            name: "id", context: .path(schema: SchemaFactory.primaryKey(key.type, description: "The record's \(key.name).", readOnly: false)),
            description: "The record's \(key.name)."))
    }

    /// Paging, the query language, then one equality shorthand per declared scalar field
    /// (`ListQuery` accepts exactly these).
    private func listParameters() throws -> OpenAPI.Parameter.Array {
        var parameters: OpenAPI.Parameter.Array = [
            .reference(.component(named: Self.limitParameterName)),
            .reference(.component(named: Self.offsetParameterName)),
            .parameter(ListQueryParameters.filter(table, app: context.app)),
            .parameter(ListQueryParameters.sort(table)),
            .reference(.component(named: ListQueryParameters.cursorName)),
            .reference(.component(named: ListQueryParameters.countName)),
            .parameter(ListQueryParameters.fields(table)),
            .parameter(ListQueryParameters.expand(table, app: context.app)),
        ]
        if let search = ListQueryParameters.search(table) { parameters.append(.parameter(search)) }
        if table.softDelete { parameters.append(.parameter(ListQueryParameters.deleted())) }
        for field in Self.filterableFields(of: table) {
            let description = "Only records whose \(field.name) equals this value (shorthand for `filter=\(field.name) = value`)."
            parameters.append(.parameter(OpenAPI.Parameter(
                name: field.name,
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
