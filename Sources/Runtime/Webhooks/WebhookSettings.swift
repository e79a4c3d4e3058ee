import APIContract

/// An app's `webhooks` section as the runtime uses it, generated from `app.json` and handed to
/// the `Webhooks` module by the server (as `AuthSettings` is to `Auth`).
public struct WebhookSettings: Sendable {
    /// How deliveries are signed.
    public enum Signature: Sendable, Hashable {
        /// Standard Webhooks 1.0: `webhook-signature: v1,<base64 HMAC-SHA256>`.
        case standardWebhooks
        /// `sha256=<hex HMAC-SHA256(secret, body)>` in the named header.
        case hmacSHA256(header: String)
    }

    /// Timeouts, retries and limits of deliveries.
    public struct Delivery: Sendable, Hashable {
        /// Bound on a whole attempt, in seconds.
        public let timeoutSeconds: Int
        /// Bound on connecting, in seconds.
        public let connectTimeoutSeconds: Int
        /// Seconds before each retry; the message fails once they are used up.
        public let retrySchedule: [Int]
        /// Random variation of each wait, in percent either way.
        public let jitterPercent: Int
        /// Most attempts in flight to one subscription per instance.
        public let maxConcurrencyPerEndpoint: Int
        /// Hours of nothing but failed attempts after which a subscription is disabled.
        public let disableAfterFailingHours: Int
        /// The default of `disableAfterFailingHours`: 5 days (`webhooks.delivery` in `app.json`
        /// has the same default, and the generator always writes the app's value).
        public static let defaultDisableAfterFailingHours = 120
        /// Days a message whose deliveries are all done (delivered, or failed for good) is kept,
        /// with its deliveries and their attempts, before `OutboxPurge` deletes it.
        public let retentionDays: Int
        /// The default of `retentionDays` (`webhooks.delivery` has the same default, and the
        /// generator always writes the app's value).
        public static let defaultRetentionDays = 30

        /// Creates the settings.
        public init(
            timeoutSeconds: Int, connectTimeoutSeconds: Int, retrySchedule: [Int], jitterPercent: Int, maxConcurrencyPerEndpoint: Int,
            disableAfterFailingHours: Int = defaultDisableAfterFailingHours, retentionDays: Int = defaultRetentionDays
        ) {
            self.retentionDays = retentionDays
            self.timeoutSeconds = timeoutSeconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.retrySchedule = retrySchedule
            self.jitterPercent = jitterPercent
            self.maxConcurrencyPerEndpoint = maxConcurrencyPerEndpoint
            self.disableAfterFailingHours = disableAfterFailingHours
        }
    }

    /// One event type the app emits: a kind of change of one generated table.
    public struct EventType: Sendable, Hashable {
        /// The type (`tasks.updated`).
        public let type: String
        /// What it reports.
        public let description: String
        /// The table whose changes it reports.
        public let table: String
        /// The kind of change.
        public let operation: RecordChange.Operation

        /// Creates an event type.
        public init(type: String, description: String, table: String, operation: RecordChange.Operation) {
            self.type = type
            self.description = description
            self.table = table
            self.operation = operation
        }
    }

    /// A custom event type custom handlers emit (`webhooks.events`), its data a `CustomEvent`.
    public struct CustomEventType: Sendable, Hashable {
        /// The type (`project.copied`).
        public let type: String
        /// What it reports.
        public let description: String
        /// Where each event goes when it names its own receiver (`target`); `nil`: to subscriptions.
        public let target: Target?

        /// Creates a custom event type.
        public init(type: String, description: String, target: Target? = nil) {
            self.type = type
            self.description = description
            self.target = target
        }
    }

    /// A per-record delivery target (`webhooks.events.<type>.target`): each event of the type
    /// goes to the URL and secret its emitter passes (`WebhookTarget`), signed and retried as
    /// declared, through the same outbox, claims and attempt log as subscriptions.
    public struct Target: Sendable, Hashable {
        /// The body's shape.
        public enum Body: String, Sendable, Hashable {
            /// `{id, type, timestamp, data}`.
            case envelope
            /// `{"event": <type>, <the data's members>, "timestamp"}`.
            case flat
        }

        /// How each delivery is signed with the emitted secret.
        public let signature: Signature
        /// Seconds before each retry.
        public let retrySchedule: [Int]
        /// Random variation of each wait, in percent either way.
        public let jitterPercent: Int
        /// The body's shape.
        public let body: Body

        /// Creates the target declaration.
        public init(signature: Signature, retrySchedule: [Int], jitterPercent: Int, body: Body) {
            self.signature = signature
            self.retrySchedule = retrySchedule
            self.jitterPercent = jitterPercent
            self.body = body
        }
    }

