/// One member of `webhooks.events`: a custom event type that custom endpoint handlers emit
/// (`generation.completed`), with the payload's `data` member.
public struct WebhookCustomEventConfig: Codable, Sendable, Hashable {
    /// The type (`project.copied`): lower-case `snake_case` words joined by dots, at least two.
    public var type: String
    /// What the event reports.
    public var description: String
    /// The `data` member of the payload.
    public var payload: WebhookEventPayloadConfig

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
