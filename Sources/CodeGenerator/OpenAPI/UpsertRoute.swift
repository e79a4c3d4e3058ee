import OpenAPIKit
import SchemaModel

/// `POST /<table>/upsert`, documented as `TableHandlers.upsert` serves it: present when the
/// table declares an `upsertKey` (the validator requires create and replace with it).
struct UpsertRoute {
    /// The table.
    let table: TableSchema
    /// App-wide facts.
    let context: DocumentContext

    /// The route, or `nil` when the table declares no upsert key.
    func route() -> DocumentedRoute? {
        guard let column = table.upsertKey else { return nil }
        let key = context.config.fieldName(column)
        let schemas = TableSchemas(table: table, fields: FieldSchemaBuilder(context: context, table: table))
        let record = schemas.singleRecord(SchemaFactory.reference(OpenAPINames.record(table)))
        let tag = ListQueryParameters.entityTagHeader()
        let location = OpenAPI.Header(
            schema: SchemaFactory.string("Path of the created record."), description: "URL of the new record", required: true)
        let operation = OpenAPI.Operation(
            tags: [table.name],
            summary: "Create a \(table.name) record, or replace the one with the same \(key)",
            description: "Matches on `\(key)` (which must be sent): creates the record (201) when no record holds the value, "
                + "otherwise replaces that record's writable fields (200; absent optional fields return to their defaults). "
                + "One transaction; the insert is `INSERT ... ON CONFLICT (\"\(column)\") DO UPDATE`.",
            operationId: OpenAPINames.operationID(.upsert, table: table),
            requestBody: OpenAPI.Request(content: [.json: .content(OpenAPI.Content(schema: schemas.writeBody(OpenAPINames.upsert(table))))], required: true),
            responses: ResponseFactory.map(
                statuses: context.errorStatuses,
                success: [
                    (201, linking(ResponseFactory.json("The created record.", schema: record, extraHeaders: [("Location", location), tag]), schemas)),
                    (200, linking(ResponseFactory.json("The replaced record.", schema: record, extraHeaders: [tag]), schemas)),
                ],
                errors: [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }

    /// The answer linked to the operations on the record it holds, as a create's is.
    private func linking(
        _ response: Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>, _ schemas: TableSchemas
    ) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        TableOperations.linkingRecord(
            response, of: table, context: context, key: schemas.fields.naming.name(table.primaryKey.name), wrap: schemas.envelopes.record?.wrap)
    }
}
