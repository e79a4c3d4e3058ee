import APIContract
import OpenAPIKit
import SchemaModel

/// The OpenAPI 3.1 `webhooks` object: one entry per event type the app emits, describing the
/// request a subscriber receives (the Standard Webhooks headers and the JSON payload
/// `Webhooks.EventPayload` writes), so subscribers read the payload from the same document as
/// the API.
struct WebhookEvents {
    /// The app's webhooks section.
    let webhooks: WebhooksConfig
    /// The document's context (tables, components).
    let context: DocumentContext

    /// The `webhooks` object, event types in declaration order.
    func pathItems() throws -> OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>> {
        var items = OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>>()
        for entry in webhooks.tables {
            guard let table = context.app.tables.first(where: { $0.name == entry.table }) else { continue }
            for operation in entry.operations {
                let type = "\(entry.table).\(operation.rawValue)"
                items[type] = .b(OpenAPI.PathItem(post: try self.operation(type: type, table: table, operation: operation)))
            }
        }
        for event in webhooks.events {
            items[event.type] = .b(OpenAPI.PathItem(post: try customOperation(event)))
        }
        return items
    }

    /// The tag of the custom event types (`webhooks.events`).
    static let customTag = "custom_events"

    /// A custom event: the envelope of a table event with the declared data.
    private func customOperation(_ event: WebhookCustomEventConfig) throws -> OpenAPI.Operation {
        let data: JSONSchema
        if let name = event.payload.table, let table = context.app.tables.first(where: { $0.name == name }) {
            data = SchemaFactory.reference(OpenAPINames.record(table))
        } else {
            let fields = FieldSchemaBuilder(declaredIn: context.config.file, context: context)
            data = SchemaFactory.object(try fields.properties(of: event.payload.fields, usage: .input), description: event.payload.description)
        }
        if let target = event.target {
            return try targetedOperation(event, target: target, data: data)
        }
        return operation(
            type: event.type, tag: Self.customTag, description: event.description,
            schema: SchemaFactory.object(envelope(
                type: event.type, moment: "When the handler emitted it (UTC), just before the write it reports committed.",
                organization: "The organization of the caller whose request emitted it; null for a caller bound to none.") + [.init("data", data)],
                description: "A \(event.type) event."))
    }

    private func operation(type: String, table: TableSchema, operation: WebhookTableOperation) throws -> OpenAPI.Operation {
        self.operation(
            type: type, tag: table.name, description: WebhookEventText.description(table.name, operation),
            schema: try payload(type: type, table: table, operation: operation))
    }

    /// A custom event delivered to the target its emitter names (`target`): the declared body
    /// shape, the target's signature header, retried on the target's schedule.
    private func targetedOperation(_ event: WebhookCustomEventConfig, target: WebhookTargetConfig, data: JSONSchema) throws -> OpenAPI.Operation {
        let moment = "When the event was emitted (UTC), just before the write it reports committed."
        let schema: JSONSchema
        switch target.body {
        case .envelope:
            schema = SchemaFactory.object(
                envelope(type: event.type, moment: moment, organization: "The organization of the caller whose write emitted it.")
                    + [.init("data", data)], description: "A \(event.type) event.")
        case .flat:
            let typeSchema = JSONSchema.string(
                JSONSchema.CoreContext(description: "The event type.", allowedValues: [AnyCodable(event.type)]), JSONSchema.StringContext())
            var properties: [SchemaFactory.Property] = [.init("event", typeSchema)]
            properties += try FieldSchemaBuilder(declaredIn: context.config.file, context: context).properties(of: event.payload.fields, usage: .input)
            properties.append(.init("timestamp", SchemaFactory.timestamp(moment)))
            schema = SchemaFactory.object(properties, description: "A \(event.type) event: the data's members at the top.")
        }
        let retries = target.retrySchedule.map { "\($0) s" }.joined(separator: ", ")
        return operation(
            type: event.type, tag: Self.customTag,
            description: event.description + " Sent to the URL given with the record (not to subscriptions), signed with the secret given with it; "
                + "failed attempts are retried after \(retries).",
            schema: schema, headers: headers(for: target.signature), targeted: true)
    }

    private func operation(
        type: String, tag: String, description: String, schema: JSONSchema, headers: [OpenAPI.Parameter]? = nil, targeted: Bool = false
    ) -> OpenAPI.Operation {
        let body = OpenAPI.Request(
            description: targeted ? "The event, signed with the secret given with the record." : "The event, signed as `webhooks.signature` says.",
            content: [.json: .content(OpenAPI.Content(schema: schema))],
            required: true)
        return OpenAPI.Operation(
            tags: [tag], summary: "\(type) event", description: description,
            operationId: "webhook_" + type.replacingOccurrences(of: ".", with: "_"),
            parameters: (headers ?? self.headers(for: webhooks.signature)).map { .parameter($0) }, requestBody: body,
            responses: [
                .range(.success): .b(OpenAPI.Response(description: "Received; any 2xx answer acknowledges the event. Redirects are not followed.")),
                .status(code: 410): .b(OpenAPI.Response(
                    description: targeted ? "Gone: this delivery is not retried." : "Gone: the subscription is disabled and receives nothing more.")),
                .default: .b(OpenAPI.Response(description: "Not received: the delivery is retried on the schedule (Retry-After honoured on 429 and 503).")),
            ])
    }

