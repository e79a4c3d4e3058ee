import OpenAPIKit
import SchemaModel

/// `POST /<table>/batch`, documented as `TableHandlers.batch` serves it: present when the table
/// exposes any of create, replace, update or delete.
struct BatchRoute {
    /// The table.
    let table: TableSchema
    /// App-wide facts.
    let context: DocumentContext

    /// The actions the table allows, in a fixed order.
    var actions: [String] {
        [TableOperation.create, .replace, .update, .delete].filter(table.operations.contains).map(\.rawValue)
    }

    /// The route, or `nil` when the table has no write operation.
    func route() -> DocumentedRoute? {
        guard !actions.isEmpty else { return nil }
        let limit = context.app.config.limits.maxBatchSize
        let item = SchemaFactory.object(
            [
                .init("action", .string(JSONSchema.CoreContext(description: "What to do.", allowedValues: actions.map { AnyCodable($0) }), JSONSchema.StringContext())),
                .init("id", SchemaFactory.primaryKey(table.primaryKey, description: "The record's \(table.primaryKey.name) (not for create).", readOnly: false), required: false),
                .init("data", .object(JSONSchema.CoreContext(description: "The fields, as for the single-record operation (not for delete)."), JSONSchema.ObjectContext(properties: [:])), required: false),
            ],
            description: "One operation.", closed: true)
        let body = SchemaFactory.object(
            [.init("operations", .array(
                JSONSchema.CoreContext(description: "1 to \(limit) operations, run in order in one transaction."),
                JSONSchema.ArrayContext(items: item, maxItems: limit, minItems: 1)))],
            description: "A batch of \(table.name) writes.", closed: true)
        let result = SchemaFactory.object(
            [
                .init("action", SchemaFactory.string("The operation's action.")),
                .init("status", SchemaFactory.integer("The status the single-record operation would have answered: 201, 200 or 204.")),
                .init("record", SchemaFactory.reference(OpenAPINames.record(table)), required: false),
                .init("id", SchemaFactory.string("Key of the deleted record."), required: false),
            ],
            description: "The outcome of one operation.")
        let response = SchemaFactory.object(
            [.init("results", SchemaFactory.array(of: result, description: "One result per operation, in request order."))],
            description: "Every operation succeeded.")
        let operation = OpenAPI.Operation(
            tags: [table.name],
            summary: "Create, replace, update and delete \(table.name) records in one transaction",
            description: "All or nothing: every operation is validated and every id checked before anything is written; "
                + "any problem is one 422 whose `errors` name `operations[i].<member>` for each failing item, "
                + "and a unique conflict is a 409. At most \(limit) operations (`limits.maxBatchSize`).",
            operationId: "batch" + OpenAPINames.record(table),
            requestBody: OpenAPI.Request(content: [.json: .content(OpenAPI.Content(schema: body))], required: true),
            responses: ResponseFactory.map(
                statuses: context.errorStatuses,
                success: [(200, ResponseFactory.json("Every operation succeeded.", schema: response))],
                errors: [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .internalError]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }
}
