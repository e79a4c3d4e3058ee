/// The `webhooks` section of `app.json`: which table changes are events, whether they belong to
/// the changing organization, how deliveries are signed, timed and retried, and the
/// subscriptions declared in files. Absent: the app emits no webhooks.
public struct WebhooksConfig: Codable, Sendable, Hashable {
    /// Whether each event belongs to the organization whose row changed (tenant-scoped tables):
    /// the payload then names it, and subscriptions are tied to one organization.
    public var tenantScoped: Bool
    /// How deliveries are signed.
    public var signature: WebhookSignatureConfig
    /// Timeouts, retries and limits of deliveries.
    public var delivery: WebhookDeliveryConfig
    /// The table events the app emits, table by table, in declaration order.
    public var tables: [WebhookTableEventsConfig]
    /// Subscriptions declared in the schema (URL and secret from environment variables).
    public var subscriptions: [WebhookStaticSubscriptionConfig]
    /// The management API of subscriptions stored in the database, or `nil` (static ones only).
    public var management: WebhookManagementConfig?
    /// Custom event types custom handlers emit (`webhooks.events`), in declaration order.
    public var events: [WebhookCustomEventConfig] = []
    /// How table events' bodies are shaped (`payload`).
    public var payload: WebhookPayloadFormat = .envelope

    /// Creates the section; the defaults are the platform conventions.
    public init(
        tenantScoped: Bool = false, signature: WebhookSignatureConfig = .init(), delivery: WebhookDeliveryConfig = .init(),
        tables: [WebhookTableEventsConfig] = [], subscriptions: [WebhookStaticSubscriptionConfig] = [],
        management: WebhookManagementConfig? = nil
    ) {
        self.management = management
        self.tenantScoped = tenantScoped
        self.signature = signature
        self.delivery = delivery
        self.tables = tables
        self.subscriptions = subscriptions
    }

    /// Every event type the app emits: `<table>.<operation>` in declaration order, then the
    /// custom types.
    public var eventTypes: [String] {
        tableEventTypes + events.map(\.type)
    }

    /// The table event types alone: `<table>.<operation>` in declaration order.
    public var tableEventTypes: [String] {
        tables.flatMap { table in table.operations.map { "\(table.table).\($0.rawValue)" } }
    }
}

/// How outgoing deliveries are signed.
public enum WebhookSignatureScheme: String, Codable, Sendable, CaseIterable, Hashable {
    /// Standard Webhooks 1.0: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>`.
    case standardWebhooks = "standard-webhooks"
    /// `sha256=<hex HMAC-SHA256(secret, body)>` in a header the app names.
    case hmacSHA256 = "hmac-sha256"
}

/// `webhooks.signature`.
public struct WebhookSignatureConfig: Codable, Sendable, Hashable {
    /// The scheme.
    public var scheme: WebhookSignatureScheme
    /// The header carrying an `hmac-sha256` signature.
    public var header: String

    /// The header `hmac-sha256` signatures go in unless the schema names another.
    public static let defaultHeader = "X-Webhook-Signature"

    /// Creates the settings; Standard Webhooks unless told otherwise.
    public init(scheme: WebhookSignatureScheme = .standardWebhooks, header: String = defaultHeader) {
        self.scheme = scheme
        self.header = header
    }
}

/// `webhooks.delivery`: how long an attempt may take, when failed attempts are retried, and
/// when a failing endpoint is given up on.
public struct WebhookDeliveryConfig: Codable, Sendable, Hashable {
    /// The whole attempt (connect, send, answer) must finish within this many seconds.
    public var timeoutSeconds: Int
    /// Connecting must finish within this many seconds.
    public var connectTimeoutSeconds: Int
    /// Seconds to wait before each retry; a message is `failed` once they are used up.
    public var retrySchedule: [Int]
    /// Each wait varies randomly by up to this percentage either way, so retries spread out.
    public var jitterPercent: Int
    /// Most attempts in flight to one subscription at once (per server instance).
    public var maxConcurrencyPerEndpoint: Int
    /// A subscription whose every attempt failed for this many hours in a row (no success in
    /// between) is disabled, and the disabling is audited.
    public var disableAfterFailingHours: Int = 120
    /// Days a message, its deliveries and their attempts are kept once none of its deliveries is
    /// pending any more; older ones are purged.
    public var retentionDays: Int = 30

    /// Creates the settings; the defaults follow the schedule (5 s, 5 min, 30 min, 2 h,
    /// 5 h, 10 h, 10 h, ±20 %).
    public init(
        timeoutSeconds: Int = 15, connectTimeoutSeconds: Int = 15, retrySchedule: [Int] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000],
        jitterPercent: Int = 20, maxConcurrencyPerEndpoint: Int = 4
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.retrySchedule = retrySchedule
        self.jitterPercent = jitterPercent
        self.maxConcurrencyPerEndpoint = maxConcurrencyPerEndpoint
    }
}

/// The kinds of change a table event reports.
public enum WebhookTableOperation: String, Codable, Sendable, CaseIterable, Hashable {
    /// A record was inserted.
    case created
    /// A record's fields changed.
    case updated
    /// A record was deleted.
    case deleted
    /// A soft-deleted record was made live again.
    case restored
}

/// One member of `webhooks.tables`: a table and the changes of it that are events.
public struct WebhookTableEventsConfig: Codable, Sendable, Hashable {
    /// The table's name.
    public var table: String
    /// The operations, in declaration order.
    public var operations: [WebhookTableOperation]

    /// Creates the entry.
    public init(table: String, operations: [WebhookTableOperation]) {
        self.table = table
        self.operations = operations
    }
}

/// One member of `webhooks.subscriptions`: a subscription configured in files, not by API.
public struct WebhookStaticSubscriptionConfig: Codable, Sendable, Hashable {
    /// Its name (`snake_case`), shown in logs and stored with each delivery.
    public var name: String
    /// What it is for.
    public var description: String
    /// The environment variable holding the URL; unset: the subscription is inactive.
    public var urlEnv: String
    /// The environment variable holding the secret (`whsec_...`).
    public var secretEnv: String
    /// Event type patterns (`tasks.*`, `*`, an exact type).
    public var events: [String]

    /// Whether `pattern` (`*`, `<prefix>.*` or an exact type) covers `type`. The runtime's
    /// `WebhookSettings.pattern(_:matches:)` decides deliveries the same way
    /// (`WebhookUnitTests.patternsAgree` holds the two in step).
    public static func pattern(_ pattern: String, matches type: String) -> Bool {
        if pattern == "*" || pattern == type { return true }
        guard pattern.hasSuffix(".*") else { return false }
        return type.hasPrefix(String(pattern.dropLast()))
    }

    /// Creates the entry.
    public init(name: String, description: String, urlEnv: String, secretEnv: String, events: [String]) {
        self.name = name
        self.description = description
        self.urlEnv = urlEnv
        self.secretEnv = secretEnv
        self.events = events
    }
}

/// `webhooks.payload`: the body of a table event.
public enum WebhookPayloadFormat: String, Codable, Sendable, CaseIterable, Hashable {
    /// `{id, type, timestamp, [organization_id], data: <record>, [previous]}` (Loom's).
    case envelope
    /// `{id, event: "record.create", table, timestamp, [organization_id], data: {record, [previous]}}`
    /// (the released Sovrium's).
    case record
}
