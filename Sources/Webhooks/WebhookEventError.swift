/// A custom event the outbox cannot record: a type the app does not declare in
/// `webhooks.events` (code that built an event outside the generated structs), or an event
/// emitted without the target its type declares (or with one its type does not declare).
/// Recording it fails the write (a 500 to the client), so such an event never reaches anyone.
public struct WebhookEventError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// The type is not one of the app's custom event types.
        case undeclaredEventType = "undeclared-event-type"
        /// The type declares a per-record `target`, but the event was emitted without one.
        case missingTarget = "missing-target"
        /// The type declares no `target`, but the event was emitted to one.
        case unexpectedTarget = "unexpected-target"
    }

    /// The type emitted.
    public let type: String
    /// What kind of problem it is.
    public let code: Code

    /// Creates the error.
    public init(type: String, code: Code = .undeclaredEventType) {
        self.type = type
        self.code = code
    }

    /// `<code>: ...`.
    public var description: String {
        switch code {
        case .undeclaredEventType:
            return "\(code.rawValue): \"\(type)\" is not declared in webhooks.events; emit the generated event structs"
        case .missingTarget:
            return "\(code.rawValue): \"\(type)\" declares a target; emit it with emit(_:to:) and the record's URL and secret"
        case .unexpectedTarget:
            return "\(code.rawValue): \"\(type)\" declares no target; emit it with emit(_:) so its subscriptions receive it"
        }
    }
}
