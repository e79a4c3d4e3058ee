import Foundation
import Runtime

/// A subscription this process delivers to: a static subscription of `app.json` whose URL
/// variable is set, with its secret read and checked at start-up.
public struct ActiveSubscription: Sendable {
    /// Its name, stored with each delivery.
    public let name: String
    /// Where deliveries go (http or https).
    public let url: URL
    /// The signing secrets: the current one first.
    public let secrets: [WebhookSecret]
    /// Event type patterns.
    public let events: [String]
    /// The organization a stored subscription belongs to (`nil`: a static one, or an app
    /// admin's); its disabling is audited under it.
    public var organizationID: String? = nil
    /// Set for the deliveries of a per-record target type (`target:<type>`): each delivery
    /// carries its own URL and secret, signed and retried as the target declares, and the
    /// subscription is never disabled.
    public var target: WebhookSettings.Target? = nil

    /// Creates a subscription.
    public init(name: String, url: URL, secrets: [WebhookSecret], events: [String]) {
        self.name = name
        self.url = url
        self.secrets = secrets
        self.events = events
    }

    /// Whether events of `type` go to this subscription.
    public func receives(_ type: String) -> Bool {
        events.contains { WebhookSettings.pattern($0, matches: type) }
    }

    /// The delivery streams of the per-record target types of `settings`, one per type; their
    /// `url` is never used (each delivery names its own).
    public static func targets(_ settings: WebhookSettings) -> [ActiveSubscription] {
        settings.targetedEvents.compactMap { event in
            guard let target = event.target, let placeholder = URL(string: "http://per-delivery.invalid/") else { return nil }
            var subscription = ActiveSubscription(
                name: WebhookSettings.targetSubscriptionName(event.type), url: placeholder, secrets: [], events: [event.type])
            subscription.target = target
            return subscription
        }
    }

    /// The static subscriptions of `settings` whose URL variable is set in `environment`.
    /// - Throws: `WebhookConfigurationError` for a URL that is not http(s) or a secret that is
    ///   missing or malformed, naming the variable.
    public static func configured(_ settings: WebhookSettings, environment: [String: String]) throws -> [ActiveSubscription] {
        try settings.subscriptions.compactMap { declared in
            guard let text = environment[declared.urlVariable], !text.isEmpty else { return nil }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                throw WebhookConfigurationError(code: .refusedURL, message: "\(declared.urlVariable) must be an absolute http or https URL")
            }
            guard let secret = environment[declared.secretVariable], !secret.isEmpty else {
                throw WebhookConfigurationError(
                    code: .invalidSecret, message: "\(declared.secretVariable) is unset but \(declared.urlVariable) is set; set it to a whsec_ secret")
            }
            guard let parsed = try? WebhookSecret(secret) else {
                throw WebhookConfigurationError(
                    code: .invalidSecret, message: "\(declared.secretVariable) must be \"whsec_\" followed by the base64 of 24 to 64 bytes")
            }
            return ActiveSubscription(name: declared.name, url: url, secrets: [parsed], events: declared.events)
        }
    }
}