    /// A subscription declared in `app.json` (URL and secret from the environment).
    public struct StaticSubscription: Sendable, Hashable {
        /// Its name, stored with each delivery.
        public let name: String
        /// What it is for.
        public let description: String
        /// The variable holding the URL; unset: inactive.
        public let urlVariable: String
        /// The variable holding the secret.
        public let secretVariable: String
        /// Event type patterns (`*`, `tasks.*`, an exact type).
        public let events: [String]

        /// Creates the declaration.
        public init(name: String, description: String, urlVariable: String, secretVariable: String, events: [String]) {
            self.name = name
            self.description = description
            self.urlVariable = urlVariable
            self.secretVariable = secretVariable
            self.events = events
        }
    }

    // MARK: Management API (issue 13)

    /// Where the management routes are served and who may call them (`webhooks.management`).
    public struct Management: Sendable, Hashable {
        /// The complete path of the family (`/v1/webhooks`).
        public let path: String
        /// The scope a caller needs (`*` and `<resource>:*` grant it too).
        public let scope: String
        /// Longest grace period of a rotated secret, in seconds.
        public let maxRotationGraceSeconds: Int
        /// Operation name → the paths it is served at under `path` instead of its own (`webhooks.management.routes`).
        public let routes: [String: [String]]

        /// Creates the settings.
        public init(path: String, scope: String, maxRotationGraceSeconds: Int, routes: [String: [String]] = [:]) {
            self.routes = routes
            self.path = path
            self.scope = scope
            self.maxRotationGraceSeconds = maxRotationGraceSeconds
        }
    }

    /// The management API, when the app declares one: subscriptions stored in the database.
    public let management: Management?

    /// Whether each event belongs to the organization whose row changed.
    public let tenantScoped: Bool
    /// How deliveries are signed.
    public let signature: Signature
    /// Timeouts, retries and limits.
    public let delivery: Delivery
    /// Every event type, in declaration order.
    public let events: [EventType]
    /// Subscriptions declared in `app.json`.
    public let subscriptions: [StaticSubscription]
    /// Custom event types, in declaration order.
    public let customEvents: [CustomEventType]
    /// How table events' bodies are shaped (`webhooks.payload`).
    public let payload: Payload
    /// Each table event type's name in the record payload (`projects.created` → `record.create`), made once.
    private let recordEvents: [String: String]

    /// The body of a table event.
    public enum Payload: String, Sendable, Hashable {
        /// `{id, type, timestamp, [organization_id], data: <record>, [previous]}`.
        case envelope
        /// `{id, event: "record.create", table, timestamp, [organization_id], data: {record, [previous]}}`.
        case record
    }

    /// Creates the settings.
    public init(
        tenantScoped: Bool, signature: Signature, delivery: Delivery, events: [EventType], customEvents: [CustomEventType] = [],
        subscriptions: [StaticSubscription] = [], management: Management? = nil, payload: Payload = .envelope
    ) {
        self.payload = payload
        self.recordEvents = Dictionary(
            events.map { ($0.type, WebhookContract.recordEvent(change: $0.operation.rawValue)) }, uniquingKeysWith: { first, _ in first })
        self.customEvents = customEvents
        self.management = management
        self.tenantScoped = tenantScoped
        self.signature = signature
        self.delivery = delivery
        self.events = events
        self.subscriptions = subscriptions
    }

    /// What the record payload calls events of `type`: `record.create` for a table's `created`
    /// (`WebhookContract.recordEvent`), the type itself for custom and test events.
    public func recordEvent(of type: String) -> String { recordEvents[type] ?? type }

    /// The type reporting `operation` on `table`, when the app declares it an event.
    public func eventType(table: String, operation: RecordChange.Operation) -> String? {
        events.first { $0.table == table && $0.operation == operation }?.type
    }

    /// Every event type subscriptions may receive: table events first, then the custom ones
    /// that name no per-record target.
    public var allEventTypes: [String] {
        events.map(\.type) + customEvents.filter { $0.target == nil }.map(\.type)
    }

    /// Whether custom handlers may emit `type` (the app declares it in `webhooks.events`).
    public func declaresCustomEvent(_ type: String) -> Bool {
        customEvents.contains { $0.type == type }
    }

    /// The custom event types delivered to per-record targets, in declaration order.
    public var targetedEvents: [CustomEventType] {
        customEvents.filter { $0.target != nil }
    }

    /// The name a targeted type's deliveries are stored under (`target:<type>`; no static
    /// subscription name has a colon and no stored one starts with `target`).
    public static func targetSubscriptionName(_ type: String) -> String {
        "target:" + type
    }

    /// Whether `pattern` (`*`, `<prefix>.*` or an exact type) covers `type`; the schema
    /// validator applies the same rule to static subscriptions.
    public static func pattern(_ pattern: String, matches type: String) -> Bool {
        if pattern == "*" || pattern == type { return true }
        guard pattern.hasSuffix(".*") else { return false }
        return type.hasPrefix(String(pattern.dropLast()))
    }
}
