/// The batch route as a create-only batch in another API's shape (`envelopes.batch`):
/// `{"<items>": [create bodies]}` answered 201 `{"<created>": [records]}`.
public struct BatchEnvelope: Sendable {
    /// The request member holding the bodies (`records`).
    public let items: String
    /// The answer member holding the created records (`created`).
    public let created: String

    /// Creates an envelope.
    public init(items: String, created: String) {
        self.items = items
        self.created = created
    }
}
