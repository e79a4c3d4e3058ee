/// One member of `webhooks.events`: a custom event type that custom endpoint handlers emit
/// (`generation.completed`), with the payload's `data` member.
public struct WebhookCustomEventConfig: Codable, Sendable, Hashable {
    /// The type (`project.copied`): lower-case `snake_case` words joined by dots, at least two.
    public var type: String
    /// What the event reports.
    public var description: String
    /// The `data` member of the payload.
    public var payload: WebhookEventPayloadConfig
    /// A per-record delivery target (`webhooks.events.<type>.target`): each emitted event goes
    /// to the URL and secret the emitting code passes (from the record it completes), signed
    /// and retried as declared here, and to no subscription; `nil`: subscriptions receive it.
    public var target: WebhookTargetConfig? = nil

    /// The Swift name the generator gives the payload struct (`project.copied` -> `ProjectCopied`).
    public var swiftName: String {
        type.split(separator: ".").flatMap { $0.split(separator: "_") }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Creates the entry.
    public init(type: String, description: String, payload: WebhookEventPayloadConfig) {
        self.type = type
        self.description = description
        self.payload = payload
    }
}

/// `webhooks.events.<type>.payload`: the event's `data`, described by fields (as a request
/// body) or the record of a table (as the table's routes answer it).
public struct WebhookEventPayloadConfig: Codable, Sendable, Hashable {
    /// Documentation of the data.
    public var description: String
    /// The data's fields in declaration order (empty when `table` is set).
    public var fields: [FieldSchema]
    /// A table of the app whose record is the data, or `nil` (then `fields`).
    public var table: String?

    /// Creates the payload declaration.
    public init(description: String, fields: [FieldSchema] = [], table: String? = nil) {
        self.description = description
        self.fields = fields
        self.table = table
    }
}

/// `webhooks.events.<type>.target`: the event goes to a URL and secret named by the record it
/// reports (a job's caller-given callback), not to subscriptions.
public struct WebhookTargetConfig: Codable, Sendable, Hashable {
    /// How each delivery is signed with the record's secret (`hmac-sha256`: the secret's bytes
    /// are the key; `standard-webhooks`: the secret must be `whsec_...`).
    public var signature: WebhookSignatureConfig
    /// Seconds before each retry; the delivery fails once they are used up.
    public var retrySchedule: [Int]
    /// Random variation of each wait, in percent either way (default 0: the waits as declared).
    public var jitterPercent: Int
    /// The body's shape.
    public var body: WebhookTargetBody

    /// Creates the declaration.
    public init(
        signature: WebhookSignatureConfig = .init(scheme: .hmacSHA256), retrySchedule: [Int] = [1, 5, 30], jitterPercent: Int = 0,
        body: WebhookTargetBody = .envelope
    ) {
        self.signature = signature
        self.retrySchedule = retrySchedule
        self.jitterPercent = jitterPercent
        self.body = body
    }
}

/// The JSON body of a targeted delivery.
public enum WebhookTargetBody: String, Codable, Sendable, CaseIterable, Hashable {
    /// `{id, type, timestamp, data}`, as subscriptions receive custom events.
    case envelope
    /// `{"event": <type>, <the data's members>, "timestamp"}`: the data's members at the top.
    case flat
}