    /// The members of the payload, as `Webhooks.EventPayload` writes them in the app's
    /// `webhooks.payload` format.
    private func payload(type: String, table: TableSchema, operation: WebhookTableOperation) throws -> JSONSchema {
        var previous: JSONSchema?
        if operation == .updated {
            // The record's members, none required: the selection component where reads made one.
            let operations = Set(table.operations)
            previous = operations.contains(.get) || operations.contains(.list)
                ? SchemaFactory.reference(OpenAPINames.selection(table))
                : try TableSchemas(table: table, fields: FieldSchemaBuilder(context: context, table: table)).selection()
        }
        let record = SchemaFactory.reference(OpenAPINames.record(table))
        let moment = "When the change was committed (UTC)."
        switch webhooks.payload {
        case .envelope:
            var properties = envelope(type: type, moment: moment)
            properties.append(.init("data", record))
            if let previous { properties.append(.init("previous", previous)) }
            return SchemaFactory.object(properties, description: "A \(type) event.")
        case .record:
            let event = WebhookContract.recordEvent(change: operation.rawValue)
            var properties = envelope(type: type, moment: moment).filter { $0.name != "type" }
            properties.insert(.init("event", Self.constant(event, "What happened to the record.")), at: 1)
            properties.insert(.init("table", Self.constant(table.name, "The table of the record.")), at: 2)
            var data: [SchemaFactory.Property] = [.init("record", record)]
            if let previous { data.append(.init("previous", previous)) }
            let description = "The record" + (previous == nil ? "." : ", and the earlier values of the members the update changed.")
            properties.append(.init("data", SchemaFactory.object(data, description: description)))
            return SchemaFactory.object(properties, description: "A \(type) event, sent as `\(event)` of `\(table.name)`.")
        }
    }

    /// A string member that always holds `value`.
    private static func constant(_ value: String, _ description: String) -> JSONSchema {
        .string(JSONSchema.CoreContext(description: description, allowedValues: [AnyCodable(value)]), JSONSchema.StringContext())
    }

    /// `id`, `type`, `timestamp` and, in tenant-scoped apps, `organization_id`: the members
    /// every event has.
    private func envelope(
        type: String, moment: String, organization: String = "The organization whose row changed; null for rows of no organization."
    ) -> [SchemaFactory.Property] {
        var properties: [SchemaFactory.Property] = [
            .init("id", SchemaFactory.string(webhooks.signature.scheme == .standardWebhooks
                ? "The message id, also sent as `webhook-id`; the same on every retry."
                : "The message id; the same on every retry, so receivers can drop duplicates.")),
            .init("type", .string(JSONSchema.CoreContext(description: "The event type.", allowedValues: [AnyCodable(type)]), JSONSchema.StringContext())),
            .init("timestamp", SchemaFactory.timestamp(moment)),
        ]
        if webhooks.tenantScoped {
            properties.append(.init("organization_id", .string(
                JSONSchema.CoreContext(nullable: true, description: organization),
                JSONSchema.StringContext())))
        }
        return properties
    }

    /// `X-Webhook-Event` (the body's `event`), sent with the record payload (`webhooks.payload`).
    private var eventHeader: [OpenAPI.Parameter] {
        guard webhooks.payload == .record else { return [] }
        let description = "The event, as the body's `event` names it (`record.create`, ...)."
        return [OpenAPI.Parameter(name: "X-Webhook-Event", context: .header(required: true, schema: SchemaFactory.string(description)), description: description)]
    }

    /// The Standard Webhooks header fields (or the named HMAC header).
    private func headers(for signature: WebhookSignatureConfig) -> [OpenAPI.Parameter] {
        func header(_ name: String, _ description: String) -> OpenAPI.Parameter {
            OpenAPI.Parameter(name: name, context: .header(required: true, schema: SchemaFactory.string(description)), description: description)
        }
        switch signature.scheme {
        case .standardWebhooks:
            return eventHeader + [
                header("webhook-id", "The message id; the same on every retry, so receivers can drop duplicates."),
                header("webhook-timestamp", "Seconds since 1970 when the attempt was signed."),
                header("webhook-signature", "`v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`, several space-separated."),
            ]
        case .hmacSHA256:
            return [header(signature.header, "`sha256=<hex HMAC-SHA256(secret, body)>`.")] + eventHeader
        }
    }
}
