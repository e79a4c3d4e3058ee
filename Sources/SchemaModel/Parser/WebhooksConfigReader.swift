/// Reads the `webhooks` section of `app.json`.
///
/// Absent optional keys take the defaults of `WebhooksConfig`; problems go to the diagnostics
/// and placeholders stand in for bad values (the parser returns no schemas after an error).
enum WebhooksConfigReader {
    /// Reads `webhooks` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> WebhooksConfig? {
        guard let reader = app.object("webhooks", keys: SchemaKeys.webhooks) else { return nil }
        let defaults = WebhooksConfig()
        var config = WebhooksConfig(
            tenantScoped: reader.bool("tenantScoped") ?? defaults.tenantScoped,
            signature: readSignature(reader) ?? defaults.signature,
            delivery: readDelivery(reader) ?? defaults.delivery,
            tables: readTables(reader),
            subscriptions: readSubscriptions(reader),
            management: readManagement(reader))
        config.events = readEvents(reader)
        config.payload = reader.choice("payload", named: "webhook payload") ?? .envelope
        return config
    }

    /// `{"project.copied": {"description": ..., "payload": {...}}, ...}` in declaration order.
    private static func readEvents(_ webhooks: ObjectReader) -> [WebhookCustomEventConfig] {
        guard let members = webhooks.members("events") else { return [] }
        let path = webhooks.path(of: "events")
        return members.compactMap { member in
            guard
                let reader = ObjectReader(
                    member.value, at: JSONPath.member(member.key, of: path), keys: SchemaKeys.webhookEvent, values: webhooks.values)
            else { return nil }
            var payload = WebhookEventPayloadConfig(description: "")
            if let payloadReader = reader.object("payload", keys: SchemaKeys.webhookEventPayload) {
                payload.description = payloadReader.string("description") ?? ""
                payload.table = payloadReader.string("table")
                if let fields = payloadReader.members("fields") {
                    payload.fields = FieldSchemaReader.readFields(fields, at: payloadReader.path(of: "fields"), values: payloadReader.values)
                }
            }
            var event = WebhookCustomEventConfig(type: member.key, description: reader.string("description") ?? "", payload: payload)
            event.target = readTarget(reader)
            return event
        }
    }

    /// `target`: signature (default `hmac-sha256` in `X-Webhook-Signature`), retries (default
    /// 1 s, 5 s, 30 s without jitter) and body shape (default the envelope).
    private static func readTarget(_ event: ObjectReader) -> WebhookTargetConfig? {
        guard let reader = event.object("target", keys: SchemaKeys.webhookTarget) else { return nil }
        let defaults = WebhookTargetConfig()
        var target = defaults
        target.signature = readSignature(reader) ?? defaults.signature
        if let values = reader.array("retrySchedule") {
            let path = reader.path(of: "retrySchedule")
            target.retrySchedule = values.enumerated().compactMap { reader.values.integer($0.element, at: JSONPath.element($0.offset, of: path)) }
        }
        target.jitterPercent = reader.integer("jitterPercent") ?? defaults.jitterPercent
        target.body = reader.choice("body", named: "target body") ?? defaults.body
        return target
    }

    private static func readManagement(_ webhooks: ObjectReader) -> WebhookManagementConfig? {
        guard let reader = webhooks.object("management", keys: SchemaKeys.webhookManagement) else { return nil }
        return WebhookManagementConfig(
            path: reader.string("path") ?? "/webhooks", scope: reader.string("scope") ?? "webhooks",
            maxRotationGraceSeconds: reader.integer("maxRotationGraceSeconds") ?? WebhookManagementConfig.defaultMaxRotationGraceSeconds,
            routes: readManagementRoutes(reader))
    }

    /// `{"listMessages": "/{id}/logs", "replayFailed": ["/{id}/retry", "/{id}/replay"]}`: a path, or paths (the
    /// first its own, the others aliases), per operation; the operations and paths are checked by `WebhookRules`.
    private static func readManagementRoutes(_ management: ObjectReader) -> [String: [String]] {
        var routes: [String: [String]] = [:]
        for (key, override) in RouteOverrideReader.readMap(management) {
            guard !override.paths.isEmpty, override.members.isEmpty, override.method == nil, override.status == nil, override.answer == nil else {
                management.values.diagnostics.error(
                    .invalidRoute, file: management.values.file, path: JSONPath.member(key, of: management.path(of: "routes")),
                    "a management operation is moved with a path or an array of paths; it cannot be switched off, renamed, re-methoded or answer otherwise")
                continue
            }
            routes[key] = override.paths
        }
        return routes
    }

    private static func readSignature(_ webhooks: ObjectReader) -> WebhookSignatureConfig? {
        guard let reader = webhooks.object("signature", keys: SchemaKeys.webhookSignature) else { return nil }
        return WebhookSignatureConfig(
            scheme: reader.choice("scheme", named: "signature scheme") ?? .standardWebhooks,
            header: reader.string("header") ?? WebhookSignatureConfig.defaultHeader)
    }

    private static func readDelivery(_ webhooks: ObjectReader) -> WebhookDeliveryConfig? {
        guard let reader = webhooks.object("delivery", keys: SchemaKeys.webhookDelivery) else { return nil }
        let defaults = WebhookDeliveryConfig()
        var schedule = defaults.retrySchedule
        if let values = reader.array("retrySchedule") {
            let path = reader.path(of: "retrySchedule")
            schedule = values.enumerated().compactMap { reader.values.integer($0.element, at: JSONPath.element($0.offset, of: path)) }
        }
        var delivery = WebhookDeliveryConfig(
            timeoutSeconds: reader.integer("timeoutSeconds") ?? defaults.timeoutSeconds,
            connectTimeoutSeconds: reader.integer("connectTimeoutSeconds") ?? defaults.connectTimeoutSeconds,
            retrySchedule: schedule,
            jitterPercent: reader.integer("jitterPercent") ?? defaults.jitterPercent,
            maxConcurrencyPerEndpoint: reader.integer("maxConcurrencyPerEndpoint") ?? defaults.maxConcurrencyPerEndpoint)
        delivery.disableAfterFailingHours = reader.integer("disableAfterFailingHours") ?? defaults.disableAfterFailingHours
        delivery.retentionDays = reader.integer("retentionDays") ?? defaults.retentionDays
        return delivery
    }

    /// `{"tasks": ["created", "updated"], ...}` in declaration order.
    private static func readTables(_ webhooks: ObjectReader) -> [WebhookTableEventsConfig] {
        guard let members = webhooks.members("tables") else { return [] }
        let path = webhooks.path(of: "tables")
        return members.compactMap { member in
            let tablePath = JSONPath.member(member.key, of: path)
            guard let elements = webhooks.values.array(member.value, at: tablePath) else { return nil }
            let operations: [WebhookTableOperation] = elements.enumerated().compactMap { element in
                webhooks.values.choice(element.element, at: JSONPath.element(element.offset, of: tablePath), named: "table event")
            }
            return WebhookTableEventsConfig(table: member.key, operations: operations)
        }
    }

    /// `{"billing": {"urlEnv": ..., "secretEnv": ..., "events": [...]}, ...}` in declaration order.
    private static func readSubscriptions(_ webhooks: ObjectReader) -> [WebhookStaticSubscriptionConfig] {
        guard let members = webhooks.members("subscriptions") else { return [] }
        let path = webhooks.path(of: "subscriptions")
        return members.compactMap { member in
            guard
                let reader = ObjectReader(
                    member.value, at: JSONPath.member(member.key, of: path), keys: SchemaKeys.webhookSubscription, values: webhooks.values)
            else { return nil }
            return WebhookStaticSubscriptionConfig(
                name: member.key, description: reader.string("description") ?? "", urlEnv: reader.string("urlEnv") ?? "",
                secretEnv: reader.string("secretEnv") ?? "", events: reader.stringArray("events") ?? [])
        }
    }
}
