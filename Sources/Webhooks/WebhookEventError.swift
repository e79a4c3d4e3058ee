/// A custom event whose type the app does not declare in `webhooks.events`: code that built an
/// event outside the generated structs. Recording it fails the write (a 500 to the client),
/// so an undeclared type never reaches a subscriber.
public struct WebhookEventError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// The type is not one of the app's custom event types.
        case undeclaredEventType = "undeclared-event-type"
    }

    /// What kind of problem it is.
    public let code: Code = .undeclaredEventType
    /// The type emitted.
    public let type: String

    /// `undeclared-event-type: ...`.
    public var description: String {
        "\(code.rawValue): \"\(type)\" is not declared in webhooks.events; emit the generated event structs"
    }
}
