import APIContract
import OpenAPIKit
import SchemaModel

/// The webhook management family (`APIContract`'s `WebhookContract`) at its declared path,
/// tagged `webhooks`, with the components of its bodies and answers. Present when the app's
/// `webhooks` section declares `management`.
struct WebhookOperations {
    /// Tag of the management routes.
    static let tag = "webhooks"

    /// App-wide facts.
    let context: DocumentContext
    /// The app's webhooks section.
    let webhooks: WebhooksConfig
    /// Its management section.
    let management: WebhookManagementConfig

    /// The facts the family depends on; the runtime derives the same from `WebhookSettings`.
    var options: WebhookContractOptions {
        WebhookContractOptions(
            path: management.path, scope: management.scope, tenantScoped: webhooks.tenantScoped,
            maxRotationGraceSeconds: management.maxRotationGraceSeconds, eventTypes: webhooks.eventTypes,
            routes: management.routes, naming: context.config.jsonNaming)
    }

    /// The family, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        return WebhookContract(options: options).routes.flatMap { documenter.document($0, prefix: management.path, tag: Self.tag) }
    }

    /// The request bodies and answers, as `Webhooks`' `SubscriptionRecord`, `MessageRecord` and
    /// `AttemptRecord` write them.
    func schemas() throws -> [(String, JSONSchema)] {
        let fields = FieldSchemaBuilder(context: context, file: context.config.file)
        var result: [(String, JSONSchema)] = []
        for body in WebhookContract(options: options).requestBodies {
            result.append((body.name, try fields.verbatim.requestBody(body)))
        }
        let subscription = try fields.properties(of: subscriptionFields, usage: .input) + [eventTypes]
        let secret = FieldSchema(
            name: "secret", type: .string, description: "The signing secret, `whsec_` + base64; shown only in this answer.", required: true)
        result += [
            (WebhookContract.subscriptionSchema, SchemaFactory.object(subscription, description: "A subscription stored through the API.")),
            (WebhookContract.secretSchema, SchemaFactory.object(
                subscription + (try fields.properties(of: [secret], usage: .input)), description: "A subscription with its new secret.")),
            (WebhookContract.messageSchema, SchemaFactory.object(
                try fields.naming(enums: ["status": WebhookContract.messageStatusComponent]).properties(of: messageFields, usage: .input),
                description: "A message and its delivery to one subscription.")),
            (WebhookContract.attemptSchema, SchemaFactory.object(try fields.properties(of: attemptFields, usage: .input),
                description: "One delivery attempt.")),
            (WebhookContract.replaySchema, SchemaFactory.object(
                [.init(fields.naming.name("replayed"), SchemaFactory.integer("Messages queued again."), required: true)],
                description: "What a replay queued.")),
            page(WebhookContract.pageSchemas.subscriptions, WebhookContract.subscriptionSchema, "Subscriptions, newest first."),
            page(WebhookContract.pageSchemas.messages, WebhookContract.messageSchema, "Messages, newest first."),
            page(WebhookContract.pageSchemas.attempts, WebhookContract.attemptSchema, "Attempts, newest first."),
        ]
        return result
    }

    private var eventTypes: SchemaFactory.Property {
        .init(
            FieldSchemaBuilder(context: context, file: context.config.file).naming.name("event_types"),
            SchemaFactory.array(of: SchemaFactory.string("An event type pattern."), description: "Event type patterns it receives."),
            required: true)
    }

    private var subscriptionFields: [FieldSchema] {
        [
            FieldSchema(name: "id", type: .string, description: "Its id (`\(WebhookContract.idPrefix)...`).", required: true),
            FieldSchema(name: "url", type: .string, description: "Where deliveries are POSTed.", required: true),
            FieldSchema(name: "description", type: .string, description: "What it is for.", required: true, nullable: true),
            FieldSchema(name: "enabled", type: .boolean, description: "Whether deliveries are made.", required: true),
            FieldSchema(
                name: "disabled_reason", type: .string, description: "Why the server disabled it (a receiver's `410 Gone`), if it did.",
                required: true, nullable: true),
            FieldSchema(
                name: "organization_id", type: .string, description: "The organization whose events it receives; null: every event.",
                required: true, nullable: true),
            FieldSchema(
                name: "previous_secret_expires_at", type: .datetime,
                description: "Until when the secret before the last rotation still signs beside the current one.", required: true,
                nullable: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
        ]
    }

    private var messageFields: [FieldSchema] {
        [
            FieldSchema(name: "id", type: .string, description: "The message id, sent as `webhook-id`.", required: true),
            FieldSchema(name: "event_type", type: .string, description: "The event type.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the event happened.", required: true),
            FieldSchema(name: "status", type: .enum, description: "The delivery's state.", required: true, values: WebhookContract.statuses),
            FieldSchema(name: "attempts", type: .integer, description: "Attempts made since it was queued or replayed.", required: true),
            FieldSchema(
                name: "next_attempt_at", type: .datetime, description: "When the next attempt is due (pending only).", required: true,
                nullable: true),
            FieldSchema(
                name: "last_status", type: .integer, description: "The last answer's status, if one came.", required: true, nullable: true),
            FieldSchema(name: "last_error", type: .string, description: "Why the last attempt failed.", required: true, nullable: true),
        ]
    }

    private var attemptFields: [FieldSchema] {
        [
            FieldSchema(name: "id", type: .uuid, description: "The attempt's id.", required: true),
            FieldSchema(name: "attempted_at", type: .datetime, description: "When it started.", required: true),
            FieldSchema(
                name: "response_status", type: .integer, description: "The receiver's status, if it answered.", required: true,
                nullable: true),
            FieldSchema(name: "duration_ms", type: .integer, description: "How long it took, in milliseconds.", required: true),
            FieldSchema(
                name: "response_body", type: .string, description: "The first kilobyte of the answer's body.", required: true,
                nullable: true),
            FieldSchema(name: "error", type: .string, description: "Why it failed, if it did.", required: true, nullable: true),
        ]
    }

    private func page(_ name: String, _ item: String, _ description: String) -> (String, JSONSchema) {
        (name, SchemaFactory.object(
            [
                .init("items", SchemaFactory.array(of: SchemaFactory.reference(item), description: description), required: true),
                .init("total", SchemaFactory.integer("Rows in all pages."), required: true),
                .init("limit", SchemaFactory.integer("Rows per page."), required: true),
                .init("offset", SchemaFactory.integer("Rows skipped."), required: true),
            ],
            description: "One page."))
    }
}
