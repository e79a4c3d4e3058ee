/// The webhook management family: subscriptions stored in the database, their secrets, test
/// events, the message and attempt logs and replays. Served by the `Webhooks` module and
/// documented by the OpenAPI builder from this one list; an app has it when its `webhooks`
/// section declares `management`.
public struct WebhookContract: Sendable {
    /// Page sizes of the list routes: 20 rows unless asked, at most 100.
    public static let page = ContractPageSize(defaultLimit: 20, maximumLimit: 100)
    /// Longest message id accepted in a path.
    public static let messageIDMaxLength = 64
    /// Delivery states of a message, as the logs show them.
    public static let statuses = ["pending", "success", "failed"]
    /// The `event` of a table event in the record payload (`webhooks.payload: "record"`):
    /// `record.create`, `record.update`, `record.delete`, `record.restore` for the change
    /// `created`, `updated`, `deleted`, `restored` (the released Sovrium's names).
    public static func recordEvent(change: String) -> String {
        // Each change is its verb's past participle with a final `d`: created, updated, deleted, restored.
        "record." + (change.hasSuffix("ed") ? String(change.dropLast()) : change)
    }

    /// The event type of test messages (`POST {webhooks}/{id}/test`).
    public static let testEventType = "webhook.test"
    /// Most subscriptions one organization (or, unbound, the app's admins) may store, so a
    /// careless or hostile client cannot make every write fan out to thousands of rows.
    public static let maximumSubscriptions = 100
    /// Prefix of stored subscriptions' ids (`whsub_<32 hex>`), never the name of a static one.
    public static let idPrefix = "whsub_"
    /// Name of the subscription schema component.
    public static let subscriptionSchema = "WebhookSubscription"
    /// Name of the subscription-with-secret schema component.
    public static let secretSchema = "WebhookSubscriptionSecret"
    /// Name of the message schema component.
    public static let messageSchema = "WebhookMessage"
    /// Name of the attempt schema component.
    public static let attemptSchema = "WebhookAttempt"
    /// Name of the replay answer's schema component.
    public static let replaySchema = "WebhookReplayResult"
    /// Page components: subscriptions, messages, attempts.
    public static let pageSchemas = (
        subscriptions: "WebhookSubscriptionPage", messages: "WebhookMessagePage", attempts: "WebhookAttemptPage")

    /// The app's webhook facts.
    public let options: WebhookContractOptions
    /// The request bodies.
    public let bodies: WebhookRequestBodies

    /// Creates the family of an app.
    public init(options: WebhookContractOptions) {
        self.options = options
        self.bodies = WebhookRequestBodies(options: options)
    }

    /// `limit` and `offset` of the list routes.
    public static let pageParameters = page.parameters("Rows")

    /// The query of the message list: a page and a delivery state.
    public static let messageParameters = pageParameters + [
        ContractParameter("status", in: .query, .enumeration(statuses), "Only messages in this delivery state.")
            .enumerated(as: messageStatusComponent)
    ]

    /// The component documenting a message's delivery state (`statuses`).
    public static let messageStatusComponent = "WebhookMessageStatus"

    /// Every route, in registration order, relative to `options.path`, at the paths the app
    /// moved it to (`options.routes`), its body members and parameters spelled as the app spells
    /// them (`options.naming`).
    public var routes: [ContractRoute<WebhookOperation>] {
        declaredRoutes.map { route in
            route.laidOut(
                paths: options.routes[route.operation.routeKey] ?? [route.path], method: route.method, naming: options.naming, members: [:],
                ids: ResourceIDs())
        }
    }

    /// The request bodies of `routes`, each once, as clients send them.
    public var requestBodies: [ContractBody] {
        var seen: Set<String> = []
        return routes.compactMap(\.request).filter { seen.insert($0.name).inserted }
    }

