/// The request bodies of the webhook management family, validated by `Webhooks` and documented
/// by the OpenAPI builder from this one declaration.
public struct WebhookRequestBodies: Sendable {
    /// The app's webhook facts.
    public let options: WebhookContractOptions

    /// Longest subscription URL accepted.
    public static let urlMaxLength = 2_048
    /// Longest description accepted.
    public static let descriptionMaxLength = 500
    /// Most event type patterns one subscription holds.
    public static let maximumEventPatterns = 50

    /// Every event type pattern a subscription may hold: `*`, each `<prefix>.*` of a declared
    /// type (`tasks.*`), and each declared type, so the document lists exactly what is accepted.
    public var patterns: [String] {
        var result = ["*"]
        for type in options.eventTypes {
            for index in type.indices where type[index] == "." {
                let prefix = String(type[..<index]) + ".*"
                if !result.contains(prefix) { result.append(prefix) }
            }
        }
        return result + options.eventTypes.filter { !result.contains($0) }
    }

    /// Creates the bodies of an app.
    public init(options: WebhookContractOptions) {
        self.options = options
    }

    /// `POST {webhooks}`.
    public var create: ContractBody {
        ContractBody("WebhookSubscriptionCreate", [
            url(required: true),
            ContractField("description", .string(pattern: nil), "What the subscription is for.", maxLength: Self.descriptionMaxLength),
            eventTypes(required: true),
            ContractField("enabled", .boolean, "Whether deliveries are made (default true)."),
        ])
    }

    /// `PATCH {webhooks}/{id}`.
    public var update: ContractBody {
        ContractBody("WebhookSubscriptionUpdate", [
            url(required: false),
            ContractField(
                "description", .string(pattern: nil), "What the subscription is for; null clears it.", nullable: true,
                maxLength: Self.descriptionMaxLength),
            eventTypes(required: false),
            ContractField("enabled", .boolean, "Whether deliveries are made; enabling a subscription a `410 Gone` disabled clears why."),
        ], partial: true)
    }

    /// `POST {webhooks}/{id}/rotate-secret`.
    public var rotate: ContractBody {
        ContractBody("WebhookSecretRotation", [
            ContractField(
                "grace_seconds", .integer,
                "How long the old secret keeps signing beside the new one (default \(options.defaultRotationGraceSeconds)).",
                minimum: 0, maximum: options.maxRotationGraceSeconds),
        ])
    }

    /// `POST {webhooks}/{id}/replay`.
    public var replay: ContractBody {
        ContractBody("WebhookReplayRequest", [
            ContractField(
                "since", .datetime,
                "Replay every failed message created at or after this time; left out (or no body): every failed message still kept.",
                required: false),
        ])
    }

    /// Every body, for the runtime's validator.
    public var all: [ContractBody] { [create, update, rotate, replay] }

    private func url(required: Bool) -> ContractField {
        ContractField(
            "url", .string(pattern: "[hH][tT][tT][pP][sS]?://.+"),
            "Where deliveries are POSTed: an absolute http or https URL whose host resolves only to public addresses "
                + "(never loopback, private, link-local, shared, unique-local, multicast or unspecified).",
            required: required, minLength: 8, maxLength: Self.urlMaxLength)
    }

    /// The component documenting an event type pattern (`*`, `<prefix>.*` or a type).
    public static let eventTypePatternComponent = "WebhookEventTypePattern"

    private func eventTypes(required: Bool) -> ContractField {
        ContractField(
            "event_types",
            .array(ContractField("event_types", .enumeration(patterns), "An event type pattern.").enumerated(as: Self.eventTypePatternComponent)),
            "Event type patterns: `*` (every event), `<prefix>.*` (such as `tasks.*`) or an exact type.",
            required: required, minLength: 1, maxLength: Self.maximumEventPatterns)
    }
}
