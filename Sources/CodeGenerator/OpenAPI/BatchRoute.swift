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

    /// One action's operation, as the server validates it: `create` takes `data` (the create
    /// body) and no `id`; `replace` an `id` and the create body; `update` an `id` and the update
    /// body; `delete` an `id` only.
    private func variant(_ action: String) -> JSONSchema {
        var members: [SchemaFactory.Property] = [
            .init("action", .string(JSONSchema.CoreContext(description: "What to do.", allowedValues: [AnyCodable(action)]), JSONSchema.StringContext()))
        ]
        if action != TableOperation.create.rawValue {
            members.append(.init("id", SchemaFactory.primaryKey(table.primaryKey, description: "The record's \(table.primaryKey.name).", readOnly: false)))
        }
        if action != TableOperation.delete.rawValue {
            let body = action == TableOperation.update.rawValue ? OpenAPINames.update(table) : OpenAPINames.create(table)
            members.append(.init("data", SchemaFactory.reference(body)))
        }
        return SchemaFactory.object(members, description: "A \(action) operation.", closed: true)
    }

    /// The route, or `nil` when the table has no write operation.
    func route() -> DocumentedRoute? {
        guard !actions.isEmpty else { return nil }
        let limit = context.app.config.limits.maxBatchSize
        let item = JSONSchema.one(of: actions.map(variant), core: JSONSchema.CoreContext(description: "One operation."))
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
                errors: [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }
}