    /// Every route at its own path, relative to `options.path`.
    public var declaredRoutes: [ContractRoute<WebhookOperation>] {
        let tenancy = options.tenantScoped
            ? " A caller bound to an organization sees and changes only that organization's subscriptions (another's are 404), "
                + "and those receive only that organization's events." : ""
        let accepted = "Queued; the delivery service sends it at once, signed, and retries it on the app's schedule."
        return [
            route(
                .listSubscriptions, .get, "", summary: "List webhook subscriptions",
                description: "The subscriptions stored through this API, newest first, with the total.\(tenancy)",
                responses: [Self.json(200, Self.pageSchemas.subscriptions)], errors: [.badRequest], query: Self.pageParameters),
            route(
                .createSubscription, .post, "", summary: "Create a webhook subscription",
                description: "Subscribes a URL to event types. The URL's host is resolved and refused (422 naming `url`) when any "
                    + "of its addresses is loopback, private, link-local, shared (CGNAT), unique-local, multicast or unspecified. "
                    + "The answer carries the signing secret (`whsec_` + base64 of 32 random bytes), shown this once. At most "
                    + "\(Self.maximumSubscriptions) subscriptions per organization: 409 beyond.\(tenancy)",
                request: bodies.create,
                responses: [Self.json(201, Self.secretSchema, "Created, with its secret.").linking(
                    [WebhookOperation.getSubscription, .updateSubscription, .rotateSecret, .deleteSubscription].map(\.rawValue))],
                errors: [.conflict, .validationError]),
            route(
                .getSubscription, .get, "/{id}", summary: "Get a webhook subscription",
                description: "The subscription, and why it is disabled when a receiver's `410 Gone` disabled it.",
                responses: [Self.json(200, Self.subscriptionSchema)], errors: [.notFound]),
            route(
                .updateSubscription, .patch, "/{id}", summary: "Update a webhook subscription",
                description: "Changes the URL (checked as on creation), description, event types or whether it is enabled; "
                    + "members left out keep their values.",
                request: bodies.update, responses: [Self.json(200, Self.subscriptionSchema)], errors: [.notFound, .validationError]),
            route(
                .deleteSubscription, .delete, "/{id}", summary: "Delete a webhook subscription",
                description: "Deletes the subscription; its pending deliveries are never made.",
                responses: [ContractResponse(204, .empty, "Deleted.")], errors: [.notFound]),
            route(
                .rotateSecret, .post, "/{id}/rotate-secret", summary: "Rotate the signing secret",
                description: "Makes a new secret, shown this once. For the grace period both the new and the old secret sign every "
                    + "delivery (two space-separated signatures in `webhook-signature`), so receivers switch without losing messages.",
                request: bodies.rotate, requestOptional: true, responses: [Self.json(200, Self.secretSchema, "Rotated, with the new secret.")],
                errors: [.notFound, .validationError]),
            route(
                .sendTest, .post, "/{id}/test", summary: "Send a test event",
                description: "Queues a `\(Self.testEventType)` message to this subscription alone, delivered like any other.",
                responses: [Self.json(202, Self.messageSchema, accepted)], errors: [.notFound]),
            route(
                .listMessages, .get, "/{id}/messages", summary: "List messages",
                description: "The messages queued for the subscription, newest first, with their delivery state (`pending`, "
                    + "`success`, `failed`), attempt count and last outcome.",
                responses: [Self.json(200, Self.pageSchemas.messages)], errors: [.badRequest, .notFound], query: Self.messageParameters),
            route(
                .listAttempts, .get, "/{id}/messages/{message_id}/attempts", summary: "List a message's attempts",
                description: "Every attempt to deliver the message to the subscription, newest first: the response status, how long "
                    + "it took, the first kilobyte of the response body and the error.",
                responses: [Self.json(200, Self.pageSchemas.attempts)], errors: [.badRequest, .notFound], query: Self.pageParameters),
            route(
                .replayMessage, .post, "/{id}/messages/{message_id}/replay", summary: "Replay a message",
                description: "Sends the message again with its original id and payload and a fresh retry schedule; each attempt is logged.",
                responses: [Self.json(202, Self.messageSchema, accepted)], errors: [.notFound]),
            route(
                .replayFailed, .post, "/{id}/replay", summary: "Replay failed messages",
                description: "Sends every failed message of the subscription created at or after `since` (every failed one kept, "
                    + "without `since` or a body) again, each with its original id and payload and a fresh retry schedule; each "
                    + "attempt is logged.",
                request: bodies.replay, requestOptional: true, responses: [Self.json(202, Self.replaySchema, "Queued.")], errors: [.notFound, .validationError]),
        ]
    }

    /// A route: it needs a caller holding the webhook scope, and answers 500 and 503 like every
    /// route that uses the database.
    private func route(
        _ operation: WebhookOperation, _ method: ContractMethod, _ path: String, summary: String, description: String,
        request: ContractBody? = nil, requestOptional: Bool = false, responses: [ContractResponse], errors: Set<ContractError> = [],
        query: [ContractParameter] = []
    ) -> ContractRoute<WebhookOperation> {
        let parameters = path.templateParameters.map { name in
            name == "id"
                ? ContractParameter("id", in: .path, .string(maxLength: 64), "The subscription's id (`\(Self.idPrefix)...`).")
                : ContractParameter(name, in: .path, .string(maxLength: Self.messageIDMaxLength), "The message's id (`msg_...`).")
        }
        return ContractRoute(
            operation, method, path, summary: summary, description: description + " Needs the scope `\(options.scope)`.",
            request: request, requestOptional: requestOptional, responses: responses, credentials: .userTokenOrKey, errors: errors,
            implied: ContractError.serverErrors, parameters: parameters + query)
    }

    private static func json(_ status: Int, _ schema: String, _ meaning: String = "Success.") -> ContractResponse {
        ContractResponse(status, .json(schema), meaning)
    }
}
