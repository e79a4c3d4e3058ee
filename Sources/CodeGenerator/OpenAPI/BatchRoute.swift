import OpenAPIKit
import SchemaModel

/// `POST /<table>/batch`, documented as `TableHandlers.batch` serves it: present when the table
/// exposes any of create, replace, update or delete.
///
/// Every schema of the route is a named component (`TaskBatch`, `TaskBatchOperation`, one
/// `TaskBatch<Action>` per action, `TaskBatchResult`, `TaskBatchResponse`), so client generators
/// give them these names instead of ones made from the operation and nesting.
struct BatchRoute {
    /// The table.
    let table: TableSchema
    /// App-wide facts.
    let context: DocumentContext

    /// The create-only batch envelope (`envelopes.batch`), if the table's batch takes one.
    var envelope: EnvelopesSchema.Batch? { table.batchEnvelope(context.app.config) }

    /// The actions the table allows, in a fixed order (creates only in a create-only batch).
    var actions: [String] {
        [TableOperation.create, .replace, .update, .delete].filter { table.operations.contains($0) && (envelope == nil || $0 == .create) }
            .map(\.rawValue)
    }

    /// Whether the table serves the route (a `routes` entry may switch it off).
    var isServed: Bool { !actions.isEmpty && !context.routes(table)[.batch].isEmpty }

    /// The route's components, by name; none when the route is not served.
    func schemas() -> [(String, JSONSchema)] {
        guard isServed else { return [] }
        let limit = context.app.config.limits.maxBatchSize
        if let envelope { return createOnlySchemas(envelope, limit: limit) }
        var result = actions.map { (OpenAPINames.batchOperation(table, action: $0), variant($0)) }
        var mapping = OrderedDictionary<String, String>()
        for action in actions { mapping[action] = "#/components/schemas/" + OpenAPINames.batchOperation(table, action: action) }
        result.append((OpenAPINames.batchOperation(table), JSONSchema.one(
            of: actions.map { SchemaFactory.reference(OpenAPINames.batchOperation(table, action: $0)) },
            core: JSONSchema.CoreContext(
                description: "One operation of a \(table.name) batch; `action` says which.",
                discriminator: OpenAPI.Discriminator(propertyName: "action", mapping: mapping)))))
        result.append((OpenAPINames.batch(table), SchemaFactory.object(
            [.init("operations", .array(
                JSONSchema.CoreContext(description: "1 to \(limit) operations, run in order in one transaction."),
                JSONSchema.ArrayContext(items: SchemaFactory.reference(OpenAPINames.batchOperation(table)), maxItems: limit, minItems: 1)))],
            description: "A batch of \(table.name) writes.", closed: true)))
        result.append((OpenAPINames.batchResult(table), SchemaFactory.object(
            [
                .init("action", SchemaFactory.string("The operation's action.")),
                .init("status", SchemaFactory.integer("The status the single-record operation would have answered: 201, 200 or 204.")),
                .init("record", SchemaFactory.reference(OpenAPINames.record(table)), required: false),
                .init("id", SchemaFactory.string("Key of the deleted record."), required: false),
            ],
            description: "The outcome of one operation of a \(table.name) batch.")))
        result.append((OpenAPINames.batchResponse(table), SchemaFactory.object(
            [.init("results", SchemaFactory.array(
                of: SchemaFactory.reference(OpenAPINames.batchResult(table)), description: "One result per operation, in request order."))],
            description: "Every operation of a \(table.name) batch succeeded.")))
        return result
    }

    /// `<Singular>Batch` `{"<items>": [create bodies]}` and `<Singular>BatchResponse`
    /// `{"<created>": [records]}`, as `TableHandlers.createBatch` takes and writes them.
    private func createOnlySchemas(_ envelope: EnvelopesSchema.Batch, limit: Int) -> [(String, JSONSchema)] {
        let body = TableSchemas(table: table, fields: FieldSchemaBuilder(context: context, table: table)).writeBody(OpenAPINames.create(table))
        return [
            (OpenAPINames.batch(table), SchemaFactory.object(
                [.init(envelope.items, .array(
                    JSONSchema.CoreContext(description: "1 to \(limit) records to create, in one transaction."),
                    JSONSchema.ArrayContext(items: body, maxItems: limit, minItems: 1)))],
                description: "Records of \(table.name) to create together.", closed: true)),
            (OpenAPINames.batchResponse(table), SchemaFactory.object(
                [.init(envelope.created, SchemaFactory.array(
                    of: SchemaFactory.reference(OpenAPINames.record(table)), description: "The created records, in request order."))],
                description: "Every record of the batch was created.")),
        ]
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

    /// How a refused batch answers, for the descriptions: the app's validation status(es), and
    /// how its error body names the failing items (`errors`, b2b's `error.details`).
    private var itemFailures: (status: String, failures: String) {
        let config = context.app.config
        let template = config.errors.body ?? config.errorFormat.template
        let status = context.errorStatuses.statuses(of: ErrorResponse.validationError).map(String.init).joined(separator: " or ")
        return (status, template.path(of: .fieldErrors).map { "whose `\($0.joined(separator: "."))` name" } ?? "naming")
    }

    /// The route, or `nil` when the table has no write operation.
    func route() -> DocumentedRoute? {
        guard !actions.isEmpty else { return nil }
        if let envelope { return createOnlyRoute(envelope) }
        let limit = context.app.config.limits.maxBatchSize
        let (status, failures) = itemFailures
        let operation = OpenAPI.Operation(
            tags: [table.name],
            summary: "Create, replace, update and delete \(table.name) records in one transaction",
            description: "All or nothing: every operation is validated and every id checked before anything is written; "
                + "any problem is one \(status) \(failures) `operations[i].<member>` for each failing item, "
                + "and a unique conflict is a 409. At most \(limit) operations (`limits.maxBatchSize`).",
            operationId: OpenAPINames.operationID(.batch, table: table),
            requestBody: OpenAPI.Request(
                content: [.json: .content(OpenAPI.Content(schema: SchemaFactory.reference(OpenAPINames.batch(table))))], required: true),
            responses: ResponseFactory.map(
                statuses: context.errorStatuses,
                success: [(200, ResponseFactory.json(
                    "Every operation succeeded.", schema: SchemaFactory.reference(OpenAPINames.batchResponse(table))))],
                errors: [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }

    /// The create-only batch (`envelopes.batch`).
    private func createOnlyRoute(_ envelope: EnvelopesSchema.Batch) -> DocumentedRoute {
        let limit = context.app.config.limits.maxBatchSize
        let (status, failures) = itemFailures
        let operation = OpenAPI.Operation(
            tags: [table.name],
            summary: "Create \(table.name) records in one transaction",
            description: "All or nothing: every record is validated (and every relation checked) before anything is written; "
                + "any problem is one \(status) \(failures) `\(envelope.items)[i].<member>` for each failing record, "
                + "and a unique conflict is a 409 naming the record. At most \(limit) records (`limits.maxBatchSize`). "
                + "Each record is created as `POST` creates one: defaults, hooks, webhooks and audit alike.",
            operationId: OpenAPINames.operationID(.batch, table: table),
            requestBody: OpenAPI.Request(
                content: [.json: .content(OpenAPI.Content(schema: SchemaFactory.reference(OpenAPINames.batch(table))))], required: true),
            responses: ResponseFactory.map(
                statuses: context.errorStatuses,
                success: [(201, ResponseFactory.json(
                    "Every record was created.", schema: SchemaFactory.reference(OpenAPINames.batchResponse(table))))],
                errors: [.badRequest, .conflict, .payloadTooLarge, .unsupportedMediaType, .validationError, .internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }
}
